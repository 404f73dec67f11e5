import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createStaff } from '../support/testApp';
import { seedSmallCommunity } from '../support/fixtures';

let t: TestDb;
let app: TrustApp;
let admin: { Authorization: string };

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  await seedSmallCommunity(t.db, staff.moderator.id);
  app = buildApp(t.db);
  admin = await bearerFor(app, staff.admin.email);
});
afterAll(() => t.close());

const q = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
    .join('&');

/** Each resource with a field to sort by and a filter that narrows it, checked against the database. */
const CASES = [
  { resource: 'accounts', table: 'accounts', sort: 'handle', filter: { type: 'vendor' }, where: { type: 'vendor' } },
  { resource: 'posts', table: 'posts', sort: 'postedAt', filter: { kind: 'reply' }, where: { kind: 'reply' } },
  { resource: 'transactions', table: 'transactions', sort: 'amountCents', filter: { status: 'refunded' }, where: { status: 'refunded' } },
  { resource: 'partnerships', table: 'partnerships', sort: 'startsAt', filter: { kind: 'gifted' }, where: { kind: 'gifted' } },
  { resource: 'flags', table: 'flags', sort: 'priority', filter: { status: 'open' }, where: { status: 'open' } },
  { resource: 'decisions', table: 'decisions', sort: 'createdAt', filter: { action: 'remove' }, where: { action: 'remove' } },
  { resource: 'staff', table: 'staff', sort: 'email', filter: { role: 'moderator' }, where: { role: 'moderator' } },
] as const;

describe.each(CASES)('GET /api/$resource (ra-data-simple-rest)', ({ resource, table, sort, filter, where }) => {
  it('answers a page with Content-Range and the total, exposed to the browser', async () => {
    const total = Number((await t.db(table).count({ c: '*' }).first())!.c);
    const res = await request(app)
      .get(`/api/${resource}?${q({ sort: ['id', 'ASC'], range: [0, 1] })}`)
      .set(admin)
      .expect(200);
    expect(res.body).toHaveLength(Math.min(2, total));
    expect(res.headers['content-range']).toBe(`${resource} 0-${Math.min(2, total) - 1}/${total}`);
    expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
  });

  it('sorts both ways by a whitelisted field', async () => {
    const asc = await request(app)
      .get(`/api/${resource}?${q({ sort: [sort, 'ASC'], range: [0, 999] })}`)
      .set(admin)
      .expect(200);
    const desc = await request(app)
      .get(`/api/${resource}?${q({ sort: [sort, 'DESC'], range: [0, 999] })}`)
      .set(admin)
      .expect(200);
    const values = (rows: Record<string, unknown>[]) => rows.map((r) => r[sort] as string | number);
    const sorted = [...values(asc.body)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(values(asc.body)).toEqual(sorted);
    expect(values(desc.body)).toEqual([...sorted].reverse());
  });

  it('pages through the whole list without gaps or repeats', async () => {
    const all = await request(app)
      .get(`/api/${resource}?${q({ sort: [sort, 'ASC'], range: [0, 999] })}`)
      .set(admin)
      .expect(200);
    const paged: unknown[] = [];
    for (let start = 0; start < all.body.length; start += 3) {
      const page = await request(app)
        .get(`/api/${resource}?${q({ sort: [sort, 'ASC'], range: [start, start + 2] })}`)
        .set(admin)
        .expect(200);
      paged.push(...page.body.map((r: { id: number }) => r.id));
    }
    expect(paged).toEqual(all.body.map((r: { id: number }) => r.id));
  });

  it('filters by field and by id array (getMany)', async () => {
    const expected = (await t.db(table).where(where).select('id').orderBy('id')).map((r: { id: number }) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const res = await request(app)
      .get(`/api/${resource}?${q({ sort: ['id', 'ASC'], range: [0, 99], filter })}`)
      .set(admin)
      .expect(200);
    expect(res.body.map((r: { id: number }) => r.id)).toEqual(expected);
    expect(res.headers['content-range']).toMatch(new RegExp(`/${expected.length}$`));
    const some = expected.slice(0, 2);
    const many = await request(app)
      .get(`/api/${resource}?${q({ filter: { id: some } })}`)
      .set(admin)
      .expect(200);
    expect(many.body.map((r: { id: number }) => r.id).sort()).toEqual(some.sort());
  });

  it('rejects an unknown sort field with problem+json naming it', async () => {
    const res = await request(app)
      .get(`/api/${resource}?${q({ sort: ['password_hash', 'ASC'] })}`)
      .set(admin)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0].path).toBe('sort[0]');
    expect(res.body.errors[0].message).toMatch(/password_hash/);
  });

  it('shows one record and 404s a missing one', async () => {
    const first = (await t.db(table).first('id').orderBy('id'))!.id;
    const res = await request(app).get(`/api/${resource}/${first}`).set(admin).expect(200);
    expect(res.body.id).toBe(first);
    const missing = await request(app).get(`/api/${resource}/999999`).set(admin).expect(404);
    expect(missing.body.status).toBe(404);
  });
});

describe('list query edge cases', () => {
  it('searches text with q, treating % and _ literally', async () => {
    const res = await request(app)
      .get(`/api/posts?${q({ filter: { q: '耳机' }, range: [0, 99] })}`)
      .set(admin)
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    for (const p of res.body) expect(`${p.title} ${p.body}`).toContain('耳机');
    const none = await request(app)
      .get(`/api/posts?${q({ filter: { q: '%' } })}`)
      .set(admin)
      .expect(200);
    expect(none.body).toHaveLength(0);
  });

  it('supports range filters with _gte/_lte', async () => {
    const res = await request(app)
      .get(`/api/transactions?${q({ filter: { amountCents_gte: 3000, amountCents_lte: 5000 }, range: [0, 99] })}`)
      .set(admin)
      .expect(200);
    expect(res.body.map((r: { amountCents: number }) => r.amountCents).sort()).toEqual([3000, 4000, 5000]);
  });

  it('never returns secrets', async () => {
    const res = await request(app).get('/api/staff').set(admin).expect(200);
    for (const s of res.body) expect(s).not.toHaveProperty('passwordHash');
  });

  it.each([
    ['range not JSON', 'range=[0,', 'range'],
    ['range reversed', `range=${encodeURIComponent('[5,1]')}`, 'range'],
    ['page too large', `range=${encodeURIComponent('[0,5000]')}`, 'range'],
    ['filter on unknown field', `filter=${encodeURIComponent('{"body_hash":"x"}')}`, 'filter.body_hash'],
    ['wrong type in filter', `filter=${encodeURIComponent('{"authorId":"DROP TABLE posts"}')}`, 'filter.authorId'],
    ['sort injection', `sort=${encodeURIComponent('["id; drop table posts","ASC"]')}`, 'sort[0]'],
    ['unknown parameter', 'page=2', 'page'],
  ])('400 for %s', async (_name, query, path) => {
    const res = await request(app).get(`/api/posts?${query}`).set(admin).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('/problems/validation-error');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
