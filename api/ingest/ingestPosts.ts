import { masked } from '../privacy/maskedText';
import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/retry';
import { problems, type FieldError } from '../http/problem';
import type { PostInput } from '../../contract/schemas/ingest';
import { guessLanguage } from '../../rules/language';
import { upsertAccounts } from './upsertAccounts';
import { upsertProducts } from './upsertProducts';
import type { IngestedItem, IngestedWithState, ItemState, TrustEngine } from './ingestResult';
import { textFingerprint } from '../../rules/facts/textFacts';
import {
  countPostActivity,
  judgeNewPosts,
  storePostJudgements,
  type ItemOutcome,
  type Judgement,
  type JudgeablePost,
  type NewPost,
} from '../policies/judge';
import { itemStates } from './itemState';
import { announcePolicyOutcomes } from '../webhooks/policyEvents';
import { storeShadowScores } from '../models/shadowScores';

/** A new post's state as stored: open flags by priority, highest first, as itemStates orders them. */
function stateOf(outcome: ItemOutcome): ItemState {
  return {
    status: outcome.held ? 'held' : 'visible',
    held: outcome.held,
    labels: outcome.labels,
    disclosureRequired: outcome.disclosureRequired,
    flags: [...outcome.flags].sort((a, b) => b.priority - a.priority),
  };
}

interface StoredPostRef {
  id: number;
  kind: string;
  threadId: number | null;
  board: string | null;
}

async function storedPosts(trx: Knex.Transaction, source: string, externalIds: string[]): Promise<Map<string, StoredPostRef>> {
  if (externalIds.length === 0) return new Map();
  const rows = await trx('posts')
    .where({ source })
    .whereIn('external_id', externalIds)
    .select('id', 'external_id', 'kind', 'thread_id', 'board');
  return new Map(
    rows.map((r: { id: number; external_id: string; kind: string; thread_id: number | null; board: string | null }) => [
      r.external_id,
      { id: r.id, kind: r.kind, threadId: r.thread_id, board: r.board },
    ]),
  );
}

/**
 * Stores a validated batch of posts in one transaction. Replies may point at threads stored
 * earlier or sent earlier in the same batch; an unknown reference fails the whole batch with the
 * failing item's path, and nothing is written.
 */
export async function ingestPosts(
  db: Db,
  source: string,
  posts: PostInput[],
  now: Date,
  engine?: TrustEngine,
): Promise<IngestedWithState[]> {
  const stored = await storePosts(db, source, posts, now, engine);
  engine?.metrics?.ingested('post', source, stored);
  return stored;
}

