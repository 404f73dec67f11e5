import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { verifyAuditChain } from '../../api/audit/auditLog';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff } from '../support/testApp';
import { installStarterPolicies } from '../../api/policies/starterInstall';

let t: TestDb;
let app: TrustApp;
let admin: { Authorization: string };
let moderator: { Authorization: string };
let manager: { Authorization: string };
let postId: number;

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  await installStarterPolicies(t.db, new Date());
  app = buildApp(t.db);
  admin = await bearerFor(app, staff.admin.email);
  moderator = await bearerFor(app, staff.moderator.email);
  manager = await bearerFor(app, staff.community_manager.email);
  const key = await createApiKey(t.db, 'forum');
  const res = await request(app)
    .post('/api/v1/posts')
    .set({ Authorization: `Bearer ${key}` })
    .send({ items: [{ id: 'x1', kind: 'thread', author: { id: 'leaky' }, title: '出货', body: '有货，加我微信 abc_12345 私聊，电话 138 1234 5678', postedAt: '2026-11-01T00:00:00Z' }, { id: 'x2', kind: 'thread', author: { id: 'leaky' }, body: 'second post', postedAt: '2026-11-01T01:00:00Z' }] })
    .expect(201);
  postId = res.body.items[0].id;
  await request(app).post('/api/v1/transactions').set({ Authorization: `Bearer ${key}` }).send({ id: 'o1', buyer: { id: 'leaky' }, vendor: { id: 'shop-1' }, amountCents: 9900, status: 'completed', orderedAt: '2026-11-02T00:00:00Z' }).expect(201);
});
afterAll(() => t.close());

describe('personal data', () => {
  it('is masked in posts, lists and explanations for every role', async () => {
    for (const who of [manager, moderator]) {
      const one = await request(app).get(`/api/posts/${postId}`).set(who).expect(200);
      expect(one.body.body).not.toContain('abc_12345');
      expect(one.body.body).not.toContain('1234 5678');
      expect(one.body.body).toContain('加我微信');
      expect(JSON.stringify(one.body.ruleHits)).not.toContain('abc_12345');
      expect(one.body.ruleHits.length).toBeGreaterThan(0);
      const list = await request(app).get(`/api/posts?filter=${encodeURIComponent(JSON.stringify({ id: [postId] }))}`).set(who).expect(200);
      expect(list.body[0].body).not.toContain('abc_12345');
    }
  });

  it('is shown unmasked only to roles that need it, and each view is audited', async () => {
    await request(app).get(`/api/posts/${postId}/unmasked`).set(manager).expect(403);
    const res = await request(app).get(`/api/posts/${postId}/unmasked`).set(moderator).expect(200);
    expect(res.body.body).toContain('abc_12345');
    expect(await t.db('audit_log').where({ action: 'personal_data.unmask', subject_id: String(postId) }).count({ c: '*' }).first()).toEqual({ c: 1 });
  });
});

describe('export and erasure', () => {
  it('exports everything held about an account, audited', async () => {
    const account = await t.db('accounts').where({ external_id: 'leaky' }).first();
    const res = await request(app).get(`/api/accounts/${account.id}/export`).set(admin).expect(200);
    expect(res.body.account.handle).toBe('leaky');
    expect(res.body.posts).toHaveLength(2);
    expect(res.body.transactions).toHaveLength(1);
    expect(res.body.posts[0].body).toContain('abc_12345');
    await request(app).get(`/api/accounts/${account.id}/export`).set(moderator).expect(403);
  });

  it('erases what the account wrote and who it was, keeping aggregates and the audit chain', async () => {
    const account = await t.db('accounts').where({ external_id: 'leaky' }).first();
    const before = { posts: Number((await t.db('posts').count({ c: '*' }).first())!.c), orders: await t.db('transactions').sum({ s: 'amount_cents' }).first() };
    await request(app).post(`/api/accounts/${account.id}/erase`).set(admin).send({}).expect(400);
    await request(app).post(`/api/accounts/${account.id}/erase`).set(admin).send({ reason: 'erasure request #42' }).expect(200);
    const after = await t.db('accounts').where({ id: account.id }).first();
    expect(after).toMatchObject({ handle: `erased-${account.id}`, display_name: null, status: 'erased' });
    const posts = await t.db('posts').where({ author_id: account.id });
    expect(posts.every((p: { body: string; title: string | null }) => p.body === '[erased]' && p.title === null)).toBe(true);
    const hits = await t.db('rule_hits').where({ subject_type: 'post', subject_id: postId });
    expect(JSON.stringify(hits.map((h: { explanation: unknown }) => h.explanation))).not.toContain('abc_12345');
    expect(Number((await t.db('posts').count({ c: '*' }).first())!.c)).toBe(before.posts);
    expect(await t.db('transactions').sum({ s: 'amount_cents' }).first()).toEqual(before.orders);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await request(app).post(`/api/accounts/${account.id}/erase`).set(admin).send({ reason: 'again' }).expect(409);
  });
});
