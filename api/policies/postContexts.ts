import type { Knex } from 'knex';
import type { AccountSnapshot, PartnershipSnapshot, PostContext } from '../../rules/facts/postFacts';
import type { TextScores } from '../../models/runtime/scorer';
import { sqlArray } from '../db/sqlArray';

/** A post as the context loader needs it; `id` is null for a dry run of a post never stored. */
export interface PostSubject {
  id: number | null;
  authorId: number | null;
  threadId: number | null;
  productId: number | null;
  kind: string;
  board: string | null;
  postedAt: Date;
  textHash: string;
  /** For a reply whose thread is new in the same unstored batch: that thread's index among the subjects. */
  batchThread?: number | null;
}

/** Board thresholds by board, for the board facts. */
export async function loadBoardThresholds(
  db: Knex,
  boards: Array<string | null>,
): Promise<Map<string, { share: number; minPosts: number }>> {
  const names = [...new Set(boards.filter((b): b is string => !!b))];
  if (names.length === 0) return new Map();
  const rows: Array<{ board: string; commercial_share: number; min_posts: number }> = await db('board_thresholds')
    .whereIn('board', names)
    .select('board', 'commercial_share', 'min_posts');
  return new Map(rows.map((r) => [r.board, { share: r.commercial_share, minPosts: r.min_posts }]));
}

const NEW_MEMBER = (at: Date): AccountSnapshot => ({ type: 'member', joinedAt: at, reputation: null, violationsUpheld: 0 });

export async function loadPartnerships(db: Knex, creatorIds: number[]): Promise<Map<number, PartnershipSnapshot[]>> {
  const out = new Map<number, PartnershipSnapshot[]>();
  if (creatorIds.length === 0) return out;
  const rows: Array<{ creator_id: number; handle: string; kind: string; starts_at: Date; ends_at: Date | null }> = await db(
    'partnerships as p',
  )
    .join('accounts as b', 'b.id', 'p.brand_id')
    .whereIn('p.creator_id', creatorIds)
    .select('p.creator_id', 'b.handle', 'p.kind', 'p.starts_at', 'p.ends_at');
  for (const r of rows) {
    if (!out.has(r.creator_id)) out.set(r.creator_id, []);
    out.get(r.creator_id)!.push({ brandHandle: r.handle, kind: r.kind, startsAt: r.starts_at, endsAt: r.ends_at });
  }
  return out;
}

export async function loadAccounts(db: Knex, ids: number[]): Promise<Map<number, AccountSnapshot>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ id: number; type: string; joined_at: Date; reputation_score: number | null; violations_upheld: number }> = await db(
    'accounts',
  )
    .whereIn('id', ids)
    .select('id', 'type', 'joined_at', 'reputation_score', 'violations_upheld');
  return new Map(
    rows.map((r) => [r.id, { type: r.type, joinedAt: r.joined_at, reputation: r.reputation_score, violationsUpheld: r.violations_upheld }]),
  );
}

interface ContextRow {
  author: { type: string; joined_at: string; reputation: number | null; violations: number } | null;
  partnerships: Array<{ handle: string; kind: string; starts_at: string; ends_at: string | null }>;
  thread: { author_id: number; type: string } | null;
  a10: number;
  a60: number;
  ident: number[];
  rv: number;
  b24: number;
  bc24: number;
}

const MINUTE = 60_000;

/**
 * What a batch's own posts add to each other's velocity when none of them is stored yet: the same
 * windows and conditions as the SQL above, over the batch's earlier posts. The identical-text
 * authors come back as ids so that they can be unioned with the stored ones.
 */
