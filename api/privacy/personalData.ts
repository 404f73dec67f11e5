import type { Knex } from 'knex';

/*
 * The personal-data registry: every column of every table, classified. Access requests (export)
 * and erasure read it, so a table holding what a member wrote cannot be forgotten by one and not
 * the other; test/api/personalData.test.ts compares it with the live schema after migrations, so
 * a new column fails the suite until someone decides here what it is.
 */

export type ColumnClass =
  /** Who the member is (handle, display name, the platform's id for them): pseudonymised on erasure. */
  | 'identity'
  /** What the member wrote: replaced on erasure. */
  | 'member_text'
  /** A stored masked copy of member text (search): replaced with it. */
  | 'member_text_copy'
  /** Text or JSON that quotes member text or identity (explanations, statements, payloads, reports): scrubbed of it on erasure. */
  | 'quotes_member'
  /** Links a row to an account: decides whose export and erasure the row belongs to. */
  | 'account_link'
  /** Staff members' own data (not members'); kept. */
  | 'staff'
  /** Credentials and their hashes; never exported. */
  | 'secret'
  /** The audit chain: never rewritten (its hashes would break); it holds ids and staff reasons, not member text. */
  | 'audit'
  /** Not personal: ids, enums, numbers, times, staff-authored configuration. */
  | 'none';

/** The rows of a table that belong to an account, given what is already known about it. */
export interface Scope {
  accountId: number;
  postIds: number[];
  statementIds: number[];
}

export interface TableEntry {
  columns: Record<string, ColumnClass>;
  /** Which rows belong to the account; absent, the table holds no rows of a member's own. */
  owned?: (qb: Knex.QueryBuilder, scope: Scope) => Knex.QueryBuilder;
  /** What erasure writes into this table's member_text, member_text_copy and identity columns. */
  erase?: Record<string, (accountId: number) => unknown>;
}

export const ERASED = '[erased]';
const erased = () => ERASED;
const nothing = () => null;

const subjectOf = (type: 'post' | 'account') => (qb: Knex.QueryBuilder, s: Scope) =>
  qb.where((w) =>
    w
      .where({ subject_type: 'account', subject_id: s.accountId })
      .orWhere((x) => x.where({ subject_type: type }).whereIn('subject_id', s.postIds)),
  );

