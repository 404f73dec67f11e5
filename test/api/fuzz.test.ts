import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff, listenOnLoopback } from '../support/testApp';
import { samplePost } from '../support/fixtures';

/*
 * Property: no malformed request to a write route ever gets a 5xx, every answer is
 * problem+json, and no row anywhere changes. 10,000 requests, spread over every write route.
 */
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);

let t: TestDb;
let app: TrustApp;
let server: Awaited<ReturnType<typeof listenOnLoopback>>;
let base: string;
let apiKey: string;
let admin: string;

interface Route {
  method: 'POST' | 'PUT';
  path: string;
  auth: 'key' | 'admin';
  /** A field the route reads, and values that are never valid for it. */
  field: string;
  bad: fc.Arbitrary<unknown>;
}

const hugeString = fc.integer({ min: 2001, max: 30_000 }).map((n) => 'x'.repeat(n));
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
const notANumber = fc.oneof(fc.string({ maxLength: 20 }), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}));
const sqlish = fc.constantFrom("'; drop table posts; --", '1 OR 1=1', '" OR ""="', '$1', '\\x00', 'id desc; delete from flags');
const textField = fc.oneof(
  notAString,
  hugeString.map((s) => s + s + s + s + s + s + s + s + s + s + s),
  sqlish.map((s) => ({ $where: s })),
);

