import type { Knex } from 'knex';

/*
 * Every start looks for posts whose masked copies are missing (backfillMaskedCopies, run by
 * migrateToLatest). Without an index that look reads every partition of posts, so a start took
 * longer the older the platform. These partial indexes hold only the rows still lacking a copy:
 * none in steady state, so the look is one probe of an empty index. The predicate is the
 * backfill's condition, word for word, so the planner can prove the query implies it.
 */
const BACKLOG = [
  ['posts_masked_copy_backlog', 'posts', '(title is not null and title_masked is null) or (body is not null and body_masked is null)'],
  ['reports_masked_copy_backlog', 'reports', 'text is not null and text_masked is null'],
  ['appeals_masked_copy_backlog', 'appeals', 'text is not null and text_masked is null'],
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const [name, table, where] of BACKLOG) await knex.raw(`create index ?? on ?? (id) where ${where}`, [name, table]);
}

export async function down(knex: Knex): Promise<void> {
  for (const [name] of BACKLOG) await knex.raw('drop index if exists ??', [name]);
}
