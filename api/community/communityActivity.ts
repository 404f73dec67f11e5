import type { Knex } from 'knex';
import type { Facts } from '../../rules/policy/evaluation';
import {
  addCounts,
  bucketStart,
  EMPTY_COUNTS,
  healthContribution,
  thresholdTransition,
  windowFor,
  type HealthCounts,
} from '../../rules/community/commercialShare';
import { flagReasonText } from '../../rules/flags/flagReasons';
import { sqlArray } from '../db/sqlArray';

export interface ActivityPost {
  id: number;
  kind: string;
  board: string | null;
  threadId: number | null;
  postedAt: Date;
}

const COMMERCIAL = ['disclosed', 'weakly_disclosed', 'undisclosed'];
const ALERT_PRIORITY = 60;

function bump<K>(map: Map<K, HealthCounts>, key: K, c: HealthCounts) {
  map.set(key, addCounts(map.get(key) ?? EMPTY_COUNTS, c));
}

interface CounterUpsert {
  sql: string;
  bindings: Knex.Value[];
}

/** Adds many counters of one table; concurrent batches add to the same row without losing either. */
function counterUpsert(
  table: 'board_activity' | 'thread_activity',
  keyColumns: string[],
  keys: unknown[][],
  counts: HealthCounts[],
): CounterUpsert | null {
  if (counts.length === 0) return null;
  const keyTypes: Record<string, string> = {
    board: 'text',
    granularity: 'text',
    bucket: 'timestamptz',
    slot: 'smallint',
    thread_id: 'bigint',
  };
  const cols = [...keyColumns, 'posts', 'commercial', 'disclosed', 'by_vendor', 'by_partnered'];
  const types = [...keyColumns.map((c) => keyTypes[c]!), 'int', 'int', 'int', 'int', 'int'];
  const bindings = [
    ...keyColumns.map((_, i) => sqlArray(keys.map((k) => k[i]))),
    sqlArray(counts.map((c) => c.posts)),
    sqlArray(counts.map((c) => c.commercial)),
    sqlArray(counts.map((c) => c.disclosed)),
    sqlArray(counts.map((c) => c.byVendor)),
    sqlArray(counts.map((c) => c.byPartnered)),
  ];
  const sql = `insert into ${table} (${cols.join(', ')})
     select * from unnest(${types.map((t) => `?::${t}[]`).join(', ')})
     on conflict (${keyColumns.join(', ')}) do update set
       posts = ${table}.posts + excluded.posts,
       commercial = ${table}.commercial + excluded.commercial,
       disclosed = ${table}.disclosed + excluded.disclosed,
       by_vendor = ${table}.by_vendor + excluded.by_vendor,
       by_partnered = ${table}.by_partnered + excluded.by_partnered`;
  return { sql, bindings };
}

/*
 * Both tables in one statement when both have rows: this runs in every ingestion transaction, and
 * a round trip saved there is saved per request. Every transaction runs the pair in the same plan,
 * so they take the counters' row locks in the same order and cannot deadlock one another.
 */
async function upsertCounters(trx: Knex.Transaction, board: CounterUpsert | null, thread: CounterUpsert | null): Promise<void> {
  if (board && thread) await trx.raw(`with board_counts as (${board.sql}) ${thread.sql}`, [...board.bindings, ...thread.bindings]);
  else if (board ?? thread) await trx.raw((board ?? thread)!.sql, (board ?? thread)!.bindings);
}

/**
 * Counts newly judged posts into their board's hourly and daily buckets and their thread's daily
 * bucket, in the ingestion transaction, then checks the boards' thresholds. Keys are sorted so
 * concurrent batches take row locks in the same order.
 */
export async function recordCommunityActivity(
  trx: Knex.Transaction,
  posts: ActivityPost[],
  facts: Facts[],
  now: Date,
  knownThresholds?: ReadonlyMap<string, unknown>,
  counterSlots = 1,
): Promise<void> {
  // One slot per batch (migration 020): concurrent batches on a board mostly add to different rows.
  const slot = Math.floor(Math.random() * Math.max(1, counterSlots));
  const boards = new Map<string, HealthCounts>();
  const threads = new Map<string, HealthCounts>();
  const latest = new Map<string, Date>();
  posts.forEach((p, i) => {
    if (!p.board) return;
    const c = healthContribution(facts[i] ?? {});
    for (const g of ['hour', 'day'] as const) bump(boards, `${p.board}\u0000${g}\u0000${bucketStart(p.postedAt, g).toISOString()}`, c);
    const thread = p.kind === 'thread' ? p.id : p.threadId;
    if (thread !== null)
      for (const g of ['hour', 'day'] as const) bump(threads, `${thread}\u0000${g}\u0000${bucketStart(p.postedAt, g).toISOString()}`, c);
    const seen = latest.get(p.board);
    if (!seen || seen.getTime() < p.postedAt.getTime()) latest.set(p.board, p.postedAt);
  });
  const boardKeys = [...boards.keys()].sort();
  const threadKeys = [...threads.keys()].sort();
  await upsertCounters(
    trx,
    counterUpsert(
      'board_activity',
      ['board', 'granularity', 'bucket', 'slot'],
      boardKeys.map((k) => [...k.split('\u0000'), slot]),
      boardKeys.map((k) => boards.get(k)!),
    ),
    counterUpsert(
      'thread_activity',
      ['thread_id', 'granularity', 'bucket'],
      threadKeys.map((k) => k.split('\u0000').map((v, i) => (i === 0 ? Number(v) : v))),
      threadKeys.map((k) => threads.get(k)!),
    ),
  );
  // Boards without a threshold need no check; the runtime's cache says which have one.
  const watched = knownThresholds ? new Map([...latest].filter(([board]) => knownThresholds.has(board))) : latest;
  if (watched.size) await checkThresholds(trx, watched, now);
}

