import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { RESOURCES } from '../../api/resources/definitions';
import { INT_RANGES } from '../../contract/schemas/common';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff, listenOnLoopback } from '../support/testApp';
import { samplePost } from '../support/fixtures';

/*
 * Issue #22, part 4 and 5: edge values (NUL, unpaired surrogates, numbers beyond a column, dates
 * beyond PostgreSQL's range) must be a 400 naming the field, never a 500 from the database.
 */

let t: TestDb;
let app: TrustApp;
let server: Awaited<ReturnType<typeof listenOnLoopback>>;
let key: { Authorization: string };
let admin: { Authorization: string };

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  app = buildApp(t.db, { config: { loginRateLimit: 100_000 } });
  key = { Authorization: `Bearer ${await createApiKey(t.db, 'edge')}` };
  admin = await bearerFor(app, staff.admin.email);
  await request(app).post('/api/v1/posts').set(key).send(samplePost(1)).expect(201);
  await request(app)
    .post('/api/policies')
    .set(admin)
    .send({ name: 'edge', appliesTo: 'post', draft: { rules: [] } })
    .expect(201);
  server = await listenOnLoopback(app);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const count = async (table: string) => Number((await t.db(table).count({ c: '*' }).first())!.c);
const list = (resource: string, filter: unknown) =>
  request(app)
    .get(`/api/${resource}`)
    .query({ filter: JSON.stringify(filter) })
    .set(admin);
const paths = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path);

describe('edge values are refused with a 400 naming the field', () => {
  it('NUL in a post body, title or author handle, a buyer display name, a report text: 400, nothing written', async () => {
    const before = [await count('posts'), await count('accounts'), await count('transactions'), await count('reports')];
    for (const [field, body] of [
      ['body', samplePost(2, { body: 'hello\u0000world' })],
      ['title', samplePost(3, { title: 'a\u0000' })],
      ['author.handle', samplePost(4, { author: { id: 'nul', handle: 'x\u0000y' } })],
    ] as const) {
      const res = await request(app).post('/api/v1/posts').set(key).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(paths(res)).toContain(field);
    }
    const order = await request(app)
      .post('/api/v1/transactions')
      .set(key)
      .send({
        id: 'o-nul',
        buyer: { id: 'b', displayName: 'Bob\u0000' },
        vendor: { id: 'v' },
        amountCents: 1,
        status: 'completed',
        orderedAt: '2026-11-01T00:00:00Z',
      })
      .expect(400);
    expect(paths(order)).toContain('buyer.displayName');
    const report = await request(app)
      .post('/api/v1/reports')
      .set(key)
      .send({
        id: 'r-nul',
        reporter: { id: 'x' },
        subject: { type: 'post', id: 'p-1' },
        reason: 'spam',
        text: '\u0000',
        reportedAt: '2026-11-01T00:00:00Z',
      })
      .expect(400);
    expect(paths(report)).toContain('text');
    expect([await count('posts'), await count('accounts'), await count('transactions'), await count('reports')]).toEqual(before);
  });

  it('an unpaired surrogate in a post body: 400 naming the field, not stored as U+FFFD', async () => {
    const raw = JSON.stringify(samplePost(5, { body: 'broken \ud800 text' }));
    expect(raw).toContain('\\ud800');
    const res = await request(app).post('/api/v1/posts').set(key).set('Content-Type', 'application/json').send(raw).expect(400);
    expect(paths(res)).toEqual(['body']);
    const batch = await request(app)
      .post('/api/v1/posts')
      .set(key)
      .send({ items: [samplePost(6), samplePost(7, { title: 'x\udc00' })] })
      .expect(400);
    expect(paths(batch)).toEqual(['items[1].title']);
    expect(await t.db('posts').whereIn('external_id', ['p-5', 'p-6', 'p-7']).first()).toBeUndefined();
  });

  it('NUL or an unpaired surrogate in a list filter (q, string equality): 400', async () => {
    for (const filter of [{ q: 'a\u0000' }, { q: '\ud800' }, { board: 'x\u0000' }, { source: '\udfff' }]) {
      const res = await list('posts', filter).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(paths(res)[0]).toMatch(/^filter\./);
    }
  });

  it('year 0000 in postedAt and in a community-health period: 400', async () => {
    const res = await request(app)
      .post('/api/v1/posts')
      .set(key)
      .send(samplePost(8, { postedAt: '0000-01-01T00:00:00Z' }))
      .expect(400);
    expect(paths(res)).toContain('postedAt');
    const health = await request(app)
      .get('/api/community-health')
      .query({ from: '0000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })
      .set(admin)
      .expect(400);
    expect(paths(health)).toContain('from');
  });

  it('numbers beyond the column and dates beyond PostgreSQL in filters: 400', async () => {
    for (const [resource, filter, field] of [
      ['posts', { rating: 99999999999 }, 'filter.rating'],
      ['posts', { rating_gte: 40000 }, 'filter.rating_gte'],
      ['posts', { reach: -999999999999999 }, 'filter.reach'],
      ['posts', { postedAt_gte: '+275760-09-13T00:00:00Z' }, 'filter.postedAt_gte'],
      ['posts', { postedAt_gte: '0000-01-01T00:00:00Z' }, 'filter.postedAt_gte'],
      ['flags', { priority_lt: 2 ** 40 }, 'filter.priority_lt'],
    ] as const) {
      expect(paths(await list(resource, filter).expect(400)), JSON.stringify(filter)).toContain(field);
    }
    await request(app)
      .get('/api/posts')
      .query({ range: JSON.stringify([1e20, 1e20 + 10]) })
      .set(admin)
      .expect(400);
  });

  it('declares each integer filter with its column type', async () => {
    const ranges = { smallint: 'smallint', integer: 'integer', bigint: 'bigint' } as const;
    for (const def of Object.values(RESOURCES)) {
      for (const spec of Object.values(def.fields)) {
        if (spec.kind !== 'int') continue;
        const row = await t
          .db('information_schema.columns')
          .where({ table_schema: t.db.raw('current_schema()'), table_name: def.table, column_name: spec.column })
          .first('data_type');
        expect(`${def.table}.${spec.column} ${row?.data_type}`).toBe(`${def.table}.${spec.column} ${ranges[spec.intType!]}`);
        expect(INT_RANGES[spec.intType!]).toBeDefined();
      }
    }
  });
});

/* ---------------------------------------------------------------------------------------------
 * Property: whatever edge values go into any list's filter, sort and range, or into any write
 * route's body, the answer is never a 5xx.
 */

const edgeString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\u0000', '😀\ud83d', '%_\\', ''),
  fc.string({ unit: fc.constantFrom('a', '中', '\u0000', '\ud800', '\udfff', '%', '\\', '😀'), maxLength: 12 }),
  fc.integer({ min: 300, max: 30_000 }).map((n) => '长'.repeat(n)),
);
const edgeNumber = fc.oneof(
  fc.constantFrom(99999999999, -999999999999999, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, 5e-324, 1.5, -0),
  fc.double({ noNaN: true }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => Number(b)),
);
const edgeDate = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '294277-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '10000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '2026-02-30T00:00:00Z',
    '2026-11-01T00:00:00+99:00',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(edgeString, { maxLength: 3 }),
  fc.dictionary(edgeString, edgeString, { maxKeys: 2 }),
);
const edgeValue: fc.Arbitrary<unknown> = fc.oneof(edgeString, edgeNumber, edgeDate, wrongType);

