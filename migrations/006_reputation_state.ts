import type { Knex } from 'knex';

/**
 * The decayed evidence behind each account's reputation, kept incrementally as events arrive;
 * reputation_events stays the record it can always be recomputed from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.double('rep_discussion_pos').notNullable().defaultTo(0);
    t.double('rep_discussion_neg').notNullable().defaultTo(0);
    t.double('rep_commerce_pos').notNullable().defaultTo(0);
    t.double('rep_commerce_neg').notNullable().defaultTo(0);
    t.timestamp('rep_as_of', { useTz: true });
  });
  // A reversed decision retracts the evidence it wrote: kept for the record, left out of every score.
  await knex.schema.alterTable('reputation_events', (t) => {
    t.timestamp('retracted_at', { useTz: true });
    t.bigInteger('retracted_by_decision_id').references('decisions.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reputation_events', (t) => {
    t.dropColumn('retracted_by_decision_id');
    t.dropColumn('retracted_at');
  });
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('rep_as_of');
    t.dropColumn('rep_commerce_neg');
    t.dropColumn('rep_commerce_pos');
    t.dropColumn('rep_discussion_neg');
    t.dropColumn('rep_discussion_pos');
  });
}
