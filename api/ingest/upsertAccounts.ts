import type { Knex } from 'knex';
import type { AccountRef } from '../schemas/ingest';

/**
 * Finds or creates the accounts a batch mentions. An account the platform has not sent before is
 * created from the reference, as a member unless the reference says otherwise; an existing one is
 * left as it is (profile updates are not this route's job). Keys are sorted so concurrent batches
 * lock rows in the same order and cannot deadlock each other.
 */
export async function upsertAccounts(trx: Knex.Transaction, source: string, refs: AccountRef[], now: Date): Promise<Map<string, number>> {
  const byId = new Map<string, AccountRef>();
  for (const ref of refs) if (!byId.has(ref.id)) byId.set(ref.id, ref);
  const ids = [...byId.keys()].sort();
  if (ids.length === 0) return new Map();
  const rows = ids.map((id) => {
    const ref = byId.get(id)!;
    return {
      source,
      external_id: id,
      handle: ref.handle ?? id,
      display_name: ref.displayName ?? null,
      type: ref.type ?? 'member',
      locale: ref.locale ?? 'zh',
      joined_at: ref.joinedAt ?? now,
      ingested_at: now,
    };
  });
  await trx('accounts').insert(rows).onConflict(['source', 'external_id']).ignore();
  const found = await trx('accounts').where({ source }).whereIn('external_id', ids).select('id', 'external_id');
  return new Map(found.map((r: { id: number; external_id: string }) => [r.external_id, r.id]));
}
