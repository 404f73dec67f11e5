import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { createApp, type TrustApp } from '../../api/app';
import { testConfig } from '../../api/config';
import type { Outbox, WebhookEventInput } from '../../api/webhooks/outbox';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { withResponseValidation } from '../support/openApiValidator';

let t: TestDb;
let app: TrustApp;
let key: string;
let modA: { Authorization: string };
let modB: { Authorization: string };
let admin: { Authorization: string };
const events: WebhookEventInput[] = [];
/** Captures what would be announced, so the test can read the statements in the payloads. */
const outbox: Outbox = { emit: async (_trx, e) => (events.push(...e), e.length) };
const api = () => ({ Authorization: `Bearer ${key}` });
const PHONE = '13812345678';
const EMAIL = 'mia.chen@example.com';
const CJK = /[\u4e00-\u9fff]/;

let n = 0;
async function post(body: string, author: Record<string, unknown> = { id: 'u-zh' }) {
  n += 1;
  const id = `s-${n}`;
  await request(app)
    .post('/api/v1/posts')
    .set(api())
    .send({ id, kind: 'thread', author, board: 'beauty', title: `Post ${n}`, body, postedAt: '2026-11-20T10:00:00Z' })
    .expect(201);
  return { externalId: id, id: (await t.db('posts').where({ external_id: id }).first('id')).id as number };
}

async function reportedFlag(postExternalId: string, reason = 'spam') {
  const res = await request(app)
    .post('/api/v1/reports')
    .set(api())
    .send({
      id: `r-${postExternalId}-${reason}`,
      reporter: { id: 'reporter', joinedAt: '2025-01-01T00:00:00Z' },
      subject: { type: 'post', id: postExternalId },
      reason,
      reportedAt: '2026-11-20T11:00:00Z',
    })
    .expect(201);
  return res.body.items[0].flagId as number;
}

function noPersonalData(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain(EMAIL);
}

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  app = withResponseValidation(
    createApp({
      db: t.db,
      clock: fixedClock(new Date('2026-11-21T00:00:00Z')),
      logger: pino({ level: 'silent' }),
      config: testConfig(),
      outbox,
    }),
  );
  key = await createApiKey(t.db, 'forum');
  admin = await bearerFor(app, staff.admin.email);
  modA = await bearerFor(app, staff.moderator.email);
  const [second] = await t
    .db('staff')
    .insert({
      email: 'moderator-b@test.example',
      display_name: 'B',
      role: 'moderator',
      password_hash: (await t.db('staff').where({ id: staff.moderator.id }).first('password_hash')).password_hash,
      created_at: new Date(),
    })
    .returning('id');
  expect(second.id).toBeGreaterThan(0);
  modB = await bearerFor(app, 'moderator-b@test.example');
  // An enforcing policy that holds posts with a phone number: automated statements.
  const policy = await request(app)
    .post('/api/policies')
    .set(admin)
    .send({
      name: 'Phone numbers',
      appliesTo: 'post',
      mode: 'enforce',
      draft: {
        rules: [
          {
            name: 'phone-number',
            conditions: {
              all: [
                { fact: 'contactKinds', operator: 'contains', value: 'phone' },
                { fact: 'contactCount', operator: 'greaterThan', value: 0 },
              ],
            },
            event: { type: 'hold', params: { reason: 'phone number in a post' } },
          },
        ],
      },
    });
  expect(policy.status, JSON.stringify(policy.body)).toBe(201);
  await request(app).post(`/api/policies/${policy.body.id}/publish`).set(admin).send({ mode: 'enforce' }).expect(201);
});
afterAll(() => t.close());

