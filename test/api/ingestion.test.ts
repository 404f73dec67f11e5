import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp, createApiKey, createStaff, bearerFor } from '../support/testApp';
import { samplePost } from '../support/fixtures';

let t: TestDb;
let app: TrustApp;
let key: string;

const auth = () => ({ Authorization: `Bearer ${key}` });
const counts = async () => {
  const tables = ['accounts', 'posts', 'products', 'transactions'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await t.db(table).count({ c: '*' }).first())!.c);
  return out;
};

beforeAll(async () => {
  t = await createTestDb();
  app = buildApp(t.db);
  key = await createApiKey(t.db, 'forum');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.raw('truncate transactions, posts, post_keys, products, accounts restart identity cascade');
});

describe('POST /api/v1/posts', () => {
  it('stores a batch and answers ids; the same batch again writes nothing and returns the same ids', async () => {
    const items = [samplePost(1), samplePost(2, { kind: 'reply', threadId: 'p-1', title: undefined, board: undefined }), samplePost(3)];
    const first = await request(app).post('/api/v1/posts').set(auth()).send({ items }).expect(201);
    expect(first.body.items.map((i: { created: boolean }) => i.created)).toEqual([true, true, true]);
    const before = await counts();
    const again = await request(app).post('/api/v1/posts').set(auth()).send({ items }).expect(200);
    expect(again.body.items.map((i: { id: number }) => i.id)).toEqual(first.body.items.map((i: { id: number }) => i.id));
    expect(again.body.items.every((i: { created: boolean }) => !i.created)).toBe(true);
    expect(await counts()).toEqual(before);
    const reply = await t.db('posts').where({ external_id: 'p-2' }).first();
    expect(reply.thread_id).toBe(first.body.items[0].id);
    // A reply without a board of its own sits on its thread's board.
    expect(reply.board).toBe('beauty');
  });

  it('accepts a single item and creates unknown authors as members', async () => {
    const res = await request(app).post('/api/v1/posts').set(auth()).send(samplePost(9)).expect(201);
    expect(res.body.items).toHaveLength(1);
    const author = await t.db('accounts').where({ external_id: 'u-2' }).first();
    expect(author.type).toBe('member');
    expect(author.source).toBe('forum');
  });

  it('keeps one copy under 50 concurrent identical requests', async () => {
    const items = Array.from({ length: 10 }, (_, i) => samplePost(i));
    const responses = await Promise.all(Array.from({ length: 50 }, () => request(app).post('/api/v1/posts').set(auth()).send({ items })));
    for (const r of responses) expect([200, 201]).toContain(r.status);
    expect((await counts()).posts).toBe(10);
    const ids = new Set(responses.flatMap((r) => r.body.items.map((i: { id: number }) => i.id)));
    expect(ids.size).toBe(10);
    expect(responses.flatMap((r) => r.body.items).filter((i: { created: boolean }) => i.created)).toHaveLength(10);
  });

  it('rejects an invalid batch with every failing path and writes nothing', async () => {
    const items = [samplePost(1), samplePost(2, { body: 42 }), samplePost(3, { kind: 'poem' }), samplePost(4, { postedAt: 'yesterday' })];
    const res = await request(app).post('/api/v1/posts').set(auth()).send({ items }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['items[1].body', 'items[2].kind', 'items[3].postedAt']));
    expect(await counts()).toEqual({ accounts: 0, posts: 0, products: 0, transactions: 0 });
  });

  it('rejects a reply to an unknown thread after schema checks, leaving nothing behind', async () => {
    const items = [samplePost(1), samplePost(2, { kind: 'reply', threadId: 'nope', title: undefined })];
    const res = await request(app).post('/api/v1/posts').set(auth()).send({ items }).expect(400);
    expect(res.body.errors[0].path).toBe('items[1].threadId');
    // The author upserts ran inside the failed transaction and were rolled back with it.
    expect(await counts()).toEqual({ accounts: 0, posts: 0, products: 0, transactions: 0 });
  });

  it.each([
    ['a repeated id', { items: [samplePost(1), samplePost(1)] }, 'items[1].id'],
    ['an empty batch', { items: [] }, 'items'],
    ['too many items', { items: Array.from({ length: 501 }, (_, i) => samplePost(i)) }, 'items'],
    ['an unknown field', { ...samplePost(1), bodyHtml: '<b>' }, '(root)'],
    ['a rating on a thread', samplePost(1, { rating: 5 }), 'rating'],
    ['a reply with no thread', samplePost(1, { kind: 'reply' }), 'threadId'],
    [
      'a thread id that names a reply',
      {
        items: [
          samplePost(1),
          samplePost(2, { kind: 'reply', threadId: 'p-1', title: undefined }),
          samplePost(3, { kind: 'reply', threadId: 'p-2', title: undefined }),
        ],
      },
      'items[2].threadId',
    ],
    [
      'a prototype-pollution key',
      JSON.parse(
        `{"id":"p-1","kind":"thread","author":{"id":"u"},"body":"x","postedAt":"2026-01-01T00:00:00Z","__proto__":{"admin":true}}`,
      ),
      '(root)',
    ],
  ])('400 for %s', async (_name, body, path) => {
    const res = await request(app).post('/api/v1/posts').set(auth()).send(body).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await counts()).posts).toBe(0);
  });

  it('answers malformed JSON with problem+json', async () => {
    const res = await request(app)
      .post('/api/v1/posts')
      .set(auth())
      .set('Content-Type', 'application/json')
      .send('{"items": [')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('needs an API key: none, a wrong one, a revoked one and a staff session are all 401', async () => {
    await request(app).post('/api/v1/posts').send(samplePost(1)).expect(401);
    await request(app).post('/api/v1/posts').set({ Authorization: 'Bearer tck_wrong_key' }).send(samplePost(1)).expect(401);
    const staff = await createStaff(t.db);
    await request(app)
      .post('/api/v1/posts')
      .set(await bearerFor(app, staff.admin.email))
      .send(samplePost(1))
      .expect(401);
    const revoked = await createApiKey(t.db, 'old');
    await t.db('api_keys').where({ source: 'old' }).update({ revoked_at: new Date() });
    await request(app).post('/api/v1/posts').set({ 'X-API-Key': revoked }).send(samplePost(1)).expect(401);
    expect((await counts()).posts).toBe(0);
  });

  it('keeps platforms apart: the same external id from two sources is two posts', async () => {
    const other = await createApiKey(t.db, 'shop');
    await request(app).post('/api/v1/posts').set(auth()).send(samplePost(1)).expect(201);
    await request(app)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${other}` })
      .send(samplePost(1))
      .expect(201);
    expect((await counts()).posts).toBe(2);
  });
});

describe('POST /api/v1/transactions', () => {
  const order = (i: number, extra: Record<string, unknown> = {}) => ({
    id: `o-${i}`,
    buyer: { id: 'buyer-1' },
    vendor: { id: 'vendor-1', handle: 'shop' },
    product: { id: 'sku-1', name: '降噪耳机', priceCents: 59900, brand: { id: 'brand-1', handle: 'SoundCo' } },
    amountCents: 59900,
    status: 'completed',
    orderedAt: '2026-10-02T10:00:00+08:00',
    ...extra,
  });

  it('stores orders with referral post and affiliate, idempotently', async () => {
    await request(app).post('/api/v1/posts').set(auth()).send(samplePost(1)).expect(201);
    const items = [order(1, { referralPostId: 'p-1', affiliate: { id: 'u-1' } }), order(2, { status: 'refunded' })];
    const first = await request(app).post('/api/v1/transactions').set(auth()).send({ items }).expect(201);
    const again = await request(app).post('/api/v1/transactions').set(auth()).send({ items }).expect(200);
    expect(again.body.items.map((i: { id: number }) => i.id)).toEqual(first.body.items.map((i: { id: number }) => i.id));
    const stored = await t.db('transactions').where({ external_id: 'o-1' }).first();
    const post = await t.db('posts').where({ external_id: 'p-1' }).first();
    expect(stored.referral_post_id).toBe(post.id);
    const vendor = await t.db('accounts').where({ external_id: 'vendor-1' }).first();
    const brand = await t.db('accounts').where({ external_id: 'brand-1' }).first();
    expect([vendor.type, brand.type]).toEqual(['vendor', 'brand']);
    expect((await counts()).products).toBe(1);
  });

  it('rejects a referral to an unknown post and a buyer who is the vendor; nothing written', async () => {
    const res = await request(app)
      .post('/api/v1/transactions')
      .set(auth())
      .send({ items: [order(1, { referralPostId: 'ghost' })] })
      .expect(400);
    expect(res.body.errors[0].path).toBe('items[0].referralPostId');
    const self = await request(app)
      .post('/api/v1/transactions')
      .set(auth())
      .send(order(2, { buyer: { id: 'vendor-1' } }))
      .expect(400);
    expect(self.body.errors[0].path).toBe('vendor.id');
    expect(await counts()).toEqual({ accounts: 0, posts: 0, products: 0, transactions: 0 });
  });
});
