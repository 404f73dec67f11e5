/**
 * The product's vocabulary: every closed set of values the API, the rules, the models and the
 * console share. Migrations keep their own frozen copies (a migration is history and must not change
 * when a set grows); test/api/contractEnums.test.ts checks the database's constraints against these.
 */

export const ACCOUNT_TYPES = ['member', 'vendor', 'brand', 'creator'] as const;
export const POST_KINDS = ['thread', 'reply', 'review', 'live_comment'] as const;
export const POST_STATUSES = ['visible', 'held', 'removed', 'labelled'] as const;
export const TRANSACTION_STATUSES = ['pending', 'completed', 'refunded', 'disputed', 'chargeback', 'cancelled'] as const;
export const PARTNERSHIP_KINDS = ['sponsorship', 'gifted', 'affiliate', 'employment'] as const;

export const STAFF_ROLES = ['admin', 'moderator', 'compliance', 'community_manager'] as const;
export type Role = (typeof STAFF_ROLES)[number];

export const SUBJECT_TYPES = ['post', 'account', 'transaction'] as const;
/** Queues a policy can send an item to. */
export const POLICY_QUEUES = [
  'spam',
  'scam',
  'contact_harvesting',
  'fake_review',
  'suspicious_order',
  'undisclosed_ad',
  'community',
] as const;
/** Harassment and "other" reports have no rule queue of their own; moderators work them in member_reports. */
export const QUEUES = [...POLICY_QUEUES, 'member_reports'] as const;
export type Queue = (typeof QUEUES)[number];
export const FLAG_STATUSES = ['open', 'decided', 'dismissed'] as const;
export const FLAG_SOURCES = ['rule', 'classifier', 'report', 'staff'] as const;
export const DECISION_ACTIONS = ['approve', 'remove', 'escalate', 'hold', 'label', 'require_disclosure', 'warn'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const POLICY_TARGETS = ['post', 'transaction'] as const;
export const POLICY_MODES = ['enforce', 'shadow'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'archived'] as const;
export const REPUTATION_COMPONENTS = ['discussion', 'commerce'] as const;

/** Every background job (backtests, compliance and transparency reports) moves through these. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const REPORT_REASONS = ['spam', 'scam', 'undisclosed_ad', 'harassment', 'counterfeit', 'other'] as const;
export const REPORT_OUTCOMES = ['pending', 'upheld', 'rejected'] as const;
export const WEBHOOK_EVENT_TYPES = [
  'decision.made',
  'decision.reversed',
  'item.held',
  'disclosure.required',
  'reputation.changed',
  'appeal.decided',
] as const;
/** `webhook.test` is only ever sent by the test-send button, to one subscription. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
export const DELIVERY_STATUSES = ['pending', 'delivering', 'retrying', 'succeeded', 'dead'] as const;

export const ACTIVITY_GRANULARITIES = ['hour', 'day'] as const;
export const STATEMENT_KINDS = ['decision', 'automated', 'appeal_outcome'] as const;
export const APPEAL_STATUSES = ['open', 'upheld', 'rejected'] as const;

/** Longest target time to decision a queue may set: 30 days, in minutes. */
export const SLA_MAX_MINUTES = 43_200;
/** Canned notes per queue, one per digit a moderator presses after `n`. */
export const NOTE_TEMPLATE_SLOTS = 9;

export const MODEL_STATUSES = ['candidate', 'shadow', 'active', 'retired'] as const;
export const LABEL_SOURCES = ['decision', 'import'] as const;
/** What a training label says of a post, as a person would put it. */
export const LABEL_VALUES = ['spam', 'promotion', 'not_spam', 'not_promotion', 'neither'] as const;
export const TRAINING_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
