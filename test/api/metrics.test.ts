import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import pino from 'pino';
import { createApp, type TrustApp } from '../../api/app';
import { testConfig } from '../../api/config';
import { createAppMetrics } from '../../api/metrics/appMetrics';
import { jobHandlers } from '../../api/jobs/jobHandlers';
import { startJobQueue, type JobQueue } from '../../api/jobs/jobQueue';
import { WEBHOOK_DELIVERY_JOB } from '../../api/webhooks/outbox';
import { QUEUE_NAMES } from '../../rules/policy/events';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { installShippedModel } from '../../api/models/modelRegistry';
import { createTestDb, type TestDb } from '../support/testDb';
import { TEST_PASSWORD, bearerFor, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { samplePost, seedSmallCommunity } from '../support/fixtures';

/** One sample of the Prometheus text format: `name{a="x",b="y"} 12.5`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A line parser for the exposition format; label values here never hold quotes or commas. */
function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)) labels[pair[1]!] = pair[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The value of the one sample with exactly these labels (among others), 0 when the series does not exist yet. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

let t: TestDb;
let app: TrustApp;
let apiKey: string;
let admin: { Authorization: string };
let moderator: { Authorization: string };
let starter: Awaited<ReturnType<typeof installStarterPolicies>>;
let moderatorId: number;
/** The decision the first counting test makes, appealed in a later one. */
let decidedId: number;
const TOKEN = randomBytes(24).toString('hex');
const clock = fixedClock(new Date('2026-11-03T10:00:00Z'));
const metrics = createAppMetrics();
const asScraper = { Authorization: `Bearer ${TOKEN}` };

async function scrape(): Promise<Sample[]> {
  const res = await request(app).get('/metrics').set(asScraper).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(res.text);
}

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  moderatorId = staff.moderator.id;
  await seedSmallCommunity(t.db, staff.moderator.id);
  starter = await installStarterPolicies(t.db, clock.now());
  await installShippedModel(t.db, clock.now());
  app = createApp({
    db: t.db,
    clock,
    metrics,
    logger: pino({ level: 'silent' }),
    config: testConfig({ metricsToken: TOKEN, sessionTtlMs: 30 * 86_400_000 }),
  });
  apiKey = await createApiKey(t.db);
  admin = await bearerFor(app, staff.admin.email);
  moderator = await bearerFor(app, staff.moderator.email);
});
afterAll(() => t.close());

