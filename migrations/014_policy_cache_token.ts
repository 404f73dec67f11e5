import type { Knex } from 'knex';

/*
 * What the policy runtime caches (published policies, lists, brand names, board thresholds) gets
 * one token that changes in the same transaction as any of it. Every ingestion transaction asks
 * whether its cache is current; reading one row is far cheaper than summarising five tables,
 * which it did before. A fresh random token (rather than a counter) also tells a server whose
 * database was restored from a backup that its cache is stale.
 */
const WATCHED_STATEMENTS = ['policies', 'policy_versions', 'policy_lists'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create table policy_cache_token (
    singleton boolean primary key default true check (singleton),
    token uuid not null default gen_random_uuid()
  )`);
  await knex.raw('insert into policy_cache_token default values');
  await knex.raw(`create function renew_policy_cache_token() returns trigger language plpgsql as $$
    begin
      update policy_cache_token set token = gen_random_uuid();
      return null;
    end $$`);
  for (const table of WATCHED_STATEMENTS) {
    await knex.raw(
      `create trigger ${table}_renew_policy_cache after insert or update or delete or truncate on ${table} for each statement execute function renew_policy_cache_token()`,
    );
  }
  // Ingestion writes these tables all the time (new accounts, threshold alerts); only the columns
  // the cache holds renew the token, so ordinary ingestion never queues on the token's row.
  await knex.raw(
    `create trigger board_thresholds_renew_policy_cache_insert after insert or delete on board_thresholds for each row execute function renew_policy_cache_token()`,
  );
  await knex.raw(`create trigger board_thresholds_renew_policy_cache_update after update on board_thresholds for each row
    when ((old.board, old.commercial_share, old.min_posts) is distinct from (new.board, new.commercial_share, new.min_posts)) execute function renew_policy_cache_token()`);
  await knex.raw(
    `create trigger accounts_renew_policy_cache_insert after insert on accounts for each row when (new.type = 'brand') execute function renew_policy_cache_token()`,
  );
  await knex.raw(
    `create trigger accounts_renew_policy_cache_delete after delete on accounts for each row when (old.type = 'brand') execute function renew_policy_cache_token()`,
  );
  await knex.raw(`create trigger accounts_renew_policy_cache_update after update on accounts for each row
    when ((old.type = 'brand' or new.type = 'brand') and (old.type, old.handle, old.display_name) is distinct from (new.type, new.handle, new.display_name)) execute function renew_policy_cache_token()`);
  for (const table of ['board_thresholds', 'accounts']) {
    await knex.raw(
      `create trigger ${table}_renew_policy_cache_truncate after truncate on ${table} for each statement execute function renew_policy_cache_token()`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of WATCHED_STATEMENTS) await knex.raw(`drop trigger ${table}_renew_policy_cache on ${table}`);
  for (const name of ['insert', 'update', 'truncate'])
    await knex.raw(`drop trigger board_thresholds_renew_policy_cache_${name} on board_thresholds`);
  for (const name of ['insert', 'delete', 'update', 'truncate'])
    await knex.raw(`drop trigger accounts_renew_policy_cache_${name} on accounts`);
  await knex.raw('drop function renew_policy_cache_token()');
  await knex.raw('drop table policy_cache_token');
}
