/*
 * npm run bench:ingest — the whole product under load, over loopback:
 *   1. batches of 100 posts, fully scored (classifier, published starter policies, reputation,
 *      board counters, statements, persistence), from BENCH_CONNECTIONS connections for
 *      BENCH_SECONDS: posts per second sustained;
 *   2. single posts at 200 requests per second spread evenly (the target's measure), and the same
 *      rate in autocannon's bursts: p50 / p99 latency;
 *   3. the server's resident memory before, after, and (BENCH_MEMORY_POSTS, default off) after
 *      that many more posts, to show whether it stays flat;
 *   4. CPU time per post in each phase, of the server process and of this machine's PostgreSQL
 *      processes (when PostgreSQL runs here): what a post costs, apart from queueing.
 *   5. the floor for single posts: a minimal Express server (bench/ingestFloor.ts: JSON body, the
 *      product's zod schema, one INSERT) on the same database under the same single-post load,
 *      and the product's CPU per single post over the floor's.
 * The server runs as its own process (npm start's entry) on a fresh PostgreSQL database, so the
 * load generator does not share its event loop. BENCH_SINGLE_ONLY=1 runs only the single-post
 * phases (product and floor); BENCH_CPU_PROF=<dir> runs the product server under --cpu-prof.
 */
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadTest } from 'loadtest';
import knexFactory from 'knex';
import { newApiKey } from '../api/auth/tokens';
import { buildDemoCommunity } from '../api/seed/demoCommunity';
import { percentile, report, round } from './report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_ingest';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const BATCH = 100;
const SINGLE_RATE = 200;
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 30);
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 20);
const MEMORY_POSTS = Number(process.env.BENCH_MEMORY_POSTS ?? 0);
const SINGLE_ONLY = process.env.BENCH_SINGLE_ONLY === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF;

/** Texts from the demo generator (bilingual, every abuse pattern), re-identified per request. */
const TEMPLATES = buildDemoCommunity({ seed: 7, anchor: new Date('2026-11-25T00:00:00Z') }).posts.map((p) => ({
  title: p.title ?? null,
  body: p.body,
  board: p.board ?? 'general',
}));
let sequence = 0;
const started = Date.now();

