import type { FieldSpec, ListableSpec } from '../http/listQuery';
import { camelCase } from '../db/rows';
import { ROLES, type Role } from '../auth/roles';
import { RESOURCE_ACCESS } from '../auth/access';
import { ACCOUNT_TYPES, PARTNERSHIP_KINDS, POST_KINDS, POST_STATUSES, TRANSACTION_STATUSES } from '../../migrations/001_accounts_and_content';
import { DECISION_ACTIONS, FLAG_SOURCES, FLAG_STATUSES, QUEUES, SUBJECT_TYPES } from '../../migrations/003_moderation';
import { POLICY_MODES, POLICY_STATUSES, POLICY_TARGETS } from '../../migrations/004_policies_and_evidence';
import { BACKTEST_STATUSES } from '../../migrations/005_policy_runtime';

export interface ResourceDefinition extends ListableSpec {
  table: string;
  /** Columns returned; a column left out here (a password hash) can never leak. */
  columns: string[];
  readRoles: readonly Role[];
  /** Order among equal sort values; the default is id in the sort's direction. */
  tiebreak?: Array<{ column: string; order: 'asc' | 'desc' }>;
}

type ColumnDecl = [column: string, kind: FieldSpec['kind'], options?: { sort?: boolean; filter?: boolean; values?: readonly string[] }];

function fields(decls: ColumnDecl[]): Record<string, FieldSpec> {
  const out: Record<string, FieldSpec> = {};
  for (const [column, kind, options] of decls) {
    out[camelCase(column)] = {
      column,
      kind,
      sortable: options?.sort ?? false,
      filterable: options?.filter ?? true,
      values: options?.values,
    };
  }
  return out;
}

const J = { filter: false } as const;

function define(d: Omit<ResourceDefinition, 'columns' | 'readRoles'> & { columns?: string[] }): ResourceDefinition {
  return { ...d, readRoles: RESOURCE_ACCESS[d.resource]!.read, columns: d.columns ?? Object.values(d.fields).map((f) => f.column) };
}

const S = { sort: true };

