import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { TrustApp } from '../../api/app';
import { ROLES, type Role } from '../../contract/access';
import { verifyAuditChain } from '../../api/audit/auditLog';
import { createTestDb, type TestDb } from '../support/testDb';
import { TEST_PASSWORD, bearerFor, buildApp, createApiKey, createStaff } from '../support/testApp';

let t: TestDb;
let app: TrustApp;
let staff: Awaited<ReturnType<typeof createStaff>>;
const tokens = {} as Record<Role, { Authorization: string }>;

const ALL: readonly Role[] = ROLES;
/** Who may call what, written out by hand: the route table must agree with this, not the other way round. */
const EXPECTED: Record<string, readonly Role[] | 'public' | 'api_key' | 'scrape'> = {
  'get /api/health': 'public',
  'get /metrics': 'scrape',
  'get /api/openapi.json': 'public',
  'get /api/docs': 'public',
  'post /api/auth/login': 'public',
  'post /api/auth/logout': ALL,
  'get /api/auth/me': ALL,
  'post /api/v1/posts': 'api_key',
  'post /api/v1/transactions': 'api_key',
  'post /api/v1/reports': 'api_key',
  'get /api/v1/reports/:externalId': 'api_key',
  'get /api/community-health': ALL,
  'get /api/community-health/threads/:id': ALL,
  'put /api/community-health/thresholds/:board': ['admin', 'community_manager'],
  'delete /api/community-health/thresholds/:board': ['admin', 'community_manager'],
  'get /api/v1/statements/:statementId': 'api_key',
  'post /api/v1/appeals': 'api_key',
  'get /api/v1/appeals/:externalId': 'api_key',
  'get /api/board-alerts': ALL,
  'get /api/board-alerts/:id': ALL,
  'get /api/statements': ALL,
  'get /api/statements/:id': ALL,
  'get /api/appeals': ALL,
  'get /api/appeals/:id': ALL,
  'post /api/appeals/:id/decide': ['admin', 'moderator', 'compliance'],
  'post /api/transparency-reports': ['admin', 'compliance'],
  'get /api/transparency-reports': ['admin', 'compliance'],
  'get /api/transparency-reports/:id': ['admin', 'compliance'],
  'get /api/transparency-reports/:id/csv': ['admin', 'compliance'],
  'get /api/reports': ALL,
  'get /api/reports/:id': ALL,
  'get /api/webhook-subscriptions': ['admin'],
  'get /api/webhook-subscriptions/:id': ['admin'],
  'post /api/webhook-subscriptions': ['admin'],
  'put /api/webhook-subscriptions/:id': ['admin'],
  'delete /api/webhook-subscriptions/:id': ['admin'],
  'post /api/webhook-subscriptions/:id/rotate-secret': ['admin'],
  'post /api/webhook-subscriptions/:id/test': ['admin'],
  'get /api/webhook-deliveries': ['admin'],
  'get /api/webhook-deliveries/:id': ['admin'],
  'post /api/webhook-deliveries/:id/replay': ['admin'],
  'post /api/webhook-deliveries/replay-failed': ['admin'],
  'get /api/accounts': ALL,
  'get /api/accounts/:id': ALL,
  'get /api/accounts/:id/reputation': ALL,
  'get /api/posts': ALL,
  'get /api/posts/:id': ALL,
  'get /api/transactions': ALL,
  'get /api/transactions/:id': ALL,
  'get /api/partnerships': ALL,
  'get /api/partnerships/:id': ALL,
  'get /api/flags': ALL,
  'get /api/flags/:id': ALL,
  'get /api/decisions': ALL,
  'get /api/decisions/:id': ALL,
  'post /api/flags/:id/claim': ALL,
  'post /api/flags/:id/release': ALL,
  'post /api/flags/next': ALL,
  'get /api/flags/:id/workbench': ALL,
  'post /api/flags/:id/decide': ALL,
  'post /api/decisions/:id/reverse': ['admin', 'moderator', 'compliance'],
  'post /api/compliance-reports': ['admin', 'compliance'],
  'get /api/compliance-reports/:id': ['admin', 'compliance'],
  'get /api/compliance-reports/:id/csv': ['admin', 'compliance'],
  'get /api/posts/:id/unmasked': ['admin', 'moderator', 'compliance'],
  'get /api/accounts/:id/export': ['admin'],
  'post /api/accounts/:id/erase': ['admin'],
  'get /api/stats/dashboard': ALL,
  'get /api/staff': ['admin'],
  'get /api/staff/:id': ['admin'],
  'post /api/staff': ['admin'],
  'put /api/staff/:id': ['admin'],
  'delete /api/staff/:id': ['admin'],
  'get /api/api-keys': ['admin'],
  'get /api/api-keys/:id': ['admin'],
  'post /api/api-keys': ['admin'],
  'delete /api/api-keys/:id': ['admin'],
  'put /api/api-keys/:id': ['admin'],
  'get /api/audit-log': ['admin', 'compliance'],
  'get /api/audit-log/:id': ['admin', 'compliance'],
  'get /api/policies': ALL,
  'get /api/policies/:id': ALL,
  'post /api/policies': ['admin', 'community_manager'],
  'put /api/policies/:id': ['admin', 'community_manager'],
  'delete /api/policies/:id': ['admin', 'community_manager'],
  'post /api/policies/:id/publish': ['admin', 'community_manager'],
  'post /api/policies/:id/rollback': ['admin', 'community_manager'],
  'post /api/policies/:id/dry-run': ['admin', 'community_manager', 'compliance'],
  'post /api/policies/validate': ALL,
  'get /api/policy-catalog': ALL,
  'get /api/policy-schema/:subject': ALL,
  'get /api/policies/:id/versions': ALL,
  'get /api/policy-versions': ALL,
  'get /api/policy-versions/:id': ALL,
  'get /api/policy-lists': ALL,
  'get /api/policy-lists/:id': ALL,
  'post /api/policy-lists': ['admin', 'community_manager', 'compliance'],
  'put /api/policy-lists/:id': ['admin', 'community_manager', 'compliance'],
  'delete /api/policy-lists/:id': ['admin', 'community_manager', 'compliance'],
  'get /api/rule-hits': ALL,
  'get /api/rule-hits/:id': ALL,
  'get /api/backtests': ALL,
  'post /api/backtests': ['admin', 'community_manager'],
  'get /api/backtests/:id': ALL,
  'get /api/labels': ['admin', 'community_manager', 'compliance', 'moderator'],
  'get /api/labels/:id': ['admin', 'community_manager', 'compliance', 'moderator'],
  'get /api/labels/export': ['admin', 'community_manager', 'compliance'],
  'post /api/labels/import': ['admin', 'compliance'],
  'post /api/v1/labels': 'api_key',
  'get /api/model-versions': ALL,
  'get /api/model-versions/:id': ALL,
  'get /api/model-versions/:id/shadow-comparison': ALL,
  'post /api/model-versions/:id/shadow': ['admin', 'community_manager'],
  'post /api/model-versions/:id/retire': ['admin', 'community_manager'],
  'post /api/model-versions/:id/promote': ['admin', 'community_manager'],
  'post /api/model-versions/rollback': ['admin', 'community_manager'],
  'get /api/model-training-runs': ALL,
  'get /api/model-training-runs/:id': ALL,
  'post /api/model-training-runs': ['admin', 'community_manager'],
  'get /api/queue-settings': ALL,
  'get /api/queue-settings/:queue': ALL,
  'put /api/queue-settings/:queue': ['admin', 'community_manager'],
  'get /api/queues/summary': ALL,
  'get /api/note-templates': ALL,
  'get /api/note-templates/:id': ALL,
  'post /api/note-templates': ['admin', 'community_manager'],
  'put /api/note-templates/:id': ['admin', 'community_manager'],
  'delete /api/note-templates/:id': ['admin', 'community_manager'],
  'get /api/supervisor/claims': ['admin'],
  'post /api/supervisor/claims/:id/release': ['admin'],
  'post /api/supervisor/claims/:id/reassign': ['admin'],
};

