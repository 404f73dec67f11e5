import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../support/testDb';
import { loadPostContexts, type PostSubject } from '../../api/policies/postContexts';

/*
 * A batch is judged before any of it is stored. Its velocity and thread facts must be what they
 * would be had each post been stored before the next was judged: the SQL over stored posts plus
 * the batch's own earlier posts. This checks the two ways agree on random batches.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const BASE = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;

const item = fc.record({
  kind: fc.constantFrom('thread' as const, 'reply' as const, 'reply' as const, 'review' as const),
  author: fc.integer({ min: 0, max: 3 }),
  thread: fc.integer({ min: -1, max: 3 }),
  text: fc.constantFrom(0 as const, 1 as const),
  product: fc.constantFrom(0 as const, 1 as const),
  at: fc.integer({ min: 0, max: 90 }),
});

describe('contexts of an unstored batch', () => {
  // Sixty batches, each truncating the partitioned posts and storing afresh: on PostgreSQL under load that outlasts the default 30 s.
  it('equal the contexts of the same posts once stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 14 }), async (items) => {
        await t.db.raw('truncate posts, post_keys, products, accounts restart identity cascade');
        const now = new Date(BASE);
        // Two long-standing accounts, two that joined days ago (their reviews count as new accounts').
        const joined = [BASE - 400 * 86_400_000, BASE - 3 * 86_400_000, BASE - 2 * 86_400_000, BASE - 900 * 86_400_000];
        const accounts: number[] = [];
        for (const [i, j] of joined.entries()) {
          const [row] = await t
            .db('accounts')
            .insert({
              source: 's',
              external_id: `a${i}`,
              handle: `a${i}`,
              type: i === 3 ? 'vendor' : 'member',
              joined_at: new Date(j),
              ingested_at: now,
            })
            .returning('id');
          accounts.push(row.id);
        }
        const products: number[] = [];
        for (const i of [0, 1]) {
          const [row] = await t
            .db('products')
            .insert({ source: 's', external_id: `p${i}`, name: `p${i}`, ingested_at: now })
            .returning('id');
          products.push(row.id);
        }
        const insertPost = async (
          p: { kind: string; author: number; thread: number | null; text: number; product: number | null; at: number },
          id: string,
        ) => {
          const [row] = await t
            .db('posts')
            .insert({
              source: 's',
              external_id: id,
              kind: p.kind,
              author_id: p.author,
              thread_id: p.thread,
              product_id: p.product,
              body: `text ${p.text}`,
              text_hash: `h${p.text}`,
              posted_at: new Date(BASE + p.at * MIN),
              ingested_at: now,
            })
            .returning('id');
          return row.id as number;
        };
        // Already stored: a thread and a few posts in it and elsewhere, some inside the windows.
        const storedThread = await insertPost(
          { kind: 'thread', author: accounts[0]!, thread: null, text: 0, product: null, at: -30 },
          'st',
        );
        await insertPost({ kind: 'reply', author: accounts[1]!, thread: storedThread, text: 1, product: null, at: -5 }, 'sr1');
        await insertPost({ kind: 'reply', author: accounts[2]!, thread: storedThread, text: 1, product: null, at: 2 }, 'sr2');
        await insertPost({ kind: 'review', author: accounts[1]!, thread: null, text: 0, product: products[0]!, at: -100 }, 'sv1');

        // The batch: replies point at the stored thread or at a thread earlier in the batch.
        const threadsSoFar: number[] = [];
        const shaped = items.map((it, i) => {
          const kind = it.kind;
          let batchThread: number | null = null;
          let stored = false;
          if (kind === 'reply') {
            if (it.thread >= 0 && threadsSoFar.length) batchThread = threadsSoFar[it.thread % threadsSoFar.length]!;
            else stored = true;
          }
          if (kind === 'thread') threadsSoFar.push(i);
          return { ...it, batchThread, stored };
        });
        const subjects: PostSubject[] = shaped.map((s) => ({
          id: null,
          authorId: accounts[s.author]!,
          threadId: s.stored ? storedThread : null,
          batchThread: s.batchThread,
          productId: s.kind === 'review' ? products[s.product]! : null,
          kind: s.kind,
          board: null,
          postedAt: new Date(BASE + s.at * MIN),
          textHash: `h${s.text}`,
        }));
        const beforeStoring = await loadPostContexts(t.db, subjects, [], null, new Map(), { unstoredBatch: true });

        // Store the batch (threads first, as ingestion does), then ask the SQL alone.
        const ids: number[] = [];
        for (const [i, s] of shaped.entries())
          if (s.kind === 'thread')
            ids[i] = await insertPost(
              { kind: 'thread', author: accounts[s.author]!, thread: null, text: s.text, product: null, at: s.at },
              `b${i}`,
            );
        for (const [i, s] of shaped.entries()) {
          if (s.kind === 'thread') continue;
          const thread = s.stored ? storedThread : s.batchThread !== null ? ids[s.batchThread]! : null;
          ids[i] = await insertPost(
            { kind: s.kind, author: accounts[s.author]!, thread, text: s.text, product: subjects[i]!.productId, at: s.at },
            `b${i}`,
          );
        }
        const stored = subjects.map((s, i) => ({
          ...s,
          id: ids[i]!,
          threadId: shaped[i]!.stored ? storedThread : shaped[i]!.batchThread !== null ? ids[shaped[i]!.batchThread]! : null,
          batchThread: null,
        }));
        const afterStoring = await loadPostContexts(t.db, stored, [], null, new Map());

        expect(beforeStoring.map((c) => ({ v: c.velocity, thread: c.thread, author: c.author.type }))).toEqual(
          afterStoring.map((c) => ({ v: c.velocity, thread: c.thread, author: c.author.type })),
        );
      }),
      { numRuns: 60, seed: 20261125 },
    );
  }, 120_000);
});
