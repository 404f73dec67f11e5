import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import type { PartnershipSnapshot } from '../../rules/facts/postFacts';
import { availableParallelism } from 'node:os';
import { createPostVelocityStream, type StreamPost } from '../../rules/backtest/postVelocityStream';
import { COMMERCIAL_VERDICTS, createBoardWindowStream } from '../../rules/backtest/boardWindowStream';
import { createBacktestSummary, type BacktestResult } from '../../rules/backtest/summary';
import { computeTransactionFacts } from '../../rules/facts/transactionFacts';
import type { PolicyDocument } from '../../rules/policy/document';
import type { PolicyEvaluator } from '../../rules/policy/evaluation';
import { matcherOf, type Judged, type PostToJudge } from '../../rules/backtest/postJudge';
import { buildEvaluator, loadBrands, loadLists } from '../policies/policyRuntime';
import { createInProcessJudge, createWorkerJudgePool, type PostJudgePool } from './judgePool';
import { loadAccounts, loadPartnerships } from '../policies/postContexts';
import { loadTransactionContexts } from '../policies/transactionContexts';
import { maskPersonalData } from '../../rules/privacy/mask';

const PAGE = 5000;
const LOOKBACK_MS = 24 * 3600_000;

const NONE: readonly string[] = Object.freeze([]);
async function settle(rules: string[] | Promise<string[]>): Promise<string[]> {
  return rules;
}

