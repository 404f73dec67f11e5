import type { Knex } from 'knex';
import { toApiRow } from '../db/rows';
import { ruleHitsFor } from '../policies/ruleHitStore';
import { problems } from '../http/problem';
import { maskDeep, maskPersonalData } from '../../rules/privacy/mask';
import { flagReasonMessages } from '../../rules/flags/flagReasons';
import { reputationView } from '../reputation/reputationView';
import { slaState, slaTargets } from './queueSettings';

/** Characters of an item's text a queue row shows: enough to decide many items from the list. */
export const SNIPPET_CHARS = 120;

const mask = (v: unknown) => (typeof v === 'string' ? maskPersonalData(v) : v);
const snippet = (title: string | null, body: string | null) => {
  const text = maskPersonalData([title, body].filter(Boolean).join(' — ')).replace(/\s+/g, ' ').trim();
  return [...text].length > SNIPPET_CHARS ? [...text].slice(0, SNIPPET_CHARS).join('') + '…' : text;
};

/** Who holds a claim now: a claim past its time holds nothing. */
function liveClaim(row: { claimedBy?: unknown; claimedUntil?: unknown }, now: Date) {
  return row.claimedBy != null && row.claimedUntil != null && new Date(row.claimedUntil as string).getTime() > now.getTime();
}

/**
 * What a queue row shows beside the flag (the item's snippet, author, reach, when it was
 * written; who holds the claim), read in one query per subject type so the list needs no
 * second round trip.
 */
export async function embedQueueRows(db: Knex, rows: Record<string, unknown>[], now: Date): Promise<Record<string, unknown>[]> {
  const ids = (type: string) => rows.filter((r) => r.subjectType === type).map((r) => Number(r.subjectId));
  const staffIds = [
    ...new Set(
      rows
        .map((r) => r.claimedBy)
        .filter((v) => v != null)
        .map(Number),
    ),
  ];
  const [posts, orders, accounts, staff, targets] = await Promise.all([
    ids('post').length
      ? db('posts as p')
          .join('accounts as a', 'a.id', 'p.author_id')
          .whereIn('p.id', ids('post'))
          .select(
            'p.id',
            'p.title',
            'p.body',
            'p.reach',
            'p.posted_at',
            'p.kind',
            'p.board',
            'p.lang',
            'a.id as author_id',
            'a.handle',
            'a.display_name',
            'a.type as author_type',
          )
      : [],
    ids('transaction').length
      ? db('transactions as t')
          .join('accounts as a', 'a.id', 't.buyer_id')
          .leftJoin('products as pr', 'pr.id', 't.product_id')
          .whereIn('t.id', ids('transaction'))
          .select(
            't.id',
            't.amount_cents',
            't.currency',
            't.ordered_at',
            'pr.name as product',
            'a.id as author_id',
            'a.handle',
            'a.display_name',
            'a.type as author_type',
          )
      : [],
    ids('account').length
      ? db('accounts').whereIn('id', ids('account')).select('id', 'handle', 'display_name', 'type as author_type', 'joined_at')
      : [],
    staffIds.length ? db('staff').whereIn('id', staffIds).select('id', 'display_name') : [],
    slaTargets(db),
  ]);
  const byId = (list: Array<{ id: number | string }>) => new Map(list.map((r) => [Number(r.id), r as Record<string, any>]));
  const postMap = byId(posts);
  const orderMap = byId(orders);
  const accountMap = byId(accounts);
  const staffMap = byId(staff);
  return rows.map((r) => {
    const id = Number(r.subjectId);
    let subject: Record<string, unknown> | null = null;
    if (r.subjectType === 'post' && postMap.has(id)) {
      const p = postMap.get(id)!;
      subject = {
        snippet: snippet(p.title, p.body),
        kind: p.kind,
        board: p.board,
        lang: p.lang,
        reach: p.reach,
        at: p.posted_at,
        authorId: Number(p.author_id),
        authorHandle: p.handle,
        authorName: p.display_name,
        authorType: p.author_type,
      };
    } else if (r.subjectType === 'transaction' && orderMap.has(id)) {
      const t = orderMap.get(id)!;
      subject = {
        snippet: [t.product, `${(Number(t.amount_cents) / 100).toFixed(2)} ${t.currency}`].filter(Boolean).join(' · '),
        reach: null,
        at: t.ordered_at,
        amountCents: Number(t.amount_cents),
        currency: t.currency,
        authorId: Number(t.author_id),
        authorHandle: t.handle,
        authorName: t.display_name,
        authorType: t.author_type,
      };
    } else if (r.subjectType === 'account' && accountMap.has(id)) {
      const a = accountMap.get(id)!;
      subject = {
        snippet: [a.display_name, `@${a.handle}`].filter(Boolean).join(' '),
        reach: null,
        at: a.joined_at,
        authorId: id,
        authorHandle: a.handle,
        authorName: a.display_name,
        authorType: a.author_type,
      };
    }
    const held = liveClaim(r, now);
    return {
      ...r,
      subject,
      claimedByName: held ? (staffMap.get(Number(r.claimedBy))?.display_name ?? null) : null,
      claimActive: held,
      ...slaState(r, targets.get(String(r.queue)), now),
    };
  });
}

