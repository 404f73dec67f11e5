import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { reportIdParamSchema, reportInputSchema } from '../../contract/schemas/reports';
import { readBatch } from '../http/batch';
import { ingestReports, reportByExternalId } from '../reports/ingestReports';
import { appealInputSchema, statementIdParamSchema } from '../../contract/schemas/appeals';
import { appealForPlatform, fileAppeal, statementForPlatform } from '../statements/appealService';

/** Member reports and appeals from the platform, statements back to it; mounted behind the ingestion router's API key and rate limit. */
export function reportRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  table.route(router, '/api/v1', ROUTES.reportCreate, async (req, res) => {
    const { items } = readBatch(reportInputSchema, req.body);
    const stored = await ingestReports(deps.db, req.apiKey!.source, items, deps.clock.now());
    res.status(stored.some((r) => r.created) ? 201 : 200).json({ items: stored });
  });

  table.route(router, '/api/v1', ROUTES.reportGet, async (req, res) => {
    const { externalId } = parseOrThrow(reportIdParamSchema, req.params);
    const report = await reportByExternalId(deps.db, req.apiKey!.source, externalId);
    if (!report) throw problems.notFound(`No report "${externalId}" from this platform.`);
    res.json(report);
  });

  /** The statement of reasons to show the member, in their language and the other. */
  table.route(router, '/api/v1', ROUTES.statementGet, async (req, res) => {
    const { statementId } = parseOrThrow(statementIdParamSchema, req.params);
    const statement = await statementForPlatform(deps.db, req.apiKey!.source, statementId);
    if (!statement) throw problems.notFound(`No statement "${statementId}" about this platform's items.`);
    res.json(statement);
  });

  table.route(router, '/api/v1', ROUTES.appealCreate, async (req, res) => {
    const input = parseOrThrow(appealInputSchema, req.body);
    const { created, appeal } = await fileAppeal(deps.db, req.apiKey!.source, input, deps.clock.now());
    res.status(created ? 201 : 200).json({ id: appeal.external_id, status: appeal.status, created });
  });

  table.route(router, '/api/v1', ROUTES.appealGet, async (req, res) => {
    const { externalId } = parseOrThrow(reportIdParamSchema, req.params);
    res.json(await appealForPlatform(deps.db, req.apiKey!.source, externalId));
  });

  return router;
}
