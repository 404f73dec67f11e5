import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { communityHealth, threadHealth } from '../community/healthReport';
import { idParamSchema } from '../../contract/schemas/common';
import { boardParamSchema, healthQuerySchema, thresholdSchema } from '../../contract/schemas/communityHealth';
import { ROUTES } from '../../contract/routes';

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
    const health = await deps.reads!.run(req.readFence ?? null, async (db) => ((await db('posts').where({ id, kind: 'thread' }).first('id')) ? threadHealth(db, id, { granularity: q.granularity, from, to }) : null));
    if (!health) throw problems.notFound(`No thread with id ${id}.`);
    res.json(health);
  });

  /** Sets a board's threshold; the next post on the board is checked against it. */
  table.route(router, '/api', ROUTES.thresholdSet, async (req, res) => {
    const { board } = parseOrThrow(boardParamSchema, req.params);
    const input = parseOrThrow(thresholdSchema, req.body);
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      const before = await trx('board_thresholds').where({ board }).forUpdate().first('commercial_share', 'min_posts');
      await trx('board_thresholds')
        .insert({ board, commercial_share: input.commercialShare, min_posts: input.minPosts, alerted: false, updated_by: req.staff!.id, updated_at: now })
        .onConflict('board')
        .merge(['commercial_share', 'min_posts', 'updated_by', 'updated_at']);
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'board_threshold.set', subjectType: 'board', subjectId: board, detail: { before: before ?? null, after: input }, requestId: req.id as string, at: now });
    });
    res.json(await deps.db('board_thresholds').where({ board }).first());
  });

  table.route(router, '/api', ROUTES.thresholdRemove, async (req, res) => {
    const { board } = parseOrThrow(boardParamSchema, req.params);
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      const removed = await trx('board_thresholds').where({ board }).delete();
      if (!removed) throw problems.notFound(`Board "${board}" has no threshold.`);
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'board_threshold.remove', subjectType: 'board', subjectId: board, requestId: req.id as string, at: now });
    });
    res.status(204).end();
  });

  return router;
}
