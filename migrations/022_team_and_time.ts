import type { Knex } from 'knex';

/** Longest target a queue may set: 30 days, in minutes. */
const SLA_MAX_MINUTES = 43_200;
/** Templates per queue a moderator reaches with `n` and one digit. */
const NOTE_TEMPLATE_SLOTS = 9;
/** The queues as they stood when this migration was written (a migration is history). */
const QUEUES = [
  'spam',
  'scam',
  'contact_harvesting',
  'fake_review',
  'suspicious_order',
  'undisclosed_ad',
  'community',
  'member_reports',
] as const;

const queueList = QUEUES.map((q) => `'${q}'`).join(', ');

/*
 * Team and time: each queue's target time to decision (an item past twice it escalates by
 * itself, once, recorded in sla_escalated_at), when a claim began (the supervisor's "since"), and
 * the canned decision notes each queue offers, in both languages.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('queue_settings', (t) => {
    t.text('queue').primary();
    // Null: the queue has no target, so nothing in it is overdue.
    t.integer('sla_minutes');
    t.integer('updated_by').references('staff.id');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw(`alter table queue_settings add constraint queue_settings_queue_check check (queue in (${queueList}))`);
  await knex.raw(
    `alter table queue_settings add constraint queue_settings_sla_check check (sla_minutes is null or (sla_minutes > 0 and sla_minutes <= ${SLA_MAX_MINUTES}))`,
  );

  await knex.schema.alterTable('flags', (t) => {
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('sla_escalated_at', { useTz: true });
  });
  // The escalation job looks for open items not yet escalated.
  await knex.raw(`create index flags_sla_open on flags (queue, created_at) where status = 'open' and sla_escalated_at is null`);

  await knex.schema.createTable('note_templates', (t) => {
    // bigint like the other ids, so any id a route accepts can be compared with it.
    t.bigIncrements('id');
    t.text('queue').notNullable();
    t.smallint('slot').notNullable();
    t.text('title').notNullable();
    t.text('text_en').notNullable();
    t.text('text_zh').notNullable();
    t.integer('created_by').references('staff.id');
    t.integer('updated_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['queue', 'slot']);
  });
  await knex.raw(`alter table note_templates add constraint note_templates_queue_check check (queue in (${queueList}))`);
  await knex.raw(`alter table note_templates add constraint note_templates_slot_check check (slot between 1 and ${NOTE_TEMPLATE_SLOTS})`);

  // Which template a decision's note started from (it may have been edited before it was sent).
  await knex.schema.alterTable('decisions', (t) => {
    t.bigInteger('note_template_id').references('note_templates.id').onDelete('SET NULL');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decisions', (t) => t.dropColumn('note_template_id'));
  await knex.schema.dropTable('note_templates');
  await knex.raw('drop index if exists flags_sla_open');
  await knex.schema.alterTable('flags', (t) => {
    t.dropColumn('sla_escalated_at');
    t.dropColumn('claimed_at');
  });
  await knex.schema.dropTable('queue_settings');
}
