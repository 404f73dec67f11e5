import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { appealDecisionSchema } from '../../contract/schemas/appeals';
import { decideAppeal } from '../statements/appealService';
import { createOutbox } from '../webhooks/outbox';
import { ROUTES } from '../../contract/routes';

export function appealRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.route(router, '/api', ROUTES.appealDecide, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const { outcome, note } = parseOrThrow(appealDecisionSchema, req.body);
    const reviewer = { id: req.staff!.id, role: req.staff!.role, requestId: req.id as string };
    await decideAppeal(deps.db, deps.outbox ?? createOutbox(deps.jobs), id, outcome, note, reviewer, deps.clock.now(), deps.metrics);
    res.json(await getRow(deps.db, RESOURCES.appeals!, id));
  });
  return router;
}
