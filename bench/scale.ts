/*
 * npm run bench:scale — the cost curve. Loads BENCH_SCALE_SIZES posts (default 1,000,000, 3,000,000,
 * 10,000,000) into a fresh PostgreSQL database `bench_scale`, at a constant 33,333 posts a day, so
 * a bigger size is a longer history in more monthly partitions (as a platform grows older), with
 * flags on 2% of posts and rule hits on 6%. Flags are open only for the last 3 days' posts: a
 * backlog is bounded by moderators' throughput, not by the age of the platform. Rows are made by
 * the server itself (insert … select from generate_series, one statement per 250,000 posts: no
 * round trip per row). At each size it measures, through the API over loopback:
 *   - single-post ingestion (POST /api/v1/posts, one at a time) p50 and p99,
 *   - the queue page (first 25 open flags of a queue by priority) p95,
 *   - a post's page (the post with its rule hits) p95,
 *   - a post found by (source, external id), as the console's filter does, p95,
 *   - the dashboard (30 days) p50 and p95, with EXPLAIN ANALYZE of each of its statements,
 *   - a backtest over the last BENCH_SCALE_BACKTEST_HOURS (default 24), in seconds,
 *   - ingestion in batches of 100 (fully scored), posts/s,
 *   - partition pruning: the partitions a one-month posts query reads, of all posts partitions,
 * then prints each figure's ratio to the first size (the cost curve) and the last-line JSON.
 * BENCH_SCALE_KEEP=1 keeps the database afterwards.
 */
import type { AddressInfo } from 'node:net';
import knexFactory from 'knex';
import pino from 'pino';
import { createApp } from '../api/app';
import { testConfig } from '../api/config';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrate';
import { sqlArray } from '../api/db/sqlArray';
import { ensurePartitions } from '../api/db/partitions';
import { ingestPosts } from '../api/ingest/ingestPosts';
import { postInputSchema } from '../contract/schemas/ingest';
import { createPolicyRuntime } from '../api/policies/policyRuntime';
import { installStarterPolicies } from '../api/policies/starterInstall';
import { runBacktest } from '../api/backtests/runBacktest';
import { hashPassword } from '../api/auth/password';
import { newApiKey } from '../api/auth/tokens';
import { dashboardStatements } from '../api/stats/dashboardStats';
import { buildDemoCommunity } from '../api/seed/demoCommunity';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';
import { textFingerprint } from '../rules/facts/textFacts';
import { backfillMaskedCopies, masked } from '../api/privacy/maskedText';
import { STARTER_POLICIES } from '../rules/starter/policies';
import { percentile, report, round } from './report';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_scale';
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000000,3000000,10000000').split(',').map(Number);
const PER_DAY = 33_333;
const CHUNK = 250_000;
const NOW = new Date('2026-11-25T00:00:00Z');
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 40);
// The backtest's window (it reads a day more before it, for the velocity windows); a day by default.
const BACKTEST_HOURS = Number(process.env.BENCH_SCALE_BACKTEST_HOURS ?? 24);
const PASSWORD = 'bench scale password';

interface Figures {
  posts: number;
  loadSeconds: number;
  loadPostsPerS: number;
  startupMaskScanMs: number;
  singleIngestP50Ms: number;
  singleIngestP99Ms: number;
  queueP95Ms: number;
  postPageP95Ms: number;
  lookupP95Ms: number;
  dashboardP50Ms: number;
  dashboardP95Ms: number;
  backtestDaySeconds: number;
  backtestDayPosts: number;
  ingestPostsPerS: number;
  monthPartitionsRead: number;
  postsPartitions: number;
  databaseBytes: number;
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  // BENCH_SCALE_REUSE=1 measures again on a database a BENCH_SCALE_KEEP=1 run left (a fix's before/after on the same rows).
  const reuse =
    process.env.BENCH_SCALE_REUSE === '1' && (await admin.raw('select 1 from pg_database where datname = ?', [DB_NAME])).rows.length > 0;
  if (!reuse) {
    await admin.raw(`drop database if exists ${DB_NAME}`);
    await admin.raw(`create database ${DB_NAME}`);
  }
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  // A key of its own: the bench's audit rows are thrown away with its database.
  const db = connectDatabase({ databaseUrl: url, poolMax: 8, auditKey: 'bench-scale-audit-key' });
  await migrateToLatest(db);
  if (!reuse) await installStarterPolicies(db, NOW);
  const scorer = await loadOnnxScorer();
  const runtime = createPolicyRuntime();