beforeAll(async () => {
  t = await createTestDb();
  staff = await createStaff(t.db);
  app = buildApp(t.db, { config: { loginRateLimit: 1000 } });
  for (const role of ROLES) tokens[role] = await bearerFor(app, staff[role].email);
});
afterAll(() => t.close());

describe('role × route matrix', () => {
  it('declares exactly the routes the matrix expects, with the same access', () => {
    const declared = Object.fromEntries(
      app.routeTable.routes.map((r) => [`${r.method} ${r.path}`, typeof r.access === 'string' ? r.access : [...r.access.staff].sort()]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, typeof v === 'string' ? v : [...v].sort()]));
    expect(declared).toEqual(expected);
  });

  const staffRoutes = Object.entries(EXPECTED).filter(([k, v]) => typeof v !== 'string' && !k.endsWith('/logout')) as Array<
    [string, readonly Role[]]
  >;
  it.each(staffRoutes)('%s: 401 without a session, 403 for other roles, through for allowed ones', async (route, allowed) => {
    const [method, path] = route.split(' ') as ['get' | 'post' | 'put' | 'delete', string];
    const url = path.replace(':id', String(staff.admin.id));
    const anonymous = await request(app)[method](url).send({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/problem\+json/);
    for (const role of ROLES) {
      const res = await request(app)[method](url).set(tokens[role]).send({});
      if (allowed.includes(role)) expect([200, 201, 204, 400, 404, 503], `${role} on ${route}`).toContain(res.status);
      else {
        expect(res.status, `${role} on ${route}`).toBe(403);
        expect(res.body.type).toBe('/problems/forbidden');
      }
    }
  });
});

