import type { Knex } from 'knex';
import { QUEUES } from '../../contract/enums';

/**
 * Open flags per queue, in one grouped query: the menu shows every queue's count, and one
 * request per queue queued up behind each other on a single-connection database.
 */
export async function openFlagCounts(db: Knex): Promise<Record<string, number>> {
  const rows = (await db('flags').where({ status: 'open' }).groupBy('queue').select('queue').count({ c: '*' })) as Array<{ queue: string; c: string | number }>;
  const counts: Record<string, number> = Object.fromEntries(QUEUES.map((q) => [q, 0]));
  for (const r of rows) counts[r.queue] = Number(r.c);
  return counts;
}
