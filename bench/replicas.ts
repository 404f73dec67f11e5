/*
 * npm run bench:replicas — three API processes (npm start's entry) on one PostgreSQL database,
 * over loopback. Ingestion batches, moderators' decisions and backtests are spread across them;
 * one is killed with SIGKILL mid-load. A client whose request dies with its replica sends it again
 * to another (ingestion is idempotent by the platform's ids). Then it checks, and prints:
 *   - every batch a replica accepted is stored, each post exactly once (posts and post_keys);
 *   - every decision a replica accepted is stored once;
 *   - every backtest is finished, and every webhook delivery succeeded and reached the receiver,
 *     by the survivors (jobs the dead replica held are taken over when their expiry passes).
 * Bounded: REPLICAS_BATCHES batches (default 120) of 50 posts, and at most REPLICAS_WAIT_S
 * (default 180) for the jobs. Fresh database `bench_replicas`; exits 1 if a check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { newApiKey } from '../api/auth/tokens';
import { hashPassword } from '../api/auth/password';
import { report } from './report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_replicas';
const PORTS = [3931, 3932, 3933];
const BATCHES = Number(process.env.REPLICAS_BATCHES ?? 120);
const BATCH = 50;
const IN_FLIGHT = 6;
const KILL_AFTER = Math.floor(BATCHES * 0.4);
const BACKTESTS = 6;
const WAIT_S = Number(process.env.REPLICAS_WAIT_S ?? 180);
const PASSWORD = 'bench replicas password';

interface Replica {
  port: number;
  base: string;
  child: ChildProcess;
  alive: boolean;
  served: number;
}

function startReplica(port: number, databaseUrl: string): Replica {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_READ_URL: '',
      DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SKIP_CONSOLE_BUILD: '1',
      INGEST_RATE_LIMIT: '100000000',
      // Jobs held by the killed replica come back after these expiries.
      JOB_EXPIRE_SECONDS: '20',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { port, base: `http://127.0.0.1:${port}`, child, alive: true, served: 0 };
}

async function waitForHealth(r: Replica) {
  for (let i = 0; i < 600; i++) {
    if (r.child.exitCode !== null) throw new Error(`replica ${r.port} exited with ${r.child.exitCode}`);
    try {
      if ((await fetch(`${r.base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`replica ${r.port} did not become healthy`);
}

async function main() {
  const started = Date.now();
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.raw(`create database ${DB_NAME}`);
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  const db = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 3 } });

  // The webhook receiver: counts every delivery by event id.
  const received = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = (JSON.parse(body) as { id: string }).id;
      received.set(id, (received.get(id) ?? 0) + 1);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  // The first replica migrates and installs the starter policies; the others start on that.
  const replicas: Replica[] = [startReplica(PORTS[0]!, databaseUrl)];
  // Whatever happens, no replica outlives the bench.
  process.on('exit', () => replicas.forEach((r) => r.child.exitCode === null && r.child.kill('SIGKILL')));
  await waitForHealth(replicas[0]!);
  for (const port of PORTS.slice(1)) replicas.push(startReplica(port, databaseUrl));
  await Promise.all(replicas.map(waitForHealth));

  const key = newApiKey();
  await db('api_keys').insert({ name: 'bench', source: 'bench', prefix: key.prefix, key_hash: key.hash, created_at: new Date() });
  const hash = await hashPassword(PASSWORD);
  for (const role of ['moderator', 'community_manager'] as const)
    await db('staff').insert({ email: `${role}@bench.example`, display_name: role, role, password_hash: hash, created_at: new Date() });
  await db('webhook_subscriptions').insert({
    url: receiverUrl,
    source: null,
    event_types: JSON.stringify(['decision.made']),
    secret: 'bench-secret',
    active: true,
    created_at: new Date(),
    updated_at: new Date(),
  });
  const token = async (email: string) => {
    const res = await fetch(`${replicas[0]!.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, mode: 'token' }),
    });
    return `Bearer ${((await res.json()) as { token: string }).token}`;
  };
  const moderator = await token('moderator@bench.example');
  const manager = await token('community_manager@bench.example');

  let turn = 0;
  const nextAlive = () => {
    const alive = replicas.filter((r) => r.alive);
    return alive[turn++ % alive.length]!;
  };
  let retried = 0;
  /** Sends until some replica answers; a connection that dies with its replica is sent again elsewhere. */
  async function send(
    pathname: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: unknown; port: number }> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const r = nextAlive();
      try {
        const res = await fetch(`${r.base}${pathname}`, init);
        r.served++;
        return { status: res.status, body: await res.json().catch(() => null), port: r.port };
      } catch {
        retried++;
      }
    }
    throw new Error(`no replica answered ${pathname}`);
  }

  const anchor = Date.parse('2026-11-20T00:00:00Z');
  const accepted = new Set<string>();
  let batchesAccepted = 0;
  const killed: { at: { port: number; inFlight: number } | null } = { at: null };
  let inFlight = 0;
  const batch = (b: number) =>
    Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      return {
        id: `r-${n}`,
        kind: 'thread',
        author: { id: `a-${n % 700}`, joinedAt: '2025-06-01T00:00:00Z' },
        board: `board-${n % 5}`,
        title: `Post ${n}`,
        // One in ten invites readers to pay off the platform: a starter policy flags it.
        body: n % 10 === 0 ? `加我微信 pay_${n} 私聊，转账给我更便宜` : `Which charger works with this phone? ${n}`,
        postedAt: new Date(anchor + n * 1000).toISOString(),
      };
    });

  let nextBatch = 0;
  const ingestWorker = async () => {
    while (nextBatch < BATCHES) {
      const b = nextBatch++;
      const items = batch(b);
      inFlight++;
      const res = await send('/api/v1/posts', {
        method: 'POST',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items }),
      });
      inFlight--;
      if (res.status !== 200 && res.status !== 201) throw new Error(`batch ${b} answered ${res.status}: ${JSON.stringify(res.body)}`);
      for (const p of items) accepted.add(p.id);
      batchesAccepted++;
      if (batchesAccepted === KILL_AFTER && !killed.at) {
        const victim = replicas[1]!;
        killed.at = { port: victim.port, inFlight };
        victim.alive = false;
        victim.child.kill('SIGKILL');
      }
    }
  };

  const decided = new Set<number>();
  let decideConflicts = 0;
  const staffWorker = async () => {
    while (nextBatch < BATCHES) {
      const found = await db('flags')
        .where({ status: 'open' })
        .whereNotIn('id', [...decided, 0])
        .orderBy('id')
        .first('id');
      const flag = found ? { id: Number(found.id) } : null;
      if (!flag) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const headers = { authorization: moderator, 'content-type': 'application/json' };
      await send(`/api/flags/${flag.id}/claim`, { method: 'POST', headers });
      const res = await send(`/api/flags/${flag.id}/decide`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'remove', reasonCode: 'off_platform_payment' }),
      });
      // 409: a retried decide whose first try committed on the replica that died.
      if (res.status === 201) decided.add(flag.id);
      else if (res.status === 409) {
        decideConflicts++;
        decided.add(flag.id);
      } else throw new Error(`decide answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
  };

  const backtestIds: number[] = [];
  const backtestWorker = async () => {
    const policy = await db('policies').where({ status: 'published' }).orderBy('id').first('id');
    for (let i = 0; i < BACKTESTS; i++) {
      while (batchesAccepted < ((i + 1) * BATCHES) / (BACKTESTS + 1)) await new Promise((r) => setTimeout(r, 50));
      const res = await send('/api/backtests', {
        method: 'POST',
        headers: { authorization: manager, 'content-type': 'application/json' },
        body: JSON.stringify({
          policyId: Number(policy.id),
          from: new Date(anchor).toISOString(),
          to: new Date(anchor + 86_400_000).toISOString(),
        }),
      });
      if (res.status !== 202) throw new Error(`backtest answered ${res.status}: ${JSON.stringify(res.body)}`);
      backtestIds.push((res.body as { id: number }).id);
    }
  };

  const loadStarted = Date.now();
  await Promise.all([...Array.from({ length: IN_FLIGHT }, ingestWorker), staffWorker(), backtestWorker()]);
  const loadSeconds = (Date.now() - loadStarted) / 1000;

  // Jobs: wait (bounded) for the survivors to finish every backtest and delivery.
  const jobsStarted = Date.now();
  let backtestsDone: number;
  let deliveries: { total: number; succeeded: number };
  for (;;) {
    backtestsDone = Number((await db('backtests').whereIn('id', backtestIds).andWhere({ status: 'done' }).count({ n: '*' }).first())!.n);
    const d = await db('webhook_deliveries')
      .select(db.raw("count(*)::int as total, (count(*) filter (where status = 'succeeded'))::int as succeeded"))
      .first();
    deliveries = { total: Number(d.total), succeeded: Number(d.succeeded) };
    if ((backtestsDone === backtestIds.length && deliveries.succeeded === deliveries.total) || Date.now() - jobsStarted > WAIT_S * 1000)
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const jobsSeconds = (Date.now() - jobsStarted) / 1000;

  const storedPosts = Number((await db('posts').where({ source: 'bench' }).count({ n: '*' }).first())!.n);
  const duplicatePosts = Number(
    (await db.raw(`select count(*)::int as n from (select external_id from posts where source = 'bench' group by 1 having count(*) > 1) d`))
      .rows[0].n,
  );
  const keys = Number((await db('post_keys').where({ source: 'bench' }).count({ n: '*' }).first())!.n);
  const acceptedIds = [...accepted];
  const missing =
    acceptedIds.length -
    Number(
      (await db('posts').where({ source: 'bench' }).whereIn('external_id', acceptedIds).countDistinct({ n: 'external_id' }).first())!.n,
    );
  const decisionsStored = Number(
    (
      await db.raw(`select count(distinct flag_id)::int as n from decisions where flag_id = any(?) and reverses_decision_id is null`, [
        [...decided],
      ])
    ).rows[0].n,
  );
  const doubleDecisions = Number(
    (
      await db.raw(
        `select count(*)::int as n from (select flag_id from decisions where reverses_decision_id is null and flag_id is not null group by 1 having count(*) > 1) d`,
      )
    ).rows[0].n,
  );
  const events: string[] = (await db('webhook_events').pluck('public_id')) as string[];
  const notReceived = events.filter((id) => !received.has(id)).length;

  const checks: Array<[string, boolean]> = [
    [`every accepted post stored: ${accepted.size} accepted, ${missing} missing`, missing === 0],
    [
      `no post stored twice: ${storedPosts} rows for ${accepted.size} ids, ${duplicatePosts} duplicated, ${keys} keys`,
      duplicatePosts === 0 && storedPosts === accepted.size && keys === storedPosts,
    ],
    [
      `every accepted decision stored once: ${decided.size} decided (${decideConflicts} answered 409 on a retry), ${decisionsStored} stored, ${doubleDecisions} flags decided twice`,
      decisionsStored === decided.size && doubleDecisions === 0,
    ],
    [`every backtest finished by the survivors: ${backtestsDone} of ${backtestIds.length}`, backtestsDone === backtestIds.length],
    [
      `every webhook delivery succeeded: ${deliveries.succeeded} of ${deliveries.total}; ${events.length - notReceived} of ${events.length} events reached the receiver`,
      deliveries.succeeded === deliveries.total && notReceived === 0 && deliveries.total > 0,
    ],
  ];

  for (const r of replicas) if (r.alive) r.child.kill('SIGTERM');
  await Promise.all(
    replicas.filter((r) => r.alive).map((r) => new Promise((res) => (r.child.exitCode !== null ? res(null) : r.child.once('exit', res)))),
  );
  receiver.close();
  await db.destroy();
  await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.destroy();

  const ok = checks.every(([, pass]) => pass);
  report(
    [
      `Three replicas on ${DB_NAME}: ${BATCHES} batches of ${BATCH} posts (${IN_FLIGHT} in flight), a moderator deciding flags, ${BACKTESTS} backtests`,
      `replica ${killed.at?.port ?? '-'} killed (SIGKILL) after ${KILL_AFTER} accepted batches with ${killed.at?.inFlight ?? 0} requests in flight; ${retried} requests sent again elsewhere`,
      `requests served: ${replicas.map((r) => `${r.port}${r.alive ? '' : ' (killed)'} ${r.served}`).join(', ')}`,
      `load ${loadSeconds.toFixed(1)} s (${Math.round(accepted.size / loadSeconds)} posts/s), jobs drained ${jobsSeconds.toFixed(1)} s after it, ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
      ...checks.map(([what, pass]) => `${pass ? 'ok  ' : 'FAIL'} ${what}`),
    ],
    {
      bench: 'replicas',
      ok,
      batches: BATCHES,
      postsAccepted: accepted.size,
      postsStored: storedPosts,
      duplicates: duplicatePosts,
      retried,
      decisions: decided.size,
      backtestsDone,
      backtests: backtestIds.length,
      deliveriesSucceeded: deliveries.succeeded,
      deliveries: deliveries.total,
      jobsDrainSeconds: Number(jobsSeconds.toFixed(1)),
    },
  );
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
