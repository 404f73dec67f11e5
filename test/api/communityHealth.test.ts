import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff, fixedClock } from '../support/testApp';
import { seedDemo } from '../support/demoSeed';

let t: TestDb;
let app: TrustApp;
let manager: { Authorization: string };
let moderator: { Authorization: string };
let key: string;
const now = new Date('2026-11-25T10:00:00Z');

/** The counters as a full recomputation from the posts would give them. */
function recomputation(granularity: 'hour' | 'day') {
  return t.db.raw(
    `select p.board, date_trunc(?, p.posted_at at time zone 'UTC') at time zone 'UTC' as bucket,
            count(*)::int as posts,
            count(*) filter (where p.disclosure_status in ('disclosed', 'weakly_disclosed', 'undisclosed'))::int as commercial,
            count(*) filter (where p.disclosure_status in ('disclosed', 'weakly_disclosed'))::int as disclosed,
            count(*) filter (where a.type in ('vendor', 'brand'))::int as by_vendor,
            count(*) filter (where exists (select 1 from partnerships s where s.creator_id = p.author_id and s.starts_at <= p.posted_at and (s.ends_at is null or s.ends_at > p.posted_at)))::int as by_partnered
     from posts p join accounts a on a.id = p.author_id
     where p.board is not null
     group by 1, 2 order by 1, 2`,
    [granularity],
  );
}

const norm = (rows: Array<Record<string, unknown>>) => rows.map((r) => ({ ...r, bucket: new Date(r.bucket as string).toISOString() }));

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, now);
  const staff = await createStaff(t.db);
  app = buildApp(t.db, { clock: fixedClock(now) });
  manager = await bearerFor(app, staff.community_manager.email);
  moderator = await bearerFor(app, staff.moderator.email);
  key = await createApiKey(t.db, 'forum');
}, 120_000);
afterAll(() => t.close());

describe('commercialization shares', () => {
  it('kept incrementally on ingestion, equal a full recomputation on the seeded community', async () => {
    for (const g of ['hour', 'day'] as const) {
      // Batches spread over slots (migration 020); a bucket's counts are its slots' sum.
      const kept = await t
        .db('board_activity')
        .where({ granularity: g })
        .groupBy('board', 'bucket')
        .orderBy(['board', 'bucket'])
        .select(
          'board',
          'bucket',
          t.db.raw(
            'sum(posts)::int as posts, sum(commercial)::int as commercial, sum(disclosed)::int as disclosed, sum(by_vendor)::int as by_vendor, sum(by_partnered)::int as by_partnered',
          ),
        );
      const full = (await recomputation(g)).rows;
      expect(kept.length).toBeGreaterThan(10);
      expect(norm(kept)).toEqual(norm(full));
    }
    for (const g of ['hour', 'day'] as const) {
      const threads = await t
        .db('thread_activity')
        .where({ granularity: g })
        .orderBy(['thread_id', 'bucket'])
        .select('thread_id', 'bucket', 'posts', 'commercial');
      const fullThreads = (
        await t.db.raw(
          `select coalesce(p.thread_id, p.id) as thread_id, date_trunc(?, p.posted_at at time zone 'UTC') at time zone 'UTC' as bucket, count(*)::int as posts,
                  count(*) filter (where p.disclosure_status in ('disclosed', 'weakly_disclosed', 'undisclosed'))::int as commercial
           from posts p where p.board is not null and (p.kind = 'thread' or p.thread_id is not null) group by 1, 2 order by 1, 2`,
          [g],
        )
      ).rows;
      expect(norm(threads), g).toEqual(norm(fullThreads));
    }
    const commercial = await t.db('board_activity').where({ granularity: 'day' }).sum({ c: 'commercial' }).first();
    expect(Number(commercial!.c)).toBeGreaterThan(0);
  });

  it('serves each board’s series, its last 24 hours, top promoters and large threads', async () => {
    const res = await request(app).get('/api/community-health').set(moderator).query({ granularity: 'day' }).expect(200);
    expect(res.body.boards.length).toBeGreaterThan(1);
    const board = res.body.boards[0];
    expect(board.series.length).toBeGreaterThan(0);
    const sum = board.series.reduce((a: number, s: { posts: number }) => a + s.posts, 0);
    expect(board.period.posts).toBe(sum);
    expect(res.body.topPromoters.length).toBeGreaterThan(0);
    expect(res.body.topPromoters[0].commercialPosts).toBeGreaterThanOrEqual(res.body.topPromoters.at(-1).commercialPosts);
    await request(app).get('/api/community-health').set(moderator).query({ granularity: 'week' }).expect(400);
    const thread = res.body.largeThreads[0] ?? { threadId: (await t.db('posts').where({ kind: 'thread' }).first('id')).id };
    const hourly = await request(app)
      .get(`/api/community-health/threads/${thread.threadId}`)
      .set(moderator)
      .query({ granularity: 'hour', from: '2026-01-01T00:00:00Z', to: now.toISOString() })
      .expect(200);
    const daily = await request(app)
      .get(`/api/community-health/threads/${thread.threadId}`)
      .set(moderator)
      .query({ granularity: 'day', from: '2026-01-01T00:00:00Z', to: now.toISOString() })
      .expect(200);
    const total = (r: { body: { series: Array<{ posts: number }> } }) => r.body.series.reduce((a, s) => a + s.posts, 0);
    expect(total(hourly)).toBe(total(daily));
    expect(total(hourly)).toBeGreaterThan(0);
  });
});

