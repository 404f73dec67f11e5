import express, { Router, type Request } from 'express';
import type { AppDeps } from '../deps';
import { ROLES, UNMASK_ROLES } from '../../contract/access';
import { parseListQuery, type FieldSpec } from '../http/listQuery';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import type { ResourceDefinition } from '../resources/definitions';
import { contentRange, getRow, listRows } from '../resources/queries';
import { camelCase, toApiRow } from '../db/rows';
import { idParamSchema } from '../../contract/schemas/common';
import { maskDeep } from '../../rules/privacy/mask';
import { MODEL_STATUSES, TRAINING_RUN_STATUSES } from '../../contract/enums';
import { modelRegistry, VERSION_COLUMNS } from '../models/modelRegistry';
import { startRetrain } from '../models/retrainService';
import { shadowComparison } from '../models/shadowScores';
import { exportLabels, importLabels, LABELS_RESOURCE, maskLabel, type ImportFormat } from '../models/labelService';
import { RESOURCE_ROUTES, ROUTES } from '../../contract/routes';
import { confirmSchema, formatSchema, trainSchema } from '../../contract/schemas/models';

const field = (
  column: string,
  kind: FieldSpec['kind'],
  options: { sort?: boolean; filter?: boolean; values?: readonly string[] } = {},
): [string, FieldSpec] => [
  camelCase(column),
  { column, kind, sortable: options.sort ?? false, filterable: options.filter ?? true, values: options.values },
];

const VERSIONS: ResourceDefinition = {
  resource: 'model-versions',
  table: 'model_versions',
  readRoles: ROLES,
  fields: Object.fromEntries([
    field('id', 'id', { sort: true }),
    field('version', 'text', { sort: true }),
    field('status', 'enum', { sort: true, values: MODEL_STATUSES }),
    field('featurizer_version', 'text'),
    field('thresholds', 'json', { filter: false }),
    field('training_config', 'json', { filter: false }),
    field('training_data', 'json', { filter: false }),
    field('metrics', 'json', { filter: false }),
    field('note', 'text', { filter: false }),
    field('created_by', 'id'),
    field('created_at', 'date', { sort: true }),
    field('shadow_since', 'date', { sort: true }),
    field('activated_at', 'date', { sort: true }),
    field('retired_at', 'date', { sort: true }),
    field('previous_active_id', 'id'),
  ]),
  columns: [...VERSION_COLUMNS],
  searchColumns: ['version', 'note'],
  defaultSort: ['id', 'DESC'],
};

const RUNS: ResourceDefinition = {
  resource: 'model-training-runs',
  table: 'model_training_runs',
  readRoles: ROLES,
  fields: Object.fromEntries([
    field('id', 'id', { sort: true }),
    field('status', 'enum', { sort: true, values: TRAINING_RUN_STATUSES }),
    field('stage', 'text', { filter: false }),
    field('progress', 'number', { filter: false }),
    field('settings', 'json', { filter: false }),
    field('base_version_id', 'id'),
    field('candidate_id', 'id'),
    field('error', 'text', { filter: false }),
    field('requested_by', 'id'),
    field('created_at', 'date', { sort: true }),
    field('started_at', 'date', { sort: true }),
    field('finished_at', 'date', { sort: true }),
  ]),
  columns: [
    'id',
    'status',
    'stage',
    'progress',
    'settings',
    'base_version_id',
    'candidate_id',
    'error',
    'requested_by',
    'created_at',
    'started_at',
    'finished_at',
  ],
  searchColumns: ['stage'],
  defaultSort: ['id', 'DESC'],
};

/** Labels arrive as the file itself: CSV or JSON lines. */
const textBody = express.text({
  type: ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'text/plain'],
  limit: '50mb',
});

function importFormat(req: Request): { format: ImportFormat; content: string } {
  if (typeof req.body !== 'string')
    throw problems.validation(
      [{ path: '(body)', message: 'send the file itself as text/csv or application/x-ndjson (JSON lines)' }],
      'Send the file as text/csv or application/x-ndjson (JSON lines).',
    );
  const { format } = parseOrThrow(formatSchema, req.query);
  return { format: format ?? (req.is('text/csv') ? 'csv' : 'jsonl'), content: req.body };
}

const actor = (req: Request) => ({ staffId: req.staff!.id, requestId: req.id as string });

