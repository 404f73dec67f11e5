import type { Knex } from 'knex';

const SUBJECT_TYPES = ['post', 'account', 'transaction'] as const;
/** The queues as this migration created them; later migrations extend the list (see 009). */
export const QUEUES_AT_003 = [
  'spam',
  'scam',
  'contact_harvesting',
  'fake_review',
  'suspicious_order',
  'undisclosed_ad',
  'community',
] as const;
const FLAG_STATUSES = ['open', 'decided', 'dismissed'] as const;
const FLAG_SOURCES = ['rule', 'classifier', 'report', 'staff'] as const;
const DECISION_ACTIONS = ['approve', 'remove', 'escalate', 'hold', 'label', 'require_disclosure', 'warn'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('flags', (t) => {
    t.bigIncrements('id');
    t.enu('subject_type', SUBJECT_TYPES, { useNative: false, enumName: 'subject_type' }).notNullable();
    t.bigInteger('subject_id').notNullable();
    t.enu('queue', QUEUES_AT_003, { useNative: false, enumName: 'queue_name' }).notNullable();
    t.integer('priority').notNullable().defaultTo(50);
    t.enu('status', FLAG_STATUSES, { useNative: false, enumName: 'flag_status' }).notNullable().defaultTo('open');
    t.enu('source', FLAG_SOURCES, { useNative: false, enumName: 'flag_source' }).notNullable();
    t.text('reason').notNullable();
    t.bigInteger('policy_version_id');
    // A claim is a lock that expires, so two moderators never decide the same item.
    t.bigInteger('claimed_by').references('staff.id');
    t.timestamp('claimed_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('decided_at', { useTz: true });
    t.index(['subject_type', 'subject_id']);
    t.index(['status', 'created_at']);
    t.index(['created_at']);
  });
  await knex.raw('alter table flags add constraint flags_priority_range check (priority between 0 and 100)');
  // The queue page: open items of one queue by priority, then oldest first.
  await knex.raw('create index flags_queue_order on flags (queue, status, priority desc, created_at asc, id asc)');
  // One open flag per subject and queue: new evidence raises the existing one instead of duplicating it.
  await knex.raw("create unique index flags_one_open_per_subject on flags (subject_type, subject_id, queue) where status = 'open'");

  await knex.schema.createTable('decisions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('flag_id').references('flags.id');
    t.enu('subject_type', SUBJECT_TYPES, { useNative: false, enumName: 'subject_type' }).notNullable();
    t.bigInteger('subject_id').notNullable();
    t.enu('action', DECISION_ACTIONS, { useNative: false, enumName: 'decision_action' }).notNullable();
    t.text('reason_code').notNullable();
    t.text('note');
    // Null for automated decisions made by an enforcing policy.
    t.bigInteger('staff_id').references('staff.id');
    t.boolean('automated').notNullable().defaultTo(false);
    t.bigInteger('reverses_decision_id').references('decisions.id');
    t.timestamp('reversed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['flag_id']);
    t.index(['subject_type', 'subject_id']);
    t.index(['staff_id', 'created_at']);
    t.index(['created_at']);
    t.index(['action', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('decisions');
  await knex.schema.dropTable('flags');
}
