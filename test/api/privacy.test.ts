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
    .send({
      items: [
        {
          id: 'x1',
          kind: 'thread',
          author: { id: 'leaky', displayName: '王小明 13900001111' },
          title: '出货',
          body: '有货，加我微信 abc_12345 私聊，电话 138 1234 5678',
          postedAt: '2026-11-01T00:00:00Z',
        },
        { id: 'x2', kind: 'thread', author: { id: 'leaky' }, body: 'second post', postedAt: '2026-11-01T01:00:00Z' },
      ],
    })
    .expect(201);
  postId = res.body.items[0].id;
  await request(app)
    .post('/api/v1/transactions')
    .set({ Authorization: `Bearer ${key}` })
    .send({
      id: 'o1',
      buyer: { id: 'leaky' },
      vendor: { id: 'shop-1' },
      amountCents: 9900,
      status: 'completed',
      orderedAt: '2026-11-02T00:00:00Z',
    })
    .expect(201);
  // What the member wrote elsewhere: a report on someone else's post, and an appeal.
  await request(app)
    .post('/api/v1/posts')
    .set({ Authorization: `Bearer ${key}` })
    .send({ id: 'y1', kind: 'thread', author: { id: 'other' }, body: '加我电话 13812345678 私聊', postedAt: '2026-11-01T02:00:00Z' })
    .expect(201);
  await request(app)
    .post('/api/v1/reports')
    .set({ Authorization: `Bearer ${key}` })
    .send({
      id: 'rep-1',
      reporter: { id: 'leaky' },
      subject: { type: 'post', id: 'y1' },
      reason: 'scam',
      text: '骗子！请联系我 leaky.person@example.com 或 13711112222',
      reportedAt: '2026-11-01T03:00:00Z',
    })
    .expect(201);
  // The starter contact-harvesting policy flagged the post on ingestion.
  const flag = await t.db('flags').where({ subject_type: 'post', subject_id: postId, status: 'open' }).first('id');
  await request(app).post(`/api/flags/${flag.id}/decide`).set(moderator).send({ action: 'remove', reasonCode: 'contact_info' }).expect(201);
  const statement = await t.db('statements').where({ subject_type: 'post', subject_id: postId }).orderBy('id', 'desc').first();
  await request(app)
    .post('/api/v1/appeals')
    .set({ Authorization: `Bearer ${key}` })
    .send({ id: 'ap-1', statementId: statement.public_id, text: '我是正常卖家，微信 leaky_wx88 电话 13622223333' })
    .expect(201);
});

/** The rows a list answers for a text search, as the given role sees them. */
const search = async (resource: string, q: string, who: { Authorization: string }) =>
  (
    await request(app)
      .get(`/api/${resource}?filter=${encodeURIComponent(JSON.stringify({ q }))}`)
      .set(who)
      .expect(200)
  ).body as Array<Record<string, unknown>>;
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
      const list = await request(app)
        .get(`/api/posts?filter=${encodeURIComponent(JSON.stringify({ id: [postId] }))}`)
        .set(who)
        .expect(200);
      expect(list.body[0].body).not.toContain('abc_12345');
    }
  });

  it('is shown unmasked only to roles that need it, and each view is audited', async () => {
    await request(app).get(`/api/posts/${postId}/unmasked`).set(manager).expect(403);
    const res = await request(app).get(`/api/posts/${postId}/unmasked`).set(moderator).expect(200);
    expect(res.body.body).toContain('abc_12345');
    expect(
      await t
        .db('audit_log')
        .where({ action: 'personal_data.unmask', subject_id: String(postId) })
        .count({ c: '*' })
        .first(),
    ).toEqual({ c: 1 });
  });
});

describe('text search over masked text (#22)', () => {
  it('does not find posts, reports or appeals by an identifier masked from the searcher', async () => {
    for (const [resource, hidden, shown] of [
      ['posts', '13812345678', '私聊'],
      ['posts', 'abc_12345', '出货'],
      ['reports', 'leaky.person@example.com', '骗子'],
      ['reports', '13711112222', '骗子'],
      ['appeals', '13622223333', '正常卖家'],
      ['appeals', 'leaky_wx88', '正常卖家'],
    ] as const) {
      expect(await search(resource, shown, manager), `${resource} ${shown}`).not.toHaveLength(0);
      expect(await search(resource, hidden, manager), `${resource} ${hidden}`).toHaveLength(0);
      // A digit-by-digit probe learns nothing either: no prefix longer than what the mask shows matches.
      expect(await search(resource, hidden.slice(0, 6), manager), `${resource} ${hidden.slice(0, 6)}`).toHaveLength(0);
      // Roles allowed to unmask search the text as written.
      expect(await search(resource, hidden, moderator), `${resource} ${hidden} as moderator`).not.toHaveLength(0);
    }
  });

  it('fills the masked copies of rows written before they existed', async () => {
    const { backfillMaskedCopies } = await import('../../api/privacy/maskedText');
    await t.db('reports').update({ text_masked: null });
    expect(await search('reports', '骗子', manager)).toHaveLength(0);
    expect(await backfillMaskedCopies(t.db)).toBeGreaterThan(0);
    expect(await search('reports', '骗子', manager)).not.toHaveLength(0);
    expect(await search('reports', '13711112222', manager)).toHaveLength(0);
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
    // What the member wrote elsewhere comes with it: reports filed, appeals, statements sent to them.
    expect(res.body.reports.map((r: { text: string }) => r.text)).toEqual([expect.stringContaining('leaky.person@example.com')]);
    expect(res.body.appeals.map((a: { text: string }) => a.text)).toEqual([expect.stringContaining('13622223333')]);
    expect(res.body.statements.length).toBeGreaterThan(0);
    expect(res.body.account.displayName).toBe('王小明 13900001111');
    expect(JSON.stringify(res.body)).not.toMatch(/password|keyHash|Masked/);
    await request(app).get(`/api/accounts/${account.id}/export`).set(moderator).expect(403);
  });

  it('erases what the account wrote and who it was, keeping aggregates and the audit chain', async () => {
    const account = await t.db('accounts').where({ external_id: 'leaky' }).first();
    const before = {
      posts: Number((await t.db('posts').count({ c: '*' }).first())!.c),
      orders: await t.db('transactions').sum({ s: 'amount_cents' }).first(),
    };
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
    // Reports and appeals the member wrote are gone, stored and searched, for every role.
    const report = await t.db('reports').where({ external_id: 'rep-1' }).first();
    expect([report.text, report.text_masked]).toEqual([null, null]);
    const appeal = await t.db('appeals').where({ external_id: 'ap-1' }).first();
    expect([appeal.text, appeal.text_masked]).toEqual([null, null]);
    for (const q of ['leaky.person@example.com', '13711112222', '13622223333', 'leaky_wx88', 'abc_12345']) {
      for (const resource of ['posts', 'reports', 'appeals']) expect(await search(resource, q, admin), `${resource} ${q}`).toHaveLength(0);
    }
    // Nothing anywhere still quotes the member's identifiers, outside the audit chain.
    for (const [table, column] of [
      ['statements', 'text_en'],
      ['statements', 'facts'],
      ['webhook_events', 'payload'],
      ['rule_hits', 'explanation'],
      ['accounts', 'display_name'],
    ] as const) {
      const rows = await t.db(table).select(column);
      expect(JSON.stringify(rows), `${table}.${column}`).not.toMatch(/abc_12345|13711112222|13622223333|leaky\.person|13900001111|王小明/);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    await request(app).post(`/api/accounts/${account.id}/erase`).set(admin).send({ reason: 'again' }).expect(409);
  });
});
