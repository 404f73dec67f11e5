import type { Knex } from 'knex';

/** Orders a post brought in while it was an undisclosed ad: what a compliance report counts as sales from hidden advertising. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('transactions', (t) => {
    t.boolean('referral_undisclosed').notNullable().defaultTo(false);
  });
  await knex.raw('create index transactions_referral_undisclosed on transactions (ordered_at) where referral_undisclosed');
  await knex.raw('create index posts_disclosure_status on posts (disclosure_status, posted_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index posts_disclosure_status');
  await knex.raw('drop index transactions_referral_undisclosed');
  await knex.schema.alterTable('transactions', (t) => t.dropColumn('referral_undisclosed'));
}