describe('statements of reasons', () => {
  it('every restricting decision gives the member a statement in both languages, without personal data, in the webhook too', async () => {
    for (const action of ['remove', 'hold', 'label', 'require_disclosure', 'warn'] as const) {
      const p = await post(`write to ${EMAIL} for the deal`, { id: `u-${action}`, locale: action === 'warn' ? 'en' : 'zh' });
      const flagId = await reportedFlag(p.externalId);
      const res = await request(app)
        .post(`/api/flags/${flagId}/decide`)
        .set(modA)
        .send({ action, reasonCode: 'spam', note: `mail ${EMAIL}` })
        .expect(201);
      const statement = await t.db('statements').where({ decision_id: res.body.id }).first();
      expect(statement, action).toBeTruthy();
      expect(statement).toMatchObject({
        kind: 'decision',
        automated: false,
        subject_type: 'post',
        subject_id: p.id,
        locale: action === 'warn' ? 'en' : 'zh',
      });
      expect(statement.text_en).toMatch(/Ground: a moderator's finding: spam/);
      expect(statement.text_en).toMatch(/appeal/);
      expect(CJK.test(statement.text_zh)).toBe(true);
      expect(statement.text_zh).toMatch(/申诉/);
      noPersonalData(statement);
      const made = events.filter((e) => e.type === 'decision.made').at(-1)!;
      expect((made.data.statement as { id: string }).id).toBe(statement.public_id);
      expect((made.data.statement as { text: string }).text).toBe(action === 'warn' ? statement.text_en : statement.text_zh);
    }
    // An approval restricts nobody: no statement.
    const ok = await post('a normal question');
    const approved = await request(app)
      .post(`/api/flags/${await reportedFlag(ok.externalId)}/decide`)
      .set(modA)
      .send({ action: 'approve', reasonCode: 'no_violation' })
      .expect(201);
    expect(await t.db('statements').where({ decision_id: approved.body.id }).first()).toBeUndefined();
  });

  it('an automated hold by a policy gives a statement naming the policy and rule, with the facts masked', async () => {
    const p = await post(`call me at ${PHONE}`);
    expect((await t.db('posts').where({ id: p.id }).first('status')).status).toBe('held');
    const statement = await t.db('statements').where({ subject_type: 'post', subject_id: p.id, kind: 'automated' }).first();
    expect(statement).toMatchObject({ automated: true, ground: { type: 'policy', policy: 'Phone numbers', rules: ['phone-number'] } });
    expect(statement.text_en).toMatch(/decided automatically/);
    expect(statement.text_zh).toMatch(/自动/);
    expect(statement.facts.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['contactKinds', 'contactCount']));
    noPersonalData(statement);
    const held = events.filter((e) => e.type === 'item.held').at(-1)!;
    expect((held.data.statement as { id: string }).id).toBe(statement.public_id);
  });

  it('a batch gives each held post its own statement, to its own author, in their language, as a lone post would', async () => {
    const lone = await post(`lone ${PHONE}`, { id: 'u-en', locale: 'en' });
    const loneStatement = await t.db('statements').where({ subject_id: lone.id, kind: 'automated' }).first();
    const seen = events.length;
    const authors = [{ id: 'u-en', locale: 'en' }, { id: 'u-zh2', locale: 'zh' }, { id: 'u-en' }, { id: 'u-zh3' }];
    const bodies = [`batch one ${PHONE}`, 'nothing to hold here', `batch three ${PHONE}`, `第四 ${PHONE}`];
    const res = await request(app)
      .post('/api/v1/posts')
      .set(api())
      .send({
        items: bodies.map((body, i) => ({
          id: `batch-${i}`,
          kind: 'thread',
          author: authors[i],
          board: 'beauty',
          title: `Batch ${i}`,
          body,
          postedAt: '2026-11-20T10:00:00Z',
        })),
      })
      .expect(201);
    const ids: number[] = res.body.items.map((i: { id: number }) => i.id);
    const statements = await t
      .db('statements')
      .whereIn('subject_id', ids)
      .where({ subject_type: 'post', kind: 'automated' })
      .orderBy('subject_id');
    expect(statements.map((s: { subject_id: number }) => s.subject_id)).toEqual([ids[0], ids[2], ids[3]]);
    const accounts = new Map(
      (await t.db('posts').whereIn('id', ids).select('id', 'author_id')).map((p: { id: number; author_id: number }) => [p.id, p.author_id]),
    );
    for (const s of statements) expect(s.account_id).toBe(accounts.get(s.subject_id));
    // u-en was created as an English speaker by the lone post; u-zh3 gave no locale.
    expect(statements.map((s: { locale: string }) => s.locale)).toEqual(['en', 'en', 'zh']);
    const comparable = (s: Record<string, unknown>) => ({
      ground: s.ground,
      facts: s.facts,
      actions: s.actions,
      locale: s.locale,
      text_en: s.text_en,
      text_zh: s.text_zh,
    });
    expect(comparable(statements[0])).toEqual(comparable(loneStatement));
    const held = events.slice(seen).filter((e) => e.type === 'item.held');
    expect(held.map((e) => [(e.data.subject as { id: number }).id, (e.data.statement as { id: string }).id])).toEqual(
      statements.map((s: { subject_id: number; public_id: string }) => [s.subject_id, s.public_id]),
    );
  });
});

