import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { communityHealth, threadHealthOf } from '../community/healthReport';
import { removeBoardThreshold, setBoardThreshold } from '../community/boardThresholds';
import { staffActionOf } from '../audit/staffAction';
import { idParamSchema } from '../../contract/schemas/common';
import { boardParamSchema, healthQuerySchema, thresholdSchema } from '../../contract/schemas/communityHealth';

export function communityHealthRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  table.route(router, '/api', ROUTES.communityHealth, async (req, res) => {
    const q = parseOrThrow(healthQuerySchema, req.query);
    const now = deps.clock.now();
    const to = q.to ?? now;
    const from = q.from ?? new Date(to.getTime() - (q.granularity === 'hour' ? 3 : 30) * 86_400_000);
    if (from.getTime() >= to.getTime()) throw problems.validation([{ path: 'from', message: 'must be before to' }]);
    res.json(await deps.reads!.run(req.readFence ?? null, (db) => communityHealth(db, { granularity: q.granularity, from, to, now })));
  });

  table.route(router, '/api', ROUTES.threadHealth, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const q = parseOrThrow(healthQuerySchema, req.query);
    const to = q.to ?? deps.clock.now();
    const from = q.from ?? new Date(to.getTime() - (q.granularity === 'hour' ? 3 : 30) * 86_400_000);
    const health = await deps.reads!.run(req.readFence ?? null, (db) => threadHealthOf(db, id, { granularity: q.granularity, from, to }));
    if (!health) throw problems.notFound(`No thread with id ${id}.`);
    res.json(health);
  });

  /** Sets a board's threshold; the next post on the board is checked against it. */
  table.route(router, '/api', ROUTES.thresholdSet, async (req, res) => {
    const { board } = parseOrThrow(boardParamSchema, req.params);
    const input = parseOrThrow(thresholdSchema, req.body);
    res.json(await setBoardThreshold(deps.db, board, input, staffActionOf(req, deps.clock)));
  });

  table.route(router, '/api', ROUTES.thresholdRemove, async (req, res) => {
    const { board } = parseOrThrow(boardParamSchema, req.params);
    await removeBoardThreshold(deps.db, board, staffActionOf(req, deps.clock));
    res.status(204).end();
  });

  return router;
}
