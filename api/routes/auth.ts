import { Router, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../deps';
import { permissionsOf } from '../../contract/access';
import { signIn, signOut } from '../auth/signIn';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/sessions';
import { HttpProblem, parseOrThrow, sendProblem } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { loginSchema } from '../../contract/schemas/auth';

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
      sendProblem(
        res,
        new HttpProblem(429, 'rateLimited', 'Too many sign-in attempts', 'Wait a few minutes before trying again.'),
        req.originalUrl,
        req.id as string,
      ),
  });

  table.route(router, '/api/auth', ROUTES.login, loginLimiter, async (req, res) => {
    const input = parseOrThrow(loginSchema, req.body);
    // A session the client already had is dropped: the new login always gets a new token.
    const previous = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const { profile, session } = await signIn(deps.db, input, previous, {
      requestId: req.id as string,
      at: deps.clock.now(),
      ttlMs: deps.config.sessionTtlMs,
    });
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
    await signOut(deps.db, req.staff!.id, token, { requestId: req.id as string, at: deps.clock.now() });
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
