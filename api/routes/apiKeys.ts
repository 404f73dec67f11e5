import { Router } from 'express';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { createApiKey, renameApiKey, revokeApiKey } from '../apiKeys/apiKeyStore';
import { refuseIgnoredOnlyUpdate } from '../http/ignoredFields';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { apiKeyCreateSchema, apiKeyUpdateSchema } from '../../contract/schemas/auth';

export function apiKeyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const def = RESOURCES['api-keys']!;
  const existing = async (id: number) => {
    const row = await getRow(deps.db, def, id);
    if (!row) throw problems.notFound(`No API key with id ${id}.`);
    return row;
  };

  table.route(router, '/api', ROUTES.apiKeyCreate, async (req, res) => {
    const input = parseOrThrow(apiKeyCreateSchema, req.body);
    const { id, key } = await createApiKey(deps.db, input, staffActionOf(req, deps.clock));
    // The only time the whole key is shown; only its hash is kept.
    res.status(201).json({ ...(await getRow(deps.db, def, id)), key });
  });

  table.route(router, '/api', ROUTES.apiKeyRename, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(apiKeyUpdateSchema, req.body);
    refuseIgnoredOnlyUpdate(req.body, await existing(id), apiKeyUpdateSchema);
    await renameApiKey(deps.db, id, input.name, staffActionOf(req, deps.clock));
    res.json(await getRow(deps.db, def, id));
  });

  /** Revokes rather than deletes; a revoked key leaves the default list (filter `revoked` to see it). */
  table.route(router, '/api', ROUTES.apiKeyRevoke, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await revokeApiKey(deps.db, id, staffActionOf(req, deps.clock));
    // This server stops accepting the key now; other replicas within their cache's few seconds.
    deps.apiKeyCache?.forget(id);
    res.json(await existing(id));
  });

  return router;
}