  // Accounts, texts and products from the demo generator.
  const community = buildDemoCommunity({ seed: 1, anchor: NOW });
  if (!reuse)
    await db('accounts').insert(
      community.accounts.map((a, i) => ({
        source: 'bench',
        external_id: a.id,
        handle: a.handle ?? a.id,
        display_name: a.displayName ?? null,
        type: a.type ?? 'member',
        locale: a.locale ?? 'zh',
        joined_at: a.joinedAt ?? NOW,
        ingested_at: NOW,
        reputation_score: 20 + ((i * 37) % 80),
      })),
    );
  const accountIds = (await db('accounts').orderBy('id').pluck('id')) as number[];
  const pool = community.posts.map((p) => ({
    title: p.title ?? null,
    body: p.body,
    titleMasked: masked(p.title ?? null),
    bodyMasked: masked(p.body),
    hash: textFingerprint(p.title ? `${p.title}\n${p.body}` : p.body),
  }));
  const version = Number((await db('policy_versions').orderBy('id').first('id'))!.id);
  const ingestKey = newApiKey();
  await db('api_keys').insert({
    name: 'bench single key',
    source: 'bench-single',
    prefix: ingestKey.prefix,
    key_hash: ingestKey.hash,
    created_at: NOW,
  });
  const moderator = reuse
    ? await db('staff').where({ email: 'moderator@bench.example' }).first('id')
    : (
        await db('staff')
          .insert({
            email: 'moderator@bench.example',
            display_name: 'bench',
            role: 'moderator',
            password_hash: await hashPassword(PASSWORD),
            created_at: NOW,
          })
          .returning('id')
      )[0];

