import type { Knex } from 'knex';
import type { ItemState } from './ingestResult';

/** The stored decisions for items: what a platform is told after ingestion, new item or repeat. */
export async function itemStates(db: Knex, subject: 'post' | 'transaction', ids: number[]): Promise<Map<number, ItemState>> {
  const out = new Map<number, ItemState>();
  if (ids.length === 0) return out;
  const rows: Array<{ id: number; status: string; held: boolean; labels: string[]; disclosure_required: boolean }> =
    subject === 'post'
      ? await db('posts').whereIn('id', ids).select('id', 'status', db.raw("status = 'held' as held"), 'labels', 'disclosure_required')
      : await db('transactions').whereIn('id', ids).select('id', 'status', 'held', db.raw("'[]'::jsonb as labels"), db.raw('false as disclosure_required'));
  const flags: Array<{ subject_id: number; queue: string; priority: number }> = await db('flags').where({ subject_type: subject, status: 'open' }).whereIn('subject_id', ids).select('subject_id', 'queue', 'priority').orderBy('priority', 'desc');
  for (const r of rows) out.set(r.id, { status: r.status, held: r.held, labels: r.labels, disclosureRequired: r.disclosure_required, flags: [] });
  for (const f of flags) out.get(f.subject_id)?.flags.push({ queue: f.queue, priority: f.priority });
  return out;
}
