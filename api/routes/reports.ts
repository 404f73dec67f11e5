import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { reportIdParamSchema, reportInputSchema } from '../../contract/schemas/reports';
import { readBatch } from '../http/batch';
import { ingestReports, reportByExternalId } from '../reports/ingestReports';
import { appealInputSchema, statementIdParamSchema } from '../../contract/schemas/appeals';
import { fileAppeal, statementForPlatform } from '../statements/appealService';
import { ROUTES } from '../../contract/routes';

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
    const appeal = await deps.db('appeals').where({ source: req.apiKey!.source, external_id: externalId }).first();
    if (!appeal) throw problems.notFound(`No appeal "${externalId}" from this platform.`);
    const outcome = appeal.outcome_statement_id ? await deps.db('statements').where({ id: appeal.outcome_statement_id }).first('public_id') : null;
    res.json({ id: appeal.external_id, status: appeal.status, decidedAt: appeal.decided_at, outcome: outcome ? await statementForPlatform(deps.db, req.apiKey!.source, outcome.public_id) : null });
  });

  return router;
}
