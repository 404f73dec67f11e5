import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { permissionsOf } from '../../contract/access';
import { UNKNOWN_USER_HASH, verifyPassword } from '../auth/password';
import { CSRF_COOKIE, SESSION_COOKIE, createSession, deleteSession } from '../auth/sessions';
import { HttpProblem, parseOrThrow, problems, sendProblem } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { loginSchema } from '../../contract/schemas/auth';
import { ROUTES } from '../../contract/routes';

function setSessionCookies(res: Response, deps: AppDeps, token: string, csrf: string): void {
  const common = { sameSite: 'strict' as const, secure: deps.config.cookieSecure, path: '/', maxAge: deps.config.sessionTtlMs };
  res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  // Readable by the console's script, which echoes it in X-CSRF-Token on every change.
  res.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

export function authRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.config.loginRateLimit,
    standardHeaders: 'draft-8',
    // Ignoring X-Forwarded-For unless TRUST_PROXY says a proxy sets it is the point, not a misconfiguration.
    validate: { xForwardedForHeader: false },
    legacyHeaders: false,
    handler: (req, res) =>
      sendProblem(res, new HttpProblem(429, 'rateLimited', 'Too many sign-in attempts', 'Wait a few minutes before trying again.'), req.originalUrl, req.id as string),
  });

  table.route(router, '/api/auth', ROUTES.login, loginLimiter, async (req, res) => {
    const input = parseOrThrow(loginSchema, req.body);
    const now = deps.clock.now();
    const staff = await deps.db('staff').where({ email: input.email }).first();
    const ok = await verifyPassword(input.password, staff?.password_hash ?? UNKNOWN_USER_HASH);
    if (!staff || !ok || !staff.active) {
      if (staff) {
        await deps.db.transaction((trx) =>
          appendAudit(trx, { actor: { kind: 'staff', staffId: staff.id }, action: 'auth.login_failed', subjectType: 'staff', subjectId: staff.id, requestId: req.id as string, at: now }),
        );
      }
      throw problems.unauthenticated('Wrong e-mail or password.');
    }
    // A session the client already had is dropped: the new login always gets a new token.
    const previous = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (previous) await deleteSession(deps.db, previous);
    const session = await deps.db.transaction(async (trx) => {
      const s = await createSession(trx, staff.id, now, deps.config.sessionTtlMs);
      await trx('staff').where({ id: staff.id }).update({ last_login_at: now });
      await appendAudit(trx, { actor: { kind: 'staff', staffId: staff.id }, action: 'auth.login', subjectType: 'staff', subjectId: staff.id, detail: { mode: input.mode }, requestId: req.id as string, at: now });
      return s;
    });
    const profile = { id: staff.id, email: staff.email, displayName: staff.display_name, role: staff.role, locale: staff.locale };
    if (input.mode === 'token') {
      res.json({ ...profile, token: session.token, expiresAt: session.expiresAt.toISOString() });
      return;
    }
    setSessionCookies(res, deps, session.token, session.csrfToken);
    res.json({ ...profile, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
  });

  table.route(router, '/api/auth', ROUTES.logout, async (req, res) => {
    const cookieToken = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const token = req.staff!.via === 'bearer' ? bearer : cookieToken;
    await deps.db.transaction(async (trx) => {
      if (token) await deleteSession(trx, token);
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'auth.logout', subjectType: 'staff', subjectId: req.staff!.id, requestId: req.id as string, at: deps.clock.now() });
    });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
    res.status(204).end();
  });

  table.route(router, '/api/auth', ROUTES.me, (req, res) => {
    const { via: _via, ...profile } = req.staff!;
    res.json({ ...profile, permissions: permissionsOf(profile.role) });
  });

  return router;
}
