import { execFile } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import pino from 'pino';
import { createApp, type TrustApp } from '../../api/app';
import { testConfig } from '../../api/config';
import { connectDatabase, type Db } from '../../api/db/connect';
import { lsnValue } from '../../api/db/readRouting';
import { ingestPosts } from '../../api/ingest/ingestPosts';
import { postInputSchema } from '../../contract/schemas/ingest';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, createStaff, fixedClock } from '../support/testApp';
import { samplePost, seedSmallCommunity } from '../support/fixtures';

/*
 * A real streaming standby of the machine's PostgreSQL (scripts/standby.sh, port 5433) serving the
 * console's reads. The suite proves where a read went by pausing the standby's replay: a row
 * written on the primary after the pause is invisible on the standby until replay resumes.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const standbyScript = path.join(root, 'scripts', 'standby.sh');
const STANDBY_PORT = 5433;

async function prepareStandby(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return 'DATABASE_URL is not set (this run is on PGlite)';
  try {
    await run('bash', [standbyScript, 'start'], { timeout: 120_000 });
  } catch (err) {
    return `scripts/standby.sh could not start a standby: ${(err as { stderr?: string }).stderr ?? (err as Error).message}`;
  }
  return null;
}

const skipReason = await prepareStandby();
if (skipReason)
  console.warn(
    `\n!! test/replica SKIPPED: ${skipReason}. It needs PostgreSQL on 127.0.0.1:5432 and root (or postgres) to run scripts/standby.sh.\n`,
  );

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let t: TestDb;
let standby: Db;
let app: TrustApp;
let moderator: { Authorization: string };
let admin: { Authorization: string };
const logs: string[] = [];
const clock = fixedClock(new Date('2026-11-05T12:00:00Z'));

const one = async <T>(db: Db, sql: string): Promise<T> => ((await db.raw(sql)) as { rows: T[] }).rows[0]!;
const primaryLsn = async () => (await one<{ lsn: string }>(t.db, 'select pg_current_wal_lsn()::text as lsn')).lsn;
const replayLsn = async () => (await one<{ lsn: string }>(standby, 'select pg_last_wal_replay_lsn()::text as lsn')).lsn;

async function caughtUp(): Promise<void> {
  const target = lsnValue(await primaryLsn());
  await waitFor('the standby replays the primary', async () => lsnValue(await replayLsn()) >= target);
}
async function pauseReplay(): Promise<void> {
  await standby.raw('select pg_wal_replay_pause()');
  await waitFor(
    'replay is paused',
    async () => (await one<{ s: string }>(standby, 'select pg_get_wal_replay_pause_state() as s')).s === 'paused',
  );
}
async function resumeReplay(): Promise<void> {
  await standby.raw('select pg_wal_replay_resume()');
}

const total = (res: request.Response) => Number(/\/(\d+)$/.exec(String(res.headers['content-range']))![1]);
const postsTotal = async (who: { Authorization: string }) => total(await request(app).get('/api/posts?range=[0,0]').set(who).expect(200));
const openFlags = async (who: { Authorization: string }) =>
  total(
    await request(app)
      .get(`/api/flags?range=[0,0]&filter=${encodeURIComponent('{"status":"open"}')}`)
      .set(who)
      .expect(200),
  );
let written = 0;
async function writeBehindTheConsole(): Promise<void> {
  written++;
  await ingestPosts(
    t.db,
    'direct',
    [postInputSchema.parse(samplePost(9000 + written, { id: `direct-${written}`, postedAt: '2026-11-05T11:00:00Z' }))],
    clock.now(),
  );
}
async function metric(name: string): Promise<string> {
  return (await request(app).get('/metrics').set(admin).expect(200)).text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .join('\n');
}

describe.skipIf(!!skipReason)('console reads on a hot standby', () => {
  beforeAll(async () => {
    t = await createTestDb();
    standby = connectDatabase({
      databaseUrl: process.env.DATABASE_URL!.replace(/:5432\//, `:${STANDBY_PORT}/`),
      schema: t.schema!,
      poolMax: 4,
      standby: { acquireTimeoutMs: 2000 },
    });
    const staff = await createStaff(t.db);
    await seedSmallCommunity(t.db, staff.moderator.id);
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    app = createApp({
      db: t.db,
      readDb: standby,
      clock,
      logger: pino({ level: 'warn' }, sink),
      config: testConfig({ sessionTtlMs: 30 * 86_400_000 }),
    });
    moderator = await bearerFor(app, staff.moderator.email);
    admin = await bearerFor(app, staff.admin.email);
    await caughtUp();
  });
  afterAll(async () => {
    await standby?.raw('select pg_wal_replay_resume()').catch(() => undefined);
    await standby?.destroy();
    await t?.close();
    // The standby is stopped after the suite, whatever happened in it.
    if (!skipReason) await run('bash', [standbyScript, 'stop'], { timeout: 60_000 });
  });

  it('serve the lists from the standby: a row written while its replay is paused is not listed until replay resumes', async () => {
    const before = await postsTotal(admin);
    await pauseReplay();
    try {
      await writeBehindTheConsole();
      expect(Number((await t.db('posts').count({ n: '*' }).first())!.n)).toBe(before + 1);
      expect(await postsTotal(admin)).toBe(before);
    } finally {
      await resumeReplay();
    }
    await caughtUp();
    expect(await postsTotal(admin)).toBe(before + 1);
    expect(await metric('trust_reads_total{target="standby"')).toMatch(/ \d+$/);
  });

  it('send a moderator who just decided to the primary until the standby has replayed the decision', async () => {
    const flag = await t.db('flags').where({ status: 'open' }).orderBy('id').first('id');
    const openBefore = await openFlags(moderator);
    await pauseReplay();
    try {
      await request(app).post(`/api/flags/${flag.id}/claim`).set(moderator).expect(200);
      await request(app).post(`/api/flags/${flag.id}/decide`).set(moderator).send({ action: 'remove', reasonCode: 'spam' }).expect(201);
      // The moderator sees their decision at once; a colleague who wrote nothing still reads the paused standby.
      expect(await openFlags(moderator)).toBe(openBefore - 1);
      expect((await request(app).get(`/api/flags/${flag.id}`).set(moderator).expect(200)).body.status).not.toBe('open');
      expect(await openFlags(admin)).toBe(openBefore);
      expect((await request(app).get(`/api/flags/${flag.id}`).set(admin).expect(200)).body.status).toBe('open');
      expect(await metric('trust_reads_total{target="primary",reason="fence"}')).toMatch(/ [1-9]\d*$/);
    } finally {
      await resumeReplay();
    }
    await caughtUp();
    // Replayed past the decision: the moderator's reads are back on the standby.
    await pauseReplay();
    try {
      const seen = await postsTotal(moderator);
      await writeBehindTheConsole();
      expect(await postsTotal(moderator)).toBe(seen);
      expect(await openFlags(moderator)).toBe(openBefore - 1);
    } finally {
      await resumeReplay();
    }
    await caughtUp();
  });

  it('report the replica lag on the health endpoint and as a metric', async () => {
    const health = await request(app).get('/api/health').expect(200);
    expect(health.body.replica).toMatchObject({ configured: true, reachable: true });
    expect(health.body.replica.lagBytes).toBeGreaterThanOrEqual(0);
    expect(await metric('trust_replica_lag_bytes')).toMatch(/^trust_replica_lag_bytes \d+/m);
  });

  it('keep the console working on the primary when the standby is stopped, and say so', async () => {
    const posts = Number((await t.db('posts').count({ n: '*' }).first())!.n);
    await run('bash', [standbyScript, 'stop'], { timeout: 60_000 });
    expect(await postsTotal(admin)).toBe(posts);
    expect(await openFlags(moderator)).toBe(Number((await t.db('flags').where({ status: 'open' }).count({ n: '*' }).first())!.n));
    await request(app).get('/api/stats/dashboard').set(admin).expect(200);
    await request(app).get('/api/community-health').set(admin).expect(200);
    expect(await metric('trust_replica_fallbacks_total')).toMatch(/ [1-9]\d*$/);
    expect(await metric('trust_replica_up')).toMatch(/ 0$/);
    expect(logs.join('')).toContain('standby unreachable');
    const health = await request(app).get('/api/health').expect(200);
    expect(health.body.replica).toMatchObject({ configured: true, reachable: false });
    expect(await metric('trust_replica_lag_bytes')).toMatch(/^trust_replica_lag_bytes -1$/m);
  });
});
