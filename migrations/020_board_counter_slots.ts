import type { Knex } from 'knex';

/*
 * Every ingestion batch adds to its board's hourly and daily counter rows and holds them until it
 * commits, so concurrent batches on one board queue on the same two rows. Each board bucket now
 * has several slots; a batch adds to one slot picked at random, and readers sum the slots.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table board_activity add column slot smallint not null default 0');
  await knex.raw('alter table board_activity drop constraint board_activity_pkey');
  await knex.raw('alter table board_activity add primary key (board, granularity, bucket, slot)');
}

export async function down(knex: Knex): Promise<void> {
  // Slots fold back into slot 0 before the column goes.
  await knex.raw(`with moved as (delete from board_activity where slot <> 0 returning board, granularity, bucket, posts, commercial, disclosed, by_vendor, by_partnered)
    insert into board_activity (board, granularity, bucket, slot, posts, commercial, disclosed, by_vendor, by_partnered)
    select board, granularity, bucket, 0, sum(posts), sum(commercial), sum(disclosed), sum(by_vendor), sum(by_partnered) from moved group by 1, 2, 3
    on conflict (board, granularity, bucket, slot) do update set
      posts = board_activity.posts + excluded.posts, commercial = board_activity.commercial + excluded.commercial,
      disclosed = board_activity.disclosed + excluded.disclosed, by_vendor = board_activity.by_vendor + excluded.by_vendor,
      by_partnered = board_activity.by_partnered + excluded.by_partnered`);
  await knex.raw('alter table board_activity drop constraint board_activity_pkey');
  await knex.raw('alter table board_activity drop column slot');
  await knex.raw('alter table board_activity add primary key (board, granularity, bucket)');
}
