import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/testDb';
import { createStaff } from '../support/testApp';
import { createPolicyRuntime, type PolicyRuntime } from '../../api/policies/policyRuntime';
import { policyService } from '../../api/policies/policyService';

/*
 * The runtime keeps compiled policies, lists, brand names and board thresholds until the token
 * that triggers renew says something changed. Each thing it caches must renew the token, and what
 * ingestion writes all the time must not (or every batch would queue on the token's row).
 */
let t: TestDb;
let runtime: PolicyRuntime;
let staffId: number;
const now = new Date('2026-11-01T00:00:00Z');

const token = async () => (await t.db('policy_cache_token').first('token')).token as string;

beforeAll(async () => {
  t = await createTestDb();
  runtime = createPolicyRuntime();
  staffId = (await createStaff(t.db, now)).community_manager.id;
});
afterAll(() => t?.close());

describe('the policy cache', () => {
  it('sees a publish, an archive and a list edit on the next batch', async () => {
    expect((await runtime.active(t.db, 'post')).policies).toEqual([]);
    const policies = policyService(t.db);
    const id = await policies.create(
      {
        name: 'Links',
        appliesTo: 'post',
        mode: 'enforce',
        draft: {
          rules: [
            {
              name: 'link',
              conditions: { all: [{ fact: 'linkCount', operator: 'greaterThan', value: 0 }] },
              event: { type: 'hold', params: { reason: 'links' } },
            },
          ],
        },
      },
      { staffId },
      now,
    );
    expect((await runtime.active(t.db, 'post')).policies).toEqual([]);
    await policies.publish(id, {}, { staffId }, now);
    expect((await runtime.active(t.db, 'post')).policies.map((p) => p.name)).toEqual(['Links']);
    await policies.archive(id, { staffId }, now);
    expect((await runtime.active(t.db, 'post')).policies).toEqual([]);

    await t
      .db('policy_lists')
      .insert({ name: 'shops', description: 'x', items: JSON.stringify(['a.example']), created_at: now, updated_at: now });
    expect((await runtime.active(t.db, 'post')).lists.shops).toEqual(['a.example']);
    await t
      .db('policy_lists')
      .where({ name: 'shops' })
      .update({ items: JSON.stringify(['a.example', 'b.example']) });
    expect((await runtime.active(t.db, 'post')).lists.shops).toEqual(['a.example', 'b.example']);
  });

  it('sees brands created, renamed and removed, and board thresholds changed', async () => {
    const [brand] = await t
      .db('accounts')
      .insert({
        source: 'forum',
        external_id: 'b1',
        handle: 'acme',
        display_name: 'Acme Audio',
        type: 'brand',
        locale: 'en',
        joined_at: now,
        ingested_at: now,
      })
      .returning('id');
    expect((await runtime.active(t.db, 'post')).brands).toEqual([{ handle: 'acme', names: ['Acme', 'Audio'] }]);
    await t.db('accounts').where({ id: brand.id }).update({ display_name: 'Acme Sound' });
    expect((await runtime.active(t.db, 'post')).brands).toEqual([{ handle: 'acme', names: ['Acme', 'Sound'] }]);
    await t.db('accounts').where({ id: brand.id }).update({ type: 'member' });
    expect((await runtime.active(t.db, 'post')).brands).toEqual([]);

    await t.db('board_thresholds').insert({ board: 'audio', commercial_share: 0.3, min_posts: 20, alerted: false, updated_at: now });
    expect((await runtime.active(t.db, 'post')).thresholds?.get('audio')).toEqual({ share: 0.3, minPosts: 20 });
    await t.db('board_thresholds').where({ board: 'audio' }).update({ commercial_share: 0.5 });
    expect((await runtime.active(t.db, 'post')).thresholds?.get('audio')).toEqual({ share: 0.5, minPosts: 20 });
    await t.db('board_thresholds').where({ board: 'audio' }).delete();
    expect((await runtime.active(t.db, 'post')).thresholds?.has('audio')).toBe(false);
  });

  it('is not renewed by what ingestion writes all the time', async () => {
    await t.db('board_thresholds').insert({ board: 'audio', commercial_share: 0.3, min_posts: 20, alerted: false, updated_at: now });
    const before = await token();
    await t
      .db('accounts')
      .insert({ source: 'forum', external_id: 'm1', handle: 'member1', type: 'member', locale: 'en', joined_at: now, ingested_at: now });
    await t.db('accounts').where({ external_id: 'm1' }).update({ reputation_score: 60, display_name: 'Someone' });
    await t.db('board_thresholds').where({ board: 'audio' }).update({ alerted: true });
    expect(await token()).toBe(before);
    await t.db.raw('truncate accounts restart identity cascade');
    expect(await token()).not.toBe(before);
  });
});