async function storePosts(db: Db, source: string, posts: PostInput[], now: Date, engine?: TrustEngine): Promise<IngestedWithState[]> {
  return inTransaction(db, async (trx) => {
    const accountIds = await upsertAccounts(
      trx,
      source,
      posts.flatMap((p) => [p.author, ...(p.product?.brand ? [p.product.brand] : [])]),
      now,
    );
    const productIds = await upsertProducts(
      trx,
      source,
      posts
        .filter((p) => p.product)
        .map((p) => ({ ref: p.product!, vendorId: null, brandId: p.product!.brand ? accountIds.get(p.product!.brand.id)! : null })),
      now,
    );

    // In a batch, its own ids too: a post already stored is not judged again, and its stored copy
    // is what the batch's other posts count in their velocity facts. A lone post is simply judged,
    // and its verdict dropped if its insert finds it stored: one round trip less per single post.
    const lookUp = posts.flatMap((p) => [...(posts.length > 1 ? [p.id] : []), p.threadId, p.parentId].filter((x): x is string => !!x));
    const known = await storedPosts(trx, source, [...new Set(lookUp)]);

    const kindInBatch = new Map(posts.map((p) => [p.id, p.kind]));
    const errors: FieldError[] = [];
    const refersTo = (post: PostInput, field: 'threadId' | 'parentId', index: number) => {
      const ref = post[field];
      if (!ref) return;
      if (!known.has(ref) && !kindInBatch.has(ref))
        errors.push({ path: `items[${index}].${field}`, message: `no post "${ref}" from this platform` });
    };
    posts.forEach((p, i) => {
      refersTo(p, 'threadId', i);
      refersTo(p, 'parentId', i);
      const threadKind = p.threadId ? (known.get(p.threadId)?.kind ?? kindInBatch.get(p.threadId)) : undefined;
      if (threadKind && threadKind !== 'thread')
        errors.push({ path: `items[${i}].threadId`, message: `"${p.threadId}" is a ${threadKind}, not a thread` });
    });
    if (errors.length) throw problems.validation(errors, 'Some posts refer to posts this platform has not sent.');

    const results = new Map<string, IngestedItem>();
    for (const p of posts) {
      const existing = known.get(p.id);
      if (existing) results.set(p.id, { externalId: p.id, id: existing.id, created: false });
    }

    // New posts are judged before they are written, so each row is written once with its verdict.
    const candidates = posts.filter((p) => !results.has(p.id));
    const indexInBatch = new Map(candidates.map((p, i) => [p.id, i]));
    // A reply without a board is on its thread's board, stored or in this batch.
    const boardOf = (p: PostInput): string | null => {
      if (p.board != null || !p.threadId) return p.board ?? null;
      const stored = known.get(p.threadId);
      if (stored) return stored.board;
      const inBatch = indexInBatch.get(p.threadId);
      return inBatch === undefined ? null : (candidates[inBatch]!.board ?? null);
    };
    const drafts = candidates.map((p) => {
      const title = p.title ?? null;
      const storedThread = p.threadId ? known.get(p.threadId) : undefined;
      return {
        input: p,
        subject: {
          id: null,
          kind: p.kind,
          board: boardOf(p),
          title,
          body: p.body,
          rating: p.rating ?? null,
          platformLabel: p.platformLabel ?? false,
          reach: p.reach ?? 0,
          hasProduct: !!p.product,
          postedAt: p.postedAt,
          authorId: accountIds.get(p.author.id)!,
          threadId: storedThread?.id ?? null,
          batchThread: p.threadId && !storedThread ? (indexInBatch.get(p.threadId) ?? null) : null,
          productId: p.product ? productIds.get(p.product.id)! : null,
          textHash: textFingerprint(title ? `${title}\n${p.body}` : p.body),
        } satisfies NewPost,
      };
    });
    const verdicts =
      engine && drafts.length
        ? await judgeNewPosts(
            trx,
            engine.runtime,
            drafts.map((d) => d.subject),
            engine.scorer,
            engine.models,
          )
        : null;

    const fresh: JudgeablePost[] = [];
    const freshJudgements: Judgement[] = [];
    const freshIndex: number[] = [];
    // Insert in waves: a post goes in once everything it points at has an id (threads before replies).
    let pending = drafts.map((d, i) => ({ ...d, index: i }));
    const resolved = (ref: string | undefined) => !ref || known.has(ref);
    while (pending.length) {
      const wave = pending.filter((d) => resolved(d.input.threadId) && resolved(d.input.parentId));
      if (wave.length === 0)
        throw problems.validation(
          pending.map((d) => ({ path: `items[${posts.indexOf(d.input)}].parentId`, message: 'reference cycle inside the batch' })),
        );
      const rows = wave.map(({ input: p, subject, index }) => ({
        source,
        external_id: p.id,
        kind: p.kind,
        thread_id: p.threadId ? known.get(p.threadId)!.id : null,
        parent_id: p.parentId ? known.get(p.parentId)!.id : null,
        author_id: subject.authorId,
        product_id: subject.productId,
        board: subject.board,
        title: subject.title,
        body: p.body,
        title_masked: masked(subject.title),
        body_masked: masked(p.body),
        lang: p.lang ?? guessLanguage(`${p.title ?? ''} ${p.body}`),
        rating: subject.rating,
        platform_label: subject.platformLabel,
        reach: subject.reach,
        posted_at: p.postedAt,
        ingested_at: now,
        text_hash: subject.textHash,
        ...(verdicts ? verdicts.columns[index]! : {}),
      }));
      // Posts are partitioned by month, so (source, external_id) is kept unique in post_keys
      // (migration 018): claiming the key is what decides which request stores the post.
      const claimed: Array<{ post_id: number; external_id: string }> = await trx('post_keys')
        .insert(
          rows.map((r) => ({ source, external_id: r.external_id, post_id: trx.raw("nextval('posts_id_seq')"), posted_at: r.posted_at })),
        )
        .onConflict(['source', 'external_id'])
        .ignore()
        .returning(['post_id', 'external_id']);
      const mine = new Map(claimed.map((r) => [r.external_id, r.post_id]));
      const mineRows = rows.filter((r) => mine.has(r.external_id)).map((r) => ({ id: mine.get(r.external_id)!, ...r }));
      if (mineRows.length) await trx('posts').insert(mineRows);
      // Rows a concurrent request stored first: theirs is the copy, ours writes nothing and its verdict is dropped.
      // Read from the keys: the post itself may sit in a month since detached.
      const lost = wave.filter((d) => !mine.has(d.input.id)).map((d) => d.input.id);
      const raced = new Map<string, { id: number }>(
        lost.length
          ? (await trx('post_keys').where({ source }).whereIn('external_id', lost).select('external_id', 'post_id')).map(
              (r: { external_id: string; post_id: number }) => [r.external_id, { id: r.post_id }],
            )
          : [],
      );
      wave.forEach(({ input: p, subject, index }, i) => {
        const row = rows[i]!;
        const id = mine.get(p.id) ?? raced.get(p.id)!.id;
        known.set(p.id, { id, kind: p.kind, threadId: row.thread_id, board: row.board });
        results.set(p.id, { externalId: p.id, id, created: mine.has(p.id) });
        if (mine.has(p.id) && verdicts) {
          fresh.push({ ...subject, id, threadId: row.thread_id });
          freshJudgements.push(verdicts.judgements[index]!);
          freshIndex.push(index);
        }
      });
      const done = new Set(wave.map((d) => d.input.id));
      pending = pending.filter((d) => !done.has(d.input.id));
    }
    // What a new post's answer says is what was just decided for it; only posts stored before are read back.
    const states = new Map<number, ItemState>();
    if (engine && verdicts) {
      const outcomes = await storePostJudgements(trx, fresh, freshJudgements, now);
      fresh.forEach((f, i) => states.set(f.id, stateOf(outcomes[i]!)));
      const externalIds = new Map([...results.values()].map((r) => [r.id, r.externalId]));
      if (verdicts.shadow)
        await storeShadowScores(
          trx,
          verdicts.shadow.versionId,
          fresh.map((f, i) => ({ postId: f.id, scores: verdicts.shadow!.scores[freshIndex[i]!]! })),
          now,
        );
      await announcePolicyOutcomes(
        trx,
        'post',
        source,
        fresh.map((f) => ({ id: f.id, externalId: externalIds.get(f.id)! })),
        outcomes,
        engine.outbox,
        now,
      );
      // Last before the answer: the board counters are the rows concurrent batches queue on.
      await countPostActivity(trx, verdicts.active, fresh, freshJudgements, now, engine.counterSlots);
    }
    const ordered = posts.map((p) => results.get(p.id)!);
    const stored = await itemStates(
      trx,
      'post',
      ordered.filter((r) => !states.has(r.id)).map((r) => r.id),
    );
    return ordered.map((r) => ({ ...r, ...(states.get(r.id) ?? stored.get(r.id)!) }));
  });
}
