import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';

export const SLA_ESCALATION_JOB = 'sla-escalation';
/** An item escalates by itself once it has waited this many times its queue's target. */
export const SLA_ESCALATION_FACTOR = 2;
/** The same lift a moderator's escalate gives (moderationService.decide). */
export const ESCALATION_PRIORITY_STEP = 20;
/** Items escalated per transaction; the job runs again within a minute for the rest. */
const BATCH = 200;

/**
 * Escalates every open item that has waited twice its queue's target and was not escalated
 * before, as a moderator's escalate does: priority up, claim released, the item stays open for
 * someone senior. Each gets an audit row with the system as actor, in the same transaction.
 * SKIP LOCKED leaves items a moderator is deciding right now to the next run.
 */
export async function escalateOverdue(db: Db, now: Date): Promise<number[]> {
  return db.transaction(async (trx) => {
    const due: Array<{
      id: number;
      queue: string;
      priority: number;
      created_at: Date;
      claimed_by: number | null;
      claimed_until: Date | null;
      sla_minutes: number;
    }> = await trx('flags as f')
      .join('queue_settings as q', 'q.queue', 'f.queue')
      .where('f.status', 'open')
      .whereNull('f.sla_escalated_at')
      .whereNotNull('q.sla_minutes')
      .whereRaw('f.created_at + make_interval(mins => q.sla_minutes * ?) <= ?', [SLA_ESCALATION_FACTOR, now])
      .orderBy([
        { column: 'f.created_at', order: 'asc' },
        { column: 'f.id', order: 'asc' },
      ])
      .limit(BATCH)
      .forUpdate('f')
      .skipLocked()
      .select('f.id', 'f.queue', 'f.priority', 'f.created_at', 'f.claimed_by', 'f.claimed_until', 'q.sla_minutes');
    for (const f of due) {
      const priority = Math.min(100, f.priority + ESCALATION_PRIORITY_STEP);
      const heldBy =
        f.claimed_by !== null && f.claimed_until !== null && f.claimed_until.getTime() > now.getTime() ? Number(f.claimed_by) : null;
      // A live claim stays: taking an item from a moderator who is reading it would only turn their decision into a 409.
      const claim = heldBy === null ? { claimed_by: null, claimed_until: null, claimed_at: null } : {};
      await trx('flags')
        .where({ id: f.id })
        .update({ priority, ...claim, sla_escalated_at: now });
      await appendAudit(trx, {
        actor: { kind: 'system' },
        action: 'flag.sla_escalate',
        subjectType: 'flag',
        subjectId: f.id,
        detail: {
          queue: f.queue,
          slaMinutes: f.sla_minutes,
          waitedMinutes: Math.floor((now.getTime() - f.created_at.getTime()) / 60_000),
          priorityBefore: f.priority,
          priorityAfter: priority,
          claimKeptBy: heldBy,
        },
        at: now,
      });
    }
    return due.map((f) => Number(f.id));
  });
}
