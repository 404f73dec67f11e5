import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { idParamSchema } from '../../contract/schemas/common';
import { reputationOfAccount } from '../reputation/reputationView';

export function reputationRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  /** Current reputation and its history: each event with its cause and the score it left behind. */
  table.route(router, '/api', ROUTES.reputation, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(await reputationOfAccount(deps.db, id, deps.clock.now()));
  });
  return router;
}
