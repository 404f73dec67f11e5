import type { Knex } from 'knex';

const STAFF_ROLES = ['admin', 'moderator', 'compliance', 'community_manager'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff', (t) => {
    t.bigIncrements('id');
    t.text('email').notNullable().unique();
    t.text('display_name').notNullable();
    t.enu('role', STAFF_ROLES, { useNative: false, enumName: 'staff_role' }).notNullable();
    t.text('password_hash').notNullable();
    t.text('locale').notNullable().defaultTo('en');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_login_at', { useTz: true });
    t.index(['role']);
  });

  // Sessions live in the database so any API replica can check them; only a hash of the token is kept.
  await knex.schema.createTable('staff_sessions', (t) => {
    t.text('token_hash').primary();
    t.bigInteger('staff_id').notNullable().references('staff.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['staff_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.bigIncrements('id');
    t.text('name').notNullable();
    // The platform the key speaks for; ingested items are idempotent per (source, external id).
    t.text('source').notNullable();
    t.text('prefix').notNullable().unique();
    t.text('key_hash').notNullable().unique();
    t.bigInteger('created_by').references('staff.id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true });
    t.index(['source']);
  });

  // Append-only and hash-chained: each row's hash covers its content and the previous row's hash.
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('actor_kind').notNullable();
    t.bigInteger('actor_staff_id').references('staff.id');
    t.bigInteger('actor_api_key_id').references('api_keys.id');
    t.text('action').notNullable();
    t.text('subject_type');
    t.text('subject_id');
    t.jsonb('detail');
    t.text('request_id');
    t.text('prev_hash').notNullable();
    t.text('hash').notNullable().unique();
    t.index(['at']);
    t.index(['actor_staff_id', 'at']);
    t.index(['action', 'at']);
    t.index(['subject_type', 'subject_id']);
  });
  // One row holding the chain's head; locking it serialises appends across replicas.
  await knex.schema.createTable('audit_chain_head', (t) => {
    t.integer('id').primary();
    t.text('hash').notNullable();
    t.bigInteger('last_id');
  });
  await knex('audit_chain_head').insert({ id: 1, hash: '0'.repeat(64), last_id: null });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_chain_head');
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('api_keys');
  await knex.schema.dropTable('staff_sessions');
  await knex.schema.dropTable('staff');
}
