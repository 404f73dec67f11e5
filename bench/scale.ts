/*
 * npm run bench:scale — the cost curve. Loads BENCH_SCALE_SIZES posts (default 1,000,000 then
 * 10,000,000) into a fresh PostgreSQL database `bench_scale`, at a constant 33,333 posts a day, so
 * a bigger size is a longer history in more monthly partitions (as a platform grows older), with
 * flags on 2% of posts (a quarter still open, the rest decided) and rule hits on 6%. Rows are made
 * by the server itself (insert … select from generate_series, one statement per 250,000 posts:
 * no round trip per row). At each size it measures, through the API over loopback:
 *   - the queue page (first 25 open flags of a queue by priority) p95,
 *   - a post's page (the post with its rule hits) p95,
 *   - a backtest over the last day, in seconds,
 *   - ingestion in batches of 100 (fully scored), posts/s,
 *   - the dashboard (30 days) p95,
 * then prints each figure's ratio last size / first size as the last-line JSON ("flat" ≤ 1.5).
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
import { buildDemoCommunity } from '../api/seed/demoCommunity';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';
import { textFingerprint } from '../rules/facts/textFacts';
import { STARTER_POLICIES } from '../rules/starter/policies';
import { percentile, report, round } from './report';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_scale';
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000000,10000000').split(',').map(Number);
const PER_DAY = 33_333;
const CHUNK = 250_000;
const NOW = new Date('2026-11-25T00:00:00Z');
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 40);
const PASSWORD = 'bench scale password';

interface Figures {
  posts: number;
  loadSeconds: number;
  queueP95Ms: number;
  postPageP95Ms: number;
  backtestDaySeconds: number;
  backtestDayPosts: number;
  ingestPostsPerS: number;
  dashboardP95Ms: number;
  databaseBytes: number;
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.raw(`create database ${DB_NAME}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  const db = connectDatabase({ databaseUrl: url, poolMax: 8 });
  await migrateToLatest(db);
  await installStarterPolicies(db, NOW);
  const scorer = await loadOnnxScorer();
  const runtime = createPolicyRuntime();

  // Accounts, texts and products from the demo generator.
  const community = buildDemoCommunity({ seed: 1, anchor: NOW });
  await db('accounts').insert(community.accounts.map((a, i) => ({ source: 'bench', external_id: a.id, handle: a.handle ?? a.id, display_name: a.displayName ?? null, type: a.type ?? 'member', locale: a.locale ?? 'zh', joined_at: a.joinedAt ?? NOW, ingested_at: NOW, reputation_score: 20 + ((i * 37) % 80) })));
  const accountIds = (await db('accounts').orderBy('id').pluck('id')) as number[];
  const pool = community.posts.map((p) => ({ title: p.title ?? null, body: p.body, hash: textFingerprint(p.title ? `${p.title}\n${p.body}` : p.body) }));
  const version = Number((await db('policy_versions').orderBy('id').first('id'))!.id);
  const [moderator] = await db('staff').insert({ email: 'moderator@bench.example', display_name: 'bench', role: 'moderator', password_hash: await hashPassword(PASSWORD), created_at: NOW }).returning('id');

  // Post i (1-based) was posted i × (1 day / PER_DAY) before NOW: growing adds older history.
  async function loadUpTo(from: number, to: number) {
    const oldest = new Date(NOW.getTime() - (to / PER_DAY) * 86_400_000);
    for (let m = new Date(Date.UTC(oldest.getUTCFullYear(), oldest.getUTCMonth(), 1)); m < NOW; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
      await db.raw('select ensure_month_partition(?, ?::date)', ['posts', m.toISOString().slice(0, 10)]);
      await db.raw('select ensure_month_partition(?, ?::date)', ['rule_hits', m.toISOString().slice(0, 10)]);
    }
    for (let lo = from; lo <= to; lo += CHUNK) {
      const hi = Math.min(to, lo + CHUNK - 1);
      const idsAfter = Number((await db('post_keys').max({ m: 'post_id' }).first())!.m ?? 0);
      const flagsAfter = Number((await db('flags').max({ m: 'id' }).first())!.m ?? 0);
      await db.raw(
        `insert into posts (source, external_id, kind, author_id, board, title, body, lang, platform_label, reach, status, spam_score, promo_score, disclosure_status, posted_at, ingested_at, text_hash)
         select 'bench', 'b-' || i, (array['thread','reply','reply','reply','review','live_comment'])[1 + i % 6],
                (?::bigint[])[1 + (i * 7919) % ?], (array['digital','beauty','outdoor','home','parenting','food'])[1 + i % 6],
                (?::text[])[1 + (i * 104729) % ?], (?::text[])[1 + (i * 104729) % ?], 'zh', i % 50 = 0, (i * 31) % 20000, 'visible',
                ((i * 13) % 100) / 100.0, ((i * 29) % 100) / 100.0, (array['not_commercial','not_commercial','not_commercial','disclosed','undisclosed'])[1 + i % 5],
                ?::timestamptz - make_interval(secs => i * (86400.0 / ?)), ?::timestamptz - make_interval(secs => i * (86400.0 / ?)),
                (?::text[])[1 + (i * 104729) % ?]
         from generate_series(?::bigint, ?::bigint) as i`,
        [sqlArray(accountIds), accountIds.length, sqlArray(pool.map((p) => p.title)), pool.length, sqlArray(pool.map((p) => p.body)), pool.length, NOW, PER_DAY, NOW, PER_DAY, sqlArray(pool.map((p) => p.hash)), pool.length, lo, hi],
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
                case when p.id % 200 < 1 then 'open' else 'decided' end, 'rule', 'bench', ?, p.posted_at,
                case when p.id % 200 < 1 then null else p.posted_at + interval '2 hours' end
         from posts p where ${chunk} and p.id % 50 = 0`,
        [version],
      );
      await db.raw(
        `insert into decisions (flag_id, subject_type, subject_id, action, reason_code, staff_id, created_at)
         select f.id, f.subject_type, f.subject_id, case when f.id % 3 = 0 then 'approve' else 'remove' end, 'bench', ?, f.decided_at
         from flags f where f.id > ${flagsAfter} and f.status = 'decided'`,
        [moderator.id],
      );
      process.stderr.write(`  loaded ${hi} posts\n`);
    }
    await db.raw('analyze');
  }

  const app = createApp({ db, clock: { now: () => NOW }, logger: pino({ level: 'silent' }), config: testConfig({ ingestRateLimit: 1e9 }), scorer, policyRuntime: runtime });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'moderator@bench.example', password: PASSWORD, mode: 'token' }) });
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };

  async function p95(paths: () => string, n = SAMPLES): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${paths()}`, { headers: auth });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${paths()} answered ${res.status}`);
      if (i >= 3) times.push(performance.now() - t0);
    }
    return percentile(times.sort((a, b) => a - b), 95);
  }

  let loaded = 0;
  let ingested = 0;
  const results: Figures[] = [];
  for (const size of SIZES) {
    const t0 = performance.now();
    await loadUpTo(loaded + 1, size);
    loaded = size;
    const loadSeconds = (performance.now() - t0) / 1000;
    const queues = ['contact_harvesting', 'spam', 'scam', 'undisclosed_ad'];
    let q = 0;
    const queueP95Ms = await p95(() => `/api/flags?sort=${encodeURIComponent('["priority","DESC"]')}&range=[0,24]&filter=${encodeURIComponent(JSON.stringify({ status: 'open', queue: queues[q++ % 4] }))}`);
    // Posts from anywhere in the history.
    const sample = ((await db.raw('select id from posts tablesample system (0.1) limit 500')).rows as Array<{ id: number }>).map((r) => r.id);
    let k = 0;
    const postPageP95Ms = await p95(() => `/api/posts/${sample[k++ % sample.length]}`);
    const dashboardP95Ms = await p95(() => '/api/stats/dashboard?days=30', Math.max(5, Math.floor(SAMPLES / 4)));
    const contact = STARTER_POLICIES.find((p) => p.name === 'Contact harvesting')!.document;
    const tb = performance.now();
    const bt = await runBacktest(db, { subject: 'post', document: contact, compareWith: null, from: new Date(NOW.getTime() - 86_400_000), to: NOW }, async () => undefined);
    const backtestDaySeconds = (performance.now() - tb) / 1000;
    // Ingestion: 2 connections, 20 batches of 100 each, judged with the classifier and the starter policies.
    const ti = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let b = 0; b < 20; b++) {
          const items = Array.from({ length: 100 }, () => {
            ingested++;
            const t = pool[ingested % pool.length]!;
            return postInputSchema.parse({ id: `new-${ingested}`, kind: 'thread', author: { id: `new-author-${ingested % 500}` }, board: 'digital', ...(t.title ? { title: t.title } : {}), body: t.body, postedAt: new Date(NOW.getTime() - 3600_000 + (ingested % 3600) * 1000).toISOString() });
          });
          await ingestPosts(db, 'bench-new', items, NOW, { runtime, scorer });
        }
      }),
    );
    const ingestPostsPerS = 4000 / ((performance.now() - ti) / 1000);
    const databaseBytes = Number((await db.raw('select pg_database_size(current_database()) as n')).rows[0].n);
    results.push({ posts: size, loadSeconds, queueP95Ms, postPageP95Ms, backtestDaySeconds, backtestDayPosts: bt.items, ingestPostsPerS, dashboardP95Ms, databaseBytes });
    process.stderr.write(`  measured at ${size}\n`);
  }
  server.close();
  await ensurePartitions(db, NOW).catch(() => undefined);
  await db.destroy();
  if (process.env.BENCH_SCALE_KEEP !== '1') await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.destroy();

  const first = results[0]!;
  const last = results[results.length - 1]!;
  const ratio = (k: keyof Figures) => round(last[k] / first[k], 2);
  const lines = results.map(
    (r) =>
      `${String(r.posts).padStart(9)} posts (${round(r.databaseBytes / 2 ** 30, 2)} GiB, loaded in ${round(r.loadSeconds, 0)} s): queue p95 ${round(r.queueP95Ms, 1)} ms, post page p95 ${round(r.postPageP95Ms, 1)} ms, ` +
      `backtest of the last day ${round(r.backtestDaySeconds, 2)} s (${r.backtestDayPosts} posts), ingestion ${Math.round(r.ingestPostsPerS)} posts/s, dashboard p95 ${round(r.dashboardP95Ms, 0)} ms`,
  );
  const ratios = { queueP95: ratio('queueP95Ms'), postPageP95: ratio('postPageP95Ms'), backtestDay: ratio('backtestDaySeconds'), ingestPostsPerS: ratio('ingestPostsPerS'), dashboardP95: ratio('dashboardP95Ms') };
  lines.push(`ratio ${last.posts} / ${first.posts}: ${Object.entries(ratios).map(([k, v]) => `${k} ${v}${k === 'ingestPostsPerS' ? (v >= 1 / 1.5 ? ' (flat)' : '') : v <= 1.5 ? ' (flat)' : ''}`).join(', ')}`);
  report(lines, { bench: 'scale', sizes: SIZES, ratios, results: results.map((r) => ({ ...r, loadSeconds: round(r.loadSeconds, 0), queueP95Ms: round(r.queueP95Ms, 1), postPageP95Ms: round(r.postPageP95Ms, 1), backtestDaySeconds: round(r.backtestDaySeconds, 2), ingestPostsPerS: Math.round(r.ingestPostsPerS), dashboardP95Ms: round(r.dashboardP95Ms, 0) })) });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
