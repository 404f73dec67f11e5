import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../deps';
import { problems } from '../http/problem';
import type { Role } from '../../contract/access';
import { CSRF_HEADER, SESSION_COOKIE, findSession, setReadFence } from './sessions';
import { API_KEY_PREFIX, sha256Hex } from './tokens';

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves a staff session from the cookie or a bearer token; leaves `req.staff` unset when there is none. */
export function staffSession(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    try {
      const bearer = bearerToken(req.header('authorization'));
      const cookieToken = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      const token = bearer && !bearer.startsWith(API_KEY_PREFIX) ? bearer : cookieToken;
      if (!token) return next();
      const found = await findSession(deps.db, token, deps.clock.now());
      if (!found) return next();
      const via = token === bearer ? 'bearer' : 'cookie';
      // A cookie rides along on cross-site requests; the double-submitted token proves the page is ours.
      if (via === 'cookie' && !SAFE_METHODS.has(req.method)) {
        const sent = req.header(CSRF_HEADER);
        // Public routes (login) still work; routes that need the session refuse in allowRoles.
        if (!sent || !sameSecret(sent, found.csrfToken)) {
          req.csrfRejected = true;
          return next();
        }
      }
      req.staff = { ...found.staff, via };
      req.sessionTokenHash = found.tokenHash;
      req.readFence = found.readFence;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Every staff route names the roles it allows: 401 without a session, 403 with another role. */
export function allowRoles(roles: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (req.csrfRejected) return next(problems.forbidden('Missing or wrong CSRF token; reload the console.'));
    if (!req.staff) return next(problems.unauthenticated());
    if (!roles.includes(req.staff.role)) return next(problems.forbidden(`This needs one of the roles: ${roles.join(', ')}.`));
    next();
  };
}

/** Platform routes: an API key in `Authorization: Bearer tck_…` or `X-API-Key`. */
export function requireApiKey(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    try {
      const key = bearerToken(req.header('authorization')) ?? req.header('x-api-key') ?? null;
      if (!key || !key.startsWith(API_KEY_PREFIX)) return next(problems.unauthenticated('This route needs a platform API key.'));
      const hash = sha256Hex(key);
      const cached = deps.apiKeyCache?.get(hash);
      if (cached) {
        req.apiKey = cached;
        return next();
      }
      const row = await deps.db('api_keys').where({ key_hash: hash }).whereNull('revoked_at').first('id', 'name', 'source');
      if (!row) return next(problems.unauthenticated('Unknown or revoked API key.'));
      req.apiKey = { id: row.id, name: row.name, source: row.source };
      deps.apiKeyCache?.remember(hash, req.apiKey);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * With a standby serving reads: a staff member's successful change records the primary's WAL
 * position in their session before the answer leaves, so the next read (on any replica) sees it.
 * The change's transaction has committed by the time the route calls res.end.
 */
export function recordReadFence(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const reads = deps.reads;
    const tokenHash = req.sessionTokenHash;
    if (!reads?.enabled || SAFE_METHODS.has(req.method) || !req.staff || !tokenHash) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    let fenced = false;
    res.end = ((...args: unknown[]) => {
      if (fenced || res.statusCode >= 400) return end(...args);
      fenced = true;
      reads
        .primaryLsn()
        .then((lsn) => setReadFence(deps.db, tokenHash, lsn, deps.clock.now()))
        .catch((err: unknown) =>
          deps.logger.error({ err }, 'could not record the read fence; this session may read stale rows from the standby'),
        )
        .finally(() => end(...args));
      return res;
    }) as typeof res.end;
    next();
  };
}
