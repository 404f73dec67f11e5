import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { seedDemo } from '../support/demoSeed';
import { startTestJobs } from '../support/testJobs';
import { createTrustApp } from '../support/trustApp';
import { transparencyReport } from '../../api/transparency/transparencyReport';
import { periodOfDays } from '../../console/src/common/dayRange';

let t: TestDb;
let app: TrustApp;
let compliance: { Authorization: string };
let moderator: { Authorization: string };
const now = new Date('2026-11-25T10:00:00Z');
const clock = fixedClock(now);
const from = new Date(now.getTime() - 30 * 86_400_000);
// A minute past the clock, so the decision and appeal made "now" fall in the period.
const to = new Date(now.getTime() + 60_000);

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, now);
  const staff = await createStaff(t.db);
  const jobs = await startTestJobs(t, clock);
  app = createTrustApp(t.db, { clock, jobs });
  compliance = await bearerFor(app, staff.compliance.email);
  moderator = await bearerFor(app, staff.moderator.email);
  // An appeal in the period, so that part of the report has something to count.
  const key = await createApiKey(t.db, 'demo-appeals');
  const flag = await t.db('flags').where({ status: 'open', subject_type: 'post' }).whereNot({ queue: 'community' }).first('id');
  const decided = await request(app)
    .post(`/api/flags/${flag.id}/decide`)
    .set(moderator)
    .send({ action: 'remove', reasonCode: 'spam' })
    .expect(201);
  const statement = await t.db('statements').where({ decision_id: decided.body.id }).first('public_id');
  const subject = await t
    .db('posts')
    .where({ id: (await t.db('flags').where({ id: flag.id }).first('subject_id')).subject_id })
    .first('source');
  await t.db('api_keys').where({ source: 'demo-appeals' }).update({ source: subject.source });
  await request(app)
    .post('/api/v1/appeals')
    .set({ Authorization: `Bearer ${key}` })
    .send({ id: 'appeal-1', statementId: statement.public_id, text: 'not spam' })
    .expect(201);
}, 120_000);
afterAll(() => t.close());

