import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp, createStaff, bearerFor } from '../support/testApp';
import { seedDemoCommunity } from '../../api/seed/seedDemo';
import { resetDemoStaff, DEMO_STAFF } from '../../api/seed/demoStaff';
import { verifyAuditChain } from '../../api/audit/auditLog';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { createPolicyRuntime } from '../../api/policies/policyRuntime';

let t: TestDb;
const now = new Date('2026-11-25T10:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('demo seed', () => {
  // Seeds the whole demo community, twice: tens of seconds when the machine is loaded.
  it('writes the community once; a second run writes nothing', async () => {
    await resetDemoStaff(t.db, now);
    expect((await installStarterPolicies(t.db, now)).installed).toBe(true);
    expect((await installStarterPolicies(t.db, now)).installed).toBe(false);
    const first = await seedDemoCommunity(t.db, { now, engine: { runtime: createPolicyRuntime() } });
    expect(first.seeded).toBe(true);
    expect(first.accounts).toBeGreaterThanOrEqual(60);
    expect(first.posts).toBeGreaterThanOrEqual(3000);
    expect(first.transactions).toBeGreaterThanOrEqual(400);
    expect(first.openFlags).toBeGreaterThan(30);
    expect(first.decisions).toBeGreaterThan(100);
    const second = await seedDemoCommunity(t.db, { now: new Date(now.getTime() + 86_400_000) });
    expect(second).toEqual({ ...first, seeded: false });
  }, 120_000);

  it('backs every reported flag with member reports whose counts, weights and outcomes agree', async () => {
    const reported = await t.db('flags').where({ source: 'report' }).select('id', 'status', 'report_count', 'report_weight');
    expect(reported.length).toBeGreaterThan(20);
    const perFlag = await t
      .db('reports')
      .groupBy('flag_id')
      .select('flag_id', t.db.raw('count(*)::int as n'), t.db.raw('sum(weight) as w'));
    const byFlag = new Map(perFlag.map((r: { flag_id: number; n: number; w: number }) => [r.flag_id, r]));
    for (const f of reported) {
      const r = byFlag.get(f.id);
      expect(r?.n ?? 0, `flag ${f.id}`).toBe(f.report_count);
      expect(Number(r?.w ?? 0)).toBeCloseTo(Number(f.report_weight), 9);
    }
    // A report is resolved exactly when its flag's decision exists, and agrees with it.
    const mismatched = await t
      .db('reports as r')
      .leftJoin('decisions as d', 'd.id', 'r.decision_id')
      .where((q) => q.where('r.outcome', 'pending').whereNotNull('r.decision_id'))
      .orWhere((q) => q.whereNot('r.outcome', 'pending').whereNull('r.decision_id'))
      .orWhere((q) => q.where('r.outcome', 'upheld').andWhere('d.action', 'approve'))
      .orWhere((q) => q.where('r.outcome', 'rejected').andWhereNot('d.action', 'approve'))
      .count({ c: '*' })
      .first();
    expect(Number(mismatched!.c)).toBe(0);
    // Each member's record as a reporter is the count of their resolved reports.
    const records = await t
      .db('accounts as a')
      .leftJoin('reports as r', 'r.reporter_id', 'a.id')
      .groupBy('a.id', 'a.reports_upheld', 'a.reports_rejected')
      .select(
        'a.id',
        'a.reports_upheld',
        'a.reports_rejected',
        t.db.raw("count(*) filter (where r.outcome = 'upheld')::int as upheld"),
        t.db.raw("count(*) filter (where r.outcome = 'rejected')::int as rejected"),
      );
    for (const a of records) expect([a.reports_upheld, a.reports_rejected], `account ${a.id}`).toEqual([a.upheld, a.rejected]);
    expect(records.some((a: { upheld: number }) => a.upheld > 0)).toBe(true);
  });

  it('leaves items consistent with their decisions', async () => {
    const removedWithoutDecision = await t
      .db('posts as p')
      .where('p.status', 'removed')
      .whereNotExists(
        t.db('decisions as d').whereRaw('d.subject_id = p.id').andWhere('d.subject_type', 'post').andWhere('d.action', 'remove'),
      )
      .count({ c: '*' })
      .first();
    expect(Number(removedWithoutDecision!.c)).toBe(0);
    const decidedWithoutDecision = await t
      .db('flags as f')
      .where('f.status', 'decided')
      .whereNotExists(t.db('decisions as d').whereRaw('d.flag_id = f.id'))
      .count({ c: '*' })
      .first();
    expect(Number(decidedWithoutDecision!.c)).toBe(0);
    const openQueues = (await t.db('flags').where({ status: 'open' }).distinct('queue')).map((r: { queue: string }) => r.queue);
    expect(openQueues.length).toBeGreaterThanOrEqual(5);
    const twoOpen = await t
      .db('flags')
      .where({ status: 'open' })
      .groupBy('subject_type', 'subject_id', 'queue')
      .havingRaw('count(*) > 1')
      .select('subject_id');
    expect(twoOpen).toEqual([]);
  });

  it('ran the starter policies over the community as it came in', async () => {
    const byRule = await t.db('rule_hits').groupBy('rule_name').select('rule_name').count({ c: '*' });
    const hits = Object.fromEntries((byRule as Array<{ rule_name: string; c: number }>).map((r) => [r.rule_name, Number(r.c)]));
    for (const rule of [
      'contact-handle-with-invite',
      'off-platform-payment-request',
      'counterfeit-terms',
      'review-burst-new-accounts',
      'identical-comments-many-accounts',
      'undisclosed-commercial-post',
      'new-buyer-large-order',
    ]) {
      expect(hits[rule], rule).toBeGreaterThan(0);
    }
    expect(Number((await t.db('flags').where({ source: 'rule' }).count({ c: '*' }).first())!.c)).toBeGreaterThan(20);
  });

  it('marks orders referred by undisclosed ads, and only those', async () => {
    const marked = await t
      .db('transactions as t')
      .join('posts as p', 'p.id', 't.referral_post_id')
      .where('t.referral_undisclosed', true)
      .select('p.disclosure_status');
    expect(marked.length).toBeGreaterThan(0);
    expect(new Set(marked.map((m: { disclosure_status: string }) => m.disclosure_status))).toEqual(new Set(['undisclosed']));
    const missed = await t
      .db('transactions as t')
      .join('posts as p', 'p.id', 't.referral_post_id')
      .where('p.disclosure_status', 'undisclosed')
      .andWhere('t.referral_undisclosed', false)
      .count({ c: '*' })
      .first();
    expect(Number(missed!.c)).toBe(0);
  });

  it('has bilingual posts, referral orders and partnered creators', async () => {
    const langs = (await t.db('posts').distinct('lang')).map((r: { lang: string }) => r.lang).sort();
    expect(langs).toEqual(['en', 'zh']);
    const referred = await t.db('transactions').whereNotNull('referral_post_id').count({ c: '*' }).first();
    expect(Number(referred!.c)).toBeGreaterThan(100);
    const types = (await t.db('accounts').distinct('type')).map((r: { type: string }) => r.type).sort();
    expect(types).toEqual(['brand', 'creator', 'member', 'vendor']);
  });

  it('gives every demo role a working sign-in, and new passwords on the next start', async () => {
    const creds = await resetDemoStaff(t.db, now);
    expect(creds.map((c) => c.email)).toEqual(DEMO_STAFF.map((s) => s.email));
    const app = buildApp(t.db);
    for (const c of creds) await request(app).post('/api/auth/login').send({ email: c.email, password: c.password }).expect(200);
    const again = await resetDemoStaff(t.db, now);
    await request(app).post('/api/auth/login').send({ email: creds[0]!.email, password: creds[0]!.password }).expect(401);
    await request(app).post('/api/auth/login').send({ email: again[0]!.email, password: again[0]!.password }).expect(200);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('serves the seeded flags through the API in priority order', async () => {
    const staff = await createStaff(t.db);
    const app = buildApp(t.db);
    const auth = await bearerFor(app, staff.moderator.email);
    const res = await request(app)
      .get(
        `/api/flags?sort=${encodeURIComponent('["priority","DESC"]')}&range=${encodeURIComponent('[0,9]')}&filter=${encodeURIComponent('{"status":"open"}')}`,
      )
      .set(auth)
      .expect(200);
    const priorities = res.body.map((f: { priority: number }) => f.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });
});
