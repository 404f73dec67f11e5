import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { connectDatabase, type Db } from '../../api/db/connect';
import { migrateToLatest } from '../../api/db/migrate';

export interface TestDb {
  db: Db;
  engine: 'pglite' | 'postgresql';
  close(): Promise<void>;
}

/**
 * One database per test file: an in-memory PGlite, or with DATABASE_URL a fresh schema on that
 * server, dropped on close, so parallel files never see each other's rows.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  let db: Db;
  let close: () => Promise<void>;
  if (url) {
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw('create schema ??', [schema]);
    db = connectDatabase({ databaseUrl: url, schema, poolMax: 8 });
    close = async () => {
      await db.destroy();
      await admin.raw('drop schema ?? cascade', [schema]);
      await admin.destroy();
    };
  } else {
    db = connectDatabase({});
    close = () => db.destroy();
  }
  if (options.migrate !== false) await migrateToLatest(db);
  return { db, engine: url ? 'postgresql' : 'pglite', close };
}
