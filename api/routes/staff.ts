import { Router } from 'express';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { refuseIgnoredOnlyUpdate } from '../http/ignoredFields';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { staffCreateSchema, staffUpdateSchema } from '../../contract/schemas/auth';
import { createStaff, updateStaff } from '../staff/staffStore';

export function staffRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const def = RESOURCES.staff!;
  const existing = async (id: number) => {
    const row = await getRow(deps.db, def, id);
    if (!row) throw problems.notFound(`No staff member with id ${id}.`);
    return row;
  };

  table.route(router, '/api', ROUTES.staffCreate, async (req, res) => {
    const input = parseOrThrow(staffCreateSchema, req.body);
    const id = await createStaff(deps.db, input, staffActionOf(req, deps.clock));
    res.status(201).json(await getRow(deps.db, def, id));
  });

  table.route(router, '/api', ROUTES.staffUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(staffUpdateSchema, req.body);
    refuseIgnoredOnlyUpdate(req.body, await existing(id), staffUpdateSchema);
    await updateStaff(deps.db, id, input, staffActionOf(req, deps.clock));
    res.json(await getRow(deps.db, def, id));
  });

  /** Deactivates rather than deletes: decisions and the audit trail keep naming the member. */
  table.route(router, '/api', ROUTES.staffDeactivate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await updateStaff(deps.db, id, { active: false }, staffActionOf(req, deps.clock));
    res.json(await existing(id));
  });

  return router;
}
