import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { migrateToLatest, migrationState, rollbackAll } from '../../api/db/migrate';
import { LATEST_MIGRATION } from '../../migrations/index';
import { createTestDb, type TestDb } from '../support/testDb';
import { buildApp } from '../support/testApp';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ migrate: false });
});
afterAll(() => t.close());

const TABLES = [
  'accounts',
  'posts',
  'products',
  'transactions',
  'partnerships',
  'flags',
  'decisions',
  'policies',
  'policy_versions',
  'rule_hits',
  'reputation_events',
  'staff',
  'staff_sessions',
  'api_keys',
  'audit_log',
  'policy_lists',
  'backtests',
  'compliance_reports',
  'reports',
  'webhook_subscriptions',
  'webhook_events',
  'webhook_deliveries',
  'webhook_attempts',
  'board_activity',
  'thread_activity',
  'board_thresholds',
  'board_alerts',
  'statements',
  'appeals',
  'transparency_reports',
];

async function existing(): Promise<string[]> {
  const out: string[] = [];
  for (const table of TABLES) if (await t.db.schema.hasTable(table)) out.push(table);
  return out;
}

describe('migrations', () => {
  it('go up, all the way down, and up again', async () => {
    await migrateToLatest(t.db);
    expect(await existing()).toEqual(TABLES);
    expect(await migrationState(t.db)).toEqual({ current: LATEST_MIGRATION, pending: [] });
    await rollbackAll(t.db);
    expect(await existing()).toEqual([]);
    expect((await migrationState(t.db)).current).toBeNull();
    await migrateToLatest(t.db);
    expect(await existing()).toEqual(TABLES);
    // Converting seven tables to monthly partitions and back is most of this test's DDL on PGlite.
  }, 120_000);

  it('health reports the database engine and migration version', async () => {
    const res = await request(buildApp(t.db)).get('/api/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { reachable: true, engine: t.engine, migration: LATEST_MIGRATION, pending: [] },
    });
  });

  it('health says 503 while migrations are pending', async () => {
    await t.db.migrate.down({ migrationSource: (await import('../../migrations/index')).migrationSource });
    const res = await request(buildApp(t.db)).get('/api/health').expect(503);
    expect(res.body.database.pending).toEqual([LATEST_MIGRATION]);
    await migrateToLatest(t.db);
  });
});