function batchVelocity(subjects: PostSubject[], rows: ContextRow[]) {
  const threadKeys = subjects.map((s) =>
    s.threadId !== null ? `stored:${s.threadId}` : s.batchThread != null ? `batch:${s.batchThread}` : null,
  );
  const times = subjects.map((s) => s.postedAt.getTime());
  const joinedTimes = rows.map((r) => (r.author ? new Date(r.author.joined_at).getTime() : null));
  return subjects.map((s, i) => {
    const t = times[i]!;
    const out = { a10: 0, a60: 0, ident: new Set<number>(), rv: 0 };
    const key = threadKeys[i] ?? null;
    subjects.forEach((e, j) => {
      const et = times[j]!;
      if (et >= t) return;
      if (s.authorId !== null && e.authorId === s.authorId) {
        if (et >= t - 10 * MINUTE) out.a10++;
        if (et >= t - 60 * MINUTE) out.a60++;
      }
      if (
        key !== null &&
        threadKeys[j] === key &&
        e.textHash === s.textHash &&
        e.authorId !== null &&
        e.authorId !== s.authorId &&
        et >= t - 10 * MINUTE
      )
        out.ident.add(e.authorId);
      const joined = joinedTimes[j];
      if (
        s.productId !== null &&
        e.productId === s.productId &&
        e.kind === 'review' &&
        et >= t - 24 * 60 * MINUTE &&
        joined != null &&
        joined > et - 7 * 24 * 60 * MINUTE
      )
        out.rv++;
    });
    return out;
  });
}

/*
 * Planning this statement costs more than running it (it is planned afresh in every transaction),
 * so what no subject can use is left out: without a thread or a product in the batch, those
 * subqueries would only ever answer null, zero or nothing. Each pair of counts over one index
 * range is one subquery.
 */
function contextSql(subjects: PostSubject[], policyToken: boolean): string {
  const anyThread = subjects.some((s) => s.threadId !== null);
  const anyProduct = subjects.some((s) => s.productId !== null);
  return `select x.n,
     (select json_build_object('type', a.type, 'joined_at', a.joined_at, 'reputation', a.reputation_score, 'violations', a.violations_upheld)
        from accounts a where a.id = x.author_id) as author,
     (select coalesce(json_agg(json_build_object('handle', b.handle, 'kind', pa.kind, 'starts_at', pa.starts_at, 'ends_at', pa.ends_at) order by pa.id), '[]'::json)
        from partnerships pa join accounts b on b.id = pa.brand_id where pa.creator_id = x.author_id) as partnerships,
     ${
       anyThread
         ? `(select json_build_object('author_id', tp.author_id, 'type', ta.type)
        from posts tp join accounts ta on ta.id = tp.author_id where tp.id = x.thread_id)`
         : 'null::json'
     } as thread,
     av.a10, av.a60,
     ${
       anyThread
         ? `array(select distinct p.author_id from posts p
        where x.thread_id is not null and p.thread_id = x.thread_id and p.text_hash = x.h and p.author_id is distinct from x.author_id
          and p.author_id is not null and p.posted_at >= x.t - interval '10 minutes' and p.posted_at < x.t)`
         : "'{}'::bigint[]"
     } as ident,
     ${
       anyProduct
         ? `(select count(*) from posts p join accounts a on a.id = p.author_id
        where x.product_id is not null and p.product_id = x.product_id and p.kind = 'review'
          and p.posted_at >= x.t - interval '24 hours' and p.posted_at < x.t and a.joined_at > p.posted_at - interval '7 days')`
         : '0::bigint'
     } as rv,
     bv.b24, bv.bc24${policyToken ? ', (select token from policy_cache_token) as policy_token' : ''}
   from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[]) with ordinality as x(author_id, thread_id, product_id, t, h, board, n)
   cross join lateral (select count(*) filter (where p.posted_at >= x.t - interval '10 minutes') as a10, count(*) as a60
        from posts p where p.author_id = x.author_id and p.posted_at >= x.t - interval '1 hour' and p.posted_at < x.t) av
   cross join lateral (select coalesce(sum(b.posts), 0) as b24, coalesce(sum(b.commercial), 0) as bc24
        from board_activity b where x.board is not null and b.board = x.board and b.granularity = 'hour'
          and b.bucket >= date_trunc('hour', x.t at time zone 'UTC') at time zone 'UTC' - interval '24 hours'
          and b.bucket < date_trunc('hour', x.t at time zone 'UTC') at time zone 'UTC') bv
   order by x.n`;
}

function contextBindings(subjects: PostSubject[]): Knex.Value[] {
  return [
    sqlArray(subjects.map((s) => s.authorId)),
    sqlArray(subjects.map((s) => s.threadId)),
    sqlArray(subjects.map((s) => s.productId)),
    sqlArray(subjects.map((s) => s.postedAt)),
    sqlArray(subjects.map((s) => s.textHash)),
    sqlArray(subjects.map((s) => s.board)),
  ];
}

