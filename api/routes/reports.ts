import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { reportIdParamSchema, reportInputSchema } from '../schemas/reports';
import { readBatch } from '../http/batch';
import { ingestReports, reportByExternalId } from '../reports/ingestReports';

/** Member reports from the platform; mounted behind the ingestion router's API key and rate limit. */
export function reportRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  table.record({ method: 'post', path: '/api/v1/reports', access: 'api_key' });
  router.post('/reports', async (req, res) => {
    const { items } = readBatch(reportInputSchema, req.body);
    const stored = await ingestReports(deps.db, req.apiKey!.source, items, deps.clock.now());
    res.status(stored.some((r) => r.created) ? 201 : 200).json({ items: stored });
  });

  table.record({ method: 'get', path: '/api/v1/reports/:externalId', access: 'api_key' });
  router.get('/reports/:externalId', async (req, res) => {
    const { externalId } = parseOrThrow(reportIdParamSchema, req.params);
    const report = await reportByExternalId(deps.db, req.apiKey!.source, externalId);
    if (!report) throw problems.notFound(`No report "${externalId}" from this platform.`);
    res.json(report);
  });

  return router;
}
