import type { Knex } from 'knex';
import { QUEUES_AT_003 } from './003_moderation';

/** Harassment and "other" reports have no rule queue of their own; moderators work them here. */
const QUEUES = [...QUEUES_AT_003, 'member_reports'] as const;
const REPORT_REASONS = ['spam', 'scam', 'undisclosed_ad', 'harassment', 'counterfeit', 'other'] as const;
const REPORT_OUTCOMES = ['pending', 'upheld', 'rejected'] as const;
/** `webhook.test` is only ever sent by the test-send button, to one subscription. */
const DELIVERY_STATUSES = ['pending', 'delivering', 'retrying', 'succeeded', 'dead'] as const;

const queueCheck = (queues: readonly string[]) =>
  `alter table flags add constraint flags_queue_check check (queue in (${queues.map((q) => `'${q}'`).join(', ')}))`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table flags drop constraint if exists flags_queue_check');
  await knex.raw(queueCheck(QUEUES));
  await knex.schema.alterTable('flags', (t) => {
    t.integer('report_count').notNullable().defaultTo(0);
    // Sum of the reports' weights: what moves the flag's priority, so brigades count for less than their number.
    t.double('report_weight').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('accounts', (t) => {
    // The member's record as a reporter: how often moderators agreed with them.
    t.integer('reports_upheld').notNullable().defaultTo(0);
    t.integer('reports_rejected').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('reports', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.bigInteger('reporter_id').notNullable().references('accounts.id');
    t.enu('subject_type', ['post', 'account', 'transaction'], { useNative: false, enumName: 'report_subject_type' }).notNullable();
    t.bigInteger('subject_id').notNullable();
    t.enu('reason', REPORT_REASONS, { useNative: false, enumName: 'report_reason' }).notNullable();
    t.text('text');
    t.bigInteger('flag_id').notNullable().references('flags.id');
    t.double('weight').notNullable();
    t.enu('outcome', REPORT_OUTCOMES, { useNative: false, enumName: 'report_outcome' }).notNullable().defaultTo('pending');
    t.bigInteger('decision_id').references('decisions.id');
    t.timestamp('reported_at', { useTz: true }).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true });
    t.unique(['source', 'external_id']);
    t.index(['subject_type', 'subject_id']);
    t.index(['reporter_id', 'received_at']);
    t.index(['flag_id']);
    t.index(['received_at']);
  });

  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.bigIncrements('id');
    t.text('url').notNullable();
    t.text('description');
    // Only events about this platform's items; null means every platform.
    t.text('source');
    t.jsonb('event_types').notNullable();
    // Kept in the clear because every delivery is signed with it; shown to admins once.
    t.text('secret').notNullable();
    t.text('previous_secret');
    t.timestamp('previous_secret_expires_at', { useTz: true });
    t.boolean('active').notNullable().defaultTo(true);
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('webhook_events', (t) => {
    t.bigIncrements('id');
    t.text('public_id').notNullable().unique();
    t.text('type').notNullable();
    t.text('source');
    t.jsonb('payload').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['type', 'created_at']);
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('event_id').notNullable().references('webhook_events.id');
    t.bigInteger('subscription_id').notNullable().references('webhook_subscriptions.id');
    // Copied from the event so the delivery log filters without a join.
    t.text('event_type').notNullable();
    t.text('event_public_id').notNullable();
    t.enu('status', DELIVERY_STATUSES, { useNative: false, enumName: 'delivery_status' }).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    // A worker holds a delivery while it sends; a worker that dies leaves a lease that runs out.
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('enqueued_at', { useTz: true });
    t.timestamp('next_attempt_at', { useTz: true });
    t.integer('last_status_code');
    t.text('last_error');
    t.timestamp('last_attempt_at', { useTz: true });
    t.timestamp('succeeded_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['event_id', 'subscription_id']);
    t.index(['status', 'created_at']);
    t.index(['subscription_id', 'created_at']);
  });

  await knex.schema.createTable('webhook_attempts', (t) => {
    t.bigIncrements('id');
    t.bigInteger('delivery_id').notNullable().references('webhook_deliveries.id');
    t.integer('attempt').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.integer('duration_ms').notNullable();
    t.integer('status_code');
    t.text('error');
    t.text('response_excerpt');
    t.boolean('succeeded').notNullable();
    t.index(['delivery_id', 'attempt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_attempts');
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_events');
  await knex.schema.dropTable('webhook_subscriptions');
  await knex.schema.dropTable('reports');
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('reports_upheld');
    t.dropColumn('reports_rejected');
  });
  await knex.schema.alterTable('flags', (t) => {
    t.dropColumn('report_count');
    t.dropColumn('report_weight');
  });
  await knex('flags').where({ queue: 'member_reports' }).delete();
  await knex.raw('alter table flags drop constraint if exists flags_queue_check');
  await knex.raw(queueCheck(QUEUES_AT_003));
}
