import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/retry';
import { problems, type FieldError } from '../http/problem';
import type { PostInput } from '../schemas/ingest';
import { guessLanguage } from '../../rules/language';
import { upsertAccounts } from './upsertAccounts';
import { upsertProducts } from './upsertProducts';
import type { IngestedItem, IngestedWithState, TrustEngine } from './ingestResult';
import { textFingerprint } from '../../rules/facts/textFacts';
import { judgeAndStorePosts, type JudgeablePost } from '../policies/judge';
import { itemStates } from './itemState';
import { announcePolicyOutcomes } from '../webhooks/policyEvents';

interface StoredPostRef {
  id: number;
  kind: string;
  threadId: number | null;
  board: string | null;
}

async function storedPosts(trx: Knex.Transaction, source: string, externalIds: string[]): Promise<Map<string, StoredPostRef>> {
  if (externalIds.length === 0) return new Map();
  const rows = await trx('posts').where({ source }).whereIn('external_id', externalIds).select('id', 'external_id', 'kind', 'thread_id', 'board');
  return new Map(rows.map((r: { id: number; external_id: string; kind: string; thread_id: number | null; board: string | null }) => [r.external_id, { id: r.id, kind: r.kind, threadId: r.thread_id, board: r.board }]));
}

/**
 * Stores a validated batch of posts in one transaction. Replies may point at threads stored
 * earlier or sent earlier in the same batch; an unknown reference fails the whole batch with the
 * failing item's path, and nothing is written.
 */
export async function ingestPosts(db: Db, source: string, posts: PostInput[], now: Date, engine?: TrustEngine): Promise<IngestedWithState[]> {
  return inTransaction(db, async (trx) => {
    const accountIds = await upsertAccounts(trx, source, posts.flatMap((p) => [p.author, ...(p.product?.brand ? [p.product.brand] : [])]), now);
    const productIds = await upsertProducts(
      trx,
      source,
      posts.filter((p) => p.product).map((p) => ({ ref: p.product!, vendorId: null, brandId: p.product!.brand ? accountIds.get(p.product!.brand.id)! : null })),
      now,
    );

    // Only posts something points at are looked up first; a post nothing in the batch refers to
    // is found to exist by its insert doing nothing, which saves a round trip per single post.
    const known = await storedPosts(trx, source, [...new Set(posts.flatMap((p) => [p.threadId, p.parentId].filter((x): x is string => !!x)))]);

    const kindInBatch = new Map(posts.map((p) => [p.id, p.kind]));
    const errors: FieldError[] = [];
    const refersTo = (post: PostInput, field: 'threadId' | 'parentId', index: number) => {
      const ref = post[field];
      if (!ref) return;
      if (!known.has(ref) && !kindInBatch.has(ref)) errors.push({ path: `items[${index}].${field}`, message: `no post "${ref}" from this platform` });
    };
    posts.forEach((p, i) => {
      refersTo(p, 'threadId', i);
      refersTo(p, 'parentId', i);
      const threadKind = p.threadId ? (known.get(p.threadId)?.kind ?? kindInBatch.get(p.threadId)) : undefined;
      if (threadKind && threadKind !== 'thread') errors.push({ path: `items[${i}].threadId`, message: `"${p.threadId}" is a ${threadKind}, not a thread` });
    });
    if (errors.length) throw problems.validation(errors, 'Some posts refer to posts this platform has not sent.');

    const results = new Map<string, IngestedItem>();
    for (const p of posts) {
      const existing = known.get(p.id);
      if (existing) results.set(p.id, { externalId: p.id, id: existing.id, created: false });
    }

    const fresh: JudgeablePost[] = [];
    // Insert in waves: a post goes in once everything it points at has an id (threads before replies).
    let pending = posts.filter((p) => !results.has(p.id));
    const resolved = (ref: string | undefined) => !ref || known.has(ref);
    while (pending.length) {
      const wave = pending.filter((p) => resolved(p.threadId) && resolved(p.parentId));
      if (wave.length === 0) throw problems.validation(pending.map((p) => ({ path: `items[${posts.indexOf(p)}].parentId`, message: 'reference cycle inside the batch' })));
      const rows = wave.map((p) => {
        const thread = p.threadId ? known.get(p.threadId)! : undefined;
        return {
          source,
          external_id: p.id,
          kind: p.kind,
          thread_id: thread?.id ?? null,
          parent_id: p.parentId ? known.get(p.parentId)!.id : null,
          author_id: accountIds.get(p.author.id)!,
          product_id: p.product ? productIds.get(p.product.id)! : null,
          board: p.board ?? thread?.board ?? null,
          title: p.title ?? null,
          body: p.body,
          lang: p.lang ?? guessLanguage(`${p.title ?? ''} ${p.body}`),
          rating: p.rating ?? null,
          platform_label: p.platformLabel ?? false,
          reach: p.reach ?? 0,
          posted_at: p.postedAt,
          ingested_at: now,
          text_hash: textFingerprint(p.title ? `${p.title}\n${p.body}` : p.body),
        };
      });
      const inserted: Array<{ id: number; external_id: string }> = await trx('posts').insert(rows).onConflict(['source', 'external_id']).ignore().returning(['id', 'external_id']);
      const mine = new Map(inserted.map((r) => [r.external_id, r.id]));
      // Rows a concurrent request stored first: theirs is the copy, ours writes nothing.
      const raced = await storedPosts(trx, source, wave.filter((p) => !mine.has(p.id)).map((p) => p.id));
      wave.forEach((p, i) => {
        const row = rows[i]!;
        const id = mine.get(p.id) ?? raced.get(p.id)!.id;
        known.set(p.id, { id, kind: p.kind, threadId: row.thread_id, board: row.board });
        results.set(p.id, { externalId: p.id, id, created: mine.has(p.id) });
        if (mine.has(p.id)) {
          fresh.push({
            id,
            kind: row.kind,
            board: row.board,
            title: row.title,
            body: row.body,
            rating: row.rating,
            platformLabel: row.platform_label,
            reach: row.reach,
            hasProduct: row.product_id !== null,
            postedAt: p.postedAt,
            authorId: row.author_id,
            threadId: row.thread_id,
            productId: row.product_id,
            textHash: row.text_hash,
          });
        }
      });
      const done = new Set(wave.map((p) => p.id));
      pending = pending.filter((p) => !done.has(p.id));
    }
    // New posts are judged in the same transaction: they and their flags commit together or not at all.
    if (engine) {
      const outcomes = await judgeAndStorePosts(trx, engine.runtime, fresh, now, engine.scorer);
      const externalIds = new Map([...results.values()].map((r) => [r.id, r.externalId]));
      await announcePolicyOutcomes(trx, 'post', source, fresh.map((f) => ({ id: f.id, externalId: externalIds.get(f.id)! })), outcomes, engine.outbox, now);
    }
    const ordered = posts.map((p) => results.get(p.id)!);
    const states = await itemStates(trx, 'post', ordered.map((r) => r.id));
    return ordered.map((r) => ({ ...r, ...states.get(r.id)! }));
  });
}
