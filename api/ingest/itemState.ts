import type { Knex } from 'knex';
import type { ItemState } from './ingestResult';
import { sqlArray } from '../db/sqlArray';

/*
 * The stored decisions for items: what a platform is told after ingestion, new item or repeat.
 * One statement (the item with its open flags folded in) because it runs in every ingestion
 * transaction, where each round trip is paid per request.
 */
export async function itemStates(db: Knex, subject: 'post' | 'transaction', ids: number[]): Promise<Map<number, ItemState>> {
  const out = new Map<number, ItemState>();
  if (ids.length === 0) return out;
  const item =
    subject === 'post'
      ? `select id, status, status = 'held' as held, labels, disclosure_required from posts where id = any(?::bigint[])`
      : `select id, status, held, '[]'::jsonb as labels, false as disclosure_required from transactions where id = any(?::bigint[])`;
  const { rows } = (await db.raw(
    `select i.id, i.status, i.held, i.labels, i.disclosure_required,
            coalesce((select json_agg(json_build_object('queue', f.queue, 'priority', f.priority) order by f.priority desc, f.id)
                        from flags f where f.subject_type = ? and f.subject_id = i.id and f.status = 'open'), '[]'::json) as flags
       from (${item}) i`,
    [subject, sqlArray(ids)],
  )) as {
    rows: Array<{
      id: number;
      status: string;
      held: boolean;
      labels: string[];
      disclosure_required: boolean;
      flags: Array<{ queue: string; priority: number }>;
    }>;
  };
  for (const r of rows)
    out.set(Number(r.id), { status: r.status, held: r.held, labels: r.labels, disclosureRequired: r.disclosure_required, flags: r.flags });
  return out;
}
