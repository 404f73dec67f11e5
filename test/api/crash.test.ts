import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import knexFactory, { type Knex } from 'knex';
import { newApiKey } from '../../api/auth/tokens';

/*
 * The server process is killed with SIGKILL while batches are in flight. After a restart no batch
 * is half-written, and sending every batch again completes what was lost. It needs the server in
 * its own process on a database both can reach, so it runs on PostgreSQL (CI runs it).
 */
const URL_ = process.env.DATABASE_URL;
const ROOT = path.resolve(__dirname, '../..');
const BATCHES = 24;
const PER_BATCH = 100;
const PORT = 3900 + (process.pid % 90);

if (!URL_)
  console.warn('SKIPPED: the crash test runs the server as a separate process on PostgreSQL, so it needs DATABASE_URL (CI runs it).');

const dbName = `crash_${process.pid}`;
let admin: Knex | undefined;
let db: Knex | undefined;
let server: ChildProcess | undefined;

function startServer(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'api/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DEMO: '0',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.CRASH_LOG ?? 'silent',
      SKIP_CONSOLE_BUILD: '1',
      INGEST_RATE_LIMIT: '1000000',
      AUDIT_HMAC_SECRET: 'crash-test-audit-key-0123456789abcdef',
      AUDIT_CHECKPOINT_FILE: path.join(os.tmpdir(), `${dbName}-audit-checkpoints.jsonl`),
    },
    stdio: ['ignore', process.env.CRASH_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
}

async function healthy(child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

const batch = (b: number) => ({
  items: Array.from({ length: PER_BATCH }, (_, i) => ({
    id: `k${b}-${i}`,
    kind: 'thread',
    author: { id: `crash-author-${(b * PER_BATCH + i) % 300}` },
    board: ['digital', 'beauty', 'food'][i % 3],
    title: `batch ${b} post ${i}`,
    body: i % 7 === 0 ? '加我微信 abc_12345 私聊 转账更便宜' : `Does anyone know a good charger? ${b}/${i}`,
    postedAt: new Date(Date.UTC(2026, 10, 20, 10, 0, b, i)).toISOString(),
  })),
});

afterAll(async () => {
  server?.kill('SIGKILL');
  await db?.destroy();
  if (admin) {
    await admin.raw('drop database if exists ?? with (force)', [dbName]);
    await admin.destroy();
  }
});

describe.skipIf(!URL_)('a server killed mid-batch', () => {
  it('leaves no batch half-written, and resending completes every batch exactly once', async () => {
    admin = knexFactory({ client: 'pg', connection: URL_!, pool: { min: 0, max: 1 } });
    await admin.raw('drop database if exists ?? with (force)', [dbName]);
    await admin.raw('create database ??', [dbName]);
    const url = new URL(URL_!);
    url.pathname = `/${dbName}`;
    server = startServer(url.toString());
    await healthy(server);
    db = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 2 } });
    const key = newApiKey();
    await db('api_keys').insert({ name: 'crash', source: 'crash', prefix: key.prefix, key_hash: key.hash, created_at: new Date() });
    const send = (b: number) =>
      fetch(`http://127.0.0.1:${PORT}/api/v1/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch(b)),
      }).then(
        (r) => r.status,
        () => 'lost' as const,
      );

    // Every batch in flight at once; the kill lands while some are committed and some are not.
    const inFlight = Array.from({ length: BATCHES }, (_, b) => send(b));
    const firstDone = await Promise.race(inFlight);
    expect(firstDone).toBe(201);
    server.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    expect(outcomes).toContain('lost');

    const perBatch = async () => {
      const rows: Array<{ b: string; n: number }> = (
        await db!.raw(`select split_part(external_id, '-', 1) as b, count(*)::int as n from posts where source = 'crash' group by 1`)
      ).rows;
      return new Map(rows.map((r) => [r.b, r.n]));
    };
    const afterCrash = await perBatch();
    for (const n of afterCrash.values()) expect(n).toBe(PER_BATCH);
    expect(afterCrash.size).toBeGreaterThan(0);
    expect(afterCrash.size).toBeLessThan(BATCHES);

    server = startServer(url.toString());
    await healthy(server);
    const resent = await Promise.all(Array.from({ length: BATCHES }, (_, b) => send(b)));
    for (let b = 0; b < BATCHES; b++) expect(resent[b], `batch ${b}`).toBe(afterCrash.has(`k${b}`) ? 200 : 201);
    const complete = await perBatch();
    expect(complete.size).toBe(BATCHES);
    for (const n of complete.values()) expect(n).toBe(PER_BATCH);
    // Judging ran once per post: one rule-hit set and the board counters agree with the posts.
    const counted = await db('board_activity').where({ granularity: 'day' }).sum({ n: 'posts' }).first();
    expect(Number(counted!.n)).toBe(BATCHES * PER_BATCH);
    const duplicateFlags = (
      await db.raw(`select subject_id, queue, count(*) from flags where status = 'open' group by 1, 2 having count(*) > 1`)
    ).rows;
    expect(duplicateFlags).toEqual([]);
  }, 180_000);
});
