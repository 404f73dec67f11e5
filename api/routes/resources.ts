import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseListQuery } from '../http/listQuery';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { contentRange, getRow, listRows } from '../resources/queries';
import { idParamSchema } from '../schemas/common';

/** The read side of every console resource, in the ra-data-simple-rest dialect. */
export function resourceRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  for (const def of Object.values(RESOURCES)) {
    table.staff(router, '/api', 'get', `/${def.resource}`, def.readRoles, async (req, res) => {
      const query = parseListQuery(def, req.query as Record<string, unknown>);
      const result = await listRows(deps.db, def, query);
      res.setHeader('Content-Range', contentRange(def.resource, result));
      res.json(result.rows);
    });
    table.staff(router, '/api', 'get', `/${def.resource}/:id`, def.readRoles, async (req, res) => {
      const { id } = parseOrThrow(idParamSchema, req.params);
      const row = await getRow(deps.db, def, id);
      if (!row) throw problems.notFound(`No ${def.resource} with id ${id}.`);
      res.json(row);
    });
  }
  return router;
}
