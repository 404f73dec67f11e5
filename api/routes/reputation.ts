import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { idParamSchema } from '../../contract/schemas/common';
import { reputationView } from '../reputation/reputationView';
import { ROUTES } from '../../contract/routes';

export function reputationRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  /** Current reputation and its history: each event with its cause and the score it left behind. */
  table.route(router, '/api', ROUTES.reputation, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const account = await deps.db('accounts').where({ id }).first();
    if (!account) throw problems.notFound(`No account with id ${id}.`);
    res.json(await reputationView(deps.db, account, deps.clock.now()));
  });
  return router;
}
