import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff } from '../support/testApp';
import { samplePost } from '../support/fixtures';
import { reportPriority, reportWeight } from '../../rules/reports/reportWeight';

let t: TestDb;
let app: TrustApp;
let key: string;
let moderator: { Authorization: string };
let admin: { Authorization: string };
const api = () => ({ Authorization: `Bearer ${key}` });

const REPORTED_AT = '2026-10-20T08:00:00Z';
/** A member who joined long before reporting, so age does not discount their report. */
const established = (id: string) => ({ id, joinedAt: '2025-01-01T00:00:00Z' });
/** An account made the same day it reports: what a brigade looks like. */
const fresh = (id: string) => ({ id, joinedAt: '2026-10-20T07:00:00Z' });

function report(id: string, reporter: Record<string, unknown>, subjectId: string, reason = 'spam', type = 'post') {
  return { id, reporter, subject: { type, id: subjectId }, reason, reportedAt: REPORTED_AT };
}

async function counts() {
  const [reports] = await t.db('reports').count({ n: '*' });
  const [accounts] = await t.db('accounts').count({ n: '*' });
  const [flags] = await t.db('flags').count({ n: '*' });
  return { reports: Number(reports!.n), accounts: Number(accounts!.n), flags: Number(flags!.n) };
}

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  app = buildApp(t.db);
  key = await createApiKey(t.db, 'forum');
  moderator = await bearerFor(app, staff.moderator.email);
  admin = await bearerFor(app, staff.admin.email);
  await request(app)
    .post('/api/v1/posts')
    .set(api())
    .send({ items: [1, 2, 3, 4, 5].map((i) => samplePost(i)) })
    .expect(201);
});
afterAll(() => t.close());

describe('member reports in', () => {
  it('aggregates reports on one subject into one flag whose priority grows with their number', async () => {
    const one = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send(report('r-1', established('rep-a'), 'p-1'))
      .expect(201);
    expect(one.body.items[0]).toMatchObject({ externalId: 'r-1', created: true, queue: 'spam', outcome: 'pending', weight: 1 });
    const afterOne = one.body.items[0].priority;
    const more = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({ items: [report('r-2', established('rep-b'), 'p-1'), report('r-3', established('rep-c'), 'p-1')] })
      .expect(201);
    const flagIds = new Set([one.body.items[0].flagId, ...more.body.items.map((i: { flagId: number }) => i.flagId)]);
    expect(flagIds.size).toBe(1);
    const flag = await t
      .db('flags')
      .where({ id: [...flagIds][0] })
      .first();
    expect(flag).toMatchObject({ subject_type: 'post', queue: 'spam', status: 'open', source: 'report', report_count: 3 });
    expect(flag.report_weight).toBeCloseTo(3, 9);
    expect(flag.priority).toBe(reportPriority('spam', 3));
    expect(flag.priority).toBeGreaterThan(afterOne);
  });

  it('counts a brigade of new accounts for less than a few established members', async () => {
    const brigade = Array.from({ length: 10 }, (_, i) => report(`b-${i}`, fresh(`new-${i}`), 'p-2'));
    const res = await request(app).post('/api/v1/reports').set(api()).send({ items: brigade }).expect(201);
    const flag = await t.db('flags').where({ id: res.body.items[0].flagId }).first();
    expect(flag.report_count).toBe(10);
    const established3 = await t.db('flags').where({ subject_type: 'post', queue: 'spam', report_count: 3 }).first();
    expect(flag.priority).toBeLessThan(established3.priority);
    expect(res.body.items[0].weight).toBeCloseTo(reportWeight({ reportsUpheld: 0, reportsRejected: 0, accountAgeDays: 1 / 24 }), 9);
  });

  it('gives a member who reports the same item again no extra weight', async () => {
    const res = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send(report('r-1-again', established('rep-a'), 'p-1'))
      .expect(201);
    expect(res.body.items[0].weight).toBe(0);
    const flag = await t.db('flags').where({ id: res.body.items[0].flagId }).first();
    expect(flag.report_count).toBe(4);
    expect(flag.report_weight).toBeCloseTo(3, 9);
  });

  it('is idempotent by the platform’s report id', async () => {
    const before = await counts();
    const res = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({ items: [report('r-2', established('rep-b'), 'p-1'), report('r-3', established('rep-c'), 'p-1')] })
      .expect(200);
    expect(res.body.items.map((i: { created: boolean }) => i.created)).toEqual([false, false]);
    expect(await counts()).toEqual(before);
  });

  it('sends harassment to the member-reports queue and order scams to suspicious orders', async () => {
    await request(app)
      .post('/api/v1/transactions')
      .set(api())
      .send({
        id: 'o-1',
        buyer: { id: 'buyer-1' },
        vendor: { id: 'vendor-1', type: 'vendor' },
        amountCents: 5000,
        status: 'completed',
        orderedAt: REPORTED_AT,
      })
      .expect(201);
    const res = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({
        items: [
          report('h-1', established('rep-d'), 'p-3', 'harassment'),
          report('s-1', established('buyer-1'), 'o-1', 'scam', 'transaction'),
          report('a-1', established('rep-d'), 'vendor-1', 'counterfeit', 'account'),
        ],
      })
      .expect(201);
    expect(res.body.items.map((i: { queue: string }) => i.queue)).toEqual(['member_reports', 'suspicious_order', 'scam']);
  });

  it('refuses an unknown subject with a problem naming it, and writes nothing of the batch', async () => {
    const before = await counts();
    const res = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({
        items: [report('ok-1', established('brand-new-reporter'), 'p-4'), report('bad-1', established('rep-e'), 'p-does-not-exist')],
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'items[1].subject.id' })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed reports field by field, and writes nothing', async () => {
    const before = await counts();
    const res = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({
        items: [
          {
            id: 'm-1',
            reporter: { id: 'x' },
            subject: { type: 'comment', id: 'p-1' },
            reason: 'annoying',
            reportedAt: 'yesterday',
            extra: 1,
          },
        ],
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['items[0].subject.type', 'items[0].reason', 'items[0].reportedAt']));
    await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send(report('self-1', established('u-1'), 'u-1', 'spam', 'account'))
      .expect(400);
    await request(app)
      .post('/api/v1/reports')
      .set({ Authorization: 'Bearer tck_wrong' })
      .send(report('w-1', established('x'), 'p-1'))
      .expect(401);
    expect(await counts()).toEqual(before);
  });
});

