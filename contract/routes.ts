import { z } from 'zod';
import { COMPLIANCE_REPORT_ROLES, RESOURCE_ACCESS, ROLES, SUPERVISOR_ROLES, UNMASK_ROLES, type Role } from './access';
import { POLICY_TARGETS } from './enums';
import { noteTemplateCreateSchema, noteTemplateUpdateSchema } from './schemas/noteTemplates';
import { queueParamSchema, queueSettingsUpdateSchema } from './schemas/queueSettings';
import { reassignSchema } from './schemas/supervisor';
import { apiKeyCreateSchema, apiKeyUpdateSchema, loginSchema, staffCreateSchema, staffUpdateSchema } from './schemas/auth';
import { idParamSchema } from './schemas/common';
import { boardParamSchema, healthQuerySchema, thresholdSchema } from './schemas/communityHealth';
import { complianceReportRowSchema, complianceReportSchema } from './schemas/compliance';
import { postInputSchema, transactionInputSchema } from './schemas/ingest';
import { decideSchema, nextFlagSchema, reverseSchema } from './schemas/moderation';
import { confirmSchema, formatSchema, trainSchema } from './schemas/models';
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
} from './schemas/policies';
import { eraseSchema } from './schemas/privacy';
import { reportIdParamSchema, reportInputSchema } from './schemas/reports';
import { appealDecisionSchema, appealInputSchema, statementIdParamSchema } from './schemas/appeals';
import { listQuerySchema, resourceListSchema, resourceRowSchema } from './schemas/resources';
import { dashboardSchema, statsQuerySchema } from './schemas/stats';
import { transparencyReportRowSchema, transparencyRequestSchema } from './schemas/transparency';
import { replayFailedSchema, subscriptionCreateSchema, subscriptionUpdateSchema } from './schemas/webhooks';
import { problemSchema } from './schemas/problem';
import { reputationViewSchema } from './schemas/reputation';
import { communityHealthSchema, threadHealthSchema } from './schemas/communityHealthReport';
import { healthSchema, loginAnswerSchema, meSchema } from './schemas/session';
import {
  appealStatusSchema,
  ingestAnswerSchema,
  nextFlagAnswerSchema,
  policyValidationSchema,
  replayFailedAnswerSchema,
} from './schemas/answers';

/**
 * Who may call a route: staff of these roles, a platform's API key, anyone; or `scrape`: a signed-in
 * admin or the METRICS_TOKEN bearer (checked by the route itself, since neither alone is a rule the
 * table can apply).
 */
export type RouteAccess = { staff: readonly Role[] } | 'api_key' | 'public' | 'scrape';
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** One answer a route may give: JSON described by a schema, another media type, or no body. */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
  /** A react-admin list: Content-Range and X-Total-Count headers carry the total. */
  listHeaders?: boolean;
}

export interface ContractRoute {
  method: HttpMethod;
  /** OpenAPI style: /api/staff/{id}. */
  path: string;
  access: RouteAccess;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body that is a file rather than JSON (label imports). */
  bodyContentTypes?: readonly string[];
  responses: Record<number, RouteResponse>;
}

/*
 * Who may call what, beyond the console resources' read/write map in access.ts. Kept beside
 * RESOURCE_ACCESS so every role list the API checks is in the contract.
 */
const ADMIN: readonly Role[] = ['admin'];
const MANAGERS: readonly Role[] = ['admin', 'community_manager'];
const COMPLIANCE = COMPLIANCE_REPORT_ROLES;
/** Who reviews appeals and reverses decisions. */
export const REVIEWERS: readonly Role[] = ['admin', 'moderator', 'compliance'];
/** Every role works some queue; which queues each may work is checked per flag (QUEUE_WORKERS). */
const QUEUE_WORKERS_ANY: readonly Role[] = ROLES;
const DRY_RUNNERS: readonly Role[] = ['admin', 'community_manager', 'compliance'];
const LABEL_EXPORTERS: readonly Role[] = ['admin', 'compliance', 'community_manager'];
const MODEL_WRITERS = RESOURCE_ACCESS['model-versions']!.write;

