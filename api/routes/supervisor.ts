import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { idParamSchema } from '../../contract/schemas/common';
import { reassignSchema } from '../../contract/schemas/supervisor';
import { heldItems, supervisorService } from '../moderation/supervisor';
import type { Staff } from '../moderation/moderationService';

/** Who holds what, and a supervisor's release and reassign. */
export function supervisorRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const service = supervisorService(deps.db);
  const staff = (req: { staff?: Staff; id?: unknown }): Staff => ({
    id: req.staff!.id,
    role: req.staff!.role,
    requestId: req.id as string,
  });

  table.route(router, '/api', ROUTES.supervisorClaims, async (_req, res) => {
    // From the primary: a supervisor acts on what is held now, not on a standby's slightly older view.
    res.json(await heldItems(deps.db, deps.clock.now()));
  });

  table.route(router, '/api', ROUTES.supervisorRelease, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await service.release(id, staff(req), deps.clock.now());
    res.json({ id, released: true });
  });

  table.route(router, '/api', ROUTES.supervisorReassign, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const { staffId } = parseOrThrow(reassignSchema, req.body);
    await service.reassign(id, staffId, staff(req), deps.clock.now());
    res.json({ id, claimedBy: staffId });
  });

  return router;
}
