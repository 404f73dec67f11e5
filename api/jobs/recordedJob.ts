import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import { problems } from '../http/problem';

/** Tables whose rows record a background job's life: queued, running, then done or failed. */
export type JobTable = 'backtests' | 'compliance_reports' | 'transparency_reports';

/**
 * Runs one recorded job: marks its row running, runs the work, then stores the result as done or the
 * error as failed, and rethrows so the job queue retries. A row already done is left alone, so a job
 * delivered twice (pg-boss is at-least-once) does its work once. Returns null when there was nothing to do.
 */
export async function runRecordedJob<Row extends Record<string, unknown>>(
  db: Db,
  clock: Clock,
  table: JobTable,
  id: number,
  work: (row: Row) => Promise<{ result: unknown; processed?: number }>,
  onStart: Record<string, unknown> = {},
): Promise<void> {
  const row = (await db(table).where({ id }).first()) as Row | undefined;
  if (!row || row.status === 'done') return;
  await db(table)
    .where({ id })
    .update({ status: 'running', error: null, ...onStart });
  try {
    const { result, processed } = await work(row);
    await db(table)
      .where({ id })
      .update({
        status: 'done',
        result: JSON.stringify(result),
        ...(processed === undefined ? {} : { processed }),
        finished_at: clock.now(),
      });
  } catch (err) {
    await db(table)
      .where({ id })
      .update({ status: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: clock.now() });
    throw err;
  }
}

/** A recorded job's row, or 404 naming what was asked for. */
export async function jobRow(db: Db, table: JobTable, id: number, what: string): Promise<Record<string, unknown>> {
  const row = await db(table).where({ id }).first();
  if (!row) throw problems.notFound(`No ${what} with id ${id}.`);
  return row;
}

/** A finished job's result, or 404 / 409 saying why there is none yet. */
export async function doneJobResult<T>(db: Db, table: JobTable, id: number, what: string): Promise<T> {
  const row = await jobRow(db, table, id, what);
  if (row.status !== 'done') throw problems.conflict(`Report ${id} is ${String(row.status)}; the CSV exists once it is done.`);
  return row.result as T;
}