const postColumns = [
  'p.id',
  'p.kind',
  'p.thread_id',
  'p.parent_id',
  'p.author_id',
  'p.board',
  'p.title',
  'p.body',
  'p.lang',
  'p.reach',
  'p.status',
  'p.posted_at',
  'a.handle as author_handle',
  'a.display_name as author_name',
  'a.type as author_type',
];
const shortPost = (p: Record<string, unknown>) => ({ ...toApiRow(p), title: mask(p.title), body: mask(p.body) });

async function threadContext(db: Knex, post: Record<string, any>) {
  const threadId = post.thread_id ?? (post.kind === 'thread' ? post.id : null);
  if (!threadId) return { root: null, parent: null, before: [], after: [], replies: 0 };
  const base = () => db('posts as p').join('accounts as a', 'a.id', 'p.author_id');
  const [root, parent, before, after, count] = await Promise.all([
    threadId !== post.id ? base().where('p.id', threadId).first(postColumns) : null,
    post.parent_id && post.parent_id !== threadId ? base().where('p.id', post.parent_id).first(postColumns) : null,
    // The replies around this one, in the order a reader met them.
    base()
      .where('p.thread_id', threadId)
      .where('p.id', '<>', post.id)
      .where('p.posted_at', '<=', post.posted_at)
      .orderBy([
        { column: 'p.posted_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      .limit(3)
      .select(postColumns),
    base()
      .where('p.thread_id', threadId)
      .where('p.id', '<>', post.id)
      .where('p.posted_at', '>', post.posted_at)
      .orderBy([
        { column: 'p.posted_at', order: 'asc' },
        { column: 'p.id', order: 'asc' },
      ])
      .limit(3)
      .select(postColumns),
    db('posts').where({ thread_id: threadId }).count({ c: '*' }).first(),
  ]);
  return {
    root: root ? shortPost(root) : null,
    parent: parent ? shortPost(parent) : null,
    before: before.reverse().map(shortPost),
    after: after.map(shortPost),
    replies: Number((count as { c: number } | undefined)?.c ?? 0),
  };
}

/** Rule hits as the item page shows them: masked like the rest of the answer. */
async function ruleHits(db: Knex, subjectType: 'post' | 'transaction', id: number) {
  return (await ruleHitsFor(db, subjectType, id)).map((r) => maskDeep(r));
}

async function decisionsOn(db: Knex, subjectType: string, subjectId: number) {
  const rows = await db('decisions as d')
    .leftJoin('staff as s', 's.id', 'd.staff_id')
    .where({ 'd.subject_type': subjectType, 'd.subject_id': subjectId })
    .orderBy('d.created_at', 'desc')
    .limit(10)
    .select(
      'd.id',
      'd.flag_id',
      'd.action',
      'd.reason_code',
      'd.automated',
      'd.created_at',
      'd.reversed_at',
      's.display_name as staff_name',
    );
  return rows.map(toApiRow);
}

/** The author (or buyer, or account) behind the item: who they are, their standing, their history. */
async function authorCard(db: Knex, accountId: number, excludePostId: number | null, now: Date) {
  const account = await db('accounts').where({ id: accountId }).first();
  if (!account) return null;
  const [reputation, partnerships, decisions, recentPosts, postCount] = await Promise.all([
    reputationView(db, account, now, 200),
    db('partnerships as pa')
      .join('accounts as b', 'b.id', 'pa.brand_id')
      .where('pa.creator_id', accountId)
      .orderBy('pa.starts_at', 'desc')
      .limit(10)
      .select(
        'pa.id',
        'pa.kind',
        'pa.starts_at',
        'pa.ends_at',
        'pa.campaign',
        'b.id as brand_id',
        'b.handle as brand_handle',
        'b.display_name as brand_name',
      ),
    decisionsOn(db, 'account', accountId),
    db('posts')
      .where({ author_id: accountId })
      .modify((q) => excludePostId !== null && q.whereNot({ id: excludePostId }))
      .orderBy('posted_at', 'desc')
      .limit(5)
      .select('id', 'kind', 'title', 'body', 'status', 'posted_at', 'reach'),
    db('posts').where({ author_id: accountId }).count({ c: '*' }).first(),
  ]);
  // Earlier decisions on anything the account wrote, not only on the account itself.
  const onPosts = await db('decisions as d')
    .join('posts as p', function () {
      this.on('p.id', '=', 'd.subject_id').andOnVal('d.subject_type', '=', 'post');
    })
    .leftJoin('staff as s', 's.id', 'd.staff_id')
    .where('p.author_id', accountId)
    .orderBy('d.created_at', 'desc')
    .limit(10)
    .select(
      'd.id',
      'd.flag_id',
      'd.subject_type',
      'd.subject_id',
      'd.action',
      'd.reason_code',
      'd.automated',
      'd.created_at',
      'd.reversed_at',
      's.display_name as staff_name',
    );
  return {
    id: Number(account.id),
    handle: account.handle,
    displayName: account.display_name,
    type: account.type,
    status: account.status,
    joinedAt: account.joined_at,
    violationsUpheld: account.violations_upheld,
    postCount: Number((postCount as { c: number } | undefined)?.c ?? 0),
    reputation,
    partnerships: partnerships.map(toApiRow),
    accountDecisions: decisions,
    contentDecisions: onPosts.map(toApiRow),
    recentPosts: recentPosts.map((p: Record<string, unknown>) => ({ ...toApiRow(p), title: mask(p.title), body: mask(p.body) })),
  };
}

/**
 * Everything the item page shows, in one answer: the flag and its claim, the item with the
 * rules that fired, its thread, the member reports, the author's card and earlier decisions.
 * Personal data is masked as in every other response.
 */
export async function workbenchView(db: Knex, flagId: number, now: Date) {
  const flag = await db('flags as f')
    .leftJoin('staff as s', 's.id', 'f.claimed_by')
    .where('f.id', flagId)
    .first('f.*', 's.display_name as claimed_by_name');
  if (!flag) throw problems.notFound(`No flag with id ${flagId}.`);
  const flagRow = toApiRow(flag);
  const held = liveClaim(flagRow, now);
  const base = {
    flag: {
      ...flagRow,
      reasons: flagReasonMessages(flag.reason),
      claimedByName: held ? flag.claimed_by_name : null,
      claimActive: held,
      ...slaState(flagRow, (await slaTargets(db)).get(flag.queue), now),
    },
  };
  const reports = await db('reports as r')
    .join('accounts as a', 'a.id', 'r.reporter_id')
    .where('r.flag_id', flagId)
    .orderBy('r.received_at', 'desc')
    .limit(50)
    .select(
      'r.id',
      'r.reason',
      'r.text',
      'r.weight',
      'r.outcome',
      'r.received_at',
      'a.id as reporter_id',
      'a.handle as reporter_handle',
      'a.display_name as reporter_name',
      'a.joined_at as reporter_joined_at',
    );
  const reportRows = reports.map((r: Record<string, unknown>) => ({ ...toApiRow(r), text: mask(r.text) }));
  const subjectId = Number(flag.subject_id);
  if (flag.subject_type === 'post') {
    const post = await db('posts').where({ id: subjectId }).first();
    if (!post)
      return { ...base, reports: reportRows, post: null, thread: null, order: null, author: null, itemDecisions: [], referredOrders: [] };
    const [hits, thread, author, itemDecisions, referredOrders] = await Promise.all([
      ruleHits(db, 'post', subjectId),
      threadContext(db, post),
      authorCard(db, Number(post.author_id), subjectId, now),
      decisionsOn(db, 'post', subjectId),
      db('transactions')
        .where({ referral_post_id: subjectId })
        .orderBy('ordered_at', 'desc')
        .limit(10)
        .select('id', 'amount_cents', 'currency', 'status', 'ordered_at'),
    ]);
    return {
      ...base,
      reports: reportRows,
      post: { ...toApiRow(post), title: mask(post.title), body: mask(post.body), ruleHits: hits },
      thread,
      order: null,
      author,
      itemDecisions,
      referredOrders: referredOrders.map(toApiRow),
    };
  }
  if (flag.subject_type === 'transaction') {
    const order = await db('transactions as t')
      .leftJoin('products as pr', 'pr.id', 't.product_id')
      .leftJoin('accounts as v', 'v.id', 't.vendor_id')
      .leftJoin('accounts as b', 'b.id', 'pr.brand_id')
      .where('t.id', subjectId)
      .first(
        't.*',
        'pr.name as product_name',
        'pr.category as product_category',
        'pr.price_cents as product_price_cents',
        'v.handle as vendor_handle',
        'v.display_name as vendor_name',
        'b.display_name as brand_name',
      );
    if (!order)
      return { ...base, reports: reportRows, post: null, thread: null, order: null, author: null, itemDecisions: [], referredOrders: [] };
    const [hits, author, itemDecisions] = await Promise.all([
      ruleHits(db, 'transaction', subjectId),
      authorCard(db, Number(order.buyer_id), null, now),
      decisionsOn(db, 'transaction', subjectId),
    ]);
    // An order carries one product: that is its one line.
    const lines = order.product_id
      ? [
          {
            productId: Number(order.product_id),
            name: order.product_name,
            category: order.product_category,
            brand: order.brand_name,
            unitPriceCents: order.product_price_cents,
            amountCents: Number(order.amount_cents),
            currency: order.currency,
          },
        ]
      : [];
    return {
      ...base,
      reports: reportRows,
      post: null,
      thread: null,
      order: { ...toApiRow(order), lines, ruleHits: hits },
      author,
      itemDecisions,
      referredOrders: [],
    };
  }
  const author = await authorCard(db, subjectId, null, now);
  return {
    ...base,
    reports: reportRows,
    post: null,
    thread: null,
    order: null,
    author,
    itemDecisions: author?.accountDecisions ?? [],
    referredOrders: [],
  };
}