const ROUTES: Route[] = [
  { method: 'POST', path: '/api/v1/posts', auth: 'key', field: 'postedAt', bad: fc.oneof(notAString, sqlish, fc.constant('yesterday')) },
  {
    method: 'POST',
    path: '/api/v1/transactions',
    auth: 'key',
    field: 'amountCents',
    bad: fc.oneof(notANumber, fc.constant(-5), fc.constant(1.5)),
  },
  { method: 'POST', path: '/api/v1/reports', auth: 'key', field: 'reason', bad: fc.oneof(notAString, sqlish) },
  {
    method: 'POST',
    path: '/api/v1/reports',
    auth: 'key',
    field: 'subject',
    bad: fc.oneof(notAString, sqlish, fc.constant({ type: 'post' })),
  },
  {
    method: 'POST',
    path: '/api/v1/transactions',
    auth: 'key',
    field: 'buyer',
    bad: fc.oneof(fc.integer(), sqlish, fc.constant(null), fc.constant({ handle: 'x' })),
  },
  {
    method: 'POST',
    path: '/api/v1/posts',
    auth: 'key',
    field: 'author',
    bad: fc.oneof(fc.integer(), sqlish, fc.constant(null), fc.constant({ id: '' })),
  },
  { method: 'POST', path: '/api/v1/appeals', auth: 'key', field: 'statementId', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/policies', auth: 'admin', field: 'appliesTo', bad: fc.oneof(notAString, sqlish) },
  { method: 'PUT', path: '/api/policies/1', auth: 'admin', field: 'name', bad: textField },
  { method: 'POST', path: '/api/policy-lists', auth: 'admin', field: 'name', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/api-keys', auth: 'admin', field: 'source', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/staff', auth: 'admin', field: 'email', bad: fc.oneof(notAString, sqlish) },
  { method: 'PUT', path: '/api/staff/1', auth: 'admin', field: 'role', bad: fc.oneof(notAString, sqlish) },
  {
    method: 'POST',
    path: '/api/webhook-subscriptions',
    auth: 'admin',
    field: 'url',
    bad: fc.oneof(notAString, sqlish, fc.constant('javascript:alert(1)')),
  },
  {
    method: 'PUT',
    path: '/api/community-health/thresholds/general',
    auth: 'admin',
    field: 'commercialShare',
    bad: fc.oneof(notANumber, fc.constant(0), fc.constant(7)),
  },
  { method: 'POST', path: '/api/flags/1/decide', auth: 'admin', field: 'action', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/transparency-reports', auth: 'admin', field: 'from', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/compliance-reports', auth: 'admin', field: 'to', bad: fc.oneof(notAString, sqlish) },
  { method: 'POST', path: '/api/backtests', auth: 'admin', field: 'policyId', bad: notANumber },
  { method: 'POST', path: '/api/webhook-deliveries/replay-failed', auth: 'admin', field: 'subscriptionId', bad: notANumber },
];

/** A valid-looking body for each route, to which one field's value is then broken. */
const VALID: Record<string, Record<string, unknown>> = {
  '/api/v1/posts': samplePost(1),
  '/api/v1/transactions': {
    id: 'o-f',
    buyer: { id: 'b' },
    vendor: { id: 'v', type: 'vendor' },
    amountCents: 100,
    status: 'completed',
    orderedAt: '2026-11-01T00:00:00Z',
  },
  '/api/v1/reports': {
    id: 'r-f',
    reporter: { id: 'x' },
    subject: { type: 'post', id: 'p-1' },
    reason: 'spam',
    reportedAt: '2026-11-01T00:00:00Z',
  },
  '/api/v1/appeals': { id: 'a-f', statementId: 'sor_00000000000000000000' },
  '/api/policies': { name: 'fuzz', appliesTo: 'post', draft: { rules: [] } },
  '/api/policies/1': { name: 'fuzz' },
  '/api/policy-lists': { name: 'fuzz_list', items: [] },
  '/api/api-keys': { name: 'fuzz', source: 'fuzz' },
  '/api/staff': { email: 'fuzz@test.example', displayName: 'F', role: 'moderator', password: 'a long enough password' },
  '/api/staff/1': { role: 'moderator' },
  '/api/webhook-subscriptions': { url: 'https://x.example/hook', eventTypes: ['decision.made'] },
  '/api/community-health/thresholds/general': { commercialShare: 0.3 },
  '/api/flags/1/decide': { action: 'remove', reasonCode: 'spam' },
  '/api/transparency-reports': { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
  '/api/compliance-reports': { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
  '/api/backtests': { policyId: 1, from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
  '/api/webhook-deliveries/replay-failed': { subscriptionId: 1 },
};

const deep = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** The ways a body can be broken, each never valid for the route. */
const malformed = (route: Route) =>
  fc.oneof(
    // The field given a value it can never take, with prototype-pollution keys alongside.
    fc.record({ bad: route.bad, pollute: fc.boolean() }).map(({ bad, pollute }) => {
      const body: Record<string, unknown> = { ...VALID[route.path], [route.field]: bad };
      const text = JSON.stringify(body);
      return pollute ? text.replace(/^\{/, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},') : text;
    }),
    // The field nested thousands deep.
    fc.integer({ min: 50, max: 3000 }).map((d) => JSON.stringify({ ...VALID[route.path], [route.field]: deep(d) })),
    // Not an object at all.
    fc
      .oneof(fc.integer(), fc.string({ maxLength: 30 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 5 }))
      .map((v) => JSON.stringify(v)),
    // Not JSON, or broken bytes.
    fc.constantFrom('{', '{"a":', '[1,2', 'undefined', '{"a":1}}', '\u0000'),
    fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((bytes) =>
        Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(bytes), Buffer.from('"}')]),
      ),
  );

async function tableCounts(): Promise<Record<string, number>> {
  const tables: Array<{ table_name: string }> = (
    await t.db.raw(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'knex%' order by 1`,
    )
  ).rows;
  const out: Record<string, number> = {};
  for (const { table_name } of tables) out[table_name] = Number((await t.db(table_name).count({ c: '*' }).first())!.c);
  return out;
}

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  app = buildApp(t.db, { config: { loginRateLimit: 1000 } });
  apiKey = await createApiKey(t.db, 'fuzz');
  admin = (await bearerFor(app, staff.admin.email)).Authorization;
  await request(app)
    .post('/api/v1/posts')
    .set({ Authorization: `Bearer ${apiKey}` })
    .send(samplePost(1))
    .expect(201);
  server = await listenOnLoopback(app);
  base = server.url;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('bad input', () => {
  it(`${TOTAL} malformed payloads to every write route: no 5xx, always problem+json, nothing written`, async () => {
    const before = await tableCounts();
    const statuses = new Map<number, number>();
    const perRoute = Math.ceil(TOTAL / ROUTES.length);
    let sent = 0;
    for (const route of ROUTES) {
      const bodies = fc.sample(malformed(route), { numRuns: perRoute, seed: 42 + ROUTES.indexOf(route) });
      for (let i = 0; i < bodies.length; i += 25) {
        await Promise.all(
          bodies.slice(i, i + 25).map(async (body) => {
            const res = await fetch(base + route.path, {
              method: route.method,
              headers: { 'content-type': 'application/json', authorization: route.auth === 'key' ? `Bearer ${apiKey}` : admin },
              body: body as unknown as BodyInit,
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const text = await res.text();
            if (res.status >= 500 || !/application\/problem\+json/.test(res.headers.get('content-type') ?? '')) {
              throw new Error(
                `${route.method} ${route.path} answered ${res.status} ${res.headers.get('content-type')}: ${text.slice(0, 300)} for ${String(body).slice(0, 200)}`,
              );
            }
          }),
        );
      }
      sent += bodies.length;
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await tableCounts()).toEqual(before);
  }, 600_000);

  it('keeps SQL in sort and filter parameters out of the query', async () => {
    for (const q of [
      { sort: JSON.stringify(['id; drop table posts', 'ASC']) },
      { sort: JSON.stringify(['id', 'ASC; delete from flags']) },
      { filter: JSON.stringify({ "id') or ('1'='1": 1 }) },
      { filter: JSON.stringify({ q: "'; drop table posts; --" }) },
      { range: '[0, 1e9]' },
      { filter: '{"__proto__":{"x":1}}' },
    ]) {
      const res = await request(app).get('/api/posts').set({ Authorization: admin }).query(q);
      expect(res.status, JSON.stringify(q)).toBeLessThan(500);
      if (res.status >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(Number((await t.db('posts').count({ c: '*' }).first())!.c)).toBe(1);
  });
});
