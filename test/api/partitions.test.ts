import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationState } from '../../api/db/migrate';
import { migrationSource } from '../../migrations/index';
import { ingestPosts } from '../../api/ingest/ingestPosts';
import { postInputSchema } from '../../contract/schemas/ingest';
import { detachPartitionsBefore, ensurePartitions, listPartitions } from '../../api/db/partitions';
import { createTestDb, type TestDb } from '../support/testDb';
import { createStaff } from '../support/testApp';
import { samplePost, seedSmallCommunity } from '../support/fixtures';

const TABLES = ['audit_log', 'posts', 'reputation_events', 'rule_hits', 'statements', 'webhook_deliveries', 'webhook_events'];
const NOW = new Date('2026-11-30T12:00:00Z');

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t?.close());

async function partitioned(): Promise<string[]> {
  const { rows } = (await t.db.raw(
    `select c.relname from pg_partitioned_table p join pg_class c on c.oid = p.partrelid where pg_table_is_visible(c.oid) order by 1`,
  )) as { rows: Array<{ relname: string }> };
  return rows.map((r) => r.relname);
}

/** Rolls back until migration 018 and everything after it are undone. */
async function downToBeforePartitions(): Promise<void> {
  while (((await migrationState(t.db)).current ?? '') >= '018') await t.db.migrate.down({ migrationSource });
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...TABLES, 'transactions']) out[table] = Number((await t.db(table).count({ n: '*' }).first())!.n);
  return out;
}

const post = (id: string, postedAt: string) => postInputSchema.parse(samplePost(1, { id, postedAt }));

describe('monthly partitions (migration 018)', () => {
  it('convert tables holding rows back to flat tables, and in place again', async () => {
    await migrateToLatest(t.db);
    expect(await partitioned()).toEqual(TABLES);
    const staff = await createStaff(t.db);
    await seedSmallCommunity(t.db, staff.moderator.id);
    const before = await counts();
    expect(before.posts).toBeGreaterThan(50);
    const ids = await t.db('posts').orderBy('id').pluck('id');

    await downToBeforePartitions();
    expect(await partitioned()).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(await t.db.schema.hasTable('post_keys')).toBe(false);
    // The flat table has its unique key back.
    const dup = await t.db('posts').first();
    await expect(t.db('posts').insert({ ...dup, id: undefined })).rejects.toMatchObject({ code: '23505' });

    await migrateToLatest(t.db);
    expect(await partitioned()).toEqual(TABLES);
    expect(await counts()).toEqual(before);
    expect(await t.db('posts').orderBy('id').pluck('id')).toEqual(ids);
    expect(Number((await t.db('post_keys').count({ n: '*' }).first())!.n)).toBe(before.posts);
    // The October rows sit in their month's partition.
    expect(Number((await t.db('posts_p2026_10').count({ n: '*' }).first())!.n)).toBe(before.posts);
    // Orders still reference their referral post, now through its key.
    expect(await t.db('transactions').whereNotNull('referral_post_id').first('referral_post_id')).toBeTruthy();
    await expect(
      t.db('transactions').insert({
        source: 'x',
        external_id: 'bad-ref',
        buyer_id: 1,
        vendor_id: 1,
        amount_cents: 1,
        status: 'completed',
        referral_post_id: 999_999_999,
        ordered_at: NOW,
        ingested_at: NOW,
      }),
    ).rejects.toMatchObject({ code: '23503' });
    // New rows keep taking ids from the same sequence.
    const [fresh] = await ingestPosts(t.db, 'testplatform', [post('after-conversion', '2026-11-02T00:00:00Z')], NOW);
    expect(fresh!.id).toBeGreaterThan(Math.max(...ids));
  });

  it('store a post once when copies with different times on either side of a month boundary arrive together', async () => {
    const rounds = 12;
    for (let r = 0; r < rounds; r++) {
      const id = `boundary-${r}`;
      const results = await Promise.all([
        ingestPosts(t.db, 'edge', [post(id, '2026-10-31T23:59:59.999Z')], NOW),
        ingestPosts(t.db, 'edge', [post(id, '2026-11-01T00:00:00.000Z')], NOW),
        ingestPosts(t.db, 'edge', [post(id, '2026-11-01T00:00:00.000Z'), post(`${id}-other`, '2026-11-03T00:00:00.000Z')], NOW),
      ]);
      const stored = results.map((batch) => batch[0]!);
      expect(new Set(stored.map((s) => s.id)).size).toBe(1);
      expect(stored.filter((s) => s.created)).toHaveLength(1);
    }
    const rows = await t.db('posts').where({ source: 'edge' }).whereNot('external_id', 'like', '%-other').select('external_id');
    expect(rows).toHaveLength(rounds);
    expect(new Set(rows.map((x: { external_id: string }) => x.external_id)).size).toBe(rounds);
  });

  it('refuse a second post with a key already stored in another month, whoever inserts it', async () => {
    const row = await t.db('posts').where({ source: 'edge', external_id: 'boundary-0' }).first();
    const copy = { ...row, id: 888_888_888, posted_at: new Date('2026-12-15T00:00:00Z') };
    await expect(t.db('posts').insert(copy)).rejects.toMatchObject({ code: '23505' });
    expect(await t.db('posts').where({ source: 'edge', external_id: 'boundary-0' })).toHaveLength(1);
  });

  it('make the coming months ahead, moving early arrivals out of the default partition', async () => {
    await ingestPosts(t.db, 'future', [post('far-future', '2031-05-20T08:00:00Z')], NOW);
    expect(await t.db('posts_pdefault').where({ external_id: 'far-future' })).toHaveLength(1);
    const made = await ensurePartitions(t.db, new Date('2031-04-15T00:00:00Z'));
    expect(made).toEqual(expect.arrayContaining(TABLES.map((table) => `${table}_p2031_07`)));
    expect(made).toHaveLength(TABLES.length * 4);
    expect(await ensurePartitions(t.db, new Date('2031-04-15T00:00:00Z'))).toEqual([]);
    expect(await t.db('posts_pdefault').where({ external_id: 'far-future' })).toHaveLength(0);
    expect(await t.db('posts_p2031_05').where({ external_id: 'far-future' })).toHaveLength(1);
    expect(await t.db('posts').where({ external_id: 'far-future' })).toHaveLength(1);
  });

  it('detach old months into plain tables that keep their rows', async () => {
    const detached = await detachPartitionsBefore(t.db, new Date('2031-06-01T00:00:00Z'), { tables: ['posts'] });
    expect(detached.map((p) => p.partition)).toContain('posts_p2031_05');
    expect(detached.every((p) => p.table === 'posts' && p.to!.getTime() <= Date.parse('2031-06-01T00:00:00Z'))).toBe(true);
    expect(await t.db('posts').where({ external_id: 'far-future' })).toHaveLength(0);
    expect(await t.db('posts_p2031_05').where({ external_id: 'far-future' })).toHaveLength(1);
    const left = (await listPartitions(t.db)).filter((p) => p.table === 'posts');
    expect(left.map((p) => p.partition).sort()).toEqual(['posts_p2031_06', 'posts_p2031_07', 'posts_pdefault']);
    // The key outlives the month: the platform re-sending that post is told it was stored.
    const [again] = await ingestPosts(t.db, 'future', [post('far-future', '2031-05-20T08:00:00Z')], NOW);
    expect(again!.created).toBe(false);
  });
});
