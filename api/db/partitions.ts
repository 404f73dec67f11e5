import type { Db } from './connect';

export const PARTITION_JOB = 'partition-maintenance';
/** Months after the current one that always have their partitions. */
export const MONTHS_AHEAD = 3;

export interface PartitionInfo {
  table: string;
  partition: string;
  /** First instant of the month (UTC), or null for the default partition. */
  from: Date | null;
  to: Date | null;
  rows: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

function monthStart(at: Date, plus = 0): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + plus, 1)).toISOString().slice(0, 10);
}

/** The tables migration 018 partitioned, with their time column. */
export async function partitionedTables(db: Db): Promise<Array<{ table: string; column: string }>> {
  const rows: Array<{ table_name: string; time_column: string }> = await db('partitioned_tables')
    .orderBy('table_name')
    .select('table_name', 'time_column');
  return rows.map((r) => ({ table: r.table_name, column: r.time_column }));
}

/**
 * Creates the partitions of the current month and the next MONTHS_AHEAD for every partitioned
 * table (ensure_month_partition, migration 018, moves rows waiting in the default partition).
 * Answers the partitions it made.
 */
export async function ensurePartitions(db: Db, now: Date, monthsAhead = MONTHS_AHEAD): Promise<string[]> {
  const made: string[] = [];
  for (const { table } of await partitionedTables(db)) {
    for (let m = 0; m <= monthsAhead; m++) {
      const [row] = rowsOf<{ made: string | null }>(
        await db.raw('select ensure_month_partition(?, ?::date) as made', [table, monthStart(now, m)]),
      );
      if (row?.made) made.push(row.made);
    }
  }
  return made;
}

/** Every partition of every partitioned table with its bounds and (estimated for large ones) row count. */
export async function listPartitions(db: Db): Promise<PartitionInfo[]> {
  const rows = rowsOf<{ parent: string; child: string; bound: string; estimate: number; exact: number | null }>(
    await db.raw(
      `select p.relname as parent, c.relname as child, pg_get_expr(c.relpartbound, c.oid) as bound, greatest(c.reltuples, 0)::bigint as estimate, null::bigint as exact
         from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname in (select table_name from partitioned_tables) and p.relnamespace = c.relnamespace and pg_table_is_visible(p.oid)
        order by p.relname, c.relname`,
    ),
  );
  return rows.map((r) => {
    const bounds = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(r.bound);
    return {
      table: r.parent,
      partition: r.child,
      from: bounds ? new Date(bounds[1]!) : null,
      to: bounds ? new Date(bounds[2]!) : null,
      rows: Number(r.estimate),
    };
  });
}

/**
 * Detaches every monthly partition that ends on or before `before` (the default partition never).
 * A detached month stays in the database as an ordinary table of that name: dump it
 * (pg_dump -t) to cheaper storage, then drop it. Answers the partitions detached.
 */
export async function detachPartitionsBefore(db: Db, before: Date, options: { tables?: string[] } = {}): Promise<PartitionInfo[]> {
  const all = await listPartitions(db);
  const chosen = all.filter((p) => p.to && p.to.getTime() <= before.getTime() && (!options.tables || options.tables.includes(p.table)));
  for (const p of chosen) await db.raw('alter table ?? detach partition ??', [p.table, p.partition]);
  return chosen;
}