export const PERSONAL_DATA: Record<string, TableEntry> = {
  accounts: {
    owned: (qb, s) => qb.where({ id: s.accountId }),
    columns: {
      id: 'account_link',
      source: 'none',
      external_id: 'identity',
      handle: 'identity',
      display_name: 'identity',
      type: 'none',
      locale: 'none',
      status: 'none',
      reputation_score: 'none',
      reputation_confidence: 'none',
      violations_upheld: 'none',
      joined_at: 'none',
      ingested_at: 'none',
      rep_discussion_pos: 'none',
      rep_discussion_neg: 'none',
      rep_commerce_pos: 'none',
      rep_commerce_neg: 'none',
      rep_as_of: 'none',
      reports_upheld: 'none',
      reports_rejected: 'none',
    },
    erase: { handle: (id) => `erased-${id}`, external_id: (id) => `erased-${id}`, display_name: nothing },
  },
  posts: {
    owned: (qb, s) => qb.where({ author_id: s.accountId }),
    columns: {
      id: 'none',
      source: 'none',
      external_id: 'none',
      kind: 'none',
      thread_id: 'none',
      parent_id: 'none',
      author_id: 'account_link',
      product_id: 'none',
      board: 'none',
      title: 'member_text',
      body: 'member_text',
      title_masked: 'member_text_copy',
      body_masked: 'member_text_copy',
      text_hash: 'member_text',
      lang: 'none',
      rating: 'none',
      platform_label: 'none',
      reach: 'none',
      status: 'none',
      spam_score: 'none',
      promo_score: 'none',
      disclosure_status: 'none',
      posted_at: 'none',
      ingested_at: 'none',
      has_disclosure: 'none',
      labels: 'none',
      disclosure_required: 'none',
      judged_by: 'none',
      model_version_id: 'none',
    },
    erase: { title: nothing, body: erased, title_masked: nothing, body_masked: erased, text_hash: nothing },
  },
  reports: {
    owned: (qb, s) => qb.where({ reporter_id: s.accountId }),
    columns: {
      id: 'none',
      source: 'none',
      external_id: 'none',
      reporter_id: 'account_link',
      subject_type: 'none',
      subject_id: 'none',
      reason: 'none',
      text: 'member_text',
      text_masked: 'member_text_copy',
      flag_id: 'none',
      weight: 'none',
      outcome: 'none',
      decision_id: 'none',
      reported_at: 'none',
      received_at: 'none',
      resolved_at: 'none',
    },
    erase: { text: nothing, text_masked: nothing },
  },
  appeals: {
    owned: (qb, s) => qb.whereIn('statement_id', s.statementIds),
    columns: {
      id: 'none',
      source: 'none',
      external_id: 'none',
      statement_id: 'account_link',
      text: 'member_text',
      text_masked: 'member_text_copy',
      status: 'none',
      decided_by: 'none',
      decision_note: 'quotes_member',
      outcome_statement_id: 'none',
      created_at: 'none',
      decided_at: 'none',
    },
    erase: { text: nothing, text_masked: nothing },
  },
  statements: {
    owned: (qb, s) => qb.where({ account_id: s.accountId }),
    columns: {
      id: 'none',
      public_id: 'none',
      subject_type: 'none',
      subject_id: 'none',
      account_id: 'account_link',
      decision_id: 'none',
      appeal_of_statement_id: 'none',
      kind: 'none',
      actions: 'none',
      ground: 'none',
      automated: 'none',
      facts: 'quotes_member',
      locale: 'none',
      text_en: 'quotes_member',
      text_zh: 'quotes_member',
      created_at: 'none',
    },
  },
  transactions: {
    owned: (qb, s) =>
      qb.where((w) => w.where({ buyer_id: s.accountId }).orWhere({ vendor_id: s.accountId }).orWhere({ affiliate_id: s.accountId })),
    columns: {
      id: 'none',
      source: 'none',
      external_id: 'none',
      buyer_id: 'account_link',
      vendor_id: 'account_link',
      product_id: 'none',
      amount_cents: 'none',
      currency: 'none',
      status: 'none',
      referral_post_id: 'none',
      affiliate_id: 'account_link',
      held: 'none',
      risk_score: 'none',
      ordered_at: 'none',
      ingested_at: 'none',
      judged_by: 'none',
      referral_undisclosed: 'none',
    },
  },
  products: {
    owned: (qb, s) => qb.where((w) => w.where({ vendor_id: s.accountId }).orWhere({ brand_id: s.accountId })),
    columns: {
      id: 'none',
      source: 'none',
      external_id: 'none',
      vendor_id: 'account_link',
      brand_id: 'account_link',
      name: 'none',
      category: 'none',
      price_cents: 'none',
      currency: 'none',
      ingested_at: 'none',
    },
  },
  partnerships: {
    owned: (qb, s) => qb.where((w) => w.where({ creator_id: s.accountId }).orWhere({ brand_id: s.accountId })),
    columns: {
      id: 'none',
      creator_id: 'account_link',
      brand_id: 'account_link',
      kind: 'none',
      starts_at: 'none',
      ends_at: 'none',
      campaign: 'none',
      source: 'none',
      created_at: 'none',
    },
  },
  reputation_events: {
    owned: (qb, s) => qb.where({ account_id: s.accountId }),
    columns: {
      id: 'none',
      account_id: 'account_link',
      component: 'none',
      weight: 'none',
      cause_type: 'none',
      cause_id: 'none',
      occurred_at: 'none',
      retracted_at: 'none',
      retracted_by_decision_id: 'none',
    },
  },
  flags: {
    owned: subjectOf('post'),
    columns: {
      id: 'none',
      subject_type: 'none',
      subject_id: 'account_link',
      queue: 'none',
      priority: 'none',
      status: 'none',
      source: 'none',
      reason: 'none',
      policy_version_id: 'none',
      claimed_by: 'none',
      claimed_until: 'none',
      created_at: 'none',
      decided_at: 'none',
      report_count: 'none',
      report_weight: 'none',
      claimed_at: 'none',
      sla_escalated_at: 'none',
    },
  },
  decisions: {
    owned: subjectOf('post'),
    columns: {
      id: 'none',
      flag_id: 'none',
      subject_type: 'none',
      subject_id: 'account_link',
      action: 'none',
      reason_code: 'none',
      note: 'quotes_member',
      staff_id: 'none',
      automated: 'none',
      reverses_decision_id: 'none',
      reversed_at: 'none',
      created_at: 'none',
      note_template_id: 'none',
    },
  },
  rule_hits: {
    owned: subjectOf('post'),
    columns: {
      id: 'none',
      policy_version_id: 'none',
      subject_type: 'none',
      subject_id: 'account_link',
      rule_name: 'none',
      event_type: 'none',
      event_params: 'none',
      explanation: 'quotes_member',
      mode: 'none',
      created_at: 'none',
    },
    erase: { explanation: () => JSON.stringify({ erased: true }) },
  },
  webhook_events: {
    columns: { id: 'none', public_id: 'none', type: 'none', source: 'none', payload: 'quotes_member', created_at: 'none' },
  },
  compliance_reports: {
    columns: {
      id: 'none',
      period_start: 'none',
      period_end: 'none',
      brand_id: 'none',
      creator_id: 'none',
      status: 'none',
      processed: 'none',
      total: 'none',
      result: 'quotes_member',
      error: 'none',
      created_by: 'none',
      created_at: 'none',
      finished_at: 'none',
    },
  },
  board_alerts: {
    columns: {
      id: 'none',
      board: 'none',
      flag_id: 'none',
      share: 'none',
      threshold: 'none',
      window_posts: 'none',
      window_start: 'none',
      window_end: 'none',
      post_ids: 'none',
      raised_at: 'none',
      reset_at: 'none',
    },
  },
  board_activity: {
    columns: {
      board: 'none',
      granularity: 'none',
      bucket: 'none',
      slot: 'none',
      posts: 'none',
      commercial: 'none',
      disclosed: 'none',
      by_vendor: 'none',
      by_partnered: 'none',
    },
  },
  thread_activity: {
    columns: {
      thread_id: 'none',
      bucket: 'none',
      posts: 'none',
      commercial: 'none',
      disclosed: 'none',
      by_vendor: 'none',
      by_partnered: 'none',
      granularity: 'none',
    },
  },
  board_thresholds: {
    columns: { board: 'none', commercial_share: 'none', min_posts: 'none', alerted: 'none', updated_by: 'none', updated_at: 'none' },
  },
  audit_log: {
    columns: {
      id: 'audit',
      at: 'audit',
      actor_kind: 'audit',
      actor_staff_id: 'audit',
      actor_api_key_id: 'audit',
      action: 'audit',
      subject_type: 'audit',
      subject_id: 'audit',
      detail: 'audit',
      request_id: 'audit',
      prev_hash: 'audit',
      hash: 'audit',
      hash_version: 'audit',
    },
  },
  audit_chain_head: { columns: { id: 'audit', hash: 'audit', last_id: 'audit' } },
  // Staff-authored settings and note texts: no member data.
  queue_settings: { columns: { queue: 'none', sla_minutes: 'none', updated_by: 'none', updated_at: 'none' } },
  note_templates: {
    columns: {
      id: 'none',
      queue: 'none',
      slot: 'none',
      title: 'none',
      text_en: 'none',
      text_zh: 'none',
      created_by: 'none',
      updated_by: 'none',
      created_at: 'none',
      updated_at: 'none',
    },
  },
  staff: {
    columns: {
      id: 'none',
      email: 'staff',
      display_name: 'staff',
      role: 'none',
      password_hash: 'secret',
      locale: 'none',
      active: 'none',
      created_at: 'none',
      last_login_at: 'staff',
    },
  },
  staff_sessions: {
    columns: {
      token_hash: 'secret',
      staff_id: 'none',
      csrf_token: 'secret',
      created_at: 'none',
      expires_at: 'none',
      read_fence_lsn: 'none',
      read_fence_at: 'none',
    },
  },
  // Which post holds a platform's id, kept apart so the key spans the monthly partitions of posts.
  post_keys: { columns: { source: 'none', external_id: 'none', post_id: 'none', posted_at: 'none' } },
  // How a partitioned table was converted, so the migration can put it back.
  partitioned_tables: {
    columns: { table_name: 'none', time_column: 'none', indexes: 'none', constraints: 'none', incoming_fks: 'none', outgoing_fks: 'none' },
  },
  api_keys: {
    columns: {
      id: 'none',
      name: 'none',
      source: 'none',
      prefix: 'none',
      key_hash: 'secret',
      created_by: 'none',
      created_at: 'none',
      revoked_at: 'none',
      last_used_at: 'none',
    },
  },
  webhook_subscriptions: {
    columns: {
      id: 'none',
      url: 'none',
      description: 'none',
      source: 'none',
      event_types: 'none',
      secret: 'secret',
      previous_secret: 'secret',
      previous_secret_expires_at: 'none',
      active: 'none',
      created_by: 'none',
      created_at: 'none',
      updated_at: 'none',
    },
  },
  webhook_deliveries: {
    columns: {
      id: 'none',
      event_id: 'none',
      subscription_id: 'none',
      event_type: 'none',
      event_public_id: 'none',
      status: 'none',
      attempts: 'none',
      lease_until: 'none',
      enqueued_at: 'none',
      next_attempt_at: 'none',
      last_status_code: 'none',
      last_error: 'none',
      last_attempt_at: 'none',
      succeeded_at: 'none',
      created_at: 'none',
    },
  },
  webhook_attempts: {
    columns: {
      id: 'none',
      delivery_id: 'none',
      attempt: 'none',
      started_at: 'none',
      duration_ms: 'none',
      status_code: 'none',
      error: 'none',
      response_excerpt: 'none',
      succeeded: 'none',
    },
  },
  policies: {
    columns: {
      id: 'none',
      name: 'none',
      description: 'none',
      applies_to: 'none',
      mode: 'none',
      status: 'none',
      draft: 'none',
      published_version_id: 'none',
      created_by: 'none',
      created_at: 'none',
      updated_at: 'none',
      revision: 'none',
      draft_updated_by: 'none',
    },
  },
  policy_versions: {
    columns: {
      id: 'none',
      policy_id: 'none',
      version: 'none',
      document: 'none',
      mode: 'none',
      published_by: 'none',
      published_at: 'none',
      applies_to: 'none',
      restores_version_id: 'none',
      note: 'none',
    },
  },
  policy_lists: {
    columns: {
      id: 'none',
      name: 'none',
      description: 'none',
      items: 'none',
      updated_by: 'none',
      revision: 'none',
      created_at: 'none',
      updated_at: 'none',
    },
  },
  policy_cache_token: { columns: { singleton: 'none', token: 'none' } },
  backtests: {
    columns: {
      id: 'none',
      policy_id: 'none',
      document: 'none',
      applies_to: 'none',
      compare_version_id: 'none',
      window_start: 'none',
      window_end: 'none',
      status: 'none',
      processed: 'none',
      total: 'none',
      result: 'quotes_member',
      error: 'none',
      created_by: 'none',
      created_at: 'none',
      started_at: 'none',
      finished_at: 'none',
    },
  },
  transparency_reports: {
    columns: {
      id: 'none',
      period_start: 'none',
      period_end: 'none',
      status: 'none',
      result: 'none',
      error: 'none',
      created_by: 'none',
      created_at: 'none',
      finished_at: 'none',
    },
  },
  // The classifier's registry and its training labels (migration 021). A decision's label reads its
  // post's text at training time, so erasing the post takes it out; an imported label's text came
  // from the platform with no account attached, and is scrubbed like any text quoting a member.
  model_versions: {
    columns: {
      id: 'none',
      version: 'none',
      status: 'none',
      onnx: 'none',
      featurizer_version: 'none',
      thresholds: 'none',
      training_config: 'none',
      training_data: 'none',
      metrics: 'none',
      evaluation: 'none',
      note: 'none',
      created_by: 'none',
      created_at: 'none',
      activated_at: 'none',
      shadow_since: 'none',
      retired_at: 'none',
      previous_active_id: 'none',
    },
  },
  model_training_runs: {
    columns: {
      id: 'none',
      status: 'none',
      stage: 'none',
      progress: 'none',
      settings: 'none',
      base_version_id: 'none',
      candidate_id: 'none',
      error: 'none',
      requested_by: 'none',
      created_at: 'none',
      started_at: 'none',
      finished_at: 'none',
    },
  },
  label_imports: {
    columns: { id: 'none', format: 'none', rows: 'none', sha256: 'none', staff_id: 'none', platform: 'none', created_at: 'none' },
  },
  training_labels: {
    columns: {
      id: 'none',
      source: 'none',
      post_id: 'none',
      decision_id: 'none',
      staff_id: 'none',
      queue: 'none',
      model_version_id: 'none',
      spam: 'none',
      promo: 'none',
      label: 'none',
      text: 'quotes_member',
      external_id: 'none',
      import_id: 'none',
      labelled_at: 'none',
      created_at: 'none',
      retracted_at: 'none',
      retracted_by_decision_id: 'none',
    },
  },
  model_shadow_scores: { columns: { model_version_id: 'none', post_id: 'none', spam: 'none', promo: 'none', scored_at: 'none' } },
};

/** Columns of a class in a table, in declaration order. */
export function columnsOf(table: string, ...classes: ColumnClass[]): string[] {
  return Object.entries(PERSONAL_DATA[table]?.columns ?? {})
    .filter(([, c]) => classes.includes(c))
    .map(([name]) => name);
}
