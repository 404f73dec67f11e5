import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { verifyAuditChain } from '../../api/audit/auditLog';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff, fixedClock } from '../support/testApp';
import { seedSmallCommunity } from '../support/fixtures';
import { hashPassword } from '../../api/auth/password';
import { statesOf } from '../../api/reputation/reputationStore';
import { reputation } from '../../rules/reputation/beta';

let t: TestDb;
let app: TrustApp;
let modA: { Authorization: string };
let modB: { Authorization: string };
let compliance: { Authorization: string };
const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
const count = async (table: string, where: Record<string, unknown> = {}) =>
  Number((await t.db(table).where(where).count({ c: '*' }).first())!.c);

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  await seedSmallCommunity(t.db, staff.moderator.id);
  await t.db('staff').insert({
    email: 'second@test.example',
    display_name: 'second',
    role: 'moderator',
    password_hash: await hashPassword('correct horse battery staple'),
    created_at: new Date(),
  });
  // Appeals come days later: sessions must outlive the clock moves in these tests.
  app = buildApp(t.db, { clock, config: { sessionTtlMs: 30 * 86_400_000 } });
  modA = await bearerFor(app, staff.moderator.email);
  modB = await bearerFor(app, 'second@test.example');
  compliance = await bearerFor(app, staff.compliance.email);
});
afterAll(() => t.close());

const openFlag = async (queue: string) => t.db('flags').where({ status: 'open', queue }).orderBy('id').first();

describe('claims', () => {
  it('lock an item to one moderator until they expire', async () => {
    const flag = await openFlag('fake_review');
    const claimed = await request(app).post(`/api/flags/${flag.id}/claim`).set(modA).expect(200);
    expect(claimed.body.claimedUntil).toBe(new Date(clock.now().getTime() + 10 * 60_000).toISOString());
    const conflict = await request(app).post(`/api/flags/${flag.id}/claim`).set(modB).expect(409);
    expect(conflict.headers['content-type']).toMatch(/problem\+json/);
    await request(app).post(`/api/flags/${flag.id}/decide`).set(modB).send({ action: 'remove', reasonCode: 'fake_review' }).expect(409);
    clock.advance(11 * 60_000);
    await request(app).post(`/api/flags/${flag.id}/claim`).set(modB).expect(200);
    await request(app).post(`/api/flags/${flag.id}/release`).set(modB).expect(200);
    expect((await t.db('flags').where({ id: flag.id }).first()).claimed_by).toBeNull();
  });
});

