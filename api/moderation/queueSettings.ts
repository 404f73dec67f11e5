import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { QUEUES } from '../../contract/enums';
import type { QueueSettingsUpdate } from '../../contract/schemas/queueSettings';
import type { Staff } from './moderationService';

export interface QueueSetting {
  id: string;
  queue: string;
  slaMinutes: number | null;
  updatedBy: number | null;
  updatedByName: string | null;
  updatedAt: Date | null;
}

/** Every queue with its target; a queue nobody has set yet has none. */
export async function listQueueSettings(db: Knex): Promise<QueueSetting[]> {
  const rows: Array<{ queue: string; sla_minutes: number | null; updated_by: number | null; updated_at: Date; name: string | null }> =
    await db('queue_settings as q')
      .leftJoin('staff as s', 's.id', 'q.updated_by')
      .select('q.queue', 'q.sla_minutes', 'q.updated_by', 'q.updated_at', 's.display_name as name');
  const byQueue = new Map(rows.map((r) => [r.queue, r]));
  return QUEUES.map((queue) => {
    const r = byQueue.get(queue);
    return {
      id: queue,
      queue,
      slaMinutes: r?.sla_minutes ?? null,
      updatedBy: r?.updated_by ?? null,
      updatedByName: r?.name ?? null,
      updatedAt: r?.updated_at ?? null,
    };
  });
}

/** Target minutes per queue, for the queues that have one. */
export async function slaTargets(db: Knex): Promise<Map<string, number>> {
  const rows: Array<{ queue: string; sla_minutes: number }> = await db('queue_settings')
    .whereNotNull('sla_minutes')
    .select('queue', 'sla_minutes');
  return new Map(rows.map((r) => [r.queue, Number(r.sla_minutes)]));
}

/** Sets a queue's target and audits the change from what it was, in one transaction. */
export async function setQueueSla(db: Db, queue: string, input: QueueSettingsUpdate, staff: Staff, now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await trx('queue_settings').where({ queue }).forUpdate().first('sla_minutes');
    await trx('queue_settings')
      .insert({ queue, sla_minutes: input.slaMinutes, updated_by: staff.id, updated_at: now })
      .onConflict('queue')
      .merge(['sla_minutes', 'updated_by', 'updated_at']);
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId: staff.id },
      action: 'queue.sla_set',
      subjectType: 'queue',
      subjectId: queue,
      detail: { before: before?.sla_minutes ?? null, after: input.slaMinutes },
      requestId: staff.requestId,
      at: now,
    });
  });
}

/** When an item is due (its flag's creation plus the queue's target) and whether an open one is past it. */
export function slaState(
  flag: { status?: unknown; createdAt?: unknown },
  slaMinutes: number | undefined,
  now: Date,
): { slaMinutes: number | null; dueAt: Date | null; overdue: boolean } {
  if (slaMinutes === undefined) return { slaMinutes: null, dueAt: null, overdue: false };
  const due = new Date(new Date(flag.createdAt as string | Date).getTime() + slaMinutes * 60_000);
  return { slaMinutes, dueAt: due, overdue: flag.status === 'open' && due.getTime() <= now.getTime() };
}

/**
 * Open and overdue items per queue, in one query: what the console menu shows beside each queue.
 * Expired claims count as open items like any other.
 */
export async function queueSummaries(
  db: Knex,
  queues: readonly string[],
  now: Date,
): Promise<Array<{ queue: string; open: number; overdue: number; slaMinutes: number | null }>> {
  if (queues.length === 0) return [];
  const rows: Array<{ queue: string; open: number | string; overdue: number | string; sla_minutes: number | null }> = await db('flags as f')
    .leftJoin('queue_settings as q', 'q.queue', 'f.queue')
    .where('f.status', 'open')
    .whereIn('f.queue', queues)
    .groupBy('f.queue', 'q.sla_minutes')
    .select('f.queue', 'q.sla_minutes')
    .count({ open: '*' })
    .select(
      db.raw(`count(*) filter (where q.sla_minutes is not null and f.created_at + make_interval(mins => q.sla_minutes) <= ?) as overdue`, [
        now,
      ]),
    );
  const targets = await slaTargets(db);
  const byQueue = new Map(rows.map((r) => [r.queue, r]));
  return queues.map((queue) => {
    const r = byQueue.get(queue);
    return { queue, open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0), slaMinutes: targets.get(queue) ?? null };
  });
}
