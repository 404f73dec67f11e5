/*
 * npm run bench:counters — board counter contention. Four connections send batches of posts for
 * BENCH_SECONDS: all four on one board, then each on its own board; with one counter row per
 * board bucket (slots = 1, as before migration 020) and with BOARD_COUNTER_SLOTS (default 8).
 * The batches are judged by the starter policies without the classifier, so the database's share
 * of each batch, where the counter rows are, is as large as it gets. Fresh PostgreSQL database
 * `bench_counters` on DATABASE_URL's server.
 */
import knexFactory from 'knex';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrate';
import { ingestPosts } from '../api/ingest/ingestPosts';
import { postInputSchema } from '../contract/schemas/ingest';
import { createPolicyRuntime } from '../api/policies/policyRuntime';
import { installStarterPolicies } from '../api/policies/starterInstall';
import { report, round } from './report';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'bench_counters';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 4;
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const SLOTS = Number(process.env.BOARD_COUNTER_SLOTS ?? 8);

async function main() {
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.raw(`create database ${DB_NAME}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  const db = connectDatabase({ databaseUrl: url, poolMax: CONNECTIONS });
  await migrateToLatest(db);
  const start = new Date('2026-11-20T00:00:00Z');
  await installStarterPolicies(db, start);
  const runtime = createPolicyRuntime();
  let sequence = 0;
  const batchFor = (board: string) =>
    Array.from({ length: BATCH }, () => {
      sequence += 1;
      // Posts within one hour, so every batch on a board adds to the same hourly and daily buckets.
      return postInputSchema.parse({
        id: `c-${sequence}`,
        kind: 'thread',
        author: { id: `a-${sequence % 2000}`, joinedAt: '2025-06-01T00:00:00Z' },
        board,
        title: `Question ${sequence}`,
        body: sequence % 3 ? `Which charger works with this phone? ${sequence}` : `这个耳机音质怎么样？第${sequence}个`,
        postedAt: new Date(start.getTime() + (sequence % 3_000_000)).toISOString(),
      });
    });
  // Warm-up, then statistics, as a running installation would have.
  for (let i = 0; i < 20; i++) await ingestPosts(db, 'bench', batchFor('warm'), start, { runtime, counterSlots: 1 });
  await db.raw('analyze');

  async function scenario(name: string, slots: number, boards: string[]): Promise<number> {
    let batches = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, c) => {
        const board = boards[c % boards.length]!;
        while (Date.now() < until) {
          await ingestPosts(db, 'bench', batchFor(board), start, { runtime, counterSlots: slots });
          batches++;
        }
      }),
    );
    const rate = batches / SECONDS;
    lines.push(`${name.padEnd(44)} ${round(rate, 1)} batches/s (${round(rate * BATCH, 0)} posts/s)`);
    return rate;
  }
  const lines: string[] = [`Board counters: ${CONNECTIONS} connections, batches of ${BATCH}, ${SECONDS} s per case, slots = 1 vs ${SLOTS}`];
  const oneRowHot = await scenario('one board, one row per bucket', 1, ['hot']);
  const oneRowSpread = await scenario('a board per connection, one row per bucket', 1, ['b0', 'b1', 'b2', 'b3']);
  const slotsHot = await scenario(`one board, ${SLOTS} slots per bucket`, SLOTS, ['hot']);
  const slotsSpread = await scenario(`a board per connection, ${SLOTS} slots per bucket`, SLOTS, ['b0', 'b1', 'b2', 'b3']);
  // The counters must still add up: every stored post of the hot board counted once over its slots.
  const counted = Number((await db('board_activity').where({ board: 'hot', granularity: 'day' }).sum({ n: 'posts' }).first())!.n);
  const stored = Number((await db('posts').where({ board: 'hot' }).count({ n: '*' }).first())!.n);
  lines.push(`hot board: ${stored} posts stored, ${counted} counted over its slots (${counted === stored ? 'equal' : 'DIFFERENT'})`);
  lines.push(
    `one board / board per connection: ${round(oneRowHot / oneRowSpread, 2)} with one row, ${round(slotsHot / slotsSpread, 2)} with ${SLOTS} slots`,
  );
  await db.destroy();
  await admin.raw(`drop database if exists ${DB_NAME}`);
  await admin.destroy();
  report(lines, {
    bench: 'counters',
    batch: BATCH,
    seconds: SECONDS,
    slots: SLOTS,
    oneRowHotBatchesPerS: round(oneRowHot, 1),
    oneRowSpreadBatchesPerS: round(oneRowSpread, 1),
    slotsHotBatchesPerS: round(slotsHot, 1),
    slotsSpreadBatchesPerS: round(slotsSpread, 1),
    countsEqual: counted === stored,
  });
  if (counted !== stored) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