describe('decisions and appeals', () => {
  it('refuses bad input field by field and writes nothing', async () => {
    const flag = await openFlag('fake_review');
    const before = [await count('decisions'), await count('audit_log'), await count('reputation_events')];
    const res = await request(app)
      .post(`/api/flags/${flag.id}/decide`)
      .set(modA)
      .send({ action: 'ban', reasonCode: 'Bad Code', extra: true })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['action', 'reasonCode']));
    expect([await count('decisions'), await count('audit_log'), await count('reputation_events')]).toEqual(before);
  });

  it('keeps each role to its queues', async () => {
    const spam = await openFlag('undisclosed_ad');
    const scam = await t.db('flags').where({ status: 'open' }).whereNot({ queue: 'undisclosed_ad' }).first();
    await request(app).post(`/api/flags/${scam.id}/claim`).set(compliance).expect(403);
    await request(app).post(`/api/flags/${spam.id}/claim`).set(compliance).expect(200);
    await request(app).post(`/api/flags/${spam.id}/release`).set(compliance).expect(200);
  });

  it('decides in one transaction: the item, the author’s reputation, the audit row; an appeal restores and repairs exactly', async () => {
    const flag = await openFlag('fake_review');
    const post = await t.db('posts').where({ id: flag.subject_id }).first();
    const authorBefore = await t.db('accounts').where({ id: post.author_id }).first();
    const decided = await request(app)
      .post(`/api/flags/${flag.id}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'fake_review', note: 'burst of five-star reviews' })
      .expect(201);
    expect(decided.body).toMatchObject({ action: 'remove', reasonCode: 'fake_review', flagId: flag.id, automated: false });
    expect((await t.db('posts').where({ id: post.id }).first()).status).toBe('removed');
    expect((await t.db('flags').where({ id: flag.id }).first()).status).toBe('decided');
    const authorAfter = await t.db('accounts').where({ id: post.author_id }).first();
    expect(authorAfter.reputation_score).toBeLessThan(authorBefore.reputation_score ?? 50);
    expect(authorAfter.violations_upheld).toBe(authorBefore.violations_upheld + 1);
    await request(app).post(`/api/flags/${flag.id}/decide`).set(modB).send({ action: 'approve', reasonCode: 'no_violation' }).expect(409);

    clock.advance(3 * 86_400_000);
    const reversal = await request(app)
      .post(`/api/decisions/${decided.body.id}/reverse`)
      .set(modB)
      .send({ reason: 'The reviews came from verified purchases.' })
      .expect(201);
    expect(reversal.body).toMatchObject({ action: 'approve', reasonCode: 'appeal_upheld', reversesDecisionId: decided.body.id });
    expect((await t.db('posts').where({ id: post.id }).first()).status).toBe('visible');
    const repaired = await t.db('accounts').where({ id: post.author_id }).first();
    expect(repaired.violations_upheld).toBe(authorBefore.violations_upheld);
    // The decision's evidence is retracted: the account stands where its earlier evidence alone puts it today.
    const expected = reputation(statesOf(authorBefore), authorBefore.type, clock.now());
    const kept = reputation(statesOf(repaired), repaired.type, clock.now());
    expect(Math.abs(kept.score - expected.score)).toBeLessThan(1e-9);
    const view = await request(app).get(`/api/accounts/${post.author_id}/reputation`).set(modA).expect(200);
    expect(view.body.score).toBeCloseTo(expected.score, 1);
    expect(view.body.history.find((h: { causeType: string }) => h.causeType === 'decision').retractedAt).not.toBeNull();
    await request(app).post(`/api/decisions/${decided.body.id}/reverse`).set(modB).send({ reason: 'again' }).expect(409);
    const actions = (await t.db('audit_log').whereIn('action', ['decision.create', 'decision.reverse']).orderBy('id')).map(
      (a: { action: string }) => a.action,
    );
    expect(actions).toEqual(['decision.create', 'decision.reverse']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('refuses a reversal by the moderator who decided; an admin may override, audited as an override', async () => {
    const posts = await t.db('posts').orderBy('id', 'desc').limit(2);
    const [first, second] = await t
      .db('flags')
      .insert(
        posts.map((p: { id: number }) => ({
          subject_type: 'post',
          subject_id: p.id,
          queue: 'spam',
          priority: 50,
          status: 'open',
          source: 'rule',
          reason: 'four eyes',
          created_at: clock.now(),
        })),
      )
      .returning('id');
    const decided = await request(app)
      .post(`/api/flags/${first.id}/decide`)
      .set(modA)
      .send({ action: 'remove', reasonCode: 'spam' })
      .expect(201);
    const before = [await count('decisions'), await count('audit_log')];
    const own = await request(app)
      .post(`/api/decisions/${decided.body.id}/reverse`)
      .set(modA)
      .send({ reason: 'I changed my mind.' })
      .expect(403);
    expect(own.headers['content-type']).toMatch(/problem\+json/);
    expect([await count('decisions'), await count('audit_log')]).toEqual(before);
    expect((await t.db('decisions').where({ id: decided.body.id }).first()).reversed_at).toBeNull();

    const admin = await bearerFor(app, 'admin@test.example');
    const adminDecided = await request(app)
      .post(`/api/flags/${second.id}/decide`)
      .set(admin)
      .send({ action: 'remove', reasonCode: 'spam' })
      .expect(201);
    await request(app)
      .post(`/api/decisions/${adminDecided.body.id}/reverse`)
      .set(admin)
      .send({ reason: 'Wrong item, reversing my own call.' })
      .expect(201);
    const audit = await t.db('audit_log').where({ action: 'decision.reverse' }).orderBy('id', 'desc').first();
    expect(audit.detail).toMatchObject({ decisionId: adminDecided.body.id, override: 'four_eyes' });
    // Someone else's reversal is not an override.
    await request(app).post(`/api/decisions/${decided.body.id}/reverse`).set(modB).send({ reason: 'Not spam after all.' }).expect(201);
    expect((await t.db('audit_log').where({ action: 'decision.reverse' }).orderBy('id', 'desc').first()).detail.override).toBeUndefined();
  });

  it('escalates without closing the item', async () => {
    const flag = await openFlag('undisclosed_ad');
    await request(app).post(`/api/flags/${flag.id}/decide`).set(modA).send({ action: 'escalate', reasonCode: 'needs_legal' }).expect(201);
    const after = await t.db('flags').where({ id: flag.id }).first();
    expect(after.status).toBe('open');
    expect(after.priority).toBe(Math.min(100, flag.priority + 20));
  });
});
