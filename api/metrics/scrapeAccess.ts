import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../deps';
import { staffSession } from '../auth/middleware';
import { problems } from '../http/problem';

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A scraper sends METRICS_TOKEN as a bearer token; a person reads /metrics signed in as an admin.
 * Neither is a 401, another role a 403, both problem+json.
 */
export function scrapeAccess(deps: AppDeps): RequestHandler {
  const session = staffSession(deps);
  const token = deps.config.metricsToken;
  return (req, res, next) => {
    const sent = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token && sent && sameToken(sent, token)) return next();
    session(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!req.staff) return next(problems.unauthenticated('Send the METRICS_TOKEN as a bearer token, or sign in as an admin.'));
      if (req.staff.role !== 'admin') return next(problems.forbidden('Only admins and the metrics token may read /metrics.'));
      next();
    });
  };
}
