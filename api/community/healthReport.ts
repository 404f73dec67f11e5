import type { Knex } from 'knex';
import { addCounts, EMPTY_COUNTS, sharesOf, windowFor } from '../../rules/community/commercialShare';
import { countsOf, windowCounts } from './communityActivity';

/** Threads with at least this many posts in the period get their own series. */
export const LARGE_THREAD_POSTS = 30;

/**
 * Each board's commercial and disclosed shares over a period, read from the counters kept on
 * ingestion; its threshold and last-24-hours standing; the accounts that promote most; large
 * threads; and the alerts raised.
 */
export async function communityHealth(db: Knex, options: { granularity: 'hour' | 'day'; from: Date; to: Date; now: Date }) {
  const rows: Array<{
    board: string;
    bucket: Date;
    posts: number;
    commercial: number;
    disclosed: number;
    by_vendor: number;
    by_partnered: number;
  }> = await db('board_activity')
    .where({ granularity: options.granularity })
    .andWhere('bucket', '>=', options.from)
    .andWhere('bucket', '<', options.to)
    .groupBy('board', 'bucket')
    .orderBy([{ column: 'board' }, { column: 'bucket' }])
    .select(
      'board',
      'bucket',
      db.raw(
        'sum(posts)::int as posts, sum(commercial)::int as commercial, sum(disclosed)::int as disclosed, sum(by_vendor)::int as by_vendor, sum(by_partnered)::int as by_partnered',
      ),
    );
  const thresholds = new Map<string, { commercial_share: number; min_posts: number; alerted: boolean; updated_at: Date }>(
    (await db('board_thresholds').select('board', 'commercial_share', 'min_posts', 'alerted', 'updated_at')).map(
      (t: { board: string; commercial_share: number; min_posts: number; alerted: boolean; updated_at: Date }) => [t.board, t],
    ),
  );
  const boardNames = [...new Set([...rows.map((r) => r.board), ...thresholds.keys()])].sort();
  // "Now" for a board is its newest post, so a quiet board does not read as empty.
  const newest = new Map<string, Date>(
    (
      await db('board_activity')
        .where({ granularity: 'hour' })
        .whereIn('board', boardNames)
        .groupBy('board')
        .select('board', db.raw('max(bucket) as last'))
    ).map((r: { board: string; last: Date }) => [r.board, r.last]),
  );

  const boards = [];
  for (const board of boardNames) {
    const series = rows.filter((r) => r.board === board).map((r) => ({ bucket: r.bucket, ...countsOf(r), ...sharesOf(countsOf(r)) }));
    const total = series.reduce(addCounts, EMPTY_COUNTS);
    const last = newest.get(board);
    const window = last ? windowFor(last) : null;
    const last24h = window ? await windowCounts(db, board, window.start, window.end) : null;
    const t = thresholds.get(board);
    boards.push({
      board,
      threshold: t ? { commercialShare: t.commercial_share, minPosts: t.min_posts, alerted: t.alerted, updatedAt: t.updated_at } : null,
      period: { ...total, ...sharesOf(total) },
      last24h: last24h && window ? { ...last24h, ...sharesOf(last24h), windowStart: window.start, windowEnd: window.end } : null,
      series,
    });
  }

  const topPromoters = (
    await db.raw(
      `select a.id as account_id, a.handle, a.type, count(*)::int as commercial_posts,
              count(*) filter (where p.disclosure_status = 'undisclosed')::int as undisclosed_posts,
              count(distinct p.board)::int as boards
       from posts p join accounts a on a.id = p.author_id
       where p.posted_at >= ? and p.posted_at < ? and p.disclosure_status in ('disclosed', 'weakly_disclosed', 'undisclosed')
       group by a.id, a.handle, a.type
       order by commercial_posts desc, undisclosed_posts desc, a.id
       limit 10`,
      [options.from, options.to],
    )
  ).rows.map(
    (r: { account_id: number; handle: string; type: string; commercial_posts: number; undisclosed_posts: number; boards: number }) => ({
      accountId: r.account_id,
      handle: r.handle,
      type: r.type,
      commercialPosts: r.commercial_posts,
      undisclosedPosts: r.undisclosed_posts,
      boards: r.boards,
    }),
  );

  const largeThreads = (
    await db.raw(
      `select t.thread_id, p.title, p.board, sum(t.posts)::int as posts, sum(t.commercial)::int as commercial, sum(t.disclosed)::int as disclosed, sum(t.by_vendor)::int as by_vendor, sum(t.by_partnered)::int as by_partnered
       from thread_activity t join posts p on p.id = t.thread_id
       where t.granularity = 'day' and t.bucket >= ? and t.bucket < ?
       group by t.thread_id, p.title, p.board
       having sum(t.posts) >= ?
       order by sum(t.commercial)::float / sum(t.posts) desc, t.thread_id
       limit 20`,
      [options.from, options.to, LARGE_THREAD_POSTS],
    )
  ).rows.map(
    (r: {
      thread_id: number;
      title: string | null;
      board: string | null;
      posts: number;
      commercial: number;
      disclosed: number;
      by_vendor: number;
      by_partnered: number;
    }) => ({ threadId: r.thread_id, title: r.title, board: r.board, ...countsOf(r), ...sharesOf(countsOf(r)) }),
  );

  const alerts = (
    await db('board_alerts')
      .orderBy('raised_at', 'desc')
      .limit(50)
      .select('id', 'board', 'flag_id', 'share', 'threshold', 'window_posts', 'window_start', 'window_end', 'raised_at', 'reset_at')
  ).map((a: Record<string, unknown>) => ({
    id: a.id,
    board: a.board,
    flagId: a.flag_id,
    share: a.share,
    threshold: a.threshold,
    windowPosts: a.window_posts,
    windowStart: a.window_start,
    windowEnd: a.window_end,
    raisedAt: a.raised_at,
    resetAt: a.reset_at,
  }));

  return { granularity: options.granularity, from: options.from, to: options.to, boards, topPromoters, largeThreads, alerts };
}

/** One thread's series, hourly or daily, from its counters. */
async function threadHealth(db: Knex, threadId: number, options: { granularity: 'hour' | 'day'; from: Date; to: Date }) {
  const rows: Array<{ bucket: Date; posts: number; commercial: number; disclosed: number; by_vendor: number; by_partnered: number }> =
    await db('thread_activity')
      .where({ thread_id: threadId, granularity: options.granularity })
      .andWhere('bucket', '>=', options.from)
      .andWhere('bucket', '<', options.to)
      .orderBy('bucket')
      .select('bucket', 'posts', 'commercial', 'disclosed', 'by_vendor', 'by_partnered');
  return {
    threadId,
    granularity: options.granularity,
    series: rows.map((r) => ({ bucket: r.bucket, ...countsOf(r), ...sharesOf(countsOf(r)) })),
  };
}

/** A thread's health, or null when there is no thread with that id. */
export async function threadHealthOf(db: Knex, id: number, options: { granularity: 'hour' | 'day'; from: Date; to: Date }) {
  return (await db('posts').where({ id, kind: 'thread' }).first('id')) ? threadHealth(db, id, options) : null;
}
