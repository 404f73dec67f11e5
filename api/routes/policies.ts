import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import {
  backtestSchema,
  dryRunSchema,
  listCreateSchema,
  listUpdateSchema,
  policyCreateSchema,
  policyUpdateSchema,
  publishSchema,
  rollbackSchema,
  validateSchema,
} from '../../contract/schemas/policies';
import { policyService, validateDocument, editorSchema } from '../policies/policyService';
import { listPolicyVersions } from '../policies/versionStore';
import { listService } from '../policies/listService';
import { dryRunPolicy } from '../policies/dryRun';
import { startBacktest } from '../backtests/backtestService';
import { FACTS } from '../../rules/facts/catalog';
import { BUILTIN_OPERATORS, CUSTOM_OPERATOR_NAMES, DECORATORS } from '../../rules/policy/operators';
import { EVENT_PARAMS } from '../../rules/policy/events';

const policySchemaParams = z.object({ subject: z.enum(['post', 'transaction']) });

const OPERATOR_HELP: Record<string, string> = {
  equal: 'fact === value',
  notEqual: 'fact !== value',
  in: 'fact is one of the values (array)',
  notIn: 'fact is none of the values (array)',
  contains: 'the fact (an array) contains the value',
  doesNotContain: 'the fact (an array) does not contain the value',
  lessThan: 'fact < value (numbers)',
  lessThanInclusive: 'fact ≤ value',
  greaterThan: 'fact > value',
  greaterThanInclusive: 'fact ≥ value',
  containsAny: 'the text contains any of the strings; case, width and traditional/simplified do not matter',
  matchesPattern: 'the normalised text matches the pattern (RE2 syntax; backtracking-prone patterns run in linear time)',
  inList: 'the value (or any element) is in the named list',
  containsPhraseFromList: 'the text contains any phrase of the named list',
  domainInList: 'a domain (or a parent domain) is in the named list',
  between: 'min ≤ fact ≤ max, value [min, max]',
};

export function policyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const policies = policyService(deps.db, { fourEyesPublish: deps.config.policyPublishFourEyes });
  const lists = listService(deps.db);
  const actor = (req: { staff?: { id: number; role: string }; id?: unknown }) => ({
    staffId: req.staff!.id,
    role: req.staff!.role,
    requestId: req.id as string,
  });

  // What the editor offers: facts, operators, event types with their parameters.
  table.route(router, '/api', ROUTES.policyCatalog, (_req, res) => {
    res.json({
      facts: FACTS,
      operators: [...BUILTIN_OPERATORS.map((o) => o.name), ...CUSTOM_OPERATOR_NAMES].map((name) => ({
        name,
        description: OPERATOR_HELP[name] ?? '',
      })),
      decorators: DECORATORS.map((d) => d.name),
      events: Object.entries(EVENT_PARAMS).map(([type, schema]) => ({ type, params: z.toJSONSchema(schema) })),
    });
  });

  // The document's JSON Schema for the editor's completion, with the list names that exist now.
  table.route(router, '/api', ROUTES.policySchema, async (req, res) => {
    const { subject } = parseOrThrow(policySchemaParams, req.params);
    res.json(await editorSchema(deps.db, subject));
  });

  table.route(router, '/api', ROUTES.policyVersions, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json({ versions: await listPolicyVersions(deps.db, id) });
  });

  table.route(router, '/api', ROUTES.policyValidate, async (req, res) => {
    const input = parseOrThrow(validateSchema, req.body);
    const found = await validateDocument(deps.db, input.document, input.appliesTo);
    res.json({ valid: found.length === 0, problems: found });
  });

  table.route(router, '/api', ROUTES.policyCreate, async (req, res) => {
    const input = parseOrThrow(policyCreateSchema, req.body);
    const id = await policies.create(input, actor(req), deps.clock.now());
    res.status(201).json(await getRow(deps.db, RESOURCES.policies!, id));
  });

  table.route(router, '/api', ROUTES.policyUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(policyUpdateSchema, req.body);
    await policies.update(id, input, actor(req), deps.clock.now());
    res.json(await getRow(deps.db, RESOURCES.policies!, id));
  });

  table.route(router, '/api', ROUTES.policyArchive, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await policies.archive(id, actor(req), deps.clock.now());
    res.json(await getRow(deps.db, RESOURCES.policies!, id));
  });

  table.route(router, '/api', ROUTES.policyPublish, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(publishSchema, req.body ?? {});
    const published = await policies.publish(id, input, actor(req), deps.clock.now());
    res.status(201).json({ ...published, policy: await getRow(deps.db, RESOURCES.policies!, id) });
  });

  table.route(router, '/api', ROUTES.policyRollback, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(rollbackSchema, req.body);
    const published = await policies.rollback(id, input, actor(req), deps.clock.now());
    res.status(201).json({ ...published, policy: await getRow(deps.db, RESOURCES.policies!, id) });
  });

  /** Tries a document (or the stored draft) on sample items; writes nothing. */
  table.route(router, '/api', ROUTES.policyDryRun, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(dryRunSchema, req.body);
    const scorer = (await deps.models!.current(deps.db)).active?.scorer ?? deps.scorer;
    res.json(await dryRunPolicy(deps.db, id, input, scorer));
  });

  table.route(router, '/api', ROUTES.backtestCreate, async (req, res) => {
    const input = parseOrThrow(backtestSchema, req.body);
    const id = await startBacktest(deps.db, deps.jobs, input, actor(req), deps.clock.now());
    res.status(202).json(await getRow(deps.db, RESOURCES.backtests!, id));
  });

  table.route(router, '/api', ROUTES.policyListCreate, async (req, res) => {
    const input = parseOrThrow(listCreateSchema, req.body);
    const id = await lists.create(input, actor(req), deps.clock.now());
    res.status(201).json(await getRow(deps.db, RESOURCES['policy-lists']!, id));
  });

  table.route(router, '/api', ROUTES.policyListUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(listUpdateSchema, req.body);
    await lists.update(id, input, actor(req), deps.clock.now());
    res.json(await getRow(deps.db, RESOURCES['policy-lists']!, id));
  });

  table.route(router, '/api', ROUTES.policyListDelete, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const before = await getRow(deps.db, RESOURCES['policy-lists']!, id);
    await lists.remove(id, actor(req), deps.clock.now());
    res.json(before);
  });

  return router;
}
