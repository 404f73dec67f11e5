import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/testDb';
import { installStarterPolicies } from '../../api/policies/starterInstall';
import { STARTER_LISTS } from '../../rules/starter/lists';

let t: TestDb;
const now = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe('starter lists on a community that predates them', () => {
  it('adds the lists it lacks by name, keeps the ones it edited, and audits what it added', async () => {
    expect((await installStarterPolicies(t.db, now)).installed).toBe(true);
    const [gone, edited] = [STARTER_LISTS[STARTER_LISTS.length - 1]!.name, STARTER_LISTS[0]!.name];
    await t.db('policy_lists').where({ name: gone }).delete();
    await t
      .db('policy_lists')
      .where({ name: edited })
      .update({ items: JSON.stringify(['our own entry']) });

    const again = await installStarterPolicies(t.db, now);
    expect(again).toEqual({ installed: false, policies: 0, lists: 1 });
    expect(await t.db('policy_lists').where({ name: gone }).first()).toBeDefined();
    const kept = await t.db('policy_lists').where({ name: edited }).first();
    expect(typeof kept.items === 'string' ? JSON.parse(kept.items) : kept.items).toEqual(['our own entry']);
    const audits = await t.db('audit_log').where({ action: 'policy.install_starter_lists' });
    expect(audits).toHaveLength(1);

    expect((await installStarterPolicies(t.db, now)).lists).toBe(0);
    expect(await t.db('audit_log').where({ action: 'policy.install_starter_lists' })).toHaveLength(1);
  });
});