describe('transparency report', () => {
  it('counts what direct queries on the seeded data count', async () => {
    const res = await request(app)
      .post('/api/transparency-reports')
      .set(compliance)
      .send({ from: from.toISOString(), to: to.toISOString() })
      .expect(201);
    const r = res.body.result;
    // knex builders differ in type per table; this only adds the period.
    const inPeriod = (q: any, column: string): any => q.where(column, '>=', from).andWhere(column, '<', to);

    const reports: Array<{ reason: string }> = await inPeriod(t.db('reports'), 'received_at').select('reason');
    expect(r.reports.total).toBe(reports.length);
    expect(reports.length).toBeGreaterThan(0);
    for (const reason of new Set(reports.map((x) => x.reason)))
      expect(r.reports.byReason[reason]).toBe(reports.filter((x: { reason: string }) => x.reason === reason).length);

    const human = await inPeriod(t.db('decisions'), 'created_at')
      .whereNotNull('staff_id')
      .whereNull('reverses_decision_id')
      .whereNot({ action: 'escalate' })
      .select('id', 'action', 'reason_code', 'flag_id', 'created_at');
    const automated = await inPeriod(t.db('statements'), 'created_at').where({ kind: 'automated' }).select('actions', 'ground');
    expect(r.decisions).toMatchObject({ human: human.length, automated: automated.length, total: human.length + automated.length });
    expect(automated.length).toBeGreaterThan(0);
    const actions = [...human.map((d: { action: string }) => d.action), ...automated.flatMap((s: { actions: string[] }) => s.actions)];
    expect(Object.values(r.decisions.byAction).reduce((a: number, b) => a + Number(b), 0)).toBe(actions.length);
    expect(r.decisions.byAction.remove).toBe(actions.filter((a) => a === 'remove').length);
    expect(
      r.decisions.byGround.filter((g: { automated: boolean }) => !g.automated).reduce((a: number, g: { n: number }) => a + g.n, 0),
    ).toBe(human.length);

    const flags = new Map(
      (
        await t
          .db('flags')
          .whereIn('id', human.map((d: { flag_id: number }) => d.flag_id).filter(Boolean))
          .select('id', 'created_at')
      ).map((f: { id: number; created_at: Date }) => [f.id, f.created_at]),
    );
    const waits = human
      .filter((d: { flag_id: number | null }) => d.flag_id && flags.has(d.flag_id))
      .map((d: { flag_id: number; created_at: Date }) => (d.created_at.getTime() - flags.get(d.flag_id)!.getTime()) / 1000);
    expect(r.timeToDecision.decided).toBe(waits.length);
    expect(r.timeToDecision.medianHours).toBeCloseTo(percentile(waits, 0.5)! / 3600, 1);
    expect(r.timeToDecision.p90Hours).toBeCloseTo(percentile(waits, 0.9)! / 3600, 1);

    expect(r.appeals).toMatchObject({ filed: 1, open: 1, upheld: 0, rejected: 0 });
    const reversals: Array<{ n: number }> = await inPeriod(t.db('decisions'), 'created_at')
      .whereNotNull('reverses_decision_id')
      .count({ n: '*' });
    expect(r.appeals.reversals).toBe(Number(reversals[0]!.n));

    const cases = await inPeriod(t.db('flags'), 'created_at').where({ queue: 'undisclosed_ad' }).select('id');
    expect(r.undisclosedAds.casesFound).toBe(cases.length);
    const fixes = await t
      .db('decisions')
      .whereIn(
        'flag_id',
        cases.map((c: { id: number }) => c.id),
      )
      .whereIn('action', ['require_disclosure', 'label', 'remove'])
      .whereNull('reversed_at')
      .whereNull('reverses_decision_id')
      .distinct('flag_id');
    expect(r.undisclosedAds.remediated).toBe(fixes.length);
    expect(r.undisclosedAds.remediated).toBeGreaterThan(0);
    const judged: Array<{ n: number }> = await inPeriod(t.db('posts'), 'posted_at')
      .where({ disclosure_status: 'undisclosed' })
      .count({ n: '*' });
    expect(r.undisclosedAds.postsJudgedUndisclosed).toBe(Number(judged[0]!.n));
    expect(
      await t
        .db('audit_log')
        .where({ action: 'transparency_report.create', subject_id: String(res.body.id) })
        .first(),
    ).toBeTruthy();

    const csv = await request(app).get(`/api/transparency-reports/${res.body.id}/csv`).set(compliance).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(`decisions,human,${human.length}`);
    expect(csv.text).toContain(`undisclosed_ads,cases_found,${cases.length}`);
  });

  it('queues a long period as a job whose result equals the direct computation', async () => {
    const longFrom = new Date(now.getTime() - 90 * 86_400_000);
    const res = await request(app)
      .post('/api/transparency-reports')
      .set(compliance)
      .send({ from: longFrom.toISOString(), to: now.toISOString() })
      .expect(202);
    let row = res.body;
    for (let i = 0; i < 120 && row.status !== 'done' && row.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      row = (await request(app).get(`/api/transparency-reports/${res.body.id}`).set(compliance).expect(200)).body;
    }
    expect(row.status).toBe('done');
    const direct = await transparencyReport(t.db, longFrom, now, now);
    expect({ ...row.result, generatedAt: null }).toEqual({ ...direct, generatedAt: null });
  });

  it('refuses a backwards period and other roles', async () => {
    const bad = await request(app)
      .post('/api/transparency-reports')
      .set(compliance)
      .send({ from: now.toISOString(), to: from.toISOString() })
      .expect(400);
    expect(bad.body.errors[0].path).toBe('to');
    // What the console sends when its "To" day is cleared: refused, naming the field, nothing stored.
    const rowsBefore = Number((await t.db('transparency_reports').count({ c: '*' }).first())!.c);
    const cleared = await request(app).post('/api/transparency-reports').set(compliance).send(periodOfDays('2026-10-01', '')).expect(400);
    expect(cleared.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(cleared.body.errors.map((e: { path: string }) => e.path)).toContain('to');
    expect(Number((await t.db('transparency_reports').count({ c: '*' }).first())!.c)).toBe(rowsBefore);
    await request(app)
      .post('/api/transparency-reports')
      .set(moderator)
      .send({ from: from.toISOString(), to: now.toISOString() })
      .expect(403);
  });
});