describe('board thresholds', () => {
  let n = 0;
  const post = (body: string) => {
    n += 1;
    return {
      id: `deal-${n}`,
      kind: 'thread',
      author: { id: `member-${n % 9}` },
      board: 'deals',
      title: `Deal ${n}`,
      body,
      postedAt: new Date(now.getTime() - 3600_000 + n * 1000).toISOString(),
    };
  };
  const organic = () => post('Has anyone tried the new kettle? Mine broke after a month.');
  const affiliate = () => post('Great price on this kettle https://shop.example/kettle?aff=x42 grab it');
  const communityFlags = () =>
    t.db('flags').where({ queue: 'community' }).whereRaw('reason like \'Board "deals"%\'').select('id', 'subject_id', 'status');

  it('only community managers and admins set them, with problems naming bad fields', async () => {
    await request(app).put('/api/community-health/thresholds/deals').set(moderator).send({ commercialShare: 0.3 }).expect(403);
    const bad = await request(app)
      .put('/api/community-health/thresholds/deals')
      .set(manager)
      .send({ commercialShare: 30, minPosts: 0 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['commercialShare', 'minPosts']);
    await request(app).put('/api/community-health/thresholds/deals').set(manager).send({ commercialShare: 0.3, minPosts: 5 }).expect(200);
    expect(await t.db('audit_log').where({ action: 'board_threshold.set', subject_id: 'deals' }).first()).toBeTruthy();
  });

  it('crossing raises exactly one flag until the share falls back, then a new crossing raises another', async () => {
    const send = (items: unknown[]) =>
      request(app)
        .post('/api/v1/posts')
        .set({ Authorization: `Bearer ${key}` })
        .send({ items })
        .expect(201);
    await send([organic(), organic(), organic(), organic(), organic()]);
    expect(await communityFlags()).toHaveLength(0);

    await send([affiliate(), affiliate()]); // 2 of 7: under 30 %
    expect(await communityFlags()).toHaveLength(0);
    await send([affiliate()]); // 3 of 8: over
    const first = await communityFlags();
    expect(first).toHaveLength(1);
    expect(first[0].subject_id).toBe(
      (
        await t
          .db('posts')
          .where({ external_id: `deal-${n}` })
          .first('id')
      ).id,
    );
    const alert = await t.db('board_alerts').where({ board: 'deals' }).first();
    expect(alert.post_ids).toHaveLength(3);
    expect(alert.share).toBeCloseTo(3 / 8, 9);

    await send([affiliate(), affiliate()]); // still over: no new flag
    expect(await communityFlags()).toHaveLength(1);

    await send(Array.from({ length: 12 }, organic)); // 5 of 22: back under, the alert resets
    expect((await t.db('board_thresholds').where({ board: 'deals' }).first()).alerted).toBe(false);
    expect(await communityFlags()).toHaveLength(1);

    await send([affiliate(), affiliate(), affiliate(), affiliate()]); // 9 of 26: over again
    expect(await communityFlags()).toHaveLength(2);
    expect(await t.db('board_alerts').where({ board: 'deals' })).toHaveLength(2);
  });
});
