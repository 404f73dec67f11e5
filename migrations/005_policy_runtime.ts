import type { Knex } from 'knex';

const BACKTEST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export async function up(knex: Knex): Promise<void> {
  // Named lists policies refer to (blocked domains, brands, disclosure phrases …).
  await knex.schema.createTable('policy_lists', (t) => {
    t.bigIncrements('id');
    t.text('name').notNullable().unique();
    t.text('description');
    t.jsonb('items').notNullable().defaultTo('[]');
    t.bigInteger('updated_by').references('staff.id');
    // Bumped on every change: how running evaluators notice an edit, whatever the clocks say.
    t.integer('revision').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.alterTable('policies', (t) => {
    t.integer('revision').notNullable().defaultTo(1);
  });

  await knex.schema.alterTable('posts', (t) => {
    // Normalised-text fingerprint: identical comments from many accounts share it.
    t.text('text_hash');
    t.boolean('has_disclosure').notNullable().defaultTo(false);
    t.jsonb('labels').notNullable().defaultTo('[]');
    t.boolean('disclosure_required').notNullable().defaultTo(false);
    // The policy versions that judged the item when it arrived.
    t.jsonb('judged_by').notNullable().defaultTo('[]');
  });
  await knex.raw('create index posts_thread_text_time on posts (thread_id, text_hash, posted_at)');
  await knex.raw("create index posts_product_reviews on posts (product_id, posted_at) where kind = 'review'");

  await knex.schema.alterTable('transactions', (t) => {
    t.jsonb('judged_by').notNullable().defaultTo('[]');
  });

  await knex.schema.alterTable('policy_versions', (t) => {
    t.text('applies_to').notNullable().defaultTo('post');
    // Set when this version re-publishes an earlier one (a rollback).
    t.bigInteger('restores_version_id').references('policy_versions.id');
    t.text('note');
  });

  await knex.schema.createTable('backtests', (t) => {
    t.bigIncrements('id');
    t.bigInteger('policy_id').notNullable().references('policies.id');
    t.jsonb('document').notNullable();
    t.text('applies_to').notNullable();
    t.bigInteger('compare_version_id').references('policy_versions.id');
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.timestamp('window_end', { useTz: true }).notNullable();
    t.enu('status', BACKTEST_STATUSES, { useNative: false, enumName: 'backtest_status' }).notNullable().defaultTo('queued');
    t.bigInteger('processed').notNullable().defaultTo(0);
    t.bigInteger('total');
    t.jsonb('result');
    t.text('error');
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['policy_id', 'created_at']);
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('backtests');
  await knex.schema.alterTable('policy_versions', (t) => {
    t.dropColumn('note');
    t.dropColumn('restores_version_id');
    t.dropColumn('applies_to');
  });
  await knex.schema.alterTable('transactions', (t) => t.dropColumn('judged_by'));
  await knex.raw('drop index posts_product_reviews');
  await knex.raw('drop index posts_thread_text_time');
  await knex.schema.alterTable('posts', (t) => {
    t.dropColumn('judged_by');
    t.dropColumn('disclosure_required');
    t.dropColumn('labels');
    t.dropColumn('has_disclosure');
    t.dropColumn('text_hash');
  });
  await knex.schema.alterTable('policies', (t) => t.dropColumn('revision'));
  await knex.schema.dropTable('policy_lists');
}