describe('appeals', () => {
  it('an upheld appeal reverses the decision and issues a new statement pointing at the appealed one', async () => {
    const p = await post('a post a moderator removes');
    const decided = await request(app)
      .post(`/api/flags/${await reportedFlag(p.externalId)}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'spam' })
      .expect(201);
    const statement = await t.db('statements').where({ decision_id: decided.body.id }).first();
    const platformView = await request(app).get(`/api/v1/statements/${statement.public_id}`).set(api()).expect(200);
    expect(platformView.body).toMatchObject({
      id: statement.public_id,
      kind: 'decision',
      subject: { type: 'post', externalId: p.externalId },
      text: statement.text_zh,
    });

    await request(app)
      .post('/api/v1/appeals')
      .set(api())
      .send({ id: 'ap-1', statementId: statement.public_id, text: `I was quoting a friend, ring ${PHONE}` })
      .expect(201);
    await request(app).post('/api/v1/appeals').set(api()).send({ id: 'ap-1', statementId: statement.public_id }).expect(200);
    const appeal = await t.db('appeals').where({ external_id: 'ap-1' }).first();
    // The moderator who decided does not review the appeal.
    await request(app).post(`/api/appeals/${appeal.id}/decide`).set(modA).send({ outcome: 'upheld', note: 'quoted, not spam' }).expect(403);
    await request(app)
      .post(`/api/appeals/${appeal.id}/decide`)
      .set(modB)
      .send({ outcome: 'upheld', note: `Quoted text; the member can be reached at ${PHONE}` })
      .expect(200);

    expect((await t.db('decisions').where({ id: decided.body.id }).first()).reversed_at).not.toBeNull();
    expect((await t.db('posts').where({ id: p.id }).first()).status).toBe('visible');
    const outcome = await t.db('statements').where({ appeal_of_statement_id: statement.id }).first();
    expect(outcome).toMatchObject({ kind: 'appeal_outcome', actions: ['reinstate'] });
    expect(outcome.text_en).toContain(statement.public_id);
    noPersonalData(outcome);
    const read = await request(app).get('/api/v1/appeals/ap-1').set(api()).expect(200);
    expect(read.body).toMatchObject({ status: 'upheld', outcome: { id: outcome.public_id, appealOf: statement.public_id } });
    const reversed = events.filter((e) => e.type === 'decision.reversed').at(-1)!;
    expect((reversed.data.statement as { id: string }).id).toBe(outcome.public_id);
    expect(events.filter((e) => e.type === 'appeal.decided').at(-1)!.data).toMatchObject({ appeal: { id: 'ap-1', outcome: 'upheld' } });
    const listed = await request(app).get('/api/appeals').set(modB).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(PHONE);
  });

  it('a rejected appeal leaves the decision standing with a new statement; an upheld one against a policy lifts the hold', async () => {
    const p = await post('another removal');
    const decided = await request(app)
      .post(`/api/flags/${await reportedFlag(p.externalId)}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'spam' })
      .expect(201);
    const statement = await t.db('statements').where({ decision_id: decided.body.id }).first();
    await request(app).post('/api/v1/appeals').set(api()).send({ id: 'ap-2', statementId: statement.public_id }).expect(201);
    const appeal = await t.db('appeals').where({ external_id: 'ap-2' }).first();
    await request(app)
      .post(`/api/appeals/${appeal.id}/decide`)
      .set(modB)
      .send({ outcome: 'rejected', note: 'spam links, as decided' })
      .expect(200);
    expect((await t.db('posts').where({ id: p.id }).first()).status).toBe('removed');
    expect(await t.db('statements').where({ appeal_of_statement_id: statement.id }).first()).toMatchObject({
      kind: 'appeal_outcome',
      actions: ['uphold'],
    });
    await request(app).post(`/api/appeals/${appeal.id}/decide`).set(modB).send({ outcome: 'upheld', note: 'changed my mind' }).expect(409);

    const held = await post(`text ${PHONE} now`);
    const automated = await t.db('statements').where({ subject_id: held.id, kind: 'automated' }).first();
    await request(app).post('/api/v1/appeals').set(api()).send({ id: 'ap-3', statementId: automated.public_id }).expect(201);
    const appeal3 = await t.db('appeals').where({ external_id: 'ap-3' }).first();
    await request(app)
      .post(`/api/appeals/${appeal3.id}/decide`)
      .set(modA)
      .send({ outcome: 'upheld', note: 'a shop phone number the member may share' })
      .expect(200);
    expect((await t.db('posts').where({ id: held.id }).first()).status).toBe('visible');
  });

  it('refuses an appeal on an unknown or foreign statement with a problem, writing nothing', async () => {
    const before = await t.db('appeals').count({ n: '*' });
    const unknown = await request(app)
      .post('/api/v1/appeals')
      .set(api())
      .send({ id: 'ap-x', statementId: 'sor_00000000000000000000' })
      .expect(400);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect(unknown.body.errors[0].path).toBe('statementId');
    const malformed = await request(app).post('/api/v1/appeals').set(api()).send({ id: 'ap-y', statementId: 'nope', extra: 1 }).expect(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['(root)', 'statementId'].sort());
    const other = await createApiKey(t.db, 'otherplatform');
    const someStatement = await t.db('statements').first('public_id');
    await request(app)
      .post('/api/v1/appeals')
      .set({ Authorization: `Bearer ${other}` })
      .send({ id: 'ap-z', statementId: someStatement.public_id })
      .expect(400);
    await request(app)
      .get(`/api/v1/statements/${someStatement.public_id}`)
      .set({ Authorization: `Bearer ${other}` })
      .expect(404);
    expect(await t.db('appeals').count({ n: '*' })).toEqual(before);
  });
});