describe('sessions', () => {
  it('logs in with a cookie session that is httpOnly and SameSite=Strict', async () => {
    const res = await request(app).post('/api/auth/login').send({ email: staff.moderator.email, password: TEST_PASSWORD }).expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('tc_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(res.body.role).toBe('moderator');
    expect(res.body).not.toHaveProperty('token');
  });

  it('refuses a wrong password the same way as an unknown e-mail', async () => {
    const wrong = await request(app).post('/api/auth/login').send({ email: staff.admin.email, password: 'nope' }).expect(401);
    const unknown = await request(app).post('/api/auth/login').send({ email: 'ghost@test.example', password: 'nope' }).expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('validates the login body field by field', async () => {
    const res = await request(app).post('/api/auth/login').send({ email: 'not-an-email' }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });

  it('issues a new session on login and ignores one the client brings (no fixation)', async () => {
    const agent = request.agent(app);
    const first = await agent.post('/api/auth/login').send({ email: staff.compliance.email, password: TEST_PASSWORD }).expect(200);
    const firstToken = /tc_session=([^;]+)/.exec(([] as string[]).concat(first.headers['set-cookie'] ?? []).join(';'))![1]!;
    const second = await agent.post('/api/auth/login').send({ email: staff.compliance.email, password: TEST_PASSWORD }).expect(200);
    const secondToken = /tc_session=([^;]+)/.exec(([] as string[]).concat(second.headers['set-cookie'] ?? []).join(';'))![1]!;
    expect(secondToken).not.toBe(firstToken);
    await request(app).get('/api/auth/me').set('Cookie', `tc_session=${firstToken}`).expect(401);
    await request(app).get('/api/auth/me').set('Cookie', `tc_session=${secondToken}`).expect(200);
  });

  it('requires the CSRF token for changes made with the cookie', async () => {
    const agent = request.agent(app);
    const login = await agent.post('/api/auth/login').send({ email: staff.admin.email, password: TEST_PASSWORD }).expect(200);
    const body = { name: 'csrf check', source: 'csrfplatform' };
    const blocked = await agent.post('/api/api-keys').send(body).expect(403);
    expect(blocked.body.detail).toMatch(/CSRF/);
    await agent.post('/api/api-keys').set('X-CSRF-Token', 'forged').send(body).expect(403);
    await agent.post('/api/api-keys').set('X-CSRF-Token', login.body.csrfToken).send(body).expect(201);
    // Reads need no token.
    await agent.get('/api/auth/me').expect(200);
  });

  it('logs out: the token stops working', async () => {
    const auth = await bearerFor(app, staff.community_manager.email);
    await request(app).post('/api/auth/logout').set(auth).expect(204);
    await request(app).get('/api/auth/me').set(auth).expect(401);
  });

  it('rate-limits login attempts', async () => {
    const limited = buildApp(t.db, { config: { loginRateLimit: 3 } });
    for (let i = 0; i < 3; i++)
      await request(limited).post('/api/auth/login').send({ email: 'ghost@test.example', password: 'x' }).expect(401);
    const res = await request(limited).post('/api/auth/login').send({ email: staff.admin.email, password: TEST_PASSWORD }).expect(429);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('counts spoofed X-Forwarded-For values against one login bucket unless TRUST_PROXY says a proxy sets them', async () => {
    const limited = buildApp(t.db, { config: { loginRateLimit: 3 } });
    for (let i = 0; i < 3; i++)
      await request(limited)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ email: 'ghost@test.example', password: 'x' })
        .expect(401);
    const res = await request(limited)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.99')
      .send({ email: staff.admin.email, password: TEST_PASSWORD })
      .expect(429);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    // With a proxy declared in front of us, its X-Forwarded-For names the client: separate buckets.
    const proxied = buildApp(t.db, { config: { loginRateLimit: 3, trustProxy: 'loopback' } });
    for (let i = 0; i < 3; i++)
      await request(proxied)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ email: 'ghost@test.example', password: 'x' })
        .expect(401);
    await request(proxied)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.99')
      .send({ email: staff.admin.email, password: TEST_PASSWORD })
      .expect(200);
  });

  it('rate-limits ingestion per API key, writing nothing once limited, without touching another key', async () => {
    const limited = buildApp(t.db, { config: { ingestRateLimit: 3 } });
    const first = await createApiKey(t.db, 'limited-a');
    const second = await createApiKey(t.db, 'limited-b');
    const post = (i: number) => ({
      id: `rl-${i}`,
      kind: 'thread',
      author: { id: 'rl-author' },
      body: `post ${i}`,
      postedAt: '2026-11-20T00:00:00Z',
    });
    for (let i = 0; i < 3; i++)
      await request(limited)
        .post('/api/v1/posts')
        .set({ Authorization: `Bearer ${first}` })
        .send(post(i))
        .expect(201);
    const res = await request(limited)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${first}` })
      .send(post(3))
      .expect(429);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.headers['ratelimit-policy'] ?? res.headers.ratelimit).toBeDefined();
    expect(await t.db('posts').where({ source: 'limited-a', external_id: 'rl-3' }).first()).toBeUndefined();
    await request(limited)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${second}` })
      .send(post(3))
      .expect(201);
  });
});

