import type { Request, RequestHandler } from 'express';
import type { AppMetrics } from './appMetrics';

/** The label of a request no route matched (static files, 404s): raw URLs would make a series per URL. */
const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still the mount path of the
 * router that holds it; by the time the answer is sent an error may have left that router and reset
 * `baseUrl`. So the pattern is read at the moment the route is set.
 */
function watchRoute(req: Request): () => string {
  let pattern: string | null = null;
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value && typeof value.path === 'string') pattern = `${req.baseUrl}${value.path}`;
    },
  });
  return () => pattern ?? UNMATCHED_ROUTE;
}

/** Times every request and records it by method, matched route pattern and status. */
export function requestTimer(metrics: Pick<AppMetrics, 'httpRequest'>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const pattern = watchRoute(req);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(req.method, pattern(), res.statusCode, seconds);
    });
    next();
  };
}
