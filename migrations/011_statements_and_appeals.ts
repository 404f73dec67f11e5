import type { Knex } from 'knex';

const STATEMENT_KINDS = ['decision', 'automated', 'appeal_outcome'] as const;
const APPEAL_STATUSES = ['open', 'upheld', 'rejected'] as const;

export async function up(knex: Knex): Promise<void> {
  // What a member is told about a decision that restricts them, in both languages, kept as sent.
  await knex.schema.createTable('statements', (t) => {
    t.bigIncrements('id');
    t.text('public_id').notNullable().unique();
    t.text('subject_type').notNullable();
    t.bigInteger('subject_id').notNullable();
    t.bigInteger('account_id').references('accounts.id');
    t.bigInteger('decision_id').references('decisions.id');
    t.bigInteger('appeal_of_statement_id').references('statements.id');
    t.enu('kind', STATEMENT_KINDS, { useNative: false, enumName: 'statement_kind' }).notNullable();
    t.jsonb('actions').notNullable();
    t.jsonb('ground').notNullable();
    t.boolean('automated').notNullable();
    t.jsonb('facts').notNullable();
    // The member's language; both texts are kept, so either can be shown or audited.
    t.text('locale').notNullable();
    t.text('text_en').notNullable();
    t.text('text_zh').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['subject_type', 'subject_id']);
    t.index(['decision_id']);
    t.index(['account_id', 'created_at']);
    t.index(['created_at']);
  });
  await knex.schema.createTable('appeals', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.bigInteger('statement_id').notNullable().references('statements.id');
    t.text('text');
    t.enu('status', APPEAL_STATUSES, { useNative: false, enumName: 'appeal_status' }).notNullable().defaultTo('open');
    t.bigInteger('decided_by').references('staff.id');
    t.text('decision_note');
    t.bigInteger('outcome_statement_id').references('statements.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('decided_at', { useTz: true });
    t.unique(['source', 'external_id']);
    t.index(['status', 'created_at']);
    t.index(['statement_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeals');
  await knex.schema.dropTable('statements');
}