/** What the context statement read for a batch, before the policies' brands and thresholds are applied. */
export interface PostContextRows {
  rows: ContextRow[];
  /** The policy cache token read in the same statement, when asked for (see policyRuntime). */
  policyToken: string | null;
}

/**
 * Everything computePostFacts needs beyond the post, for a whole batch in one query.
 * Velocity counts look only at posts strictly before each post's own time, never at the post
 * itself, so live ingestion, a dry run and a backtest count the same things. Ingestion also reads
 * the policy cache token here, which saves its transaction a round trip.
 */
export async function queryPostContexts(
  db: Knex,
  subjects: PostSubject[],
  options: { policyToken?: boolean } = {},
): Promise<PostContextRows> {
  // One statement for everything per post: it runs in every ingestion transaction, where each
  // round trip is paid per request. The author, partnerships and thread come back as JSON.
  const asked = options.policyToken === true;
  // With nothing to read, no token either: the runtime then reads it itself.
  if (subjects.length === 0) return { rows: [], policyToken: null };
  const { rows } = (await db.raw(contextSql(subjects, asked), contextBindings(subjects))) as {
    rows: Array<ContextRow & { policy_token?: string }>;
  };
  return { rows, policyToken: asked ? (rows[0]?.policy_token ?? null) : null };
}

/**
 * The contexts from what queryPostContexts read. With `unstoredBatch`, the subjects are a batch
 * about to be stored, and each also counts the batch's earlier posts, exactly as if they had been
 * stored first.
 */
export async function buildPostContexts(
  db: Knex,
  subjects: PostSubject[],
  read: PostContextRows,
  brands: PostContext['brands'],
  scores: TextScores[] | null,
  knownThresholds?: ReadonlyMap<string, { share: number; minPosts: number }>,
  options: { unstoredBatch?: boolean } = {},
): Promise<PostContext[]> {
  const counts = read.rows;
  const batch = options.unstoredBatch ? batchVelocity(subjects, counts) : null;
  const thresholds =
    knownThresholds ??
    (await loadBoardThresholds(
      db,
      subjects.map((s) => s.board),
    ));
  return subjects.map((s, i) => {
    const c = counts[i]!;
    const b = batch?.[i];
    const batchThread =
      s.threadId === null && s.batchThread != null
        ? { author_id: subjects[s.batchThread]!.authorId, type: counts[s.batchThread]!.author?.type ?? 'member' }
        : null;
    const thread = c.thread ?? batchThread;
    return {
      author: c.author
        ? {
            type: c.author.type,
            joinedAt: new Date(c.author.joined_at),
            reputation: c.author.reputation,
            violationsUpheld: c.author.violations,
          }
        : NEW_MEMBER(s.postedAt),
      authorPartnerships: c.partnerships.map((p) => ({
        brandHandle: p.handle,
        kind: p.kind,
        startsAt: new Date(p.starts_at),
        endsAt: p.ends_at === null ? null : new Date(p.ends_at),
      })),
      thread: thread ? { authorIsThisAuthor: Number(thread.author_id) === s.authorId, authorType: thread.type } : null,
      brands,
      velocity: {
        authorPostsLast10m: Number(c.a10) + (b?.a10 ?? 0),
        authorPostsLastHour: Number(c.a60) + (b?.a60 ?? 0),
        identicalTextAccounts10m: new Set([...c.ident.map(Number), ...(b?.ident ?? [])]).size,
        productReviewsByNewAccounts24h: s.kind === 'review' ? Number(c.rv) + (b?.rv ?? 0) : 0,
      },
      scores: scores ? scores[i]! : null,
      board: s.board ? { posts24h: Number(c.b24), commercial24h: Number(c.bc24), threshold: thresholds.get(s.board) ?? null } : null,
    };
  });
}

/** Query and build in one: for callers that already know their policies (dry runs, backtests, tests). */
export async function loadPostContexts(
  db: Knex,
  subjects: PostSubject[],
  brands: PostContext['brands'],
  scores: TextScores[] | null,
  knownThresholds?: ReadonlyMap<string, { share: number; minPosts: number }>,
  options: { unstoredBatch?: boolean } = {},
): Promise<PostContext[]> {
  return buildPostContexts(db, subjects, await queryPostContexts(db, subjects), brands, scores, knownThresholds, options);
}