describe('reporter reputation', () => {
  it('upholding a flag marks its reports upheld, and an upheld reporter counts for more next time', async () => {
    const flag = await t.db('flags').where({ subject_type: 'post', queue: 'spam', report_count: 4 }).first();
    await request(app).post(`/api/flags/${flag.id}/decide`).set(moderator).send({ action: 'remove', reasonCode: 'spam' }).expect(201);
    const reports = await t.db('reports').where({ flag_id: flag.id }).select('outcome', 'reporter_id');
    expect(reports.every((r: { outcome: string }) => r.outcome === 'upheld')).toBe(true);
    // rep-a reported twice but is counted once.
    const repA = await t.db('accounts').where({ source: 'forum', external_id: 'rep-a' }).first('reports_upheld', 'reports_rejected');
    expect(repA).toEqual({ reports_upheld: 1, reports_rejected: 0 });
    const readBack = await request(app).get('/api/v1/reports/r-2').set(api()).expect(200);
    expect(readBack.body).toMatchObject({ externalId: 'r-2', outcome: 'upheld', decision: { action: 'remove', reasonCode: 'spam' } });

    const next = await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send(report('r-next', established('rep-a'), 'p-5'))
      .expect(201);
    expect(next.body.items[0].weight).toBeCloseTo(reportWeight({ reportsUpheld: 1, reportsRejected: 0, accountAgeDays: 999 }), 9);
    expect(next.body.items[0].weight).toBeGreaterThan(1);
  });

  it('approving a reported item rejects its reports; reversing an upheld decision rejects them after the fact', async () => {
    const brigadeFlag = await t.db('flags').where({ subject_type: 'post', queue: 'spam', report_count: 10 }).first();
    await request(app)
      .post(`/api/flags/${brigadeFlag.id}/decide`)
      .set(moderator)
      .send({ action: 'approve', reasonCode: 'no_violation' })
      .expect(201);
    const newcomer = await t.db('accounts').where({ source: 'forum', external_id: 'new-0' }).first('reports_upheld', 'reports_rejected');
    expect(newcomer).toEqual({ reports_upheld: 0, reports_rejected: 1 });
    expect((await request(app).get('/api/v1/reports/b-0').set(api()).expect(200)).body.outcome).toBe('rejected');

    const upheld = await t.db('decisions').where({ action: 'remove', reason_code: 'spam' }).first('id');
    // Four eyes: someone other than the deciding moderator reverses it.
    await request(app)
      .post(`/api/decisions/${upheld.id}/reverse`)
      .set(admin)
      .send({ reason: 'the post was a genuine question' })
      .expect(201);
    const repB = await t.db('accounts').where({ source: 'forum', external_id: 'rep-b' }).first('reports_upheld', 'reports_rejected');
    expect(repB).toEqual({ reports_upheld: 0, reports_rejected: 1 });
    expect((await request(app).get('/api/v1/reports/r-2').set(api()).expect(200)).body.outcome).toBe('rejected');
  });

  it('lists reports for staff, and another platform cannot read this one’s', async () => {
    const list = await request(app)
      .get('/api/reports')
      .set(moderator)
      .query({ filter: JSON.stringify({ outcome: 'rejected' }) })
      .expect(200);
    expect(list.body.length).toBeGreaterThan(0);
    const other = await createApiKey(t.db, 'otherplatform');
    await request(app)
      .get('/api/v1/reports/r-2')
      .set({ Authorization: `Bearer ${other}` })
      .expect(404);
  });
});
