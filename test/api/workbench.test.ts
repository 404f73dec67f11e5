import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff, fixedClock } from '../support/testApp';
import { seedSmallCommunity } from '../support/fixtures';

let t: TestDb;
let app: TrustApp;
let mod: { Authorization: string };
let compliance: { Authorization: string };
let cm: { Authorization: string };
let staff: Awaited<ReturnType<typeof createStaff>>;
const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));

beforeAll(async () => {
  t = await createTestDb();
  staff = await createStaff(t.db);
  await seedSmallCommunity(t.db, staff.moderator.id);
  app = buildApp(t.db, { clock });
  mod = await bearerFor(app, staff.moderator.email);
  compliance = await bearerFor(app, staff.compliance.email);
  cm = await bearerFor(app, staff.community_manager.email);
});
afterAll(() => t.close());

describe('the item page in one answer', () => {
  it('gives the flag, the post with its rules, the thread around a reply, the reports and the author card', async () => {
    const reply = await t.db('posts').where({ kind: 'reply' }).orderBy('id').offset(3).first();
    const [flag] = await t
      .db('flags')
      .insert({
        subject_type: 'post',
        subject_id: reply.id,
        queue: 'spam',
        priority: 99,
        status: 'open',
        source: 'report',
        reason: 'reported',
        created_at: clock.now(),
      })
      .returning('id');
    const reporter = await t.db('accounts').whereNot({ id: reply.author_id }).first();
    await t.db('reports').insert({
      source: 'testplatform',
      external_id: 'r-wb-1',
      reporter_id: reporter.id,
      subject_type: 'post',
      subject_id: reply.id,
      reason: 'spam',
      text: 'call 13812345678',
      flag_id: flag.id,
      weight: 1.5,
      reported_at: clock.now(),
      received_at: clock.now(),
    });
    const res = await request(app).get(`/api/flags/${flag.id}/workbench`).set(mod).expect(200);
    expect(res.body.flag).toMatchObject({ id: flag.id, queue: 'spam', claimActive: false, claimedByName: null });
    expect(res.body.post).toMatchObject({ id: reply.id, body: reply.body });
    expect(Array.isArray(res.body.post.ruleHits)).toBe(true);
    expect(res.body.thread.root).toMatchObject({ id: reply.thread_id, kind: 'thread' });
    expect(res.body.thread.replies).toBeGreaterThan(1);
    expect([...res.body.thread.before, ...res.body.thread.after].every((p: { id: number }) => p.id !== reply.id)).toBe(true);
    expect(res.body.reports).toHaveLength(1);
    // Reports are masked like every other member text.
    expect(res.body.reports[0].text).not.toContain('13812345678');
    expect(res.body.reports[0]).toMatchObject({ weight: 1.5, reporterHandle: reporter.handle });
    expect(res.body.author).toMatchObject({ id: Number(reply.author_id), handle: expect.any(String), type: 'member' });
    expect(res.body.author.reputation.components).toHaveProperty('discussion');
    expect(res.body.author.reputation.components).toHaveProperty('commerce');
    expect(Array.isArray(res.body.author.recentPosts)).toBe(true);
  });

  it('names the claim holder while the claim lasts', async () => {
    const flag = await t.db('flags').where({ status: 'open', queue: 'fake_review' }).first();
    await request(app).post(`/api/flags/${flag.id}/claim`).set(mod).expect(200);
    const res = await request(app).get(`/api/flags/${flag.id}/workbench`).set(mod).expect(200);
    expect(res.body.flag).toMatchObject({ claimActive: true, claimedByName: 'moderator' });
    const list = await request(app)
      .get('/api/flags')
      .query({ filter: JSON.stringify({ id: [flag.id] }) })
      .set(mod)
      .expect(200);
    expect(list.body[0]).toMatchObject({
      claimedByName: 'moderator',
      subject: { snippet: expect.any(String), authorHandle: expect.any(String) },
    });
    await request(app).post(`/api/flags/${flag.id}/release`).set(mod).expect(200);
  });

  it('answers a bad id with problem+json and an unknown one with 404', async () => {
    const bad = await request(app).get('/api/flags/abc/workbench').set(mod).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('id');
    await request(app).get('/api/flags/999999/workbench').set(mod).expect(404);
  });
});

