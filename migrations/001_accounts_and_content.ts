import type { Knex } from 'knex';

const ACCOUNT_TYPES = ['member', 'vendor', 'brand', 'creator'] as const;
const POST_KINDS = ['thread', 'reply', 'review', 'live_comment'] as const;
const POST_STATUSES = ['visible', 'held', 'removed', 'labelled'] as const;
const TRANSACTION_STATUSES = ['pending', 'completed', 'refunded', 'disputed', 'chargeback', 'cancelled'] as const;
const PARTNERSHIP_KINDS = ['sponsorship', 'gifted', 'affiliate', 'employment'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('accounts', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.text('handle').notNullable();
    t.text('display_name');
    t.enu('type', ACCOUNT_TYPES, { useNative: false, enumName: 'account_type' }).notNullable().defaultTo('member');
    t.text('locale').notNullable().defaultTo('zh');
    t.text('status').notNullable().defaultTo('active');
    // Reputation is a cache of reputation_events; the evidence columns let it be updated incrementally.
    t.double('reputation_score');
    t.double('reputation_confidence').notNullable().defaultTo(0);
    t.integer('violations_upheld').notNullable().defaultTo(0);
    t.timestamp('joined_at', { useTz: true }).notNullable();
    t.timestamp('ingested_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
    t.index(['type', 'id']);
    t.index(['reputation_score']);
    t.index(['joined_at']);
    t.index(['handle']);
  });

  await knex.schema.createTable('products', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.bigInteger('vendor_id').references('accounts.id');
    t.bigInteger('brand_id').references('accounts.id');
    t.text('name').notNullable();
    t.text('category');
    t.bigInteger('price_cents');
    t.text('currency').notNullable().defaultTo('CNY');
    t.timestamp('ingested_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
    t.index(['vendor_id']);
    t.index(['brand_id']);
  });

  await knex.schema.createTable('posts', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.enu('kind', POST_KINDS, { useNative: false, enumName: 'post_kind' }).notNullable();
    t.bigInteger('thread_id').references('posts.id');
    t.bigInteger('parent_id').references('posts.id');
    t.bigInteger('author_id').notNullable().references('accounts.id');
    t.bigInteger('product_id').references('products.id');
    t.text('board');
    t.text('title');
    t.text('body').notNullable();
    t.text('lang');
    t.smallint('rating');
    // The platform's own "this is an ad" label, as the platform sent it.
    t.boolean('platform_label').notNullable().defaultTo(false);
    t.integer('reach').notNullable().defaultTo(0);
    t.enu('status', POST_STATUSES, { useNative: false, enumName: 'post_status' }).notNullable().defaultTo('visible');
    t.double('spam_score');
    t.double('promo_score');
    t.text('disclosure_status');
    t.timestamp('posted_at', { useTz: true }).notNullable();
    t.timestamp('ingested_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
    t.index(['posted_at']);
    t.index(['author_id', 'posted_at']);
    t.index(['thread_id', 'posted_at']);
    t.index(['kind', 'posted_at']);
    t.index(['board', 'posted_at']);
    t.index(['status', 'posted_at']);
    t.index(['product_id']);
  });

  await knex.schema.createTable('transactions', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('external_id').notNullable();
    t.bigInteger('buyer_id').notNullable().references('accounts.id');
    t.bigInteger('vendor_id').notNullable().references('accounts.id');
    t.bigInteger('product_id').references('products.id');
    t.bigInteger('amount_cents').notNullable();
    t.text('currency').notNullable().defaultTo('CNY');
    t.enu('status', TRANSACTION_STATUSES, { useNative: false, enumName: 'transaction_status' }).notNullable();
    t.bigInteger('referral_post_id').references('posts.id');
    t.bigInteger('affiliate_id').references('accounts.id');
    t.boolean('held').notNullable().defaultTo(false);
    t.double('risk_score');
    t.timestamp('ordered_at', { useTz: true }).notNullable();
    t.timestamp('ingested_at', { useTz: true }).notNullable();
    t.unique(['source', 'external_id']);
    t.index(['ordered_at']);
    t.index(['buyer_id', 'ordered_at']);
    t.index(['vendor_id', 'ordered_at']);
    t.index(['referral_post_id']);
    t.index(['affiliate_id']);
    t.index(['status', 'ordered_at']);
    t.index(['amount_cents']);
  });

  await knex.schema.createTable('partnerships', (t) => {
    t.bigIncrements('id');
    t.bigInteger('creator_id').notNullable().references('accounts.id');
    t.bigInteger('brand_id').notNullable().references('accounts.id');
    t.enu('kind', PARTNERSHIP_KINDS, { useNative: false, enumName: 'partnership_kind' }).notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true });
    t.text('campaign');
    t.text('source').notNullable().defaultTo('platform');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['creator_id', 'starts_at']);
    t.index(['brand_id', 'starts_at']);
    t.index(['kind']);
  });
  await knex.raw('alter table partnerships add constraint partnerships_period check (ends_at is null or ends_at > starts_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('partnerships');
  await knex.schema.dropTable('transactions');
  await knex.schema.dropTable('posts');
  await knex.schema.dropTable('products');
  await knex.schema.dropTable('accounts');
}
