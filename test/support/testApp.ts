import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import request from 'supertest';
import { createApp, type TrustApp } from '../../api/app';
import { testConfig, type AppConfig } from '../../api/config';
import type { Clock } from '../../api/deps';
import { hashPassword } from '../../api/auth/password';
import { newApiKey } from '../../api/auth/tokens';
import { ROLES, type Role } from '../../contract/access';
import type { Db } from '../../api/db/connect';
import { withResponseValidation } from './openApiValidator';

export const TEST_PASSWORD = 'correct horse battery staple';

export function fixedClock(start = new Date('2026-11-01T12:00:00Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (d) => {
      now = d.getTime();
    },
  };
}

export function buildApp(db: Db, options: { clock?: Clock; config?: Partial<AppConfig> } = {}): TrustApp {
  return withResponseValidation(
    createApp({
      db,
      clock: options.clock ?? fixedClock(),
      logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
      config: testConfig(options.config),
    }),
  );
}

/** Serves an app on a free loopback port, for tests that need real sockets. */
export async function listenOnLoopback(app: TrustApp): Promise<{ url: string; close(): Promise<void> }> {
  // Suites open a thousand connections at once from this same event loop, which accepts them only
  // between its other work, so the accept queue is sized for all of them rather than Node's
  // default 511 (the kernel caps it at somaxconn). One loaded run saw ECONNRESET there; this
  // removes one way that can happen.
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', 4096, () => resolve(s));
  });
  // The client and this server share one event loop, and suites run side by side: an idle socket
  // can outlive the client's own keep-alive expiry and be reused just as the server closes it
  // ("other side closed"). Idle sockets stay open for the whole suite instead.
  server.keepAliveTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // At the end of a suite nothing more is coming: close the kept-alive sockets too, rather than
    // wait out the keep-alive above on a socket a client dropped mid-request.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One staff member per role, all with TEST_PASSWORD. */
export async function createStaff(db: Db, now = new Date('2026-11-01T00:00:00Z')): Promise<Record<Role, { id: number; email: string }>> {
  const hash = await hashPassword(TEST_PASSWORD);
  const out = {} as Record<Role, { id: number; email: string }>;
  for (const role of ROLES) {
    const email = `${role.replace('_', '-')}@test.example`;
    const [row] = await db('staff')
      .insert({ email, display_name: role, role, password_hash: hash, created_at: now })
      .onConflict('email')
      .merge()
      .returning('id');
    out[role] = { id: row.id, email };
  }
  return out;
}

export async function createApiKey(db: Db, source = 'testplatform'): Promise<string> {
  const key = newApiKey();
  await db('api_keys').insert({ name: `${source} key`, source, prefix: key.prefix, key_hash: key.hash, created_at: new Date() });
  return key.key;
}

/** Signs in with a bearer token (no cookie, so no CSRF dance) and returns the Authorization header. */
export async function bearerFor(app: TrustApp, email: string): Promise<{ Authorization: string }> {
  const res = await request(app).post('/api/auth/login').send({ email, password: TEST_PASSWORD, mode: 'token' }).expect(200);
  return { Authorization: `Bearer ${res.body.token}` };
}