describe('the next item in a queue', () => {
  it('claims the highest-priority unheld item and writes an audit row; skips what it is told to', async () => {
    const open = await t
      .db('flags')
      .where({ status: 'open', queue: 'spam' })
      .whereNull('claimed_by')
      .orderBy([
        { column: 'priority', order: 'desc' },
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const audits = Number((await t.db('audit_log').where({ action: 'flag.claim' }).count({ c: '*' }).first())!.c);
    const first = await request(app).post('/api/flags/next').set(mod).send({ queue: 'spam' }).expect(200);
    expect(first.body.id).toBe(open[0].id);
    expect(first.body.flag.claimedBy).toBe(staff.moderator.id);
    // The answer carries the item's page, the same as its own request gives (the claim included).
    const page = await request(app).get(`/api/flags/${open[0].id}/workbench`).set(mod).expect(200);
    expect(first.body.workbench).toEqual(page.body);
    expect(first.body.workbench.flag.claimActive).toBe(true);
    expect(
      Number(
        (await t
          .db('audit_log')
          .where({ action: 'flag.claim', subject_id: String(open[0].id) })
          .count({ c: '*' })
          .first())!.c,
      ),
    ).toBeGreaterThan(0);
    expect(Number((await t.db('audit_log').where({ action: 'flag.claim' }).count({ c: '*' }).first())!.c)).toBe(audits + 1);
    // The held item is not handed out again; the one after it is.
    const second = await request(app).post('/api/flags/next').set(mod).send({ queue: 'spam', skip: [] }).expect(200);
    expect(second.body.id).toBe(open[1].id);
    for (const f of open.slice(0, 2)) await request(app).post(`/api/flags/${f.id}/release`).set(mod).expect(200);
    const skipped = await request(app)
      .post('/api/flags/next')
      .set(mod)
      .send({ queue: 'spam', skip: [open[0].id] })
      .expect(200);
    expect(skipped.body.id).toBe(open[1].id);
    await request(app).post(`/api/flags/${open[1].id}/release`).set(mod).expect(200);
  });

  it('answers null for an empty queue', async () => {
    const res = await request(app).post('/api/flags/next').set(mod).send({ queue: 'member_reports' }).expect(200);
    expect(res.body).toEqual({ id: null, flag: null, workbench: null });
  });

  it('refuses bad input field by field, and a queue the role does not work', async () => {
    const bad = await request(app)
      .post('/api/flags/next')
      .set(mod)
      .send({ queue: 'nope', skip: ['x'], extra: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['queue', 'skip[0]']));
    await request(app).post('/api/flags/next').set(compliance).send({ queue: 'spam' }).expect(403);
  });
});

describe('the menu counts in one answer', () => {
  it('counts the open flags of every queue a role works, zero for an empty one, as the list totals them', async () => {
    const res = await request(app).get('/api/queues/summary').set(mod).expect(200);
    const open = Object.fromEntries((res.body as Array<{ queue: string; open: number }>).map((s) => [s.queue, s.open]));
    const rows = await t.db('flags').where({ status: 'open' }).groupBy('queue').select('queue').count({ c: '*' });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows as Array<{ queue: string; c: string | number }>) expect(open[r.queue]).toBe(Number(r.c));
    expect(open.member_reports).toBe(0);
    const list = await request(app)
      .get('/api/flags')
      .query({ filter: JSON.stringify({ status: 'open', queue: 'spam' }), range: '[0,0]' })
      .set(mod)
      .expect(200);
    expect(open.spam).toBe(Number(/\/(\d+)$/.exec(String(list.headers['content-range']))![1]));
    // A role sees the counts of the queues it works, and no others.
    expect((await request(app).get('/api/queues/summary').set(compliance).expect(200)).body.map((s: { queue: string }) => s.queue)).toEqual(
      ['undisclosed_ad'],
    );
  });
});

describe('permissions in /api/auth/me', () => {
  it('names the queues each role works, from the same table the API enforces', async () => {
    expect((await request(app).get('/api/auth/me').set(compliance).expect(200)).body.permissions.queues).toEqual(['undisclosed_ad']);
    expect((await request(app).get('/api/auth/me').set(cm).expect(200)).body.permissions.queues).toEqual(['community']);
    const m = (await request(app).get('/api/auth/me').set(mod).expect(200)).body.permissions;
    expect(m.queues).toContain('spam');
    expect(m.resources.staff).toEqual({ read: false, write: false });
  });
});
