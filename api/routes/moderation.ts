import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { decideSchema, nextFlagSchema, reverseSchema } from '../../contract/schemas/moderation';
import { workbenchView } from '../moderation/workbench';
import { ROLES } from '../../contract/access';
import { moderationService } from '../moderation/moderationService';

export function moderationRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const service = moderationService(deps.db, deps.outbox, deps.metrics);
  // Every role that works a queue; which queues each may work is checked per flag.
  const staff = (req: { staff?: { id: number; role: (typeof ROLES)[number] }; id?: unknown }) => ({
    id: req.staff!.id,
    role: req.staff!.role,
    requestId: req.id as string,
  });

  /** The item page in one answer: flag, claim holder, item, thread, reports, author card, earlier decisions. */
  table.route(router, '/api', ROUTES.workbench, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(await workbenchView(deps.db, id, deps.clock.now()));
  });

  /**
   * Claims the next unheld item in a queue: what opens after a decision. The answer carries that
   * item's page (as GET /flags/:id/workbench gives it), so the next item shows without a second request.
   */
  table.route(router, '/api', ROUTES.flagNext, async (req, res) => {
    const input = parseOrThrow(nextFlagSchema, req.body);
    const now = deps.clock.now();
    const id = await service.claimNext(input.queue, staff(req), now, input.skip ?? []);
    if (id === null) {
      res.json({ id, flag: null, workbench: null });
      return;
    }
    const [flag, workbench] = await Promise.all([getRow(deps.db, RESOURCES.flags!, id), workbenchView(deps.db, id, now)]);
    res.json({ id, flag, workbench });
  });

  table.route(router, '/api', ROUTES.flagClaim, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await service.claim(id, staff(req), deps.clock.now());
    res.json(await getRow(deps.db, RESOURCES.flags!, id));
  });

  table.route(router, '/api', ROUTES.flagRelease, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await service.release(id, staff(req), deps.clock.now());
    res.json(await getRow(deps.db, RESOURCES.flags!, id));
  });

  table.route(router, '/api', ROUTES.flagDecide, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(decideSchema, req.body);
    const decisionId = await service.decide(id, input, staff(req), deps.clock.now());
    res.status(201).json(await getRow(deps.db, RESOURCES.decisions!, decisionId));
  });

  table.route(router, '/api', ROUTES.decisionReverse, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const { reason } = parseOrThrow(reverseSchema, req.body);
    const reversalId = await service.reverse(id, reason, staff(req), deps.clock.now());
    res.status(201).json(await getRow(deps.db, RESOURCES.decisions!, reversalId));
  });

  return router;
}
