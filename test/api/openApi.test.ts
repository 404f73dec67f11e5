import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Router } from 'express';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { TrustApp } from '../../api/app';
import { RouteTable } from '../../api/http/routeTable';
import { openApiDocument } from '../../api/openapi/openApiDocument';
import { CONTRACT_ROUTES, ROUTES, type ContractRoute } from '../../contract/routes';
import { createTestDb, type TestDb } from '../support/testDb';
import pino from 'pino';
import { createApp } from '../../api/app';
import { testConfig } from '../../api/config';
import { buildApp, fixedClock } from '../support/testApp';
import { ResponseValidator } from '../support/openApiValidator';

/** Express route layers anywhere in the app's router tree: what was actually registered. */
function registeredRoutes(stack: unknown[]): number {
  let n = 0;
  for (const layer of stack as Array<{ route?: unknown; handle?: { stack?: unknown[]; router?: { stack?: unknown[] } } }>) {
    if (layer.route) n += 1;
    else if (layer.handle?.stack) n += registeredRoutes(layer.handle.stack);
    else if (layer.handle?.router?.stack) n += registeredRoutes(layer.handle.router.stack);
  }
  return n;
}

describe('OpenAPI document', () => {
  let t: TestDb;
  let app: TrustApp;
  beforeAll(async () => {
    t = await createTestDb();
    app = buildApp(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    const doc = openApiDocument(CONTRACT_ROUTES, 'test');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every contract route once, with problem answers for refusals', () => {
    const doc = openApiDocument(CONTRACT_ROUTES, 'test') as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(operations).toBe(CONTRACT_ROUTES.length);
    const staffCreate = doc.paths['/api/staff']!.post!.responses;
    expect(staffCreate['400']).toEqual({ $ref: '#/components/responses/BadRequest' });
    expect(staffCreate['403']).toEqual({ $ref: '#/components/responses/Forbidden' });
    expect(doc.paths['/api/staff/{id}']!.put!.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
  });

  it('is served publicly at /api/openapi.json, with a docs page whose assets come from this server', async () => {
    const res = await request(app)
      .get('/api/openapi.json')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    expect(res.body.openapi).toBe('3.1.1');
    expect(Object.keys(res.body.paths)).toContain('/api/auth/me');
    const page = await request(app)
      .get('/api/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const scripts = [...page.text.matchAll(/<(?:script src|link rel="(?:stylesheet|icon)" href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(4);
    for (const src of scripts) {
      expect(src.startsWith('/api/docs/assets/')).toBe(true);
      await request(app).get(src).expect(200);
    }
    // Only what the page loads: the package's demo page and OAuth redirect page are not served.
    for (const other of [
      '/api/docs/assets/index.html',
      '/api/docs/assets/oauth2-redirect.html',
      '/api/docs/assets/swagger-initializer.js',
    ]) {
      expect((await request(app).get(other)).status).toBe(404);
    }
  });

  it('has a handler for every contract route and no route the contract lacks', () => {
    expect(app.routeTable.routes).toHaveLength(CONTRACT_ROUTES.length);
    expect(app.routeTable.missing()).toEqual([]);
    // Routes registered on a router directly, past the table, would show up here.
    const bare = createApp({ db: t.db, clock: fixedClock(), logger: pino({ level: 'silent' }), config: testConfig() });
    expect(registeredRoutes((bare as unknown as { router: { stack: unknown[] } }).router.stack)).toBe(CONTRACT_ROUTES.length);
  });

  it('refuses a route outside the contract, a route twice, and an app missing one', () => {
    const table = new RouteTable();
    const stray: ContractRoute = { ...ROUTES.me };
    expect(() => table.route(Router(), '/api/auth', stray, (_req, res) => res.end())).toThrow(/not in contract/);
    table.route(Router(), '/api/auth', ROUTES.me, (_req, res) => res.end());
    expect(() => table.route(Router(), '/api/auth', ROUTES.me, (_req, res) => res.end())).toThrow(/twice/);
    expect(() => table.assertComplete()).toThrow(/without a handler/);
  });

  it('the answer check catches a wrong body, an undocumented status and a wrong media type', () => {
    const v = new ResponseValidator();
    const me = {
      id: 1,
      email: 'a@test.example',
      displayName: 'A',
      role: 'admin',
      locale: 'en',
      permissions: { queues: [], resources: {}, supervise: true, complianceReports: true, editQueueSettings: true },
    };
    v.check('GET', '/api/auth/me', 200, 'application/json', JSON.stringify(me));
    expect(v.violations).toEqual([]);
    v.check('GET', '/api/auth/me', 200, 'application/json', JSON.stringify({ ...me, role: 'owner' }));
    v.check('GET', '/api/auth/me', 201, 'application/json', JSON.stringify(me));
    v.check('GET', '/api/auth/me', 200, 'text/plain', 'hello');
    v.check('GET', '/api/auth/me', 401, 'application/problem+json', JSON.stringify({ title: 'x' }));
    expect(v.violations.map((x) => x.status)).toEqual([200, 201, 200, 401]);
    expect(v.violations[0]!.message).toMatch(/role/);
  });
});
