import { Router } from 'express';
import { eraseSchema } from '../../contract/schemas/privacy';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { idParamSchema } from '../../contract/schemas/common';
import { eraseAccount, exportAccount } from '../privacy/accountPrivacy';
import { ROUTES } from '../../contract/routes';


export function privacyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  /** The post as written, for those whose work needs the identifiers; every view is audited. */
  table.route(router, '/api', ROUTES.postUnmasked, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const post = await deps.db.transaction(async (trx) => {
      const row = await trx('posts').where({ id }).first('id', 'title', 'body');
      if (!row) throw problems.notFound(`No post with id ${id}.`);
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'personal_data.unmask', subjectType: 'post', subjectId: id, requestId: req.id as string, at: deps.clock.now() });
      return row;
    });
    res.json(post);
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
