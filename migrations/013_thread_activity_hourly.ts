import type { Knex } from 'knex';

/**
 * Large threads get hourly series too, as boards do; existing rows are the daily ones. The board
 * facts now read the hourly counters, so the posts (board, posted_at) index 010 made for them goes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists posts_board_posted_at');
  await knex.schema.alterTable('thread_activity', (t) => {
    t.text('granularity').notNullable().defaultTo('day');
  });
  await knex.raw("alter table thread_activity add constraint thread_activity_granularity check (granularity in ('hour', 'day'))");
  await knex.raw('alter table thread_activity drop constraint thread_activity_pkey');
  await knex.raw('alter table thread_activity add primary key (thread_id, granularity, bucket)');
}

export async function down(knex: Knex): Promise<void> {
  await knex('thread_activity').where({ granularity: 'hour' }).delete();
  await knex.raw('alter table thread_activity drop constraint thread_activity_pkey');
  await knex.raw('alter table thread_activity drop constraint thread_activity_granularity');
  await knex.schema.alterTable('thread_activity', (t) => t.dropColumn('granularity'));
  await knex.raw('alter table thread_activity add primary key (thread_id, bucket)');
  await knex.raw('create index posts_board_posted_at on posts (board, posted_at)');
}
