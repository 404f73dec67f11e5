import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { connectDatabase, type Db } from '../../api/db/connect';
import { migrateToLatest } from '../../api/db/migrate';
import { TEST_AUDIT_KEY } from '../../api/config';

export interface TestDb {
  db: Db;
  engine: 'pglite' | 'postgresql';
  /** The schema this file's tables live in on PostgreSQL (null on PGlite). */
  schema: string | null;
  close(): Promise<void>;
  /** Runs before close: stops services that use the database. */
  onClose(fn: () => Promise<void>): void;
}

/**
 * One database per test file: an in-memory PGlite, or with DATABASE_URL a fresh schema on that
 * server, dropped on close, so parallel files never see each other's rows.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  let db: Db;
  let close: () => Promise<void>;
  let schema: string | null = null;
  const before: Array<() => Promise<void>> = [];
  if (url) {
    schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const own = schema;
    const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw('create schema ??', [own]);
    db = connectDatabase({ databaseUrl: url, schema: own, poolMax: 8, auditKey: TEST_AUDIT_KEY });
    close = async () => {
      await db.destroy();
      await admin.raw('drop schema ?? cascade', [own]);
      // A job queue started by the test keeps its tables in a schema named after ours.
      await admin.raw('drop schema if exists ?? cascade', [`${own}_jobs`]);
      await admin.destroy();
    };
  } else {
    db = connectDatabase({ auditKey: TEST_AUDIT_KEY });
    close = () => db.destroy();
  }
  if (options.migrate !== false) await migrateToLatest(db);
  return {
    db,
    engine: url ? 'postgresql' : 'pglite',
    schema,
    onClose: (fn) => {
      before.push(fn);
    },
    close: async () => {
      for (const fn of before) await fn();
      await close();
    },
  };
}