/** A counter row (either table, or a sum of them) as counts. */
export const countsOf = (r: {
  posts: number;
  commercial: number;
  disclosed: number;
  by_vendor: number;
  by_partnered: number;
}): HealthCounts => ({
  posts: Number(r.posts),
  commercial: Number(r.commercial),
  disclosed: Number(r.disclosed),
  byVendor: Number(r.by_vendor),
  byPartnered: Number(r.by_partnered),
});

export async function windowCounts(db: Knex, board: string, start: Date, end: Date): Promise<HealthCounts> {
  const row = await db('board_activity')
    .where({ board, granularity: 'hour' })
    .andWhere('bucket', '>=', start)
    .andWhere('bucket', '<', end)
    .first(
      db.raw(
        'coalesce(sum(posts), 0)::int as posts, coalesce(sum(commercial), 0)::int as commercial, coalesce(sum(disclosed), 0)::int as disclosed, coalesce(sum(by_vendor), 0)::int as by_vendor, coalesce(sum(by_partnered), 0)::int as by_partnered',
      ),
    );
  return countsOf(row);
}

/**
 * A board whose last 24 hours became more commercial than its threshold raises one flag in the
 * community queue, on the newest commercial post, with the window's commercial posts kept as the
 * alert's evidence. It raises no other until the share is back under the threshold.
 */
async function checkThresholds(trx: Knex.Transaction, latest: Map<string, Date>, now: Date): Promise<void> {
  const rows: Array<{ board: string; commercial_share: number; min_posts: number; alerted: boolean }> = await trx('board_thresholds')
    .whereIn('board', [...latest.keys()])
    .orderBy('board')
    .forUpdate()
    .select('board', 'commercial_share', 'min_posts', 'alerted');
  for (const t of rows) {
    const { start, end } = windowFor(latest.get(t.board)!);
    const counts = await windowCounts(trx, t.board, start, end);
    const transition = thresholdTransition(counts, { share: t.commercial_share, minPosts: t.min_posts, alerted: t.alerted });
    if (transition === 'reset') {
      await trx('board_thresholds').where({ board: t.board }).update({ alerted: false });
      await trx('board_alerts').where({ board: t.board }).whereNull('reset_at').update({ reset_at: now });
      continue;
    }
    if (transition !== 'raise') continue;
    const commercial: number[] = (
      await trx('posts')
        .where({ board: t.board })
        .whereIn('disclosure_status', COMMERCIAL)
        .andWhere('posted_at', '>=', start)
        .andWhere('posted_at', '<', end)
        .orderBy([
          { column: 'posted_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(200)
        .select('id')
    ).map((r: { id: number }) => r.id);
    if (commercial.length === 0) continue;
    const share = counts.commercial / counts.posts;
    const reason = flagReasonText('board_saturation', {
      board: t.board,
      share: (share * 100).toFixed(0),
      posts: counts.posts,
      threshold: (t.commercial_share * 100).toFixed(0),
    });
    const flag = await trx.raw(
      `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, created_at)
       values ('post', ?, 'community', ?, 'open', 'rule', ?, ?)
       on conflict (subject_type, subject_id, queue) where status = 'open'
       do update set priority = greatest(flags.priority, excluded.priority), reason = excluded.reason
       returning id`,
      [commercial[0]!, ALERT_PRIORITY, reason, now],
    );
    await trx('board_alerts').insert({
      board: t.board,
      flag_id: flag.rows[0].id,
      share,
      threshold: t.commercial_share,
      window_posts: counts.posts,
      window_start: start,
      window_end: end,
      post_ids: JSON.stringify(commercial),
      raised_at: now,
    });
    await trx('board_thresholds').where({ board: t.board }).update({ alerted: true });
  }
}
