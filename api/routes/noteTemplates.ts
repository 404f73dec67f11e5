import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { noteTemplateCreateSchema, noteTemplateUpdateSchema } from '../../contract/schemas/noteTemplates';
import { noteTemplateService } from '../moderation/noteTemplates';
import type { Staff } from '../moderation/moderationService';

/** Writes to the canned decision notes; reading them is the generic resource list (api/resources/definitions.ts). */
export function noteTemplateRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const service = noteTemplateService(deps.db);
  const def = RESOURCES['note-templates']!;
  const staff = (req: { staff?: Staff; id?: unknown }): Staff => ({
    id: req.staff!.id,
    role: req.staff!.role,
    requestId: req.id as string,
  });

  table.route(router, '/api', ROUTES.noteTemplateCreate, async (req, res) => {
    const input = parseOrThrow(noteTemplateCreateSchema, req.body);
    const id = await service.create(input, staff(req), deps.clock.now());
    res.status(201).json(await getRow(deps.db, def, id));
  });

  table.route(router, '/api', ROUTES.noteTemplateUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(noteTemplateUpdateSchema, req.body);
    await service.update(id, input, staff(req), deps.clock.now());
    res.json(await getRow(deps.db, def, id));
  });

  table.route(router, '/api', ROUTES.noteTemplateDelete, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(await service.remove(id, staff(req), deps.clock.now()));
  });

  return router;
}
