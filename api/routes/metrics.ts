import { Router } from 'express';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { scrapeAccess } from '../metrics/scrapeAccess';

/** Prometheus text format at /metrics, beside the API rather than under it, where scrapers look by default. */
export function metricsRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const metrics = deps.metrics!;
  // A signed-in admin or the METRICS_TOKEN bearer (scrapeAccess): the contract's `scrape` access.
  table.route(router, '', ROUTES.metrics, scrapeAccess(deps), async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
