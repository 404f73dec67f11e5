import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff, fixedClock } from '../support/testApp';
import { startJobQueue, type JobQueue } from '../../api/jobs/jobQueue';
import { BACKTEST_JOB, executeBacktest } from '../../api/backtests/backtestService';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { createPolicyRuntime, buildEvaluator, loadBrands, loadLists } from '../../api/policies/policyRuntime';
import { seedDemoCommunity } from '../../api/seed/seedDemo';
import { resetDemoStaff } from '../../api/seed/demoStaff';
import { judgePostsPure } from '../../api/policies/judge';
import { storedPost } from '../../api/policies/dryRun';
import type { PolicyDocument } from '../../rules/policy/document';
import { createTrustApp } from '../support/trustApp';

let t: TestDb;
let app: TrustApp;
let jobs: JobQueue;
let manager: { Authorization: string };
const now = new Date('2026-11-25T10:00:00Z');
const clock = fixedClock(now);

beforeAll(async () => {
  t = await createTestDb();
  await resetDemoStaff(t.db, now);
  const staff = await createStaff(t.db);
  await installStarterPolicies(t.db, now);
  await seedDemoCommunity(t.db, { now, engine: { runtime: createPolicyRuntime() } });
  jobs = await startJobQueue({
    db: t.db,
    databaseUrl: process.env.DATABASE_URL,
    schema: t.schema ? `${t.schema}_jobs` : 'pgboss',
    logger: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
    handlers: { [BACKTEST_JOB]: (data) => executeBacktest(t.db, clock, Number(data.id)) },
  });
  t.onClose(() => jobs.stop());
  app = createTrustApp(t.db, { clock, jobs });
  manager = await bearerFor(app, staff.community_manager.email);
}, 120_000);
afterAll(() => t.close());

async function waitFor(id: number) {
  for (let i = 0; i < 240; i++) {
    const res = await request(app).get(`/api/backtests/${id}`).set(manager).expect(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('backtest did not finish');
}

describe('backtests', () => {
  it('runs a draft over stored posts as a job, with progress, matching what live judging says item by item', async () => {
    const policy = await t.db('policies').where({ name: 'Contact harvesting' }).first();
    const draft: PolicyDocument = structuredClone(policy.draft);
    // Stricter than the version in force: any contact handle at all.
    draft.rules[1]!.conditions = { all: [{ fact: 'contactCount', operator: 'greaterThan', value: 0 }] };
    const from = new Date(now.getTime() - 30 * 86_400_000);
    const started = await request(app).post('/api/backtests').set(manager).send({ policyId: policy.id, document: draft, from: from.toISOString(), to: now.toISOString() }).expect(202);
    expect(started.body.status).toBe('queued');
    const done = await waitFor(started.body.id);
    expect(done.status).toBe('done');
    expect(done.processed).toBe(done.total);
    const result = done.result;

    // The same posts, judged one by one with live (SQL) context: the backtest must agree exactly.
    const ids = (await t.db('posts').where('posted_at', '>=', from).andWhere('posted_at', '<', now).orderBy('id').select('id')).map((r: { id: number }) => r.id);
    expect(result.items).toBe(ids.length);
    const lists = await loadLists(t.db);
    const brands = await loadBrands(t.db);
    const published = await t.db('policy_versions').where({ id: policy.published_version_id }).first();
    const as = (doc: PolicyDocument) => ({ lists, brands, policies: [{ policyId: 0, versionId: 0, name: 'x', mode: 'enforce' as const, evaluator: buildEvaluator(doc, lists) }] });
    const perRule = new Map<string, number>();
    let newly = 0;
    let gone = 0;
    for (let i = 0; i < ids.length; i += 400) {
      const subjects = await Promise.all(ids.slice(i, i + 400).map((id) => storedPost(t.db, id)));
      const live = await judgePostsPure(t.db, as(draft), subjects as never, undefined);
      const livePublished = await judgePostsPure(t.db, as(published.document), subjects as never, undefined);
      live.forEach((j, k) => {
        for (const h of j.hits) perRule.set(h.rule, (perRule.get(h.rule) ?? 0) + 1);
        const a = j.hits.length > 0;
        const b = livePublished[k]!.hits.length > 0;
        if (a && !b) newly++;
        if (!a && b) gone++;
      });
    }
    for (const r of result.draft.rules) expect(r.matches, r.rule).toBe(perRule.get(r.rule) ?? 0);
    expect(result.diff.newlyMatched).toBe(newly);
    expect(result.diff.noLongerMatched).toBe(gone);
    expect(newly).toBeGreaterThan(0);
    expect(result.byDay.reduce((s: number, d: { items: number }) => s + d.items, 0)).toBe(ids.length);
    // Moderators' decisions: the draft catches contact harvesting they upheld.
    expect(result.decisions.caughtUpheld).toBeGreaterThan(0);
    expect(result.decisions.caughtUpheld + result.decisions.missedUpheld).toBe(result.decisions.upheld);
    const audit = await t.db('audit_log').where({ action: 'backtest.start' }).first();
    expect(audit.detail.backtestId).toBe(started.body.id);
  });

  it('backtests order policies too', async () => {
    const policy = await t.db('policies').where({ name: 'New account, high-value order' }).first();
    const started = await request(app).post('/api/backtests').set(manager).send({ policyId: policy.id, from: '2026-09-01T00:00:00Z', to: now.toISOString() }).expect(202);
    const done = await waitFor(started.body.id);
    expect(done.status).toBe('done');
    expect(done.result.items).toBe(Number((await t.db('transactions').where('ordered_at', '>=', new Date('2026-09-01T00:00:00Z')).andWhere('ordered_at', '<', now).count({ c: '*' }).first())!.c));
    expect(done.result.draft.rules.find((r: { rule: string }) => r.rule === 'new-buyer-large-order').matches).toBeGreaterThan(0);
    // The draft is the version in force: nothing changes.
    expect(done.result.diff).toMatchObject({ newlyMatched: 0, noLongerMatched: 0 });
  });

  it('refuses bad requests without queueing anything', async () => {
    const before = Number((await t.db('backtests').count({ c: '*' }).first())!.c);
    const policy = await t.db('policies').first('id');
    const reversed = await request(app).post('/api/backtests').set(manager).send({ policyId: policy.id, from: now.toISOString(), to: '2026-01-01T00:00:00Z' }).expect(400);
    expect(reversed.body.errors[0].path).toBe('to');
    const unknown = await request(app).post('/api/backtests').set(manager).send({ policyId: 999999, from: '2026-01-01T00:00:00Z', to: now.toISOString() }).expect(400);
    expect(unknown.body.errors[0].path).toBe('policyId');
    const badDoc = await request(app).post('/api/backtests').set(manager).send({ policyId: policy.id, document: { rules: [{ name: 'x' }] }, from: '2026-01-01T00:00:00Z', to: now.toISOString() }).expect(400);
    expect(badDoc.body.errors[0].path).toMatch(/^document\.rules\[0\]/);
    expect(Number((await t.db('backtests').count({ c: '*' }).first())!.c)).toBe(before);
  });
});
