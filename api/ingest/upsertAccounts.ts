import type { Knex } from 'knex';
import type { AccountRef } from '../../contract/schemas/ingest';
import { sqlArray } from '../db/sqlArray';

/**
 * Finds or creates the accounts a batch mentions. An account the platform has not sent before is
 * created from the reference, as a member unless the reference says otherwise; an existing one is
 * left as it is (profile updates are not this route's job). Keys are sorted so concurrent batches
 * lock rows in the same order and cannot deadlock each other.
 *
 * Insert and lookup are one statement, since this runs in every ingestion transaction. That
 * statement's snapshot cannot see an account another transaction committed while this one waited
 * on it, so such ids are looked up again afterwards (rare: two batches creating one account).
 */
export async function upsertAccounts(trx: Knex.Transaction, source: string, refs: AccountRef[], now: Date): Promise<Map<string, number>> {
  const byId = new Map<string, AccountRef>();
  for (const ref of refs) if (!byId.has(ref.id)) byId.set(ref.id, ref);
  const ids = [...byId.keys()].sort();
  if (ids.length === 0) return new Map();
  const refsInOrder = ids.map((id) => byId.get(id)!);
  const { rows } = (await trx.raw(
    `with input as (
       select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
         as x(external_id, handle, display_name, type, locale, joined_at, n)
     ), inserted as (
       insert into accounts (source, external_id, handle, display_name, type, locale, joined_at, ingested_at)
       select ?, external_id, handle, display_name, type, locale, joined_at, ? from input order by n
       on conflict (source, external_id) do nothing
       returning id, external_id
     )
     select id, external_id from inserted
     union all
     select a.id, a.external_id from accounts a join input i on a.external_id = i.external_id where a.source = ?`,
    [
      sqlArray(ids),
      sqlArray(refsInOrder.map((r) => r.handle ?? r.id)),
      sqlArray(refsInOrder.map((r) => r.displayName ?? null)),
      sqlArray(refsInOrder.map((r) => r.type ?? 'member')),
      sqlArray(refsInOrder.map((r) => r.locale ?? 'zh')),
      sqlArray(refsInOrder.map((r) => r.joinedAt ?? now)),
      source,
      now,
      source,
    ],
  )) as { rows: Array<{ id: number; external_id: string }> };
  const found = new Map(rows.map((r) => [r.external_id, Number(r.id)]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    const late: Array<{ id: number; external_id: string }> = await trx('accounts')
      .where({ source })
      .whereIn('external_id', missing)
      .select('id', 'external_id');
    for (const r of late) found.set(r.external_id, r.id);
  }
  return found;
}