  // Post i (1-based) was posted i × (1 day / PER_DAY) before NOW: growing adds older history.
  async function loadUpTo(from: number, to: number) {
    const loadStart = performance.now();
    const oldest = new Date(NOW.getTime() - (to / PER_DAY) * 86_400_000);
    for (
      let m = new Date(Date.UTC(oldest.getUTCFullYear(), oldest.getUTCMonth(), 1));
      m < NOW;
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))
    ) {
      await db.raw('select ensure_month_partition(?, ?::date)', ['posts', m.toISOString().slice(0, 10)]);
      await db.raw('select ensure_month_partition(?, ?::date)', ['rule_hits', m.toISOString().slice(0, 10)]);
    }
    for (let lo = from; lo <= to; lo += CHUNK) {
      const hi = Math.min(to, lo + CHUNK - 1);
      const idsAfter = Number((await db('post_keys').max({ m: 'post_id' }).first())!.m ?? 0);
      const flagsAfter = Number((await db('flags').max({ m: 'id' }).first())!.m ?? 0);
      await db.raw(
        `insert into posts (source, external_id, kind, author_id, board, title, body, title_masked, body_masked, lang, platform_label, reach, status, spam_score, promo_score, disclosure_status, posted_at, ingested_at, text_hash)
         select 'bench', 'b-' || i, (array['thread','reply','reply','reply','review','live_comment'])[1 + i % 6],
                (?::bigint[])[1 + (i * 7919) % ?], (array['digital','beauty','outdoor','home','parenting','food'])[1 + i % 6],
                (?::text[])[1 + (i * 104729) % ?], (?::text[])[1 + (i * 104729) % ?],
                (?::text[])[1 + (i * 104729) % ?], (?::text[])[1 + (i * 104729) % ?], 'zh', i % 50 = 0, (i * 31) % 20000, 'visible',
                ((i * 13) % 100) / 100.0, ((i * 29) % 100) / 100.0, (array['not_commercial','not_commercial','not_commercial','disclosed','undisclosed'])[1 + i % 5],
                ?::timestamptz - make_interval(secs => i * (86400.0 / ?)), ?::timestamptz - make_interval(secs => i * (86400.0 / ?)),
                (?::text[])[1 + (i * 104729) % ?]
         from generate_series(?::bigint, ?::bigint) as i`,
        [
          sqlArray(accountIds),
          accountIds.length,
          sqlArray(pool.map((p) => p.title)),
          pool.length,
          sqlArray(pool.map((p) => p.body)),
          pool.length,
          sqlArray(pool.map((p) => p.titleMasked)),
          pool.length,
          sqlArray(pool.map((p) => p.bodyMasked)),
          pool.length,
          NOW,
          PER_DAY,
          NOW,
          PER_DAY,
          sqlArray(pool.map((p) => p.hash)),
          pool.length,
          lo,
          hi,
        ],
      );
      // This chunk's posts: new ids, in the chunk's time range (so only its months are read).
      const newest = new Date(NOW.getTime() - ((lo - 1) / PER_DAY) * 86_400_000).toISOString();
      const oldestInChunk = new Date(NOW.getTime() - ((hi + 1) / PER_DAY) * 86_400_000).toISOString();
      const chunk = `p.id > ${idsAfter} and p.posted_at >= '${oldestInChunk}' and p.posted_at <= '${newest}'`;
      // Rule hits on 6% of posts, flags on 2%: a quarter open, the rest decided.
      await db.raw(
        `insert into rule_hits (policy_version_id, subject_type, subject_id, rule_name, event_type, event_params, explanation, mode, created_at)
         select ?, 'post', p.id, 'contact-handle-with-invite', 'flag', '{"queue":"contact_harvesting","priority":65}'::jsonb,
                '{"conditions":[{"fact":"contactCount","operator":"greaterThan","value":0,"factValue":1,"result":true}]}'::jsonb, 'enforce', p.posted_at
         from posts p where ${chunk} and p.id % 50 < 3`,
        [version],
      );
      await db.raw(
        `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, policy_version_id, created_at, decided_at)
         select 'post', p.id, (array['contact_harvesting','spam','scam','undisclosed_ad'])[1 + p.id % 4], (p.id * 7) % 100,
                case when p.id % 200 < 1 and p.posted_at > ?::timestamptz - interval '3 days' then 'open' else 'decided' end, 'rule', 'bench', ?, p.posted_at,
                case when p.id % 200 < 1 and p.posted_at > ?::timestamptz - interval '3 days' then null else p.posted_at + interval '2 hours' end
         from posts p where ${chunk} and p.id % 50 = 0`,
        [NOW, version, NOW],
      );
      await db.raw(
        `insert into decisions (flag_id, subject_type, subject_id, action, reason_code, staff_id, created_at)
         select f.id, f.subject_type, f.subject_id, case when f.id % 3 = 0 then 'approve' else 'remove' end, 'bench', ?, f.decided_at
         from flags f where f.id > ${flagsAfter} and f.status = 'decided'`,
        [moderator.id],
      );
      process.stderr.write(`  loaded ${hi} posts (${Math.round((performance.now() - loadStart) / 1000)} s)\n`);
    }
    await db.raw('analyze');
  }

  const app = createApp({
    db,
    clock: { now: () => NOW },
    logger: pino({ level: 'silent' }),
    config: testConfig({ ingestRateLimit: 1e9 }),
    scorer,
    policyRuntime: runtime,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'moderator@bench.example', password: PASSWORD, mode: 'token' }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };

  async function timings(paths: () => string, n = SAMPLES): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${paths()}`, { headers: auth });
      const answer = await res.text();
      if (res.status !== 200) throw new Error(`${paths()} answered ${res.status}: ${answer}`);
      if (i >= 3) times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  }
  const p95 = async (paths: () => string, n = SAMPLES) => percentile(await timings(paths, n), 95);

  // One post at a time through the ingestion endpoint, as a platform's webhook would send them.
  async function singleIngest(n: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      singles++;
      const t = pool[(singles * 7) % pool.length]!;
      const body = {
        id: `single-${singles}`,
        kind: 'thread',
        author: { id: `single-author-${singles % 300}` },
        board: 'beauty',
        ...(t.title ? { title: t.title } : {}),
        body: t.body,
        postedAt: new Date(NOW.getTime() - 600_000).toISOString(),
      };
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/posts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': ingestKey.key },
        body: JSON.stringify(body),
      });
      const answer = await res.text();
      if (res.status !== 201) throw new Error(`single ingest answered ${res.status}: ${answer}`);
      if (i >= 5) times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  }

  // The dashboard's statements one by one, as the endpoint runs them, to see which one grows.
  async function explainDashboard(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const st of dashboardStatements(new Date(NOW.getTime() - 30 * 86_400_000))) {
      const plan = (await db.raw(`explain (analyze, format json) ${st.sql}`, st.bindings as never[])).rows[0]['QUERY PLAN'][0];
      out[st.name] = round(plan['Execution Time'], 1);
    }
    return out;
  }

  // Which posts partitions a query over one month reads (EXPLAIN without ANALYZE: the plan's scans).
  async function monthPruning(): Promise<{ read: string[]; all: number }> {
    const lo = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 1, 1));
    const hi = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 1));
    const plan = JSON.stringify(
      (await db.raw(`explain (format json) select count(*) from posts where posted_at >= ? and posted_at < ?`, [lo, hi])).rows[0][
        'QUERY PLAN'
      ],
    );
    const read = [...new Set([...plan.matchAll(/"Relation Name":"([^"]+)"/g)].map((m) => m[1]!))];
    const all = Number((await db.raw(`select count(*) as n from pg_inherits where inhparent = 'posts'::regclass`)).rows[0].n);
    return { read, all };
  }

  let loaded = reuse ? Number((await db('post_keys').where({ source: 'bench' }).count({ n: '*' }).first())!.n) : 0;
  let ingested = reuse ? Number((await db('post_keys').where({ source: 'bench-new' }).count({ n: '*' }).first())!.n) : 0;
  let singles = reuse ? Number((await db('post_keys').where({ source: 'bench-single' }).count({ n: '*' }).first())!.n) : 0;
  const results: Figures[] = [];
  const explained: Array<Record<string, number>> = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    if (size > loaded) await loadUpTo(loaded + 1, size);
    const addedPosts = size - loaded;
    loaded = size;
    const loadSeconds = (performance.now() - t0) / 1000;
    // Every start runs migrateToLatest, which looks for rows lacking masked copies (none here).
    const tm = performance.now();
    await backfillMaskedCopies(db);
    const startupMaskScanMs = performance.now() - tm;
    const singleTimes = await singleIngest(Math.max(50, SAMPLES * 5));
    const queues = ['contact_harvesting', 'spam', 'scam', 'undisclosed_ad'];
    let q = 0;
    const queueP95Ms = await p95(
      () =>
        `/api/flags?sort=${encodeURIComponent('["priority","DESC"]')}&range=[0,24]&filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue: queues[q++ % 4] }))}`,
    );
    // Posts from anywhere in the history.
    const sample = (await db.raw('select id, external_id from posts tablesample system (0.1) limit 500')).rows as Array<{
      id: number;
      external_id: string;
    }>;
    let k = 0;
    const postPageP95Ms = await p95(() => `/api/posts/${sample[k++ % sample.length]!.id}`);
    const lookupP95Ms = await p95(
      () =>
        `/api/posts?range=[0,24]&filter=${encodeURIComponent(JSON.stringify({ source: 'bench', externalId: sample[k++ % sample.length]!.external_id }))}`,
    );
    const dashboardTimes = await timings(() => '/api/stats/dashboard?days=30', Math.max(5, Math.floor(SAMPLES / 4)));
    const dashboardStatementsMs = await explainDashboard();
    process.stderr.write(`  dashboard statements (EXPLAIN ANALYZE ms): ${JSON.stringify(dashboardStatementsMs)}\n`);
    const pruning = await monthPruning();
    process.stderr.write(`  one month of posts reads ${pruning.read.join(', ')} of ${pruning.all} posts partitions\n`);
    // Ingestion: 2 connections, 20 batches of 100 each, judged with the classifier and the starter policies.
    const ti = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let b = 0; b < 20; b++) {
          const items = Array.from({ length: 100 }, () => {
            ingested++;
            const t = pool[ingested % pool.length]!;
            return postInputSchema.parse({
              id: `new-${ingested}`,
              kind: 'thread',
              author: { id: `new-author-${ingested % 500}` },
              board: 'digital',
              ...(t.title ? { title: t.title } : {}),
              body: t.body,
              postedAt: new Date(NOW.getTime() - 3600_000 + (ingested % 3600) * 1000).toISOString(),
            });
          });
          await ingestPosts(db, 'bench-new', items, NOW, { runtime, scorer });
        }
      }),
    );
    const ingestPostsPerS = 4000 / ((performance.now() - ti) / 1000);
    process.stderr.write(
      `  at ${size}: ingest 1 p50 ${round(percentile(singleTimes, 50), 1)} p99 ${round(percentile(singleTimes, 99), 1)} ms, queue p95 ${round(queueP95Ms, 1)}, ` +
        `post p95 ${round(postPageP95Ms, 1)}, by ext id p95 ${round(lookupP95Ms, 1)}, dashboard p50 ${round(percentile(dashboardTimes, 50), 0)} p95 ${round(percentile(dashboardTimes, 95), 0)} ms, ` +
        `batches ${Math.round(ingestPostsPerS)} posts/s, start-up mask scan ${Math.round(startupMaskScanMs)} ms\n`,
    );
    const contact = STARTER_POLICIES.find((p) => p.name === 'Contact harvesting')!.document;
    const tb = performance.now();
    const bt = await runBacktest(
      db,
      { subject: 'post', document: contact, compareWith: null, from: new Date(NOW.getTime() - BACKTEST_HOURS * 3600_000), to: NOW },
      async () => undefined,
    );
    const backtestDaySeconds = (performance.now() - tb) / 1000;
    process.stderr.write(`  backtest of ${BACKTEST_HOURS} h: ${round(backtestDaySeconds, 2)} s (${bt.items} posts)\n`);
    const databaseBytes = Number((await db.raw('select pg_database_size(current_database()) as n')).rows[0].n);
    results.push({
      posts: size,
      loadSeconds,
      startupMaskScanMs,
      loadPostsPerS: addedPosts / loadSeconds,
      singleIngestP50Ms: percentile(singleTimes, 50),
      singleIngestP99Ms: percentile(singleTimes, 99),
      queueP95Ms,
      postPageP95Ms,
      lookupP95Ms,
      dashboardP50Ms: percentile(dashboardTimes, 50),
      dashboardP95Ms: percentile(dashboardTimes, 95),
      backtestDaySeconds,
      backtestDayPosts: bt.items,
      ingestPostsPerS,
      monthPartitionsRead: pruning.read.length,
      postsPartitions: pruning.all,
      databaseBytes,
    });
    explained.push({ posts: size, ...dashboardStatementsMs });
    process.stderr.write(`  measured at ${size}\n`);
  }
  server.close();
  await ensurePartitions(db, NOW).catch(() => undefined);
  await db.destroy();
  if (process.env.BENCH_SCALE_KEEP !== '1') await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.destroy();

  const first = results[0]!;
  const cols: Array<[keyof Figures, string, number]> = [
    ['singleIngestP50Ms', 'ingest 1 p50 ms', 1],
    ['singleIngestP99Ms', 'ingest 1 p99 ms', 1],
    ['queueP95Ms', 'queue p95 ms', 1],
    ['postPageP95Ms', 'post p95 ms', 1],
    ['lookupP95Ms', 'by ext id p95 ms', 1],
    ['dashboardP50Ms', 'dash p50 ms', 0],
    ['dashboardP95Ms', 'dash p95 ms', 0],
    ['backtestDaySeconds', `backtest ${BACKTEST_HOURS} h s`, 2],
    ['ingestPostsPerS', 'batch posts/s', 0],
    ['startupMaskScanMs', 'start-up mask scan ms', 0],
  ];
  const ratio = (r: Figures, k: keyof Figures) => round(r[k] / first[k], 2);
  const lines = results.map(
    (r) =>
      `${String(r.posts).padStart(9)} posts (${round(r.databaseBytes / 2 ** 30, 2)} GiB, +${round(r.loadSeconds, 0)} s to load at ${Math.round(r.loadPostsPerS)} posts/s; ` +
      `a month of posts reads ${r.monthPartitionsRead} of ${r.postsPartitions} partitions): ` +
      cols.map(([k, label, d]) => `${label} ${round(r[k], d)} (×${ratio(r, k)})`).join(', '),
  );
  lines.push('dashboard statements, EXPLAIN ANALYZE ms: ' + explained.map((e) => JSON.stringify(e)).join(' '));
  const last = results[results.length - 1]!;
  const ratios = Object.fromEntries(cols.map(([k]) => [k, ratio(last, k)]));
  report(lines, {
    bench: 'scale',
    sizes: SIZES,
    ratiosLastToFirst: ratios,
    dashboardStatementsMs: explained,
    results: results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, k.endsWith('Seconds') ? 2 : 1)]))),
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
