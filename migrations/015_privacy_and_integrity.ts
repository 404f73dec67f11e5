import type { Knex } from 'knex';

/*
 * Issue #22.
 *
 * - Masked copies of member-written text, searched by roles that may not see the identifiers:
 *   searching the raw text let them recover a masked phone number digit by digit. The app
 *   fills these (the masking rules live in rules/, which migrations do not import) when it
 *   writes a row and, for rows written before this migration, right after migrating.
 * - audit_log.hash_version: 1 is the plain SHA-256 chain written before the chain was keyed;
 *   2 is HMAC-SHA256 with AUDIT_HMAC_SECRET. Old rows stay verifiable as they were, and a
 *   version-1 row after a version-2 row is refused, so nobody can "downgrade" the chain's tail.
 * - policies.draft_updated_by: who last changed the draft, for four-eyes publication.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('posts', (t) => {
    t.text('title_masked');
    t.text('body_masked');
  });
  await knex.schema.alterTable('reports', (t) => {
    t.text('text_masked');
  });
  await knex.schema.alterTable('appeals', (t) => {
    t.text('text_masked');
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.smallint('hash_version').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('policies', (t) => {
    t.bigInteger('draft_updated_by').references('staff.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('policies', (t) => {
    t.dropColumn('draft_updated_by');
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('hash_version');
  });
  await knex.schema.alterTable('appeals', (t) => {
    t.dropColumn('text_masked');
  });
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('text_masked');
  });
  await knex.schema.alterTable('posts', (t) => {
    t.dropColumn('title_masked');
    t.dropColumn('body_masked');
  });
}
