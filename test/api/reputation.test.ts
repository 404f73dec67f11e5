import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { seedDemo } from '../support/demoSeed';
import { statesOf } from '../../api/reputation/reputationStore';
import { recompute, reputation, type ReputationEvent } from '../../rules/reputation/beta';

let t: TestDb;
let app: TrustApp;
let moderator: { Authorization: string };
let platform: { Authorization: string };
const now = new Date('2026-11-25T10:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, now);
  const staff = await createStaff(t.db);
  app = buildApp(t.db, { clock: fixedClock(now) });
  moderator = await bearerFor(app, staff.moderator.email);
  platform = { Authorization: `Bearer ${await createApiKey(t.db, 'shop')}` };
}, 120_000);
afterAll(() => t.close());

describe('reputation', () => {
  it('keeps, for every account, exactly what a full recomputation from its events gives (to 1e-9)', async () => {
    const accounts = await t.db('accounts').select('*');
    const events: Array<{ account_id: number; component: 'discussion' | 'commerce'; weight: number; occurred_at: Date }> = await t
      .db('reputation_events')
      .whereNull('retracted_at')
      .select('account_id', 'component', 'weight', 'occurred_at');
    expect(events.length).toBeGreaterThan(500);
    let withEvidence = 0;
    for (const a of accounts) {
      const mine: ReputationEvent[] = events
        .filter((e) => e.account_id === a.id)
        .map((e) => ({ component: e.component, weight: e.weight, at: e.occurred_at }));
      if (mine.length) withEvidence++;
      const kept = reputation(statesOf(a), a.type, now);
      const replayed = reputation(recompute(mine), a.type, now);
      expect(Math.abs(kept.score - replayed.score), `account ${a.id}`).toBeLessThan(1e-9);
      expect(Math.abs(kept.confidence - replayed.confidence)).toBeLessThan(1e-9);
    }
    expect(withEvidence).toBeGreaterThan(50);
  });

  it('serves an account’s reputation with its history and causes', async () => {
    const busy = (await t
      .db('reputation_events')
      .groupBy('account_id')
      .select('account_id')
      .count({ c: '*' })
      .orderBy('c', 'desc')
      .first()) as { account_id: number } | undefined;
    const res = await request(app).get(`/api/accounts/${busy!.account_id}/reputation`).set(moderator).expect(200);
    expect(res.body.score).toBeGreaterThanOrEqual(0);
    expect(res.body.score).toBeLessThanOrEqual(100);
    expect(res.body.components.discussion).toHaveProperty('confidence');
    expect(res.body.history.length).toBeGreaterThan(0);
    expect(new Set(res.body.history.map((h: { causeType: string }) => h.causeType)).size).toBeGreaterThan(0);
    await request(app).get('/api/accounts/999999/reputation').set(moderator).expect(404);
  });

  it('moves with order outcomes: completed orders raise both sides, a chargeback lowers the buyer', async () => {
    const order = (id: string, buyer: string, status: string) => ({
      id,
      buyer: { id: buyer },
      vendor: { id: 'rep-vendor', type: 'vendor' },
      amountCents: 5000,
      status,
      orderedAt: '2026-11-20T10:00:00Z',
    });
    await request(app)
      .post('/api/v1/transactions')
      .set(platform)
      .send({
        items: [order('r1', 'good-buyer', 'completed'), order('r2', 'good-buyer', 'completed'), order('r3', 'bad-buyer', 'chargeback')],
      })
      .expect(201);
    const score = async (external: string) =>
      (await t.db('accounts').where({ source: 'shop', external_id: external }).first()).reputation_score as number;
    expect(await score('good-buyer')).toBeGreaterThan(50);
    expect(await score('bad-buyer')).toBeLessThan(50);
    expect(await score('rep-vendor')).toBeGreaterThan(50);
  });

  it('raises the queue priority of a flag on a low-reputation author', async () => {
    const author = await t.db('accounts').where({ source: 'shop', external_id: 'bad-buyer' }).first();
    const post = (id: string, authorId: string) => ({
      id,
      kind: 'thread',
      author: { id: authorId },
      body: '有货，加我微信 dealz_1569 私聊',
      postedAt: '2026-11-21T10:00:00Z',
    });
    const res = await request(app)
      .post('/api/v1/posts')
      .set(platform)
      .send({ items: [post('p-bad', 'bad-buyer'), post('p-new', 'brand-new-member')] })
      .expect(201);
    const [bad, fresh] = res.body.items;
    expect(author.reputation_score).toBeLessThan(50);
    expect(fresh.flags[0].priority).toBe(65);
    expect(bad.flags[0].priority).toBe(65 + Math.round((50 - author.reputation_score) / 5));
  });
});