const SUFFIXES = ['', '', '_gte', '_lte', '_gt', '_lt', '_neq'];

/** A 5xx is a failure, except the 503 a route gives on purpose when this test app runs no job queue. */
const serverFault = (status: number, text: string) => status >= 500 && !(status === 503 && text.includes('/problems/service-unavailable'));

describe('property: no 5xx from edge values', () => {
  it('on every list endpoint: filter, sort and range', async () => {
    const resources = Object.values(RESOURCES);
    const query = fc
      .record({
        def: fc.constantFrom(...resources),
        filters: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SUFFIXES), fc.oneof(edgeValue, fc.array(edgeValue, { maxLength: 3 }))), {
          maxLength: 3,
        }),
        q: fc.option(edgeValue),
        sort: fc.option(fc.tuple(fc.nat(), fc.constantFrom('ASC', 'DESC', 'asc', 'sideways', '\u0000'))),
        range: fc.option(fc.oneof(fc.tuple(edgeNumber, edgeNumber), fc.tuple(fc.nat(50), fc.nat(50)), edgeValue)),
      })
      .map(({ def, filters, q, sort, range }) => {
        const names = Object.keys(def.fields);
        const filter: Record<string, unknown> = {};
        for (const [i, suffix, value] of filters) filter[names[i % names.length]! + suffix] = value;
        if (q !== null) filter.q = q;
        const params: Record<string, string> = { filter: JSON.stringify(filter) };
        if (sort) params.sort = JSON.stringify([names[sort[0] % names.length], sort[1]]);
        if (range !== null) params.range = JSON.stringify(range);
        return { resource: def.resource, params };
      });
    await fc.assert(
      fc.asyncProperty(query, async ({ resource, params }) => {
        const res = await fetch(`${server.url}/api/${resource}?${new URLSearchParams(params)}`, { headers: admin });
        const text = await res.text();
        expect(res.status, `${resource} ${JSON.stringify(params)}: ${text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: 400, seed: 22 },
    );
  }, 120_000);

  it('on every write route: bodies and path parameters', async () => {
    const writes = app.routeTable.routes.filter((r) => r.method !== 'get' && r.path !== '/api/auth/logout');
    expect(writes.length).toBeGreaterThan(30);
    // Bodies close to valid, so edge values reach past the first check.
    const VALID: Record<string, Record<string, unknown>> = {
      '/api/v1/posts': samplePost(1),
      '/api/v1/transactions': {
        id: 'o-f',
        buyer: { id: 'b', displayName: 'B' },
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
        text: 'spam',
        reportedAt: '2026-11-01T00:00:00Z',
      },
      '/api/v1/appeals': { id: 'a-f', statementId: 'sor_00000000000000000000', text: 'please' },
      '/api/policies': { name: 'fuzz', appliesTo: 'post', draft: { rules: [] } },
      '/api/policies/:id': { name: 'fuzz', draft: { rules: [] } },
      '/api/policy-lists': { name: 'fuzz_list', items: ['a'] },
      '/api/staff': { email: 'fuzz@test.example', displayName: 'F', role: 'moderator', password: 'a long enough password' },
      '/api/webhook-subscriptions': { url: 'https://x.example/hook', eventTypes: ['decision.made'] },
      '/api/community-health/thresholds/:board': { commercialShare: 0.3, minPosts: 10 },
      '/api/flags/:id/decide': { action: 'remove', reasonCode: 'spam', note: 'n' },
      '/api/decisions/:id/reverse': { reason: 'because' },
      '/api/transparency-reports': { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      '/api/compliance-reports': { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z', brandId: 1 },
      '/api/backtests': { policyId: 1, from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      '/api/policies/:id/dry-run': { items: [{ id: 1 }, samplePost(9)] },
      '/api/policies/:id/rollback': { versionId: 1 },
      '/api/appeals/:id/decide': { outcome: 'upheld', note: 'fine' },
      '/api/accounts/:id/erase': { reason: 'request' },
      '/api/auth/login': { email: 'a@test.example', password: 'x', mode: 'token' },
    };
    const leafPaths = (v: unknown, prefix: string[] = []): string[][] =>
      v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...leafPaths(x, [...prefix, k])]) : [];
    const setAt = (body: unknown, path: string[], value: unknown): unknown => {
      const copy = structuredClone(body) as Record<string, unknown>;
      let node: Record<string, unknown> = copy;
      for (const p of path.slice(0, -1)) node = node[p] as Record<string, unknown>;
      node[path[path.length - 1]!] = value;
      return copy;
    };
    const pathParam = fc.constantFrom('1', '999999999', '0', '-1', '99999999999999999999', '%00', '%ED%A0%80', 'general', 'a%00b');
    const call = fc
      .record({
        route: fc.constantFrom(...writes),
        param: pathParam,
        pick: fc.nat(),
        value: edgeValue,
        extra: fc.option(fc.tuple(edgeString, edgeValue)),
      })
      .map(({ route, param, pick, value, extra }) => {
        const base = VALID[route.path] ?? { name: 'x', text: 'x', reason: 'x', note: 'x' };
        const targets = leafPaths(base);
        let body = setAt(base, targets[pick % targets.length]!, value) as Record<string, unknown>;
        if (extra) body = { ...body, [extra[0]]: extra[1] };
        return { route, url: route.path.replace(/:[a-zA-Z]+/g, param), body: JSON.stringify(body) };
      });
    await fc.assert(
      fc.asyncProperty(call, async ({ route, url, body }) => {
        const auth = route.access === 'api_key' ? key : route.access === 'public' ? {} : admin;
        const res = await fetch(server.url + url, {
          method: route.method.toUpperCase(),
          headers: { 'content-type': 'application/json', ...auth },
          body,
        });
        const text = await res.text();
        expect(serverFault(res.status, text), `${route.method} ${url} ${body.slice(0, 300)}: ${res.status} ${text.slice(0, 300)}`).toBe(
          false,
        );
      }),
      { numRuns: 500, seed: 22 },
    );
  }, 120_000);

  it('on every other read route: path parameters and query values', async () => {
    const reads = app.routeTable.routes.filter(
      (r) => r.method === 'get' && !Object.values(RESOURCES).some((d) => r.path === `/api/${d.resource}`),
    );
    const call = fc.record({
      route: fc.constantFrom(...reads),
      param: fc.constantFrom('1', '99999999999999999999', '%00', '%ED%A0%80', 'sor_00000000000000000000', 'x%00'),
      query: fc.dictionary(
        fc.constantFrom('from', 'to', 'granularity', 'filter', 'q'),
        edgeValue.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
        { maxKeys: 3 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ route, param, query }) => {
        const url = `${route.path.replace(/:[a-zA-Z]+/g, param)}?${new URLSearchParams(query)}`;
        const res = await fetch(server.url + url, { headers: route.access === 'api_key' ? key : admin });
        const text = await res.text();
        expect(serverFault(res.status, text), `GET ${url}: ${res.status} ${text.slice(0, 300)}`).toBe(false);
      }),
      { numRuns: 200, seed: 22 },
    );
  }, 120_000);
});
