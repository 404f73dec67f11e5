/*
 * Partition maintenance from the command line (docs/OPERATIONS.md, "Partitions").
 *   npm run partitions                              list partitions and their row estimates
 *   npm run partitions -- ensure                    create this month's and the next months' partitions
 *   npm run partitions:detach -- --before 2026-01   detach every month that ends on or before 2026-01-01
 *   npm run partitions:detach -- --before 2026-01 --table audit_log
 * Needs DATABASE_URL (or PGLITE_DIR for the embedded database).
 */
import { connectDatabase } from '../api/db/connect';
import { ensurePartitions, detachPartitionsBefore, listPartitions } from '../api/db/partitions';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const command = args[0] && !args[0].startsWith('--') ? args[0] : 'list';
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = connectDatabase({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR ?? 'data/pglite' });
  try {
    if (command === 'ensure') {
      const made = await ensurePartitions(db, new Date());
      console.log(made.length ? `Created ${made.join(', ')}` : 'Every partition needed already exists.');
      return 0;
    }
    if (command === 'detach') {
      const before = option('before');
      if (!before || !/^\d{4}-\d{2}(-\d{2})?$/.test(before)) {
        console.error('Usage: npm run partitions:detach -- --before YYYY-MM [--table NAME]');
        return 2;
      }
      const table = option('table');
      const detached = await detachPartitionsBefore(
        db,
        new Date(`${before.length === 7 ? `${before}-01` : before}T00:00:00Z`),
        table ? { tables: [table] } : {},
      );
      for (const p of detached)
        console.log(
          `Detached ${p.partition} from ${p.table} (${p.from!.toISOString().slice(0, 7)}, about ${p.rows} rows); it is now a plain table.`,
        );
      if (!detached.length) console.log('No partition ends on or before that date.');
      return 0;
    }
    for (const p of await listPartitions(db))
      console.log(
        `${p.table.padEnd(20)} ${p.partition.padEnd(32)} ${p.from ? p.from.toISOString().slice(0, 7) : 'default'.padEnd(7)} ~${p.rows} rows`,
      );
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
