import type { Db } from './connect';
import { migrationSource } from '../../migrations/index';
import { backfillMaskedCopies } from '../privacy/maskedText';

export interface MigrationState {
  current: string | null;
  pending: string[];
}

export async function migrateToLatest(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
  // Data the schema alone cannot derive (masked copies need rules/privacy): done once, then a no-op.
  await backfillMaskedCopies(db);
}

export async function rollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}

export async function migrationState(db: Db): Promise<MigrationState> {
  const [done, pending] = (await db.migrate.list({ migrationSource })) as [
    Array<{ name: string } | string>,
    Array<readonly [string, unknown]>,
  ];
  const last = done[done.length - 1];
  return {
    current: last === undefined ? null : typeof last === 'string' ? last : last.name,
    pending: pending.map((p) => p[0]),
  };
}