describe('GET /metrics access', () => {
  it('is a 401 problem without the token or a session, and with a wrong token', async () => {
    for (const headers of [{}, { Authorization: `Bearer ${TOKEN.slice(1)}x` }]) {
      const res = await request(app).get('/metrics').set(headers).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('/problems/unauthenticated');
    }
  });

  it('is a 403 problem for a moderator, and open to an admin signed in with a cookie or a bearer session', async () => {
    const denied = await request(app).get('/metrics').set(moderator).expect(403);
    expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
    const login = await request(app).post('/api/auth/login').send({ email: 'admin@test.example', password: TEST_PASSWORD }).expect(200);
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('tc_session='))!
      .split(';')[0]!;
    expect((await request(app).get('/metrics').set('Cookie', cookie).expect(200)).text).toMatch(/^# HELP /m);
    expect((await request(app).get('/metrics').set(admin).expect(200)).text).toMatch(/^trust_open_flags\{/m);
  });

  it('without METRICS_TOKEN configured, a bearer token is not let in however it looks', async () => {
    const other = createApp({ db: t.db, clock, logger: pino({ level: 'silent' }), config: testConfig() });
    await request(other).get('/metrics').set(asScraper).expect(401);
    await request(other).get('/metrics').set({ Authorization: 'Bearer ' }).expect(401);
  });
});

describe('what /metrics counts', () => {
  it('moves the ingestion, decision and request counters by exactly what was done', async () => {
    const before = await scrape();
    const items = [0, 1, 2].map((i) => samplePost(5000 + i, { id: `m-${i}` }));
    await request(app)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${apiKey}` })
      .send({ items })
      .expect(201);
    // The same post again is stored once: a duplicate, answered 200.
    await request(app)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${apiKey}` })
      .send(items[0])
      .expect(200);
    await request(app)
      .post('/api/v1/transactions')
      .set({ Authorization: `Bearer ${apiKey}` })
      .send({
        items: [
          {
            id: 'mo-1',
            buyer: { id: 'u-1' },
            vendor: { id: 'v-1' },
            amountCents: 1200,
            status: 'completed',
            orderedAt: '2026-11-03T09:00:00Z',
          },
        ],
      })
      .expect(201);

    const flag = await t.db('flags').where({ status: 'open', queue: 'fake_review' }).orderBy('id').first();
    clock.advance(90_000);
    const decided = await request(app)
      .post(`/api/flags/${flag.id}/decide`)
      .set(moderator)
      .send({ action: 'remove', reasonCode: 'fake_review' })
      .expect(201);
    decidedId = decided.body.id;
    const waited = (clock.now().getTime() - new Date(flag.created_at).getTime()) / 1000;
    // An anonymous read of a flag is refused in the route's own guard: still labelled with its pattern.
    await request(app).get(`/api/flags/${flag.id}`).expect(401);
    await request(app).get(`/api/no-such-thing/${flag.id}`).set(admin).expect(404);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta('trust_posts_ingested_total', { source: 'testplatform', outcome: 'created' })).toBe(3);
    expect(delta('trust_posts_ingested_total', { source: 'testplatform', outcome: 'duplicate' })).toBe(1);
    expect(delta('trust_transactions_ingested_total', { source: 'testplatform', outcome: 'created' })).toBe(1);
    expect(delta('trust_decisions_total', { action: 'remove' })).toBe(1);
    expect(delta('trust_flag_decision_latency_seconds_count', { queue: 'fake_review' })).toBe(1);
    expect(delta('trust_flag_decision_latency_seconds_sum', { queue: 'fake_review' })).toBeCloseTo(waited, 6);
    // The flag waited longer than a day (the seed is a month old): it lands only in the top buckets.
    expect(delta('trust_flag_decision_latency_seconds_bucket', { queue: 'fake_review', le: '86400' })).toBe(waited <= 86_400 ? 1 : 0);
    expect(delta('trust_flag_decision_latency_seconds_bucket', { queue: 'fake_review', le: '+Inf' })).toBe(1);

    const requests = (route: string, status: string, method: string) =>
      delta('trust_http_request_duration_seconds_count', { route, status, method });
    expect(requests('/api/v1/posts', '201', 'POST')).toBe(1);
    expect(requests('/api/v1/posts', '200', 'POST')).toBe(1);
    expect(requests('/api/v1/transactions', '201', 'POST')).toBe(1);
    expect(requests('/api/flags/:id/decide', '201', 'POST')).toBe(1);
    expect(requests('/api/flags/:id', '401', 'GET')).toBe(1);
    expect(requests('(unmatched)', '404', 'GET')).toBe(1);
    // The previous scrape is counted under its own pattern; no series carries a raw id.
    expect(requests('/metrics', '200', 'GET')).toBeGreaterThanOrEqual(1);
    expect(after.filter((s) => s.labels.route?.includes(String(flag.id)))).toEqual([]);
  });

  it('counts reversals by the original action, from the console and by an upheld appeal, and not as decisions', async () => {
    const before = await scrape();
    const seeded = await t
      .db('decisions')
      .where({ staff_id: moderatorId, action: 'remove' })
      .whereNull('reversed_at')
      .orderBy('id')
      .first();
    await request(app).post(`/api/decisions/${seeded.id}/reverse`).set(admin).send({ reason: 'not a fake review after all' }).expect(201);
    const statement = await t.db('statements').where({ decision_id: decidedId }).first();
    const platform = { Authorization: `Bearer ${apiKey}` };
    await request(app).post('/api/v1/appeals').set(platform).send({ id: 'ap-metrics', statementId: statement.public_id }).expect(201);
    const appeal = await t.db('appeals').where({ external_id: 'ap-metrics' }).first();
    await request(app)
      .post(`/api/appeals/${appeal.id}/decide`)
      .set(admin)
      .send({ outcome: 'upheld', note: 'the review was genuine' })
      .expect(200);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta('trust_decision_reversals_total', { action: 'remove' })).toBe(2);
    expect(delta('trust_decisions_total', { action: 'approve' })).toBe(0);
  });

  it('reports the open flags of every queue as the flag list counts them', async () => {
    const samples = await scrape();
    const queues = new Set([...QUEUE_NAMES, ...((await t.db('flags').distinct('queue')) as Array<{ queue: string }>).map((r) => r.queue)]);
    let open = 0;
    for (const queue of queues) {
      const listed = await request(app)
        .get(`/api/flags?range=[0,0]&filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue }))}`)
        .set(admin)
        .expect(200);
      const total = Number(/\/(\d+)$/.exec(String(listed.headers['content-range']))![1]);
      expect(value(samples, 'trust_open_flags', { queue }), queue).toBe(total);
      open += total;
    }
    expect(open).toBeGreaterThan(0);
  });

  it('reports each published policy version and the classifier in use with the value 1', async () => {
    const published: Array<{ name: string; version: number; mode: string }> = await t
      .db('policies as p')
      .join('policy_versions as v', 'v.id', 'p.published_version_id')
      .where('p.status', 'published')
      .select('p.name', 'v.version', 'v.mode');
    const samples = await scrape();
    const policies = samples.filter((s) => s.name === 'trust_policy_version_info');
    expect(policies.map((s) => s.labels).sort((a, b) => a.policy!.localeCompare(b.policy!))).toEqual(
      published.map((p) => ({ policy: p.name, version: String(p.version), mode: p.mode })).sort((a, b) => a.policy.localeCompare(b.policy)),
    );
    expect(policies.every((s) => s.value === 1)).toBe(true);
    expect(policies.length).toBe(starter.policies);
    const models = await t.db('model_versions').whereIn('status', ['active', 'shadow']).select('version', 'status');
    expect(models.length).toBe(1);
    expect(samples.filter((s) => s.name === 'trust_model_version_info').map((s) => s.labels)).toEqual([
      { version: models[0].version, status: 'active' },
    ]);
    // The process's own metrics come from the same registry.
    expect(value(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts webhook delivery outcomes from the delivery job, with the metrics object the app was given', async () => {
    const before = value(await scrape(), 'trust_webhook_deliveries_total', { outcome: 'skipped' });
    const { handlers } = jobHandlers(t.db, clock, testConfig(), undefined, metrics);
    await handlers[WEBHOOK_DELIVERY_JOB]!({ deliveryId: 987_654 }, { id: 'probe', retryCount: 0, retryLimit: 0 });
    expect(value(await scrape(), 'trust_webhook_deliveries_total', { outcome: 'skipped' }) - before).toBe(1);
  });
});

