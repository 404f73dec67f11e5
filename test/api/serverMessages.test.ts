import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { createTestDb, type TestDb } from '../support/testDb';
import { bearerFor, buildApp, createApiKey, createStaff } from '../support/testApp';
import { samplePost } from '../support/fixtures';
import { installStarterPolicies } from '../../api/policies/starterInstall';

let t: TestDb;
let app: TrustApp;
let key: string;
let admin: { Authorization: string };
const api = () => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await createTestDb();
  const staff = await createStaff(t.db);
  await installStarterPolicies(t.db, new Date('2026-10-01T00:00:00Z'));
  app = buildApp(t.db);
  key = await createApiKey(t.db, 'forum');
  admin = await bearerFor(app, staff.admin.email);
});
afterAll(() => t.close());

describe('validation problems carry message keys', () => {
  it('gives each field error a key and parameters from its zod issue, beside the English detail', async () => {
    const res = await request(app)
      .post('/api/staff')
      .set(admin)
      .send({ email: 'not-an-address', role: 'moderator', password: 'short', extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.key).toBe('validation.problem');
    expect(res.body.detail).toBe('The request did not pass validation.');
    const byPath = Object.fromEntries((res.body.errors as Array<{ path: string }>).map((e) => [e.path, e]));
    expect(byPath.password).toEqual({
      path: 'password',
      message: 'at least 12 characters',
      code: 'too_small',
      key: 'validation.too_small.string',
      params: { limit: 12 },
    });
    expect(byPath.email).toMatchObject({ code: 'invalid_format', key: 'validation.invalid_format.email' });
    // A field left out is "required", not a type error: the parsed body tells the two apart.
    expect(byPath.displayName).toMatchObject({ code: 'invalid_type', key: 'validation.required' });
    expect(byPath['(root)']).toMatchObject({ code: 'unrecognized_keys', key: 'validation.unrecognized_keys', params: { keys: 'extra' } });
  });

  it('keys a body that is not JSON', async () => {
    const res = await request(app).post('/api/staff').set(admin).set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(res.body.errors).toEqual([
      { path: '(body)', message: 'The body is not valid JSON.', code: 'invalid_json', key: 'validation.invalid_json' },
    ]);
  });
});

describe('flag reasons and policy names carry message keys', () => {
  it('keys a reason the server wrote, with its parameters, and keeps the English reason', async () => {
    await request(app)
      .post('/api/v1/posts')
      .set(api())
      .send({ items: [samplePost(1)] })
      .expect(201);
    await request(app)
      .post('/api/v1/reports')
      .set(api())
      .send({
        items: ['a', 'b'].map((r) => ({
          id: `r-${r}`,
          reporter: { id: `rep-${r}`, joinedAt: '2025-01-01T00:00:00Z' },
          subject: { type: 'post', id: 'p-1' },
          reason: 'scam',
          reportedAt: '2026-10-20T08:00:00Z',
        })),
      })
      .expect(201);
    const flags = (await request(app).get('/api/flags').set(admin).expect(200)).body as Array<{
      id: number;
      reason: string;
      reasons: unknown;
    }>;
    const flag = flags.find((f) => f.reason.startsWith('Reported by members'))!;
    expect(flag.reason).toBe('Reported by members (scam, 2 reports)');
    expect(flag.reasons).toEqual([
      { key: 'flag_reason.member_reports', params: { report_reason: 'scam', count: 2 }, text: 'Reported by members (scam, 2 reports)' },
    ]);
    const one = (await request(app).get(`/api/flags/${flag.id}`).set(admin).expect(200)).body;
    expect(one.reasons).toEqual(flag.reasons);
    const item = (await request(app).get(`/api/flags/${flag.id}/workbench`).set(admin).expect(200)).body;
    expect(item.flag.reasons).toEqual(flag.reasons);
  });

  it('keys the reason a starter rule gives, and the starter policy named beside its rule hit', async () => {
    await request(app)
      .post('/api/v1/posts')
      .set(api())
      .send({ items: [samplePost(2, { body: '高仿 包包 超a 质量，私聊' })] })
      .expect(201);
    const [post] = await t.db('posts').where({ external_id: 'p-2' }).select('id');
    const flags = (
      await request(app)
        .get('/api/flags')
        .set(admin)
        .query({ filter: JSON.stringify({ subjectId: post.id }) })
        .expect(200)
    ).body as Array<{ queue: string; reasons: unknown }>;
    expect(flags.find((f) => f.queue === 'scam')?.reasons).toEqual([
      { key: 'flag_reason.rule.counterfeit-terms', text: 'Counterfeit trade terms' },
    ]);
    const shown = (await request(app).get(`/api/posts/${post.id}`).set(admin).expect(200)).body as {
      ruleHits: Array<{ ruleName: string; policyNameKey: string | null }>;
    };
    expect(shown.ruleHits.find((h) => h.ruleName === 'counterfeit-terms')?.policyNameKey).toBe('starter_policy.counterfeits.name');
  });

  it('leaves a reason nobody catalogued as text, without a key', async () => {
    const [post] = await t.db('posts').select('id').limit(1);
    const [row] = await t
      .db('flags')
      .insert({
        subject_type: 'post',
        subject_id: post.id,
        queue: 'spam',
        priority: 10,
        status: 'open',
        source: 'staff',
        reason: 'Written by hand',
        created_at: new Date(),
      })
      .returning('id');
    const flag = (await request(app).get(`/api/flags/${row.id}`).set(admin).expect(200)).body;
    expect(flag.reasons).toEqual([{ text: 'Written by hand' }]);
  });

  it('keys a starter policy’s name and description while they are the starter’s own, and not after an edit', async () => {
    const policies = (await request(app).get('/api/policies').set(admin).query({ range: '[0,49]' }).expect(200)).body as Array<{
      id: number;
      name: string;
      nameKey: string | null;
      descriptionKey: string | null;
    }>;
    const counterfeits = policies.find((p) => p.name === 'Counterfeits')!;
    expect(counterfeits).toMatchObject({
      nameKey: 'starter_policy.counterfeits.name',
      descriptionKey: 'starter_policy.counterfeits.description',
    });
    const put = await request(app).put(`/api/policies/${counterfeits.id}`).set(admin).send({ description: 'Our own words' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const edited = (await request(app).get(`/api/policies/${counterfeits.id}`).set(admin).expect(200)).body;
    expect(edited).toMatchObject({ nameKey: 'starter_policy.counterfeits.name', descriptionKey: null, description: 'Our own words' });
  });
});
