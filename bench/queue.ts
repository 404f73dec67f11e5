import type { AddressInfo } from 'node:net';
import knexFactory from 'knex';
import pino from 'pino';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrate';
import { createApp } from '../api/app';
import { testConfig } from '../api/config';
import { systemClock } from '../api/deps';
import { createSession } from '../api/auth/sessions';
import { percentile, report, round } from './report';

const FLAGS = Number(process.env.BENCH_FLAGS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_queue';

async function main() {
  const admin = knexFactory({ client: 'pg', connection: URL, pool: { min: 0, max: 1 } });
  await admin.raw('drop schema if exists ?? cascade', [SCHEMA]);
  await admin.raw('create schema ??', [SCHEMA]);
  const db = connectDatabase({ databaseUrl: URL, schema: SCHEMA, poolMax: 8 });
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    await db.raw(
      `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, created_at)
       select 'post', i, (array['spam','scam','contact_harvesting','fake_review','suspicious_order','undisclosed_ad','community'])[1 + i % 7],
              (i * 7919) % 101, case when i % 10 < 7 then 'open' else 'decided' end, 'rule', 'bench', now() - make_interval(secs => i)
       from generate_series(1, ?::bigint) as i`,
      [FLAGS],
    );
    // Autovacuum does this on a live database; right after a bulk load it has not run yet. The
    // visibility map it sets is what lets counts and deep offsets stay index-only.
    await db.raw(process.env.BENCH_NO_VACUUM === '1' ? 'analyze flags' : 'vacuum analyze flags');
    const loadSeconds = (performance.now() - t0) / 1000;
    const [staff] = await db('staff')
      .insert({ email: 'bench@bench.example', display_name: 'bench', role: 'moderator', password_hash: 'x', created_at: new Date() })
      .returning('id');
    const session = await createSession(db, staff.id, new Date(), 3600_000);
    const app = createApp({ db, clock: systemClock, logger: pino({ level: 'silent' }), config: testConfig() });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const open = Number((await db('flags').where({ queue: 'contact_harvesting', status: 'open' }).count({ c: '*' }).first())!.c);
    const page = async (start: number) => {
      const q = `sort=${encodeURIComponent('["priority","DESC"]')}&range=${encodeURIComponent(`[${start},${start + 24}]`)}&filter=${encodeURIComponent('{"status":"open","queue":"contact_harvesting"}')}`;
      const s = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/flags?${q}`, { headers: { Authorization: `Bearer ${session.token}` } });
      await res.json();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return performance.now() - s;
    };
    const measure = async (start: number) => {
      for (let i = 0; i < 10; i++) await page(start);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await page(start));
      return times.sort((a, b) => a - b);
    };
    const first = await measure(0);
    const deepStart = Math.max(0, Math.floor(open * 0.9) - 25);
    const deep = await measure(deepStart);
    server.close();
    report(
      [
        `${FLAGS} flags (${open} open in the contact-harvesting queue) loaded in ${round(loadSeconds, 1)} s${process.env.BENCH_NO_VACUUM === '1' ? ', not vacuumed' : ', vacuumed'}`,
        `first page: p50 ${round(percentile(first, 50), 1)} ms, p95 ${round(percentile(first, 95), 1)} ms over ${REQUESTS} requests`,
        `deep page (offset ${deepStart}): p50 ${round(percentile(deep, 50), 1)} ms, p95 ${round(percentile(deep, 95), 1)} ms`,
      ],
      {
        bench: 'queue',
        flags: FLAGS,
        vacuumed: process.env.BENCH_NO_VACUUM !== '1',
        first_p95_ms: round(percentile(first, 95), 1),
        deep_p95_ms: round(percentile(deep, 95), 1),
        deep_offset: deepStart,
      },
    );
  } finally {
    await db.destroy();
    await admin.raw('drop schema if exists ?? cascade', [SCHEMA]);
    await admin.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
