import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { unmaskedPost } from '../privacy/unmaskedPost';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { idParamSchema } from '../../contract/schemas/common';
import { eraseAccount, exportAccount } from '../privacy/accountPrivacy';

const eraseSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export function privacyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  table.route(router, '/api', ROUTES.postUnmasked, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(await unmaskedPost(deps.db, id, staffActionOf(req, deps.clock)));
  });

  table.route(router, '/api', ROUTES.accountExport, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.setHeader('Content-Disposition', `attachment; filename="account-${id}.json"`);
    res.json(await exportAccount(deps.db, id, req.staff!.id, req.id as string, deps.clock.now()));
  });

  table.route(router, '/api', ROUTES.accountErase, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const { reason } = parseOrThrow(eraseSchema, req.body);
    res.json(await eraseAccount(deps.db, id, reason, req.staff!.id, req.id as string, deps.clock.now()));
  });

  return router;
}