function nextPost() {
  sequence += 1;
  const t = TEMPLATES[sequence % TEMPLATES.length]!;
  return {
    id: `b-${sequence}`,
    kind: 'thread',
    author: { id: `author-${sequence % 5000}`, joinedAt: '2025-06-01T00:00:00Z' },
    board: t.board,
    ...(t.title ? { title: t.title } : {}),
    body: t.body,
    postedAt: new Date(started + sequence * 10).toISOString(),
  };
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU of one process, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU of every PostgreSQL process on this machine, in ms; null when none runs here. */
function postgresCpuMs(): number | null {
  const pids = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
  return pids.length ? pids.reduce((sum, pid) => sum + cpuMs(Number(pid)), 0) : null;
}

function cpuMeter(serverPid: number) {
  const server = cpuMs(serverPid);
  const db = postgresCpuMs();
  return (posts: number) => {
    const dbNow = postgresCpuMs();
    return {
      server: round((cpuMs(serverPid) - server) / Math.max(posts, 1), 2),
      db: db === null || dbNow === null ? null : round((dbNow - db) / Math.max(posts, 1), 2),
    };
  };
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become healthy');
}

// loadtest 8 returns a promise when given no callback; its bundled types still describe the callback form.
const runLoadTest = loadTest as unknown as (options: Parameters<typeof loadTest>[0]) => Promise<unknown>;

/**
 * Single posts at a steady rate, one every 1/rate seconds whether or not earlier ones have been
 * answered (loadtest's requestsPerSecond), which is what "200 requests per second" means for a
 * platform forwarding its members' posts. Latency runs from the moment a post's body is made,
 * just before it is sent, to its answer, to the tenth of a millisecond (loadtest itself reports
 * whole milliseconds).
 */
async function uniformSingles(url: string, headers: Record<string, string>, rate: number, seconds: number) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let failed = 0;
  await runLoadTest({
    url,
    method: 'POST',
    contentType: 'application/json',
    headers: { authorization: headers.authorization! },
    requestsPerSecond: rate,
    maxSeconds: seconds,
    agentKeepAlive: true,
    quiet: true,
    body: () => {
      const post = nextPost();
      sentAt.set(post.id, performance.now());
      return JSON.stringify(post);
    },
    statusCallback: (error: unknown, result: { statusCode: number; body: string } | undefined) => {
      const id =
        result && result.statusCode < 300
          ? (JSON.parse(result.body) as { items: Array<{ externalId: string }> }).items[0]?.externalId
          : undefined;
      const start = id === undefined ? undefined : sentAt.get(id);
      if (error || start === undefined) {
        failed += 1;
        return;
      }
      latencies.push(performance.now() - start);
    },
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round(percentile(latencies, p), 1);
  return { ok: latencies.length, failed, p50: at(50), p90: at(90), p99: at(99), max: round(latencies.at(-1) ?? NaN, 1) };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)));
  });
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw('drop database if exists ?? with (force)', [DB_NAME]);
  await admin.raw('create database ??', [DB_NAME]);
  await admin.destroy();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const databaseUrl = url.toString();

  const server = spawn(
    process.execPath,
    [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), '--import', 'tsx', path.join(ROOT, 'api/server.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DEMO: '0',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SKIP_CONSOLE_BUILD: '1',
        INGEST_RATE_LIMIT: '100000000',
        AUDIT_HMAC_SECRET: 'bench-audit-key-0123456789abcdef01234',
        AUDIT_CHECKPOINT_FILE: `/tmp/${DB_NAME}-audit-checkpoints.jsonl`,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
  const db = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
  try {
    await waitForHealth(base, server);
    const key = newApiKey();
    await db('api_keys').insert({ name: 'bench', source: 'bench', prefix: key.prefix, key_hash: key.hash, created_at: new Date() });
    const headers = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
    const policies = Number((await db('policies').where({ status: 'published' }).count({ c: '*' }).first())!.c);

    // Warm-up: the classifier session, the policy compiler and the connection pool.
    for (let i = 0; i < 5; i++)
      await fetch(`${base}/api/v1/posts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ items: Array.from({ length: BATCH }, nextPost) }),
      });
    // A database made a second ago has no planner statistics, and autovacuum first looks after a
    // minute: until then PostgreSQL guesses that a platform's posts are a handful of rows and scans
    // them instead of probing the unique index. A running installation has statistics; so does this.
    await db.raw('analyze');
    const rssBefore = rssKb(server.pid!);

    const batchCpu = cpuMeter(server.pid!);
    const batches = SINGLE_ONLY
      ? ({ '2xx': 0, non2xx: 0, latency: { p50: NaN, p99: NaN } } as unknown as autocannon.Result)
      : await run({
          url: `${base}/api/v1/posts`,
          connections: CONNECTIONS,
          duration: SECONDS,
          requests: [
            {
              method: 'POST',
              headers,
              setupRequest: (req) => ({ ...req, body: JSON.stringify({ items: Array.from({ length: BATCH }, nextPost) }) }),
            },
          ],
        });
    const batchOk = batches['2xx'];
    const postsPerSecond = (batchOk * BATCH) / SECONDS;
    const batchCost = batchCpu(batchOk * BATCH);
    const rssAfterBatches = rssKb(server.pid!);

    const singleCpu = cpuMeter(server.pid!);
    const single = await uniformSingles(`${base}/api/v1/posts`, headers, SINGLE_RATE, SINGLE_SECONDS);
    const singleCost = singleCpu(single.ok);

    // The same rate as autocannon sends it: each of 20 connections fires its share of the second
    // back to back when the second starts, so 20 requests arrive at once. A stress figure, not the
    // target's: 200 req/s spread evenly is what the uniform phase measures.
    const bursts = SINGLE_ONLY
      ? ({ '2xx': 0, non2xx: 0, latency: { p50: NaN, p99: NaN } } as unknown as autocannon.Result)
      : await run({
          url: `${base}/api/v1/posts`,
          connections: 20,
          overallRate: SINGLE_RATE,
          duration: BURST_SECONDS,
          requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: JSON.stringify(nextPost()) }) }],
        });

    // The floor: the same single-post load on a server that only parses, validates and inserts.
    const floor = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/ingestFloor.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT + 1) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      floor.stdout.once('data', () => resolve());
      floor.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
    });
    const floorBase = `http://127.0.0.1:${PORT + 1}`;
    for (let i = 0; i < 200; i++) await fetch(`${floorBase}/api/v1/posts`, { method: 'POST', headers, body: JSON.stringify(nextPost()) });
    const floorCpu = cpuMeter(floor.pid!);
    const floorSingle = await uniformSingles(`${floorBase}/api/v1/posts`, headers, SINGLE_RATE, SINGLE_SECONDS);
    const floorCost = floorCpu(floorSingle.ok);
    floor.kill('SIGTERM');
    await new Promise((r) => floor.once('exit', r));
    const singleTotal = singleCost.server + (singleCost.db ?? 0);
    const floorTotal = floorCost.server + (floorCost.db ?? 0);

    let rssAfterMemoryRun: number | null = null;
    let memoryRunPosts = 0;
    if (MEMORY_POSTS > 0) {
      const memory = await run({
        url: `${base}/api/v1/posts`,
        connections: CONNECTIONS,
        amount: Math.ceil(MEMORY_POSTS / BATCH),
        requests: [
          {
            method: 'POST',
            headers,
            setupRequest: (req) => ({ ...req, body: JSON.stringify({ items: Array.from({ length: BATCH }, nextPost) }) }),
          },
        ],
      });
      memoryRunPosts = memory['2xx'] * BATCH;
      rssAfterMemoryRun = rssKb(server.pid!);
    }
    const stored = Number((await db('posts').count({ c: '*' }).first())!.c);

    const mb = (kb: number) => round(kb / 1024, 0);
    report(
      [
        `Ingestion over loopback, server on PostgreSQL with the classifier and ${policies} published starter policies (${CONNECTIONS} connections).`,
        `  Batches of ${BATCH} for ${SECONDS} s: ${batchOk} batches answered 2xx (${batches.non2xx} not), ${round(postsPerSecond, 0)} posts/s; batch latency p50 ${batches.latency.p50} ms, p99 ${batches.latency.p99} ms.`,
        `  Single posts at ${SINGLE_RATE} req/s spread evenly for ${SINGLE_SECONDS} s: ${single.ok} answered 2xx (${single.failed} not); latency p50 ${single.p50} ms, p90 ${single.p90} ms, p99 ${single.p99} ms, max ${single.max} ms.`,
        `  Single posts at ${SINGLE_RATE} req/s in bursts (autocannon's rate mode, 20 connections) for ${BURST_SECONDS} s: ${bursts['2xx']} answered 2xx (${bursts.non2xx} not); latency p50 ${bursts.latency.p50} ms, p99 ${bursts.latency.p99} ms.`,
        `  CPU per post: batches ${batchCost.server} ms server, ${batchCost.db ?? 'n/a'} ms PostgreSQL; single posts ${singleCost.server} ms server, ${singleCost.db ?? 'n/a'} ms PostgreSQL.`,
        `  Floor (Express, JSON body, zod, one INSERT; same database, ${SINGLE_RATE} req/s for ${SINGLE_SECONDS} s): ${floorSingle.ok} answered (${floorSingle.failed} not), p50 ${floorSingle.p50} ms, p99 ${floorSingle.p99} ms; CPU per post ${floorCost.server} ms server, ${floorCost.db ?? 'n/a'} ms PostgreSQL.`,
        `  Single posts over the floor: server ${round(singleCost.server / floorCost.server, 2)}x, PostgreSQL ${floorCost.db ? round((singleCost.db ?? 0) / floorCost.db, 2) : 'n/a'}x, together ${round(singleTotal / floorTotal, 2)}x.`,
        `  Server memory (RSS): ${mb(rssBefore)} MB after warm-up, ${mb(rssAfterBatches)} MB after the batch run${rssAfterMemoryRun !== null ? `, ${mb(rssAfterMemoryRun)} MB after ${memoryRunPosts} more posts` : ''}.`,
        `  Posts stored: ${stored}.`,
      ],
      {
        bench: 'ingest',
        posts_per_s: round(postsPerSecond, 0),
        batch_p99_ms: batches.latency.p99,
        single_rate: SINGLE_RATE,
        single_p50_ms: single.p50,
        single_p99_ms: single.p99,
        single_max_ms: single.max,
        single_non2xx: single.failed,
        burst_p50_ms: bursts.latency.p50,
        burst_p99_ms: bursts.latency.p99,
        cpu_ms_per_post_batch_server: batchCost.server,
        cpu_ms_per_post_batch_db: batchCost.db,
        cpu_ms_per_post_single_server: singleCost.server,
        cpu_ms_per_post_single_db: singleCost.db,
        floor_cpu_ms_per_post_server: floorCost.server,
        floor_cpu_ms_per_post_db: floorCost.db,
        single_over_floor_server: round(singleCost.server / floorCost.server, 2),
        single_over_floor_db: floorCost.db ? round((singleCost.db ?? 0) / floorCost.db, 2) : null,
        single_over_floor: round(singleTotal / floorTotal, 2),
        rss_mb_before: mb(rssBefore),
        rss_mb_after: mb(rssAfterBatches),
        rss_mb_after_memory_run: rssAfterMemoryRun === null ? null : mb(rssAfterMemoryRun),
        memory_run_posts: memoryRunPosts,
        posts_stored: stored,
      },
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await db.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
