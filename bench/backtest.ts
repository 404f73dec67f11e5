import { monitorEventLoopDelay } from 'node:perf_hooks';
import knexFactory from 'knex';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrate';
import { runBacktest } from '../api/backtests/runBacktest';
import { sqlArray } from '../api/db/sqlArray';
import { buildDemoCommunity } from '../api/seed/demoCommunity';
import { textFingerprint } from '../rules/facts/textFacts';
import { STARTER_LISTS } from '../rules/starter/lists';
import { STARTER_POLICIES } from '../rules/starter/policies';
import { benchmarkPolicy } from './benchPolicy';
import { report, round } from './report';

const POSTS = Number(process.env.BENCH_POSTS ?? 1_000_000);
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_backtest';

async function main() {
  const admin = knexFactory({ client: 'pg', connection: URL, pool: { min: 0, max: 1 } });
  // BENCH_REUSE=1 runs on the posts a BENCH_KEEP=1 run left behind, when iterating.
  const reuse =
    process.env.BENCH_REUSE === '1' &&
    Number(
      (await admin.raw(`select count(*) as n from information_schema.tables where table_schema = ? and table_name = 'posts'`, [SCHEMA]))
        .rows[0].n,
    ) > 0;
  if (!reuse) {
    await admin.raw('drop schema if exists ?? cascade', [SCHEMA]);
    await admin.raw('create schema ??', [SCHEMA]);
  }
  const db = connectDatabase({ databaseUrl: URL, schema: SCHEMA, poolMax: 4 });
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const now = new Date('2026-11-25T00:00:00Z');
    if (!reuse) await load();
    const loadSeconds = (performance.now() - t0) / 1000;
    async function load() {
      // Texts, authors and products from the demo generator; posts spread over 60 days.
      const community = buildDemoCommunity({ seed: 1, anchor: new Date('2026-11-25T00:00:00Z') });
      await db('accounts').insert(
        community.accounts.map((a, i) => ({
          source: 'bench',
          external_id: a.id,
          handle: a.handle ?? a.id,
          display_name: a.displayName ?? null,
          type: a.type ?? 'member',
          locale: a.locale ?? 'zh',
          joined_at: a.joinedAt ?? now,
          ingested_at: now,
          reputation_score: 20 + ((i * 37) % 80),
        })),
      );
      const accountIds = (await db('accounts').orderBy('id').select('id', 'type')) as Array<{ id: number; type: string }>;
      const products = await db('products')
        .insert(
          Array.from({ length: 40 }, (_, i) => ({
            source: 'bench',
            external_id: `sku-${i}`,
            name: `product ${i}`,
            price_cents: 1000 * (i + 1),
            ingested_at: now,
          })),
        )
        .returning('id');
      await db('policy_lists').insert(
        STARTER_LISTS.map((l) => ({
          name: l.name,
          description: l.description,
          items: JSON.stringify(l.items),
          created_at: now,
          updated_at: now,
        })),
      );
      const pool = community.posts.map((p) => ({
        title: p.title ?? null,
        body: p.body,
        hash: textFingerprint(p.title ? `${p.title}\n${p.body}` : p.body),
      }));
      // Threads first (one in twenty posts), then everything else points at one of them.
      const threads = Math.ceil(POSTS / 20);
      const insert = (from: number, to: number, kindSql: string, threadSql: string) =>
        db.raw(
          `insert into posts (source, external_id, kind, thread_id, author_id, product_id, board, title, body, lang, rating, platform_label, reach, status, spam_score, promo_score, posted_at, ingested_at, text_hash)
         select 'bench', 'b-' || i, ${kindSql}, ${threadSql},
                (?::bigint[])[1 + (i * 7919) % ?], case when i % 5 = 0 then (?::bigint[])[1 + i % ?] end,
                (array['digital','beauty','outdoor','home','parenting','food'])[1 + i % 6],
                (?::text[])[1 + (i * 104729) % ?], (?::text[])[1 + (i * 104729) % ?], 'zh',
                case when ${kindSql} = 'review' then 1 + i % 5 end, i % 50 = 0, (i * 31) % 20000, 'visible',
                ((i * 13) % 100) / 100.0, ((i * 29) % 100) / 100.0,
                ?::timestamptz - make_interval(secs => (? - i) * (5184000.0 / ?)), ?::timestamptz,
                (?::text[])[1 + (i * 104729) % ?]
         from generate_series(?::bigint, ?::bigint) as i`,
          [
            sqlArray(accountIds.map((a) => a.id)),
            accountIds.length,
            sqlArray(products.map((p: { id: number }) => p.id)),
            products.length,
            sqlArray(pool.map((p) => p.title)),
            pool.length,
            sqlArray(pool.map((p) => p.body)),
            pool.length,
            now,
            POSTS,
            POSTS,
            now,
            sqlArray(pool.map((p) => p.hash)),
            pool.length,
            from,
            to,
          ],
        );
      await insert(1, threads, "'thread'", 'null');
      const firstThread = Number((await db('posts').min({ m: 'id' }).first())!.m);
      const kind = "(case when i % 10 = 0 then 'review' when i % 7 = 0 then 'live_comment' else 'reply' end)";
      for (let from = threads + 1; from <= POSTS; from += 250_000) {
        await insert(from, Math.min(POSTS, from + 249_999), kind, `${firstThread} + (i % ${threads})`);
      }
      // Moderator decisions on a slice of the items, for the decision overlap.
      await db('staff').insert({
        email: 'bench@bench.example',
        display_name: 'bench',
        role: 'moderator',
        password_hash: 'x',
        created_at: now,
      });
      await db.raw(
        `insert into decisions (subject_type, subject_id, action, reason_code, staff_id, created_at) select 'post', id, case when id % 3 = 0 then 'approve' else 'remove' end, 'bench', (select min(id) from staff), ? from posts where id % 97 = 0`,
        [now],
      );
      await db.raw('analyze');
    }

    // The floor: the same posts, with the columns their facts are computed from, streamed from
    // PostgreSQL in posted_at order through a server-side cursor, and nothing else done with them.
    const cpuSeconds = (since: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1e6;
    };
    const floor = async () => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      let rows = 0;
      await db.transaction(async (trx) => {
        await trx.raw(
          `declare floor_cursor no scroll cursor for
           select id, kind, board, title, body, rating, platform_label, reach, product_id, posted_at, author_id, thread_id, text_hash, spam_score, promo_score, disclosure_status
           from posts where posted_at < ? order by posted_at, id`,
          [now],
        );
        for (;;) {
          const { rows: page } = (await trx.raw('fetch 5000 from floor_cursor')) as { rows: unknown[] };
          if (page.length === 0) break;
          rows += page.length;
        }
      });
      return { rows, seconds: (performance.now() - t) / 1000, cpu: cpuSeconds(cpu) };
    };
    const floorBefore = await floor();

    const contact = STARTER_POLICIES.find((p) => p.name === 'Contact harvesting')!.document;
    let lastReport = 0;
    // BENCH_WORKERS sets the backtest's worker threads (0: all in its own thread); by default one per core.
    const workers = process.env.BENCH_WORKERS === undefined ? undefined : Number(process.env.BENCH_WORKERS);
    // How long anything else this process serves (an API request beside a backtest job) waits for the event loop.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const result = await runBacktest(
      db,
      { subject: 'post', document: benchmarkPolicy(), compareWith: contact, from: new Date(now.getTime() - 61 * 86_400_000), to: now },
      async (done, total) => {
        if (done - lastReport >= 200_000 || done === total) {
          lastReport = done;
          process.stderr.write(`  ${done} / ${total}\n`);
        }
      },
      { workers },
    );
    const seconds = (performance.now() - t1) / 1000;
    const cpu = cpuSeconds(cpu1);
    loopDelay.disable();
    const loopP99Ms = loopDelay.percentile(99) / 1e6;
    const loopMaxMs = loopDelay.max / 1e6;
    const floorAfter = await floor();
    const floorSeconds = (floorBefore.seconds + floorAfter.seconds) / 2;
    const floorCpu = (floorBefore.cpu + floorAfter.cpu) / 2;
    const topRules = [...result.draft.rules]
      .sort((a, b) => b.matches - a.matches)
      .slice(0, 5)
      .map((r) => `${r.rule} ${r.matches}`);
    report(
      [
        reuse ? 'reused the posts of an earlier run' : `loaded ${POSTS} posts into PostgreSQL in ${round(loadSeconds, 1)} s`,
        `backtest of a ${benchmarkPolicy().rules.length}-rule policy over ${result.items} posts (${workers ?? 'default'} worker threads): ${round(seconds, 1)} s, ${Math.round(result.items / seconds)} posts/s`,
        `floor (stream the same ${floorBefore.rows} posts' fact columns through a cursor, no judging): ${round(floorBefore.seconds, 2)} s before, ${round(floorAfter.seconds, 2)} s after the backtest; backtest / floor ${round(seconds / floorSeconds, 2)}x wall time; this process's CPU: backtest ${round(cpu, 2)} s, floor ${round(floorCpu, 2)} s, ratio ${round(cpu / floorCpu, 2)}x`,
        `event loop delay during the backtest (what a request beside it would wait): p99 ${round(loopP99Ms, 1)} ms, max ${round(loopMaxMs, 1)} ms`,
        `draft matched ${result.draft.itemsMatched} posts; versus the version compared: ${result.diff?.newlyMatched} newly, ${result.diff?.noLongerMatched} no longer`,
        `decisions: ${result.decisions.upheld} upheld, ${result.decisions.approved} approved; caught ${result.decisions.caughtUpheld}, matched approved ${result.decisions.matchedApproved}`,
        `top rules: ${topRules.join(', ')}`,
      ],
      {
        bench: 'backtest',
        posts: result.items,
        rules: benchmarkPolicy().rules.length,
        workers: workers ?? 'default',
        seconds: round(seconds, 1),
        posts_per_s: Math.round(result.items / seconds),
        floor_seconds: round(floorSeconds, 2),
        backtest_over_floor: round(seconds / floorSeconds, 2),
        cpu_seconds: round(cpu, 2),
        floor_cpu_seconds: round(floorCpu, 2),
        cpu_over_floor: round(cpu / floorCpu, 2),
        event_loop_delay_p99_ms: round(loopP99Ms, 1),
        event_loop_delay_max_ms: round(loopMaxMs, 1),
        load_seconds: round(loadSeconds, 1),
      },
    );
  } finally {
    await db.destroy();
    if (process.env.BENCH_KEEP !== '1' && process.env.BENCH_REUSE !== '1') await admin.raw('drop schema if exists ?? cascade', [SCHEMA]);
    await admin.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