describe('dashboard statistics', () => {
  it('agree with direct counts on the seeded community', async () => {
    const res = await request(app).get('/api/stats/dashboard?days=90').set(moderator).expect(200);
    const open = await t.db('flags').where({ status: 'open' }).groupBy('queue').select('queue').count({ c: '*' });
    expect(Object.fromEntries(res.body.backlog.map((b: { queue: string; open: number }) => [b.queue, b.open]))).toEqual(
      Object.fromEntries((open as Array<{ queue: string; c: number }>).map((o) => [o.queue, Number(o.c)])),
    );
    const perDay = res.body.flagsPerDay.reduce((s: number, r: { n: number }) => s + r.n, 0);
    expect(perDay).toBe(
      Number(
        (await t
          .db('flags')
          .where('created_at', '>=', new Date(now.getTime() - 90 * 86_400_000))
          .count({ c: '*' })
          .first())!.c,
      ),
    );
    expect(res.body.decisionLatency.length).toBeGreaterThan(0);
    for (const l of res.body.decisionLatency) {
      expect(l.p90Minutes).toBeGreaterThanOrEqual(l.medianMinutes);
      expect(l.medianMinutes).toBeGreaterThanOrEqual(0);
    }
    // No decision predates the flag it decided.
    const early = await t
      .db('decisions as d')
      .join('flags as f', 'f.id', 'd.flag_id')
      .whereRaw('d.created_at < f.created_at')
      .count({ c: '*' })
      .first();
    expect(Number(early!.c)).toBe(0);
    const contact = res.body.rules.find((r: { rule: string }) => r.rule === 'contact-handle-with-invite');
    expect(contact.hits).toBeGreaterThan(0);
    expect(contact.precision).toBeGreaterThan(0.5);
    expect(res.body.reputation.reduce((s: number, b: { n: number }) => s + b.n, 0)).toBe(
      Number((await t.db('accounts').whereNotNull('reputation_score').count({ c: '*' }).first())!.c),
    );
    // Score histograms count the window's posts, not every post ever stored: two posts get scores
    // for the check, one of them moved a year back, and both are put back afterwards.
    const [recent, old] = await t.db('posts').orderBy('id').limit(2).select('id', 'posted_at', 'spam_score');
    await t.db('posts').where({ id: recent.id }).update({ spam_score: 0.95 });
    await t
      .db('posts')
      .where({ id: old.id })
      .update({ spam_score: 0.15, posted_at: new Date(now.getTime() - 365 * 86_400_000) });
    try {
      const window = await request(app).get('/api/stats/dashboard?days=90').set(moderator).expect(200);
      const scored = Number(
        (await t
          .db('posts')
          .where('posted_at', '>=', new Date(now.getTime() - 90 * 86_400_000))
          .whereNotNull('spam_score')
          .count({ c: '*' })
          .first())!.c,
      );
      const all = Number((await t.db('posts').whereNotNull('spam_score').count({ c: '*' }).first())!.c);
      expect(scored).toBeGreaterThan(0);
      expect(scored).toBeLessThan(all);
      expect(window.body.scores.spam.reduce((s: number, b: { n: number }) => s + b.n, 0)).toBe(scored);
    } finally {
      await t.db('posts').where({ id: recent.id }).update({ spam_score: recent.spam_score });
      await t.db('posts').where({ id: old.id }).update({ spam_score: old.spam_score, posted_at: old.posted_at });
    }
    const bad = await request(app).get('/api/stats/dashboard?days=9999').set(moderator).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors[0].path).toBe('days');
  });
});
