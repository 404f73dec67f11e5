import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseListQuery } from '../http/listQuery';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { contentRange, listRows } from '../resources/queries';
import { maskRow, recordDetail } from '../resources/recordView';
import { idParamSchema } from '../../contract/schemas/common';
import { postDisclosure } from '../compliance/postDisclosure';
import { UNMASK_ROLES } from '../../contract/access';
import { RESOURCE_ROUTES } from '../../contract/routes';
import { embedQueueRows } from '../moderation/workbench';
import { withMessageKeys } from '../resources/messageKeys';

/** The read side of every console resource, in the ra-data-simple-rest dialect. */
export function resourceRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  for (const def of Object.values(RESOURCES)) {
    table.route(router, '/api', RESOURCE_ROUTES[def.resource]!.list, async (req, res) => {
      const query = parseListQuery(def, req.query);
      const result = await deps.reads!.run(req.readFence ?? null, (db) =>
        listRows(db, def, query, { unmasked: UNMASK_ROLES.includes(req.staff!.role) }),
      );
      res.setHeader('Content-Range', contentRange(def.resource, result));
      // A queue row carries what the list shows (snippet, author, reach, claim holder): one round trip.
      const rows = def.resource === 'flags' ? await embedQueueRows(deps.db, result.rows, deps.clock.now()) : result.rows;
      res.json(rows.map((r) => withMessageKeys(def.resource, maskRow(def.resource, r))));
    });
    table.route(router, '/api', RESOURCE_ROUTES[def.resource]!.get, async (req, res) => {
      const { id } = parseOrThrow(idParamSchema, req.params);
      const row = await deps.reads!.run(req.readFence ?? null, (db) => recordDetail(db, def, id));
      if (!row) throw problems.notFound(`No ${def.resource} with id ${id}.`);
      const out = withMessageKeys(def.resource, maskRow(def.resource, row));
      // The disclosure verdict with the spans it rests on, computed on the masked text shown, so
      // the console highlights exactly the characters on screen.
      if (def.resource === 'posts') {
        const text = typeof out.title === 'string' && out.title ? `${out.title}\n${out.body}` : String(out.body ?? '');
        out.disclosure = await postDisclosure(
          deps.db,
          row as { authorId: number; postedAt: Date; platformLabel: boolean; promoScore: number | null },
          text,
        );
      }
      res.json(out);
    });
  }
  return router;
}
