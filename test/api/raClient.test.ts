import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'ra-core';
import type { TrustApp } from '../../api/app';
import { RESOURCES } from '../../api/resources/definitions';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff, listenOnLoopback } from '../support/testApp';
import { seedSmallCommunity } from '../support/fixtures';

/*
 * The console talks to the API through ra-data-simple-rest; this drives that very provider, with
 * ra-core's fetchJson, against the app over HTTP, so what react-admin does on each page is what is
 * checked here: every resource read each way, and every write the console offers.
 */
let t: TestDb;
let app: TrustApp;
let server: { url: string; close(): Promise<void> };
let data: DataProvider;
let adminId: number;

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  adminId = staff.admin.id;
  await seedSmallCommunity(t.db, staff.moderator.id);
  app = buildApp(t.db);
  const auth = await bearerFor(app, staff.admin.email);
  server = await listenOnLoopback(app);
  const httpClient = (url: string, options: fetchUtils.Options = {}) => {
    const headers = new Headers(options.headers);
    headers.set('Authorization', auth.Authorization);
    return fetchUtils.fetchJson(url, { ...options, headers });
  };
  data = simpleRestProvider(`${server.url}/api`, httpClient);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const page = { page: 1, perPage: 5 };
const byId = { field: 'id', order: 'ASC' as const };

describe('ra-data-simple-rest reads every resource', () => {
  // The model pages' resources are served by their own router (api/routes/models.ts).
  it.each([...Object.keys(RESOURCES), 'model-versions', 'model-training-runs', 'labels'])(
    '%s: getList, getOne and getMany agree',
    async (resource) => {
      const list = await data.getList(resource, { pagination: page, sort: byId, filter: {} });
      expect(typeof list.total).toBe('number');
      expect(list.data.length).toBeLessThanOrEqual(5);
      expect(list.data.length).toBeLessThanOrEqual(list.total!);
      if (!list.data.length) return;
      const first = list.data[0]!;
      const one = await data.getOne(resource, { id: first.id });
      expect(one.data.id).toBe(first.id);
      const many = await data.getMany(resource, { ids: list.data.map((r) => r.id) });
      expect(many.data.map((r) => r.id).sort()).toEqual(list.data.map((r) => r.id).sort());
    },
  );
});

async function listed(resource: string, id: unknown, filter: Record<string, unknown> = {}): Promise<boolean> {
  const list = await data.getList(resource, { pagination: { page: 1, perPage: 1000 }, sort: byId, filter });
  return list.data.some((r) => r.id === id);
}

describe('ra-data-simple-rest writes what the console writes', () => {
  it('staff: create, update, delete deactivates and leaves the default list', async () => {
    const { data: made } = await data.create('staff', {
      data: { email: 'new-mod@test.example', displayName: 'New', role: 'moderator', password: 'a long enough password' },
    });
    const { data: renamed } = await data.update('staff', { id: made.id, data: { ...made, displayName: 'Renamed' }, previousData: made });
    expect(renamed.displayName).toBe('Renamed');
    const { data: gone } = await data.delete('staff', { id: made.id, previousData: renamed });
    expect(gone.active).toBe(false);
    expect(await listed('staff', made.id)).toBe(false);
    expect(await listed('staff', made.id, { active: false })).toBe(true);
    const audit = await t
      .db('audit_log')
      .where({ subject_type: 'staff', subject_id: String(made.id) })
      .orderBy('id')
      .pluck('action');
    expect(audit).toEqual(['staff.create', 'staff.update', 'staff.deactivate']);
  });

  it('api-keys: create, update renames, delete revokes and leaves the default list', async () => {
    const { data: made } = await data.create('api-keys', { data: { name: 'Forum', source: 'forum' } });
    expect(String(made.key)).toMatch(/^tck_/);
    const { key: _key, ...record } = made;
    const { data: renamed } = await data.update('api-keys', {
      id: made.id,
      data: { ...record, name: 'Forum (prod)' },
      previousData: record,
    });
    expect(renamed.name).toBe('Forum (prod)');
    await data.delete('api-keys', { id: made.id, previousData: renamed });
    expect(await listed('api-keys', made.id)).toBe(false);
    expect(await listed('api-keys', made.id, { revoked: true })).toBe(true);
    // A range over ids is not a request for ids: the revoked key stays out.
    expect(await listed('api-keys', made.id, { id_gte: 1 })).toBe(false);
    // `revoked` is a yes-or-no question: a list or a comparison is a 400 naming it, never a database error.
    for (const filter of [{ revoked: [true] }, { revoked_neq: true }]) {
      const err = await data.getList('api-keys', { pagination: page, sort: byId, filter }).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 400 });
      expect((err as { body: { errors: Array<{ path: string }> } }).body.errors[0]!.path).toMatch(/^filter\.revoked/);
    }
  });

  it('webhook-subscriptions: delete disables and leaves the default list', async () => {
    const { data: made } = await data.create('webhook-subscriptions', {
      data: { url: 'https://platform.example/hooks', eventTypes: ['decision.made'] },
    });
    const { secret: _secret, ...record } = made;
    const { data: updated } = await data.update('webhook-subscriptions', {
      id: made.id,
      data: { ...record, description: 'Main' },
      previousData: record,
    });
    expect(updated.description).toBe('Main');
    await data.delete('webhook-subscriptions', { id: made.id, previousData: updated });
    expect(await listed('webhook-subscriptions', made.id)).toBe(false);
    expect(await listed('webhook-subscriptions', made.id, { active: false })).toBe(true);
  });

  it('policies: delete archives and leaves the default list', async () => {
    const { data: made } = await data.create('policies', { data: { name: 'ra client', appliesTo: 'post', draft: { rules: [] } } });
    await data.delete('policies', { id: made.id, previousData: made });
    expect(await listed('policies', made.id)).toBe(false);
    expect(await listed('policies', made.id, { status: 'archived' })).toBe(true);
  });

  it('policy-lists: create, update, delete removes', async () => {
    const { data: made } = await data.create('policy-lists', { data: { name: 'ra_client_list', items: ['a'] } });
    const { data: updated } = await data.update('policy-lists', { id: made.id, data: { ...made, items: ['a', 'b'] }, previousData: made });
    expect(updated.items).toEqual(['a', 'b']);
    await data.delete('policy-lists', { id: made.id, previousData: updated });
    expect(await listed('policy-lists', made.id)).toBe(false);
  });
});

describe('ra-data-simple-rest errors carry the detail', () => {
  it("a 400's message is the problem's title and detail, and its errors name the fields", async () => {
    const err = await data
      .create('staff', { data: { email: 'not an address', displayName: '', role: 'moderator', password: 'short' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400 });
    const { message, body } = err as { message: string; body: { detail: string; errors: Array<{ path: string }> } };
    expect(message).toBe(`Invalid request: ${body.detail}`);
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('an update that only changes fields the server ignores is a 400 naming them, and changes nothing', async () => {
    const { data: me } = await data.getOne('staff', { id: adminId });
    const err = await data
      .update('staff', { id: adminId, data: { ...me, email: 'elsewhere@test.example' }, previousData: me })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400 });
    expect((err as { body: { errors: Array<{ path: string }> } }).body.errors.map((e) => e.path)).toEqual(['email']);
    expect((await data.getOne('staff', { id: adminId })).data.email).toBe(me.email);
  });

  it('an update that re-sends the record unchanged is a quiet success', async () => {
    const { data: me } = await data.getOne('staff', { id: adminId });
    const { data: same } = await data.update('staff', { id: adminId, data: me, previousData: me });
    expect(same.displayName).toBe(me.displayName);
  });
});
