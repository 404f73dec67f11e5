import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { QUEUE_WORKERS } from '../../contract/access';
import { queueParamSchema, queueSettingsUpdateSchema } from '../../contract/schemas/queueSettings';
import { listQueueSettings, queueSummaries, setQueueSla } from '../moderation/queueSettings';
import type { Staff } from '../moderation/moderationService';

/**
 * Each queue's target time to decision, as a console resource keyed by the queue's name (the
 * list is every queue, so it is never paged), and the per-queue counts the console menu shows.
 */
export function queueSettingsRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const staff = (req: { staff?: Staff; id?: unknown }): Staff => ({
    id: req.staff!.id,
    role: req.staff!.role,
    requestId: req.id as string,
  });
  const one = async (queue: string) => (await listQueueSettings(deps.db)).find((s) => s.queue === queue)!;

  table.route(router, '/api', ROUTES.queueSettingsList, async (_req, res) => {
    const rows = await listQueueSettings(deps.db);
    res.setHeader('Content-Range', `queue-settings 0-${rows.length - 1}/${rows.length}`);
    res.json(rows);
  });

  table.route(router, '/api', ROUTES.queueSettingsGet, async (req, res) => {
    const { queue } = parseOrThrow(queueParamSchema, req.params);
    res.json(await one(queue));
  });

  table.route(router, '/api', ROUTES.queueSettingsSet, async (req, res) => {
    const { queue } = parseOrThrow(queueParamSchema, req.params);
    const input = parseOrThrow(queueSettingsUpdateSchema, req.body);
    await setQueueSla(deps.db, queue, input, staff(req), deps.clock.now());
    res.json(await one(queue));
  });

  /** Open and overdue items in each queue the caller works: the menu's counts in one request. */
  table.route(router, '/api', ROUTES.queueSummary, async (req, res) => {
    const queues = QUEUE_WORKERS[req.staff!.role] ?? [];
    res.json(await deps.reads!.run(req.readFence ?? null, (db) => queueSummaries(db, queues, deps.clock.now())));
  });

  return router;
}
