import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp, createApiKey, listenOnLoopback } from '../support/testApp';
import { samplePost } from '../support/fixtures';
import { installStarterPolicies } from '../../api/policies/starterInstall';

/*
 * A platform that retries: the same batch sent 1,000 times at once, over real sockets, must
 * leave exactly one copy of every item, author, flag and report.
 */
const COPIES = 1000;

let t: TestDb;
let app: TrustApp;
let server: Awaited<ReturnType<typeof listenOnLoopback>>;
let base: string;
let key: string;

beforeAll(async () => {
  t = await createTestDb();
  await installStarterPolicies(t.db, new Date('2026-11-01T00:00:00Z'));
  app = buildApp(t.db, { config: { ingestRateLimit: 1_000_000 } });
  key = await createApiKey(t.db, 'retrying');
  server = await listenOnLoopback(app);
  base = server.url;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function sendAll(path: string, body: unknown) {
  const statuses = await Promise.all(
    Array.from({ length: COPIES }, () =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => (await r.arrayBuffer(), r.status)),
    ),
  );
  return statuses;
}

describe(`${COPIES} concurrent duplicates`, () => {
  it('store exactly one copy of each post, author and flag', async () => {
    // One of them asks for payment off the platform, so a starter policy flags it.
    const batch = {
      items: [
        samplePost(1, { id: 'dup-1' }),
        samplePost(2, { id: 'dup-2', body: '加我微信 abc_12345 私聊，转账给我更便宜' }),
        samplePost(3, { id: 'dup-3', author: { id: 'brand-new-author' } }),
      ],
    };
    const statuses = await sendAll('/api/v1/posts', batch);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(COPIES - 1);
    const posts = await t.db('posts').whereIn('external_id', ['dup-1', 'dup-2', 'dup-3']).select('id');
    expect(posts).toHaveLength(3);
    expect(await t.db('accounts').where({ source: 'retrying', external_id: 'brand-new-author' })).toHaveLength(1);
    const flags = await t
      .db('flags')
      .whereIn(
        'subject_id',
        posts.map((p: { id: number }) => p.id),
      )
      .andWhere({ subject_type: 'post' })
      .select('subject_id', 'queue');
    expect(flags.length).toBeGreaterThan(0);
    expect(new Set(flags.map((f: { subject_id: number; queue: string }) => `${f.subject_id}/${f.queue}`)).size).toBe(flags.length);
    const board = await t.db('board_activity').where({ granularity: 'day' }).sum({ n: 'posts' }).first();
    expect(Number(board!.n)).toBe(3);
  }, 120_000);

  it('judge a single post once: one copy, one flag, one set of rule hits, counted once on its board', async () => {
    // Single posts take the coalescing path, where a lone post is judged before its insert finds out whether it is new.
    const before = Number((await t.db('board_activity').where({ granularity: 'day' }).sum({ n: 'posts' }).first())!.n);
    const statuses = await sendAll('/api/v1/posts', samplePost(4, { id: 'dup-single', body: '加我微信 xyz_67890 私聊，转账给我更便宜' }));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(COPIES - 1);
    const posts = await t.db('posts').where({ external_id: 'dup-single' }).select('id');
    expect(posts).toHaveLength(1);
    const flags = await t.db('flags').where({ subject_type: 'post', subject_id: posts[0].id });
    expect(flags.length).toBeGreaterThan(0);
    expect(new Set(flags.map((f: { queue: string }) => f.queue)).size).toBe(flags.length);
    const hits = await t.db('rule_hits').where({ subject_type: 'post', subject_id: posts[0].id }).select('policy_version_id', 'rule_name');
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h: { policy_version_id: number; rule_name: string }) => `${h.policy_version_id}/${h.rule_name}`)).size).toBe(
      hits.length,
    );
    const after = Number((await t.db('board_activity').where({ granularity: 'day' }).sum({ n: 'posts' }).first())!.n);
    expect(after - before).toBe(1);
  }, 120_000);

  it('store exactly one copy of each report, counted once on its flag', async () => {
    const report = {
      id: 'rep-dup',
      reporter: { id: 'reporter-dup' },
      subject: { type: 'post', id: 'dup-1' },
      reason: 'spam',
      reportedAt: '2026-11-02T00:00:00Z',
    };
    const statuses = await sendAll('/api/v1/reports', report);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(COPIES - 1);
    const rows = await t.db('reports').where({ external_id: 'rep-dup' });
    expect(rows).toHaveLength(1);
    expect((await t.db('flags').where({ id: rows[0].flag_id }).first()).report_count).toBe(1);
  }, 120_000);
});
