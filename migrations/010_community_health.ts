import type { Knex } from 'knex';

const ACTIVITY_GRANULARITIES = ['hour', 'day'] as const;

export async function up(knex: Knex): Promise<void> {
  // Counters kept on ingestion, so a board's commercial share never needs a rescan of its history.
  await knex.schema.createTable('board_activity', (t) => {
    t.text('board').notNullable();
    t.enu('granularity', ACTIVITY_GRANULARITIES, { useNative: false, enumName: 'activity_granularity' }).notNullable();
    t.timestamp('bucket', { useTz: true }).notNullable();
    t.integer('posts').notNullable().defaultTo(0);
    // Posts judged commercial (disclosed, weakly disclosed or undisclosed), and of those the disclosed ones.
    t.integer('commercial').notNullable().defaultTo(0);
    t.integer('disclosed').notNullable().defaultTo(0);
    t.integer('by_vendor').notNullable().defaultTo(0);
    t.integer('by_partnered').notNullable().defaultTo(0);
    t.primary(['board', 'granularity', 'bucket']);
  });
  // The board facts read a board's last 24 hours of posts before each new one.
  await knex.raw('create index posts_board_posted_at on posts (board, posted_at)');
  await knex.schema.createTable('thread_activity', (t) => {
    t.bigInteger('thread_id').notNullable().references('posts.id');
    t.timestamp('bucket', { useTz: true }).notNullable();
    t.integer('posts').notNullable().defaultTo(0);
    t.integer('commercial').notNullable().defaultTo(0);
    t.integer('disclosed').notNullable().defaultTo(0);
    t.integer('by_vendor').notNullable().defaultTo(0);
    t.integer('by_partnered').notNullable().defaultTo(0);
    t.primary(['thread_id', 'bucket']);
  });
  await knex.schema.createTable('board_thresholds', (t) => {
    t.text('board').primary();
    // Share of the last 24 hours' posts that may be commercial before community managers are alerted.
    t.double('commercial_share').notNullable();
    t.integer('min_posts').notNullable().defaultTo(20);
    t.boolean('alerted').notNullable().defaultTo(false);
    t.bigInteger('updated_by').references('staff.id');
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'alter table board_thresholds add constraint board_thresholds_share check (commercial_share > 0 and commercial_share <= 1)',
  );
  await knex.schema.createTable('board_alerts', (t) => {
    t.bigIncrements('id');
    t.text('board').notNullable();
    t.bigInteger('flag_id').notNullable().references('flags.id');
    t.double('share').notNullable();
    t.double('threshold').notNullable();
    t.integer('window_posts').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.timestamp('window_end', { useTz: true }).notNullable();
    // The commercial posts of the window, newest first: what pushed the board over.
    t.jsonb('post_ids').notNullable();
    t.timestamp('raised_at', { useTz: true }).notNullable();
    t.timestamp('reset_at', { useTz: true });
    t.index(['board', 'raised_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('board_alerts');
  await knex.schema.dropTable('board_thresholds');
  await knex.schema.dropTable('thread_activity');
  await knex.schema.dropTable('board_activity');
  await knex.raw('drop index posts_board_posted_at');
}
