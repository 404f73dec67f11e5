import { Router } from 'express';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { newApiKey } from '../auth/tokens';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { apiKeyCreateSchema } from '../../contract/schemas/auth';
import { ROUTES } from '../../contract/routes';

export function apiKeyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const def = RESOURCES['api-keys']!;

  table.route(router, '/api', ROUTES.apiKeyCreate, async (req, res) => {
    const input = parseOrThrow(apiKeyCreateSchema, req.body);
    const now = deps.clock.now();
    const key = newApiKey();
    const id = await deps.db.transaction(async (trx) => {
      const [row] = await trx('api_keys').insert({ name: input.name, source: input.source, prefix: key.prefix, key_hash: key.hash, created_by: req.staff!.id, created_at: now }).returning('id');
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'api_key.create', subjectType: 'api_key', subjectId: row.id, detail: { name: input.name, source: input.source, prefix: key.prefix }, requestId: req.id as string, at: now });
      return row.id as number;
    });
    // The only time the whole key is shown; only its hash is kept.
    res.status(201).json({ ...(await getRow(deps.db, def, id)), key: key.key });
  });

  /** Revokes rather than deletes, so the audit trail can still name the key. */
  table.route(router, '/api', ROUTES.apiKeyRevoke, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      const row = await trx('api_keys').where({ id }).forUpdate().first('id', 'revoked_at');
      if (!row) throw problems.notFound(`No API key with id ${id}.`);
      if (row.revoked_at) return;
      await trx('api_keys').where({ id }).update({ revoked_at: now });
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'api_key.revoke', subjectType: 'api_key', subjectId: id, requestId: req.id as string, at: now });
    });
    res.json(await getRow(deps.db, def, id));
  });

  return router;
}