export const RESOURCES: Record<string, ResourceDefinition> = {
  accounts: define({
    resource: 'accounts',
    table: 'accounts',
        fields: fields([
      ['id', 'id', S],
      ['source', 'text'],
      ['external_id', 'text'],
      ['handle', 'text', S],
      ['display_name', 'text', { filter: false }],
      ['type', 'enum', { sort: true, values: ACCOUNT_TYPES }],
      ['locale', 'text'],
      ['status', 'text'],
      ['reputation_score', 'number', S],
      ['reputation_confidence', 'number', { filter: false }],
      ['violations_upheld', 'int', S],
      ['joined_at', 'date', S],
      ['ingested_at', 'date', { filter: false }],
    ]),
    searchColumns: ['handle', 'display_name', 'external_id'],
    defaultSort: ['id', 'ASC'],
  }),
  posts: define({
    resource: 'posts',
    table: 'posts',
        fields: fields([
      ['id', 'id', S],
      ['source', 'text'],
      ['external_id', 'text'],
      ['kind', 'enum', { sort: true, values: POST_KINDS }],
      ['thread_id', 'id'],
      ['parent_id', 'id'],
      ['author_id', 'id'],
      ['product_id', 'id'],
      ['board', 'text', S],
      ['title', 'text', { filter: false }],
      ['body', 'text', { filter: false }],
      ['lang', 'text'],
      ['rating', 'int', S],
      ['platform_label', 'bool'],
      ['reach', 'int', S],
      ['status', 'enum', { sort: true, values: POST_STATUSES }],
      ['spam_score', 'number', S],
      ['promo_score', 'number', S],
      ['disclosure_status', 'text'],
      ['has_disclosure', 'bool'],
      ['disclosure_required', 'bool'],
      ['labels', 'json', J],
      ['judged_by', 'json', J],
      ['posted_at', 'date', S],
      ['ingested_at', 'date', { filter: false }],
    ]),
    searchColumns: ['body', 'title'],
    defaultSort: ['postedAt', 'DESC'],
  }),
  transactions: define({
    resource: 'transactions',
    table: 'transactions',
        fields: fields([
      ['id', 'id', S],
      ['source', 'text'],
      ['external_id', 'text'],
      ['buyer_id', 'id'],
      ['vendor_id', 'id'],
      ['product_id', 'id'],
      ['amount_cents', 'int', S],
      ['currency', 'text'],
      ['status', 'enum', { sort: true, values: TRANSACTION_STATUSES }],
      ['referral_post_id', 'id'],
      ['affiliate_id', 'id'],
      ['held', 'bool'],
      ['risk_score', 'number', S],
      ['referral_undisclosed', 'bool'],
      ['judged_by', 'json', J],
      ['ordered_at', 'date', S],
      ['ingested_at', 'date', { filter: false }],
    ]),
    searchColumns: ['external_id'],
    defaultSort: ['orderedAt', 'DESC'],
  }),
  partnerships: define({
    resource: 'partnerships',
    table: 'partnerships',
        fields: fields([
      ['id', 'id', S],
      ['creator_id', 'id'],
      ['brand_id', 'id'],
      ['kind', 'enum', { sort: true, values: PARTNERSHIP_KINDS }],
      ['starts_at', 'date', S],
      ['ends_at', 'date', S],
      ['campaign', 'text', S],
      ['source', 'text'],
      ['created_at', 'date', S],
    ]),
    searchColumns: ['campaign'],
    defaultSort: ['startsAt', 'DESC'],
  }),
  flags: define({
    resource: 'flags',
    table: 'flags',
        fields: fields([
      ['id', 'id', S],
      ['subject_type', 'enum', { values: SUBJECT_TYPES }],
      ['subject_id', 'id'],
      ['queue', 'enum', { sort: true, values: QUEUES }],
      ['priority', 'int', S],
      ['status', 'enum', { sort: true, values: FLAG_STATUSES }],
      ['source', 'enum', { values: FLAG_SOURCES }],
      ['reason', 'text', { filter: false }],
      ['policy_version_id', 'id'],
      ['claimed_by', 'id'],
      ['claimed_until', 'date', S],
      ['created_at', 'date', S],
      ['decided_at', 'date', S],
    ]),
    searchColumns: ['reason'],
    defaultSort: ['priority', 'DESC'],
    // A queue is worked by priority, then oldest first.
    tiebreak: [{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }],
  }),
  decisions: define({
    resource: 'decisions',
    table: 'decisions',
        fields: fields([
      ['id', 'id', S],
      ['flag_id', 'id'],
      ['subject_type', 'enum', { values: SUBJECT_TYPES }],
      ['subject_id', 'id'],
      ['action', 'enum', { sort: true, values: DECISION_ACTIONS }],
      ['reason_code', 'text', S],
      ['note', 'text', { filter: false }],
      ['staff_id', 'id'],
      ['automated', 'bool'],
      ['reverses_decision_id', 'id'],
      ['reversed_at', 'date', S],
      ['created_at', 'date', S],
    ]),
    searchColumns: ['note', 'reason_code'],
    defaultSort: ['createdAt', 'DESC'],
  }),
  staff: define({
    resource: 'staff',
    table: 'staff',
        fields: fields([
      ['id', 'id', S],
      ['email', 'text', S],
      ['display_name', 'text', S],
      ['role', 'enum', { sort: true, values: ROLES }],
      ['locale', 'text'],
      ['active', 'bool'],
      ['created_at', 'date', S],
      ['last_login_at', 'date', S],
    ]),
    searchColumns: ['email', 'display_name'],
    defaultSort: ['id', 'ASC'],
  }),
  'api-keys': define({
    resource: 'api-keys',
    table: 'api_keys',
        fields: fields([
      ['id', 'id', S],
      ['name', 'text', S],
      ['source', 'text', S],
      ['prefix', 'text'],
      ['created_by', 'id'],
      ['created_at', 'date', S],
      ['revoked_at', 'date', S],
      ['last_used_at', 'date', S],
    ]),
    searchColumns: ['name', 'source'],
    defaultSort: ['id', 'DESC'],
  }),
  'audit-log': define({
    resource: 'audit-log',
    table: 'audit_log',
        fields: fields([
      ['id', 'id', S],
      ['at', 'date', S],
      ['actor_kind', 'text'],
      ['actor_staff_id', 'id'],
      ['actor_api_key_id', 'id'],
      ['action', 'text', S],
      ['subject_type', 'text'],
      ['subject_id', 'text'],
      ['detail', 'text', { filter: false }],
      ['request_id', 'text'],
      ['prev_hash', 'text', { filter: false }],
      ['hash', 'text'],
    ]),
    searchColumns: ['action', 'subject_id'],
    defaultSort: ['id', 'DESC'],
  }),
  policies: define({
    resource: 'policies',
    table: 'policies',
    fields: fields([
      ['id', 'id', S],
      ['name', 'text', S],
      ['description', 'text', { filter: false }],
      ['applies_to', 'enum', { sort: true, values: POLICY_TARGETS }],
      ['mode', 'enum', { sort: true, values: POLICY_MODES }],
      ['status', 'enum', { sort: true, values: POLICY_STATUSES }],
      ['draft', 'json', J],
      ['published_version_id', 'id'],
      ['created_by', 'id'],
      ['created_at', 'date', S],
      ['updated_at', 'date', S],
    ]),
    searchColumns: ['name', 'description'],
    defaultSort: ['name', 'ASC'],
  }),
  'policy-versions': define({
    resource: 'policy-versions',
    table: 'policy_versions',
    fields: fields([
      ['id', 'id', S],
      ['policy_id', 'id'],
      ['version', 'int', S],
      ['document', 'json', J],
      ['mode', 'enum', { values: POLICY_MODES }],
      ['applies_to', 'enum', { values: POLICY_TARGETS }],
      ['published_by', 'id'],
      ['published_at', 'date', S],
      ['restores_version_id', 'id'],
      ['note', 'text', { filter: false }],
    ]),
    searchColumns: ['note'],
    defaultSort: ['publishedAt', 'DESC'],
  }),
  'policy-lists': define({
    resource: 'policy-lists',
    table: 'policy_lists',
    fields: fields([
      ['id', 'id', S],
      ['name', 'text', S],
      ['description', 'text', { filter: false }],
      ['items', 'json', J],
      ['updated_by', 'id'],
      ['created_at', 'date', S],
      ['updated_at', 'date', S],
    ]),
    searchColumns: ['name', 'description'],
    defaultSort: ['name', 'ASC'],
  }),
  'rule-hits': define({
    resource: 'rule-hits',
    table: 'rule_hits',
    fields: fields([
      ['id', 'id', S],
      ['policy_version_id', 'id'],
      ['subject_type', 'enum', { values: SUBJECT_TYPES }],
      ['subject_id', 'id'],
      ['rule_name', 'text', S],
      ['event_type', 'text'],
      ['event_params', 'json', J],
      ['explanation', 'json', J],
      ['mode', 'enum', { values: POLICY_MODES }],
      ['created_at', 'date', S],
    ]),
    searchColumns: ['rule_name'],
    defaultSort: ['createdAt', 'DESC'],
  }),
  backtests: define({
    resource: 'backtests',
    table: 'backtests',
    fields: fields([
      ['id', 'id', S],
      ['policy_id', 'id'],
      ['document', 'json', J],
      ['applies_to', 'enum', { values: POLICY_TARGETS }],
      ['compare_version_id', 'id'],
      ['window_start', 'date', S],
      ['window_end', 'date', S],
      ['status', 'enum', { sort: true, values: BACKTEST_STATUSES }],
      ['processed', 'int'],
      ['total', 'int'],
      ['result', 'json', J],
      ['error', 'text', { filter: false }],
      ['created_by', 'id'],
      ['created_at', 'date', S],
      ['started_at', 'date', S],
      ['finished_at', 'date', S],
    ]),
    searchColumns: [],
    defaultSort: ['createdAt', 'DESC'],
  }),
};