// Generic so a route's entry keeps its schemas' types (the console's callApi reads them).
const ok = <S extends z.ZodType>(description: string, schema: S) => ({ description, schema });
const row = (description: string) => ({ description, schema: resourceRowSchema });
const noContent: RouteResponse = { description: 'Done; no body.' };
const csv = (description: string): RouteResponse => ({ description, contentType: 'text/csv' });

function staff(roles: readonly Role[]): RouteAccess {
  return { staff: roles };
}

function route<const R extends ContractRoute>(r: R): R {
  return r;
}

const batchOf = <S extends z.ZodType>(item: S) => z.union([item, z.object({ items: z.array(item).min(1) })]);
const labelFile = ['text/csv', 'application/x-ndjson'] as const;
const boardParams = boardParamSchema;

export const ROUTES = {
  health: route({
    method: 'get',
    path: '/api/health',
    access: 'public',
    summary: 'Liveness, migrations and replica state',
    tag: 'system',
    responses: { 200: ok('Healthy.', healthSchema), 503: ok('Migrations pending or database unreachable.', healthSchema) },
  }),
  metrics: route({
    method: 'get',
    path: '/metrics',
    access: 'scrape',
    summary: 'Prometheus metrics (admin session or METRICS_TOKEN bearer)',
    tag: 'system',
    responses: { 200: { description: 'Prometheus text format.', contentType: 'text/plain' } },
  }),
  openApi: route({
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    summary: 'This OpenAPI document',
    tag: 'system',
    responses: { 200: ok('OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
  }),
  docs: route({
    method: 'get',
    path: '/api/docs',
    access: 'public',
    summary: 'API reference page',
    tag: 'system',
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' } },
  }),

  login: route({
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in (cookie or bearer token)',
    tag: 'auth',
    body: loginSchema,
    responses: {
      200: ok('Signed in.', loginAnswerSchema),
      401: { description: 'Wrong e-mail or password.', schema: problemSchema, contentType: 'application/problem+json' },
    },
  }),
  logout: route({
    method: 'post',
    path: '/api/auth/logout',
    access: staff(ROLES),
    summary: 'Sign out',
    tag: 'auth',
    responses: { 204: noContent },
  }),
  me: route({
    method: 'get',
    path: '/api/auth/me',
    access: staff(ROLES),
    summary: 'Who is signed in, and what their role may do',
    tag: 'auth',
    responses: { 200: ok('The signed-in staff member.', meSchema) },
  }),

  staffCreate: route({
    method: 'post',
    path: '/api/staff',
    access: staff(RESOURCE_ACCESS.staff!.write),
    summary: 'Add a staff member',
    tag: 'staff',
    body: staffCreateSchema,
    responses: { 201: row('The new staff row.') },
  }),
  staffUpdate: route({
    method: 'put',
    path: '/api/staff/{id}',
    access: staff(RESOURCE_ACCESS.staff!.write),
    summary: 'Change a staff member',
    tag: 'staff',
    params: idParamSchema,
    body: staffUpdateSchema,
    responses: { 200: row('The staff row.') },
  }),
  apiKeyCreate: route({
    method: 'post',
    path: '/api/api-keys',
    access: staff(RESOURCE_ACCESS['api-keys']!.write),
    summary: 'Issue an API key (shown once)',
    tag: 'staff',
    body: apiKeyCreateSchema,
    responses: { 201: ok('The key row with the whole key.', resourceRowSchema.extend({ key: z.string() })) },
  }),
  staffDeactivate: route({
    method: 'delete',
    path: '/api/staff/{id}',
    access: staff(RESOURCE_ACCESS.staff!.write),
    summary: 'Deactivate a staff member (the row stays, out of the default list)',
    tag: 'staff',
    params: idParamSchema,
    responses: { 200: row('The deactivated staff row.') },
  }),
  apiKeyRename: route({
    method: 'put',
    path: '/api/api-keys/{id}',
    access: staff(RESOURCE_ACCESS['api-keys']!.write),
    summary: 'Rename an API key',
    tag: 'staff',
    params: idParamSchema,
    body: apiKeyUpdateSchema,
    responses: { 200: row('The key row.') },
  }),
  apiKeyRevoke: route({
    method: 'delete',
    path: '/api/api-keys/{id}',
    access: staff(RESOURCE_ACCESS['api-keys']!.write),
    summary: 'Revoke an API key',
    tag: 'staff',
    params: idParamSchema,
    responses: { 200: row('The revoked key row.') },
  }),

  policyCatalog: route({
    method: 'get',
    path: '/api/policy-catalog',
    access: staff(ROLES),
    summary: 'Facts, operators and events a policy may use',
    tag: 'policies',
    responses: { 200: ok('The catalog.', z.looseObject({})) },
  }),
  policySchema: route({
    method: 'get',
    path: '/api/policy-schema/{subject}',
    access: staff(ROLES),
    summary: "JSON Schema of a policy document for the editor's completion",
    tag: 'policies',
    params: z.object({ subject: z.enum(POLICY_TARGETS) }),
    responses: { 200: ok('A JSON Schema.', z.looseObject({})) },
  }),
  policyVersions: route({
    method: 'get',
    path: '/api/policies/{id}/versions',
    access: staff(RESOURCE_ACCESS['policy-versions']!.read),
    summary: "A policy's versions with date, author and note",
    tag: 'policies',
    params: idParamSchema,
    responses: { 200: ok('Newest first.', z.object({ versions: z.array(z.looseObject({ id: z.number() })) })) },
  }),
  policyValidate: route({
    method: 'post',
    path: '/api/policies/validate',
    access: staff(ROLES),
    summary: 'Check a policy document',
    tag: 'policies',
    body: validateSchema,
    responses: { 200: ok('Whether it is valid, and why not.', policyValidationSchema) },
  }),
  policyCreate: route({
    method: 'post',
    path: '/api/policies',
    access: staff(RESOURCE_ACCESS.policies!.write),
    summary: 'Create a draft policy',
    tag: 'policies',
    body: policyCreateSchema,
    responses: { 201: row('The policy row.') },
  }),
  policyUpdate: route({
    method: 'put',
    path: '/api/policies/{id}',
    access: staff(RESOURCE_ACCESS.policies!.write),
    summary: 'Edit a policy draft',
    tag: 'policies',
    params: idParamSchema,
    body: policyUpdateSchema,
    responses: { 200: row('The policy row.') },
  }),
  policyArchive: route({
    method: 'delete',
    path: '/api/policies/{id}',
    access: staff(RESOURCE_ACCESS.policies!.write),
    summary: 'Archive a policy',
    tag: 'policies',
    params: idParamSchema,
    responses: { 200: row('The policy row.') },
  }),
  policyPublish: route({
    method: 'post',
    path: '/api/policies/{id}/publish',
    access: staff(RESOURCE_ACCESS.policies!.write),
    summary: 'Publish the draft as a new version',
    tag: 'policies',
    params: idParamSchema,
    body: publishSchema,
    responses: { 201: ok('The version published and the policy.', z.looseObject({ policy: resourceRowSchema })) },
  }),
  policyRollback: route({
    method: 'post',
    path: '/api/policies/{id}/rollback',
    access: staff(RESOURCE_ACCESS.policies!.write),
    summary: 'Republish an earlier version',
    tag: 'policies',
    params: idParamSchema,
    body: rollbackSchema,
    responses: { 201: ok('The version published and the policy.', z.looseObject({ policy: resourceRowSchema })) },
  }),
  policyDryRun: route({
    method: 'post',
    path: '/api/policies/{id}/dry-run',
    access: staff(DRY_RUNNERS),
    summary: 'Run a policy draft against items',
    tag: 'policies',
    params: idParamSchema,
    body: dryRunSchema,
    responses: {
      200: ok('Per-item results.', z.looseObject({ policyId: z.number(), appliesTo: z.string(), results: z.array(z.unknown()) })),
    },
  }),
  backtestCreate: route({
    method: 'post',
    path: '/api/backtests',
    access: staff(RESOURCE_ACCESS.backtests!.write),
    summary: 'Queue a backtest',
    tag: 'policies',
    body: backtestSchema,
    responses: { 202: row('The queued backtest row.') },
  }),
  policyListCreate: route({
    method: 'post',
    path: '/api/policy-lists',
    access: staff(RESOURCE_ACCESS['policy-lists']!.write),
    summary: 'Create a policy list',
    tag: 'policies',
    body: listCreateSchema,
    responses: { 201: row('The list row.') },
  }),
  policyListUpdate: route({
    method: 'put',
    path: '/api/policy-lists/{id}',
    access: staff(RESOURCE_ACCESS['policy-lists']!.write),
    summary: 'Change a policy list',
    tag: 'policies',
    params: idParamSchema,
    body: listUpdateSchema,
    responses: { 200: row('The list row.') },
  }),
  policyListDelete: route({
    method: 'delete',
    path: '/api/policy-lists/{id}',
    access: staff(RESOURCE_ACCESS['policy-lists']!.write),
    summary: 'Delete an unused policy list',
    tag: 'policies',
    params: idParamSchema,
    responses: { 200: row('The list as it was.') },
  }),

  reputation: route({
    method: 'get',
    path: '/api/accounts/{id}/reputation',
    access: staff(RESOURCE_ACCESS.accounts!.read),
    summary: "An account's reputation and its history",
    tag: 'accounts',
    params: idParamSchema,
    responses: { 200: ok('Reputation view.', reputationViewSchema) },
  }),
  postUnmasked: route({
    method: 'get',
    path: '/api/posts/{id}/unmasked',
    access: staff(UNMASK_ROLES),
    summary: 'A post as written (audited)',
    tag: 'accounts',
    params: idParamSchema,
    responses: { 200: ok('The post, unmasked.', z.looseObject({ id: z.number() })) },
  }),
  accountExport: route({
    method: 'get',
    path: '/api/accounts/{id}/export',
    access: staff(ADMIN),
    summary: 'Everything held on an account (subject access)',
    tag: 'accounts',
    params: idParamSchema,
    responses: { 200: ok('The export.', z.looseObject({})) },
  }),
  accountErase: route({
    method: 'post',
    path: '/api/accounts/{id}/erase',
    access: staff(ADMIN),
    summary: "Erase an account's personal data",
    tag: 'accounts',
    params: idParamSchema,
    body: eraseSchema,
    responses: { 200: ok('What was erased.', z.looseObject({})) },
  }),

  workbench: route({
    method: 'get',
    path: '/api/flags/{id}/workbench',
    access: staff(RESOURCE_ACCESS.flags!.read),
    summary: 'A queue item with everything needed to decide it',
    tag: 'moderation',
    params: idParamSchema,
    responses: { 200: ok('The workbench view.', z.looseObject({})) },
  }),
  flagNext: route({
    method: 'post',
    path: '/api/flags/next',
    access: staff(QUEUE_WORKERS_ANY),
    summary: 'Claim the next item in a queue',
    tag: 'moderation',
    body: nextFlagSchema,
    responses: { 200: ok('The claimed flag, or null when the queue is empty.', nextFlagAnswerSchema) },
  }),
  flagClaim: route({
    method: 'post',
    path: '/api/flags/{id}/claim',
    access: staff(QUEUE_WORKERS_ANY),
    summary: 'Claim a flag',
    tag: 'moderation',
    params: idParamSchema,
    responses: { 200: row('The flag row.') },
  }),
  flagRelease: route({
    method: 'post',
    path: '/api/flags/{id}/release',
    access: staff(QUEUE_WORKERS_ANY),
    summary: 'Release a claimed flag',
    tag: 'moderation',
    params: idParamSchema,
    responses: { 200: row('The flag row.') },
  }),
  flagDecide: route({
    method: 'post',
    path: '/api/flags/{id}/decide',
    access: staff(QUEUE_WORKERS_ANY),
    summary: 'Decide a flag',
    tag: 'moderation',
    params: idParamSchema,
    body: decideSchema,
    responses: { 201: row('The decision row.') },
  }),
  decisionReverse: route({
    method: 'post',
    path: '/api/decisions/{id}/reverse',
    access: staff(REVIEWERS),
    summary: "Reverse another person's decision",
    tag: 'moderation',
    params: idParamSchema,
    body: reverseSchema,
    responses: { 201: row('The reversal decision row.') },
  }),
  appealDecide: route({
    method: 'post',
    path: '/api/appeals/{id}/decide',
    access: staff(REVIEWERS),
    summary: 'Decide an appeal',
    tag: 'moderation',
    params: idParamSchema,
    body: appealDecisionSchema,
    responses: { 200: row('The appeal row.') },
  }),

  queueSummary: route({
    method: 'get',
    path: '/api/queues/summary',
    access: staff(RESOURCE_ACCESS['queue-settings']!.read),
    summary: 'Open and overdue items in each queue the caller works',
    tag: 'moderation',
    responses: { 200: ok('One entry per queue.', z.array(z.looseObject({ queue: z.string(), open: z.number(), overdue: z.number() }))) },
  }),
  queueSettingsList: route({
    method: 'get',
    path: '/api/queue-settings',
    access: staff(RESOURCE_ACCESS['queue-settings']!.read),
    summary: "Every queue's target time to decision",
    tag: 'moderation',
    responses: { 200: { description: 'One row per queue.', schema: z.array(z.looseObject({ id: z.string() })), listHeaders: true } },
  }),
  queueSettingsGet: route({
    method: 'get',
    path: '/api/queue-settings/{queue}',
    access: staff(RESOURCE_ACCESS['queue-settings']!.read),
    summary: "A queue's target time to decision",
    tag: 'moderation',
    params: queueParamSchema,
    responses: { 200: ok('The settings row.', z.looseObject({ id: z.string() })) },
  }),
  queueSettingsSet: route({
    method: 'put',
    path: '/api/queue-settings/{queue}',
    access: staff(RESOURCE_ACCESS['queue-settings']!.write),
    summary: "Set a queue's target time to decision",
    tag: 'moderation',
    params: queueParamSchema,
    body: queueSettingsUpdateSchema,
    responses: { 200: ok('The settings row.', z.looseObject({ id: z.string() })) },
  }),
  noteTemplateCreate: route({
    method: 'post',
    path: '/api/note-templates',
    access: staff(RESOURCE_ACCESS['note-templates']!.write),
    summary: 'Add a canned decision note',
    tag: 'moderation',
    body: noteTemplateCreateSchema,
    responses: { 201: row('The template row.') },
  }),
  noteTemplateUpdate: route({
    method: 'put',
    path: '/api/note-templates/{id}',
    access: staff(RESOURCE_ACCESS['note-templates']!.write),
    summary: 'Change a canned decision note',
    tag: 'moderation',
    params: idParamSchema,
    body: noteTemplateUpdateSchema,
    responses: { 200: row('The template row.') },
  }),
  noteTemplateDelete: route({
    method: 'delete',
    path: '/api/note-templates/{id}',
    access: staff(RESOURCE_ACCESS['note-templates']!.write),
    summary: 'Delete a canned decision note',
    tag: 'moderation',
    params: idParamSchema,
    responses: { 200: row('The template as it was.') },
  }),
  supervisorClaims: route({
    method: 'get',
    path: '/api/supervisor/claims',
    access: staff(SUPERVISOR_ROLES),
    summary: 'Who holds which item, and since when',
    tag: 'moderation',
    responses: { 200: ok('Live claims.', z.array(z.looseObject({ id: z.number() }))) },
  }),
  supervisorRelease: route({
    method: 'post',
    path: '/api/supervisor/claims/{id}/release',
    access: staff(SUPERVISOR_ROLES),
    summary: "Release someone's claim (audited)",
    tag: 'moderation',
    params: idParamSchema,
    responses: { 200: ok('Released.', z.object({ id: z.number(), released: z.literal(true) })) },
  }),
  supervisorReassign: route({
    method: 'post',
    path: '/api/supervisor/claims/{id}/reassign',
    access: staff(SUPERVISOR_ROLES),
    summary: 'Hand a claim to another moderator (audited)',
    tag: 'moderation',
    params: idParamSchema,
    body: reassignSchema,
    responses: { 200: ok('The new holder.', z.looseObject({ id: z.number() })) },
  }),

  complianceReportCreate: route({
    method: 'post',
    path: '/api/compliance-reports',
    access: staff(COMPLIANCE),
    summary: 'Queue a disclosure compliance report',
    tag: 'compliance',
    body: complianceReportSchema,
    responses: { 202: ok('The queued report.', complianceReportRowSchema) },
  }),
  complianceReportGet: route({
    method: 'get',
    path: '/api/compliance-reports/{id}',
    access: staff(COMPLIANCE),
    summary: 'A compliance report',
    tag: 'compliance',
    params: idParamSchema,
    responses: { 200: ok('The report.', complianceReportRowSchema) },
  }),
  complianceReportCsv: route({
    method: 'get',
    path: '/api/compliance-reports/{id}/csv',
    access: staff(COMPLIANCE),
    summary: 'A finished compliance report as CSV',
    tag: 'compliance',
    params: idParamSchema,
    responses: { 200: csv('The CSV file.') },
  }),
  transparencyReportCreate: route({
    method: 'post',
    path: '/api/transparency-reports',
    access: staff(RESOURCE_ACCESS['transparency-reports']!.write),
    summary: 'Count (or queue) a transparency report',
    tag: 'compliance',
    body: transparencyRequestSchema,
    responses: { 201: ok('Counted at once.', transparencyReportRowSchema), 202: ok('Queued as a job.', transparencyReportRowSchema) },
  }),
  transparencyReportCsv: route({
    method: 'get',
    path: '/api/transparency-reports/{id}/csv',
    access: staff(RESOURCE_ACCESS['transparency-reports']!.read),
    summary: 'A transparency report as CSV',
    tag: 'compliance',
    params: idParamSchema,
    responses: { 200: csv('The CSV file.') },
  }),

  dashboard: route({
    method: 'get',
    path: '/api/stats/dashboard',
    access: staff(ROLES),
    summary: "The dashboard's figures",
    tag: 'stats',
    query: statsQuerySchema,
    responses: { 200: ok('Figures for the period.', dashboardSchema) },
  }),
  communityHealth: route({
    method: 'get',
    path: '/api/community-health',
    access: staff(ROLES),
    summary: 'Commercial share per board over time',
    tag: 'community',
    query: healthQuerySchema,
    responses: { 200: ok('Per-board series.', communityHealthSchema) },
  }),
  threadHealth: route({
    method: 'get',
    path: '/api/community-health/threads/{id}',
    access: staff(ROLES),
    summary: "One thread's commercial share over time",
    tag: 'community',
    params: idParamSchema,
    query: healthQuerySchema,
    responses: { 200: ok('The thread series.', threadHealthSchema) },
  }),
  thresholdSet: route({
    method: 'put',
    path: '/api/community-health/thresholds/{board}',
    access: staff(MANAGERS),
    summary: "Set a board's threshold",
    tag: 'community',
    params: boardParams,
    body: thresholdSchema,
    responses: { 200: ok('The threshold row (database columns).', z.looseObject({ board: z.string() })) },
  }),
  thresholdRemove: route({
    method: 'delete',
    path: '/api/community-health/thresholds/{board}',
    access: staff(MANAGERS),
    summary: "Remove a board's threshold",
    tag: 'community',
    params: boardParams,
    responses: { 204: noContent },
  }),

  webhookCreate: route({
    method: 'post',
    path: '/api/webhook-subscriptions',
    access: staff(RESOURCE_ACCESS['webhook-subscriptions']!.write),
    summary: 'Subscribe a URL (secret shown once)',
    tag: 'webhooks',
    body: subscriptionCreateSchema,
    responses: { 201: ok('The subscription with its secret.', resourceRowSchema.extend({ secret: z.string() })) },
  }),
  webhookUpdate: route({
    method: 'put',
    path: '/api/webhook-subscriptions/{id}',
    access: staff(RESOURCE_ACCESS['webhook-subscriptions']!.write),
    summary: 'Change a subscription',
    tag: 'webhooks',
    params: idParamSchema,
    body: subscriptionUpdateSchema,
    responses: { 200: row('The subscription.') },
  }),
  webhookDelete: route({
    method: 'delete',
    path: '/api/webhook-subscriptions/{id}',
    access: staff(RESOURCE_ACCESS['webhook-subscriptions']!.write),
    summary: 'Deactivate a subscription',
    tag: 'webhooks',
    params: idParamSchema,
    responses: { 200: row('The subscription.') },
  }),
  webhookRotate: route({
    method: 'post',
    path: '/api/webhook-subscriptions/{id}/rotate-secret',
    access: staff(RESOURCE_ACCESS['webhook-subscriptions']!.write),
    summary: 'Rotate the signing secret',
    tag: 'webhooks',
    params: idParamSchema,
    responses: { 200: ok('The subscription with its new secret.', resourceRowSchema.extend({ secret: z.string() })) },
  }),
  webhookTest: route({
    method: 'post',
    path: '/api/webhook-subscriptions/{id}/test',
    access: staff(RESOURCE_ACCESS['webhook-subscriptions']!.write),
    summary: 'Send a test event',
    tag: 'webhooks',
    params: idParamSchema,
    responses: { 201: row('The delivery row.') },
  }),
  deliveryReplay: route({
    method: 'post',
    path: '/api/webhook-deliveries/{id}/replay',
    access: staff(RESOURCE_ACCESS['webhook-deliveries']!.write),
    summary: 'Send a delivery again',
    tag: 'webhooks',
    params: idParamSchema,
    responses: { 200: row('The delivery row.') },
  }),
  deliveryReplayFailed: route({
    method: 'post',
    path: '/api/webhook-deliveries/replay-failed',
    access: staff(RESOURCE_ACCESS['webhook-deliveries']!.write),
    summary: 'Send every dead delivery again',
    tag: 'webhooks',
    body: replayFailedSchema,
    responses: { 200: ok('What was queued again.', replayFailedAnswerSchema) },
  }),

  labelExport: route({
    method: 'get',
    path: '/api/labels/export',
    access: staff(LABEL_EXPORTERS),
    summary: 'Export training labels',
    tag: 'models',
    query: formatSchema,
    responses: { 200: { description: 'JSON lines or CSV.', contentType: 'application/x-ndjson' } },
  }),
  labelImport: route({
    method: 'post',
    path: '/api/labels/import',
    access: staff(RESOURCE_ACCESS.labels!.write),
    summary: 'Import training labels from a file',
    tag: 'models',
    query: formatSchema,
    bodyContentTypes: labelFile,
    responses: { 201: ok('Import counts.', z.looseObject({})) },
  }),
  modelRollback: route({
    method: 'post',
    path: '/api/model-versions/rollback',
    access: staff(MODEL_WRITERS),
    summary: 'Return to the previous active model',
    tag: 'models',
    body: confirmSchema,
    responses: { 200: row('The model version now active.') },
  }),
  modelShadowComparison: route({
    method: 'get',
    path: '/api/model-versions/{id}/shadow-comparison',
    access: staff(RESOURCE_ACCESS['model-versions']!.read),
    summary: 'Shadow scores against the active model',
    tag: 'models',
    params: idParamSchema,
    responses: { 200: ok('The comparison.', z.looseObject({})) },
  }),
  modelShadow: route({
    method: 'post',
    path: '/api/model-versions/{id}/shadow',
    access: staff(MODEL_WRITERS),
    summary: 'Score in shadow',
    tag: 'models',
    params: idParamSchema,
    responses: { 200: row('The model version.') },
  }),
  modelRetire: route({
    method: 'post',
    path: '/api/model-versions/{id}/retire',
    access: staff(MODEL_WRITERS),
    summary: 'Retire a model version',
    tag: 'models',
    params: idParamSchema,
    responses: { 200: row('The model version.') },
  }),
  modelPromote: route({
    method: 'post',
    path: '/api/model-versions/{id}/promote',
    access: staff(MODEL_WRITERS),
    summary: 'Make a model version active',
    tag: 'models',
    params: idParamSchema,
    body: confirmSchema,
    responses: { 200: row('The model version.') },
  }),
  trainingRunCreate: route({
    method: 'post',
    path: '/api/model-training-runs',
    access: staff(RESOURCE_ACCESS['model-training-runs']!.write),
    summary: 'Queue a retraining run',
    tag: 'models',
    body: trainSchema,
    responses: { 202: row('The queued run.') },
  }),

  ingestPosts: route({
    method: 'post',
    path: '/api/v1/posts',
    access: 'api_key',
    summary: 'Send posts (one or a batch)',
    tag: 'platform',
    body: batchOf(postInputSchema),
    responses: { 200: ok('All already known.', ingestAnswerSchema), 201: ok('At least one new.', ingestAnswerSchema) },
  }),
  ingestTransactions: route({
    method: 'post',
    path: '/api/v1/transactions',
    access: 'api_key',
    summary: 'Send orders (one or a batch)',
    tag: 'platform',
    body: batchOf(transactionInputSchema),
    responses: { 200: ok('All already known.', ingestAnswerSchema), 201: ok('At least one new.', ingestAnswerSchema) },
  }),
  reportCreate: route({
    method: 'post',
    path: '/api/v1/reports',
    access: 'api_key',
    summary: "Send members' reports",
    tag: 'platform',
    body: batchOf(reportInputSchema),
    responses: { 200: ok('All already known.', ingestAnswerSchema), 201: ok('At least one new.', ingestAnswerSchema) },
  }),
  reportGet: route({
    method: 'get',
    path: '/api/v1/reports/{externalId}',
    access: 'api_key',
    summary: "A report's outcome",
    tag: 'platform',
    params: reportIdParamSchema,
    responses: { 200: ok('The report.', z.looseObject({})) },
  }),
  statementGet: route({
    method: 'get',
    path: '/api/v1/statements/{statementId}',
    access: 'api_key',
    summary: 'A statement of reasons',
    tag: 'platform',
    params: statementIdParamSchema,
    responses: { 200: ok('The statement.', z.looseObject({})) },
  }),
  appealCreate: route({
    method: 'post',
    path: '/api/v1/appeals',
    access: 'api_key',
    summary: 'File an appeal against a statement',
    tag: 'platform',
    body: appealInputSchema,
    responses: { 200: ok('Already filed.', appealStatusSchema), 201: ok('Filed.', appealStatusSchema) },
  }),
  appealGet: route({
    method: 'get',
    path: '/api/v1/appeals/{externalId}',
    access: 'api_key',
    summary: "An appeal's status and outcome",
    tag: 'platform',
    params: reportIdParamSchema,
    responses: { 200: ok('The appeal.', z.looseObject({ id: z.string(), status: z.string() })) },
  }),
  platformLabels: route({
    method: 'post',
    path: '/api/v1/labels',
    access: 'api_key',
    summary: 'Send labelled history as a file',
    tag: 'platform',
    query: formatSchema,
    bodyContentTypes: labelFile,
    responses: { 201: ok('Import counts.', z.looseObject({})) },
  }),
} satisfies Record<string, ContractRoute>;

export type RouteName = keyof typeof ROUTES;

/** Every console resource is listed and read one by one with its read roles. */
export function resourceRoutes(resource: string): { list: ContractRoute; get: ContractRoute } {
  const read = staff(RESOURCE_ACCESS[resource]!.read);
  return {
    list: {
      method: 'get',
      path: `/api/${resource}`,
      access: read,
      summary: `List ${resource}`,
      tag: 'resources',
      query: listQuerySchema,
      responses: { 200: { description: 'A page of rows.', schema: resourceListSchema, listHeaders: true } },
    },
    get: {
      method: 'get',
      path: `/api/${resource}/{id}`,
      access: read,
      summary: `One of ${resource}`,
      tag: 'resources',
      params: idParamSchema,
      responses: { 200: row('The row.') },
    },
  };
}

/** Resources in the access map whose reads are routes of their own above, not the generic list and get. */
const OWN_READ_ROUTES = new Set(['queue-settings']);

export const RESOURCE_ROUTES: Record<string, { list: ContractRoute; get: ContractRoute }> = Object.fromEntries(
  Object.keys(RESOURCE_ACCESS)
    .filter((r) => !OWN_READ_ROUTES.has(r))
    .map((r) => [r, resourceRoutes(r)]),
);

/** The whole API: every route a handler must be registered for, and nothing else. */
export const CONTRACT_ROUTES: readonly ContractRoute[] = [
  ...Object.values(ROUTES),
  ...Object.values(RESOURCE_ROUTES).flatMap((r) => [r.list, r.get]),
];