function listRoute(
  deps: AppDeps,
  table: RouteTable,
  router: Router,
  def: ResourceDefinition,
  map: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r,
) {
  table.route(router, '/api', RESOURCE_ROUTES[def.resource]!.list, async (req, res) => {
    const query = parseListQuery(def, req.query);
    const result = await deps.reads!.run(req.readFence ?? null, (db) =>
      listRows(db, def, query, { unmasked: UNMASK_ROLES.includes(req.staff!.role) }),
    );
    res.setHeader('Content-Range', contentRange(def.resource, result));
    res.json(result.rows.map(map));
  });
}

/** The classifier's lifecycle: versions, training runs, shadow comparison, promotion and rollback; and the labels it learns from. */
export function modelRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const registry = modelRegistry(deps.db);

  // Static paths before the :id ones.
  table.route(router, '/api', ROUTES.labelExport, async (req, res) => {
    const { format } = parseOrThrow(formatSchema, req.query);
    const f = format ?? 'jsonl';
    res.setHeader('Content-Type', f === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="labels.${f}"`);
    res.send(await exportLabels(deps.db, f));
  });
  table.route(router, '/api', ROUTES.labelImport, textBody, async (req, res) => {
    const file = importFormat(req);
    res
      .status(201)
      .json(
        await importLabels(
          deps.db,
          { ...file, actor: { kind: 'staff', staffId: req.staff!.id }, requestId: req.id as string },
          deps.clock.now(),
        ),
      );
  });
  listRoute(deps, table, router, LABELS_RESOURCE, maskLabel);
  table.route(router, '/api', RESOURCE_ROUTES.labels!.get, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = await getRow(deps.db, LABELS_RESOURCE, id);
    if (!row) throw problems.notFound(`No label with id ${id}.`);
    res.json(maskLabel(row));
  });

  table.route(router, '/api', ROUTES.modelRollback, async (req, res) => {
    const { confirmVersion } = parseOrThrow(confirmSchema, req.body);
    const id = await registry.rollback(confirmVersion, actor(req), deps.clock.now());
    res.json(toApiRow(await registry.get(id)));
  });
  listRoute(deps, table, router, VERSIONS);
  table.route(router, '/api', RESOURCE_ROUTES['model-versions']!.get, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = toApiRow(await registry.get(id));
    // Disagreement samples quote members' posts.
    res.json({ ...row, evaluation: maskDeep(row.evaluation) });
  });
  table.route(router, '/api', ROUTES.modelShadowComparison, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(await shadowComparison(deps.db, deps.policyRuntime!, id));
  });
  for (const [action, entry] of [
    ['shadow', ROUTES.modelShadow],
    ['retire', ROUTES.modelRetire],
  ] as const) {
    table.route(router, '/api', entry, async (req, res) => {
      const { id } = parseOrThrow(idParamSchema, req.params);
      await registry[action](id, actor(req), deps.clock.now());
      res.json(toApiRow(await registry.get(id)));
    });
  }
  table.route(router, '/api', ROUTES.modelPromote, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const { confirmVersion } = parseOrThrow(confirmSchema, req.body);
    await registry.promote(id, confirmVersion, actor(req), deps.clock.now());
    res.json(toApiRow(await registry.get(id)));
  });

  listRoute(deps, table, router, RUNS);
  table.route(router, '/api', RESOURCE_ROUTES['model-training-runs']!.get, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = await getRow(deps.db, RUNS, id);
    if (!row) throw problems.notFound(`No training run with id ${id}.`);
    res.json(row);
  });
  table.route(router, '/api', ROUTES.trainingRunCreate, async (req, res) => {
    const settings = parseOrThrow(trainSchema, req.body ?? {});
    const id = await startRetrain(deps.db, deps.jobs, settings, actor(req), deps.clock.now());
    res.status(202).json(await getRow(deps.db, RUNS, id));
  });
  return router;
}

/** Platforms send labelled history with their API key, as a file like the console's import. */
export function platformLabelRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.route(router, '/api/v1', ROUTES.platformLabels, textBody, async (req, res) => {
    const file = importFormat(req);
    res
      .status(201)
      .json(
        await importLabels(
          deps.db,
          { ...file, actor: { kind: 'api_key', apiKeyId: req.apiKey!.id }, platform: req.apiKey!.source, requestId: req.id as string },
          deps.clock.now(),
        ),
      );
  });
  return router;
}