describe('the Grafana dashboard', () => {
  it('has a panel for every trust_ metric /metrics serves, and asks for no metric it does not serve', async () => {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/grafana/trust-console.json');
    const dashboard = JSON.parse(fs.readFileSync(file, 'utf8')) as { panels: Array<{ type: string; targets?: Array<{ expr: string }> }> };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    // Metric families by their HELP lines, from an app with a job queue (only its backlog is read here) so the job gauges are there.
    const backlogOnly = { backlog: async () => [] } as unknown as JobQueue;
    const withQueue = createApp({
      db: t.db,
      clock,
      jobs: backlogOnly,
      logger: pino({ level: 'silent' }),
      config: testConfig({ metricsToken: TOKEN }),
    });
    const text = (await request(withQueue).get('/metrics').set(asScraper).expect(200)).text;
    const families = new Set(text.split('\n').flatMap((l) => /^# HELP (\S+)/.exec(l)?.[1] ?? []));
    const names = exprs.flatMap((e) => [...e.matchAll(/\b((?:trust|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]!));
    const asked = new Set(names.map((n) => n.replace(/_(bucket|count|sum)$/, '')));
    const served = [...families].filter((f) => f.startsWith('trust_'));
    expect(served.filter((f) => !asked.has(f))).toEqual([]);
    expect([...asked].filter((f) => !families.has(f))).toEqual([]);
    expect(served.sort()).toEqual([
      'trust_decision_reversals_total',
      'trust_decisions_total',
      'trust_flag_decision_latency_seconds',
      'trust_http_request_duration_seconds',
      'trust_job_oldest_due_seconds',
      'trust_job_queue_depth',
      'trust_model_version_info',
      'trust_open_flags',
      'trust_policy_version_info',
      'trust_posts_ingested_total',
      'trust_reads_total',
      'trust_replica_fallbacks_total',
      'trust_replica_lag_bytes',
      'trust_replica_lag_seconds',
      'trust_replica_up',
      'trust_transactions_ingested_total',
      'trust_webhook_deliveries_total',
    ]);
  });
});

describe('job queue gauges', () => {
  let jobs: JobQueue | undefined;
  let release: () => void = () => undefined;
  afterAll(async () => {
    release();
    await jobs?.stop({ graceful: false });
  });

  it('show the jobs waiting and running per queue, and how long the oldest has been due', async () => {
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    jobs = await startJobQueue({
      db: t.db,
      databaseUrl: process.env.DATABASE_URL,
      schema: t.schema ? `${t.schema}_jobs` : 'pgboss',
      logger: pino({ level: 'silent' }),
      pollingIntervalSeconds: 0.5,
      handlers: {
        // One worker, held until the test lets go: the first job runs, the other two wait.
        metrics_probe: async () => {
          started++;
          await gate;
        },
        metrics_idle: async () => undefined,
      },
    });
    const withJobs = createApp({ db: t.db, clock, jobs, logger: pino({ level: 'silent' }), config: testConfig({ metricsToken: TOKEN }) });
    for (let i = 0; i < 3; i++) await jobs.send('metrics_probe', { i });
    const until = Date.now() + 20_000;
    while (started < 1) {
      if (Date.now() > until) throw new Error('the probe job never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    const samples = parseMetrics((await request(withJobs).get('/metrics').set(asScraper).expect(200)).text);
    expect(value(samples, 'trust_job_queue_depth', { queue: 'metrics_probe', state: 'active' })).toBe(1);
    expect(value(samples, 'trust_job_queue_depth', { queue: 'metrics_probe', state: 'waiting' })).toBe(2);
    expect(value(samples, 'trust_job_oldest_due_seconds', { queue: 'metrics_probe' })).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'trust_job_queue_depth', { queue: 'metrics_idle', state: 'waiting' })).toBe(0);
    expect(samples.some((s) => s.name === 'trust_job_queue_depth' && s.labels.queue === 'metrics_idle')).toBe(true);
    expect(started).toBe(1);
  });
});