describe('staff administration and the audit trail', () => {
  it('creates staff, changes a role (ending their sessions) and audits both in a verifiable chain', async () => {
    const admin = tokens.admin;
    const created = await request(app)
      .post('/api/staff')
      .set(admin)
      .send({ email: 'New.Mod@Test.example', displayName: 'New Mod', role: 'moderator', password: 'a long enough password' })
      .expect(201);
    expect(created.body.email).toBe('new.mod@test.example');
    expect(created.body).not.toHaveProperty('passwordHash');
    const theirs = await request(app)
      .post('/api/auth/login')
      .send({ email: 'new.mod@test.example', password: 'a long enough password', mode: 'token' })
      .expect(200);
    await request(app)
      .put(`/api/staff/${created.body.id}`)
      .set(admin)
      .send({ ...created.body, role: 'compliance' })
      .expect(200);
    await request(app)
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${theirs.body.token}` })
      .expect(401);
    const audit = await t
      .db('audit_log')
      .where({ subject_type: 'staff', subject_id: String(created.body.id) })
      .orderBy('id');
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['staff.create', 'auth.login', 'staff.role_change']);
    expect(audit[2].detail).toMatchObject({ before: { role: 'moderator' }, changes: { role: 'compliance' } });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('rejects a duplicate e-mail (409) and a short password (400), writing no audit row', async () => {
    const before = Number((await t.db('audit_log').count({ c: '*' }).first())!.c);
    await request(app)
      .post('/api/staff')
      .set(tokens.admin)
      .send({ email: staff.moderator.email, displayName: 'x', role: 'moderator', password: 'a long enough password' })
      .expect(409);
    const short = await request(app)
      .post('/api/staff')
      .set(tokens.admin)
      .send({ email: 'x@test.example', displayName: 'x', role: 'moderator', password: 'short' })
      .expect(400);
    expect(short.body.errors[0].path).toBe('password');
    expect(Number((await t.db('audit_log').count({ c: '*' }).first())!.c)).toBe(before);
  });

  it('an admin cannot demote themself', async () => {
    const res = await request(app).put(`/api/staff/${staff.admin.id}`).set(tokens.admin).send({ role: 'moderator' }).expect(400);
    expect(res.body.errors[0].path).toBe('role');
  });

  it('creates an API key shown once, which then ingests; revoking it stops it', async () => {
    const created = await request(app).post('/api/api-keys').set(tokens.admin).send({ name: 'forum prod', source: 'forum' }).expect(201);
    expect(created.body.key).toMatch(/^tck_/);
    const listed = await request(app).get(`/api/api-keys/${created.body.id}`).set(tokens.admin).expect(200);
    expect(listed.body).not.toHaveProperty('key');
    expect(listed.body).not.toHaveProperty('keyHash');
    const post = { id: 'k1', kind: 'thread', author: { id: 'a' }, body: 'hello', postedAt: '2026-10-01T00:00:00Z' };
    await request(app)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${created.body.key}` })
      .send(post)
      .expect(201);
    await request(app).delete(`/api/api-keys/${created.body.id}`).set(tokens.admin).expect(200);
    await request(app)
      .post('/api/v1/posts')
      .set({ Authorization: `Bearer ${created.body.key}` })
      .send(post)
      .expect(401);
    const actions = (
      await t
        .db('audit_log')
        .where({ subject_type: 'api_key', subject_id: String(created.body.id) })
        .orderBy('id')
    ).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('rejects a malformed API key request field by field, creating nothing', async () => {
    const before = Number((await t.db('api_keys').count({ c: '*' }).first())!.c);
    const res = await request(app).post('/api/api-keys').set(tokens.admin).send({ name: '', source: 'Bad Source!', extra: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['name', 'source']));
    expect(Number((await t.db('api_keys').count({ c: '*' }).first())!.c)).toBe(before);
  });

  it('detects a tampered audit row', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const row = await t.db('audit_log').orderBy('id').first();
    await t.db('audit_log').where({ id: row.id }).update({ action: 'auth.logout' });
    const check = await verifyAuditChain(t.db);
    expect(check.ok).toBe(false);
    expect(check.firstBadId).toBe(row.id);
    await t.db('audit_log').where({ id: row.id }).update({ action: row.action });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