/** A moderator's standing decision per item: upheld (removed, held, disclosure required …) or approved. */
async function decisionsFor(db: Knex, subjectType: string, ids: number[]): Promise<Map<number, 'upheld' | 'approved'>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ subject_id: number; action: string }> = await db('decisions')
    .where({ subject_type: subjectType })
    .whereIn('subject_id', ids)
    .whereNull('reversed_at')
    .whereNull('reverses_decision_id')
    .orderBy([{ column: 'subject_id' }, { column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .select('subject_id', 'action');
  const out = new Map<number, 'upheld' | 'approved'>();
  for (const r of rows) {
    if (out.has(r.subject_id) || r.action === 'escalate') continue;
    out.set(r.subject_id, r.action === 'approve' ? 'approved' : 'upheld');
  }
  return out;
}

export interface BacktestSpec {
  subject: 'post' | 'transaction';
  document: PolicyDocument;
  compareWith: PolicyDocument | null;
  from: Date;
  to: Date;
}

/**
 * Runs a policy over stored items in a time window, exactly as ingestion would have judged them
 * (facts from the items and what came before them), next to the version in force. `progress` is
 * called after every page with items done and the total.
 */
export async function runBacktest(
  db: Db,
  spec: BacktestSpec,
  progress: (done: number, total: number) => Promise<void>,
  options: BacktestOptions = {},
): Promise<BacktestResult> {
  const lists = await loadLists(db);
  const summary = createBacktestSummary(
    spec.document.rules.map((r) => ({ name: r.name, eventType: r.event.type })),
    spec.compareWith !== null,
  );
  if (spec.subject === 'post') return backtestPosts(db, spec, lists, summary, progress, options);
  const draft = buildEvaluator(spec.document, lists);
  const published = spec.compareWith ? buildEvaluator(spec.compareWith, lists) : null;
  return backtestTransactions(db, spec, draft, published, summary, progress);
}

export interface BacktestOptions {
  /** Worker threads that judge posts; by default one per core (at most four) when there are at least two, none otherwise. */
  workers?: number;
  /** Fewer posts than this in the window are judged in the backtest's own thread; by default 20,000. */
  workerMinPosts?: number;
  /** Posts read and judged at a time; by default 5,000. */
  pageSize?: number;
}
const WORKER_MIN_POSTS = 20_000;
const MAX_WORKERS = 4;

async function backtestPosts(
  db: Db,
  spec: BacktestSpec,
  lists: Record<string, readonly string[]>,
  summary: ReturnType<typeof createBacktestSummary>,
  progress: (done: number, total: number) => Promise<void>,
  options: BacktestOptions,
): Promise<BacktestResult> {
  const total = Number(
    (await db('posts').where('posted_at', '>=', spec.from).andWhere('posted_at', '<', spec.to).count({ c: '*' }).first())!.c,
  );
  await progress(0, total);
  const brands = await loadBrands(db);
  const cores = availableParallelism();
  // Each worker loads the sources through tsx and holds its own copy of the policies: a few are enough.
  const workers = options.workers ?? (cores >= 2 ? Math.min(cores, MAX_WORKERS) : 0);
  const setup = { draft: spec.document, compareWith: spec.compareWith, lists, brands };
  const judge: PostJudgePool =
    workers > 0 && total >= (options.workerMinPosts ?? WORKER_MIN_POSTS)
      ? createWorkerJudgePool(setup, workers)
      : createInProcessJudge(setup);
  try {
    return await judgePosts(db, spec, judge, summary, progress, total, options.pageSize ?? PAGE);
  } finally {
    await judge.close();
  }
}

async function judgePosts(
  db: Db,
  spec: BacktestSpec,
  judge: PostJudgePool,
  summary: ReturnType<typeof createBacktestSummary>,
  progress: (done: number, total: number) => Promise<void>,
  total: number,
  pageSize: number,
): Promise<BacktestResult> {
  const stream = createPostVelocityStream();
  const boardStream = createBoardWindowStream();
  const thresholds = new Map<string, { share: number; minPosts: number }>(
    (await db('board_thresholds').select('board', 'commercial_share', 'min_posts')).map(
      (r: { board: string; commercial_share: number; min_posts: number }) => [
        r.board,
        { share: r.commercial_share, minPosts: r.min_posts },
      ],
    ),
  );
  const accounts = new Map<number, { type: string; joinedAt: Date; reputation: number | null; violationsUpheld: number }>();
  const partnerships = new Map<number, PartnershipSnapshot[]>();
  const threads = new Map<number, { authorId: number; authorType: string }>();
  type Row = {
    id: number;
    kind: string;
    board: string | null;
    title: string | null;
    body: string;
    rating: number | null;
    platform_label: boolean;
    reach: number;
    product_id: number | null;
    posted_at: Date;
    author_id: number;
    thread_id: number | null;
    text_hash: string | null;
    spam_score: number | null;
    promo_score: number | null;
    disclosure_status: string | null;
  };
  let pending: Array<{ row: Row; post: StreamPost }> = [];
  let pendingTime = -Infinity;
  let done = 0;
  let cursor: { t: Date; id: number } | null;
  // Start a day early: the velocity windows need what came just before the window.
  const readFrom = new Date(spec.from.getTime() - LOOKBACK_MS);

  // Pages sent to the judges and not yet counted, oldest first: results are counted in the
  // window's order, and as many pages are in flight as there are judges to keep busy.
  type Sent = { judged: Promise<Judged[]>; rows: Row[]; decisions: Map<number, 'upheld' | 'approved'> };
  const inFlight: Sent[] = [];
  const countOldest = async () => {
    const sent = inFlight.shift()!;
    const judged = await sent.judged;
    for (let i = 0; i < sent.rows.length; i++) {
      const row = sent.rows[i]!;
      summary.add({
        id: row.id,
        at: row.posted_at,
        // Samples are shown to community managers: personal data stays masked.
        excerpt: () => maskPersonalData((row.title ? `${row.title} — ${row.body}` : row.body).slice(0, 140)),
        draftRules: judged[i]![0],
        publishedRules: judged[i]![1],
        decision: sent.decisions.get(row.id) ?? null,
      });
    }
    done += sent.rows.length;
    await progress(done, total);
  };
  // Keyset pages in (posted_at, id) order. The condition starts an index range at the cursor's
  // time (an OR alone would make every page scan from the start of the window), and the next
  // page is already on its way while this one is judged.
  const page = (after: { t: Date; id: number } | null): Promise<Row[]> => {
    const query = db('posts')
      .where('posted_at', '<', spec.to)
      .orderBy([{ column: 'posted_at' }, { column: 'id' }])
      .limit(pageSize)
      .select(
        'id',
        'kind',
        'board',
        'title',
        'body',
        'rating',
        'platform_label',
        'reach',
        'product_id',
        'posted_at',
        'author_id',
        'thread_id',
        'text_hash',
        'spam_score',
        'promo_score',
        'disclosure_status',
      );
    if (after) query.andWhere('posted_at', '>=', after.t).andWhere((w) => w.where('posted_at', '>', after.t).orWhere('id', '>', after.id));
    else query.andWhere('posted_at', '>=', readFrom);
    const rows = query.then((r: Row[]) => r);
    // A page nobody awaits (the judging of the one before failed) must not crash the process.
    rows.catch(() => undefined);
    return rows;
  };
  let next = page(null);

  for (;;) {
    const rows: Row[] = await next;
    if (rows.length === 0) break;
    cursor = { t: rows[rows.length - 1]!.posted_at, id: rows[rows.length - 1]!.id };
    next = page(cursor);

    // What the page needs besides its rows, read side by side.
    const newAuthors = [...new Set(rows.map((r) => r.author_id))].filter((id) => !accounts.has(id));
    const pageThreads = new Set(rows.filter((r) => r.kind === 'thread').map((r) => r.id));
    const missingThreads = [
      ...new Set(rows.map((r) => r.thread_id).filter((x): x is number => x !== null && !threads.has(x) && !pageThreads.has(x))),
    ];
    const inWindow = rows.filter((r) => r.posted_at.getTime() >= spec.from.getTime());
    const [newAccounts, newPartnerships, found, decisions] = await Promise.all([
      loadAccounts(db, newAuthors),
      loadPartnerships(db, newAuthors),
      missingThreads.length
        ? (db('posts as p')
            .join('accounts as a', 'a.id', 'p.author_id')
            .whereIn('p.id', missingThreads)
            .select('p.id', 'p.author_id', 'a.type') as Promise<Array<{ id: number; author_id: number; type: string }>>)
        : [],
      decisionsFor(
        db,
        'post',
        inWindow.map((r) => r.id),
      ),
    ]);
    for (const [id, a] of newAccounts) accounts.set(id, a);
    for (const [id, p] of newPartnerships) partnerships.set(id, p);
    for (const r of rows)
      if (r.kind === 'thread') threads.set(r.id, { authorId: r.author_id, authorType: accounts.get(r.author_id)?.type ?? 'member' });
    for (const t of found) threads.set(t.id, { authorId: t.author_id, authorType: t.type });

    const items: PostToJudge[] = [];
    const judgedRows: Row[] = [];
    for (const row of rows) {
      const t = row.posted_at.getTime();
      const author = accounts.get(row.author_id) ?? { type: 'member', joinedAt: row.posted_at, reputation: null, violationsUpheld: 0 };
      // Posts with the same timestamp are all measured before any is recorded.
      if (t > pendingTime) {
        for (const p of pending) {
          stream.record(p.post);
          // Earlier posts count as commercial by the verdict stored for them, as the live query counts them.
          if (p.row.board) boardStream.record(p.row.board, p.row.posted_at, COMMERCIAL_VERDICTS.has(p.row.disclosure_status ?? ''));
        }
        pending = [];
        pendingTime = t;
      }
      const post: StreamPost = {
        authorId: row.author_id,
        threadId: row.thread_id,
        productId: row.product_id,
        kind: row.kind,
        postedAt: row.posted_at,
        textHash: row.text_hash ?? '',
        authorJoinedAt: author.joinedAt,
      };
      const velocity = stream.measure(post);
      let board: { posts24h: number; commercial24h: number; threshold: { share: number; minPosts: number } | null } | null = null;
      if (row.board) {
        const window = boardStream.measure(row.board, row.posted_at);
        board = { posts24h: window.posts24h, commercial24h: window.commercial24h, threshold: thresholds.get(row.board) ?? null };
      }
      pending.push({ row, post });
      if (t < spec.from.getTime()) continue;
      const thread = row.thread_id !== null ? threads.get(row.thread_id) : undefined;
      items.push({
        post: {
          kind: row.kind,
          board: row.board,
          title: row.title,
          body: row.body,
          rating: row.rating,
          platformLabel: row.platform_label,
          reach: row.reach,
          hasProduct: row.product_id !== null,
          postedAt: row.posted_at,
        },
        context: {
          author,
          authorPartnerships: partnerships.get(row.author_id) ?? [],
          thread: thread ? { authorIsThisAuthor: thread.authorId === row.author_id, authorType: thread.authorType } : null,
          velocity,
          scores: row.spam_score !== null && row.promo_score !== null ? { spam: row.spam_score, promo: row.promo_score } : null,
          board,
        },
      });
      judgedRows.push(row);
    }
    if (items.length) {
      const judged = judge.judge(items);
      // Awaited in turn below; a page left in flight when an earlier step fails must not crash the process.
      judged.catch(() => undefined);
      inFlight.push({ judged, rows: judgedRows, decisions });
    }
    while (inFlight.length > judge.size) await countOldest();
  }
  while (inFlight.length) await countOldest();
  return summary.result();
}

async function backtestTransactions(
  db: Db,
  spec: BacktestSpec,
  draft: PolicyEvaluator,
  published: PolicyEvaluator | null,
  summary: ReturnType<typeof createBacktestSummary>,
  progress: (done: number, total: number) => Promise<void>,
): Promise<BacktestResult> {
  const base = () => db('transactions').where('ordered_at', '>=', spec.from).andWhere('ordered_at', '<', spec.to);
  const total = Number((await base().count({ c: '*' }).first())!.c);
  await progress(0, total);
  let done = 0;
  let lastId = 0;
  const draftMatch = matcherOf(draft);
  const publishedMatch = published ? matcherOf(published) : null;
  for (;;) {
    type OrderRow = {
      id: number;
      buyer_id: number;
      vendor_id: number;
      affiliate_id: number | null;
      referral_post_id: number | null;
      ordered_at: Date;
      amount_cents: number | string;
      currency: string;
      status: string;
      brand_handle: string | null;
    };
    const rows: OrderRow[] = await base()
      .andWhere('transactions.id', '>', lastId)
      .leftJoin('products as p', 'p.id', 'transactions.product_id')
      .leftJoin('accounts as b', 'b.id', 'p.brand_id')
      .orderBy('transactions.id')
      .limit(PAGE)
      .select('transactions.*', 'b.handle as brand_handle');
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1]!.id;
    const subjects = rows.map((t) => ({
      id: t.id,
      buyerId: t.buyer_id,
      vendorId: t.vendor_id,
      affiliateId: t.affiliate_id,
      referralPostId: t.referral_post_id,
      orderedAt: t.ordered_at,
    }));
    const contexts = await loadTransactionContexts(db, subjects);
    const decisions = await decisionsFor(
      db,
      'transaction',
      rows.map((r) => r.id),
    );
    for (const [i, t] of rows.entries()) {
      const facts = computeTransactionFacts(
        {
          amountCents: Number(t.amount_cents),
          currency: t.currency,
          status: t.status,
          orderedAt: t.ordered_at,
          hasReferralPost: t.referral_post_id !== null,
          hasAffiliate: t.affiliate_id !== null,
          productBrandHandle: t.brand_handle ?? null,
        },
        contexts[i]!,
      );
      const draftRules = await settle(draftMatch(facts));
      const publishedRules = publishedMatch ? await settle(publishedMatch(facts)) : NONE;
      summary.add({
        id: t.id,
        at: t.ordered_at,
        excerpt: `${(Number(t.amount_cents) / 100).toFixed(2)} ${t.currency} ${t.status}`,
        draftRules,
        publishedRules,
        decision: decisions.get(t.id) ?? null,
      });
      done++;
    }
    await progress(done, total);
  }
  return summary.result();
}
