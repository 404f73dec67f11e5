import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { mayWorkQueue } from '../../contract/access';
import type { Role } from '../../contract/access';
import { CLAIM_MINUTES, type Staff } from './moderationService';

export interface HeldItem {
  id: number;
  queue: string;
  priority: number;
  subjectType: string;
  subjectId: number;
  reason: string;
  createdAt: Date;
  claimedBy: number;
  claimedByName: string;
  claimedAt: Date | null;
  claimedUntil: Date;
}

/** Who holds which open item now, longest held first. A claim past its time holds nothing. */
export async function heldItems(db: Knex, now: Date): Promise<HeldItem[]> {
  const rows = await db('flags as f')
    .join('staff as s', 's.id', 'f.claimed_by')
    .where('f.status', 'open')
    .where('f.claimed_until', '>', now)
    .orderByRaw('coalesce(f.claimed_at, f.claimed_until) asc, f.id asc')
    .limit(500)
    .select(
      'f.id',
      'f.queue',
      'f.priority',
      'f.subject_type',
      'f.subject_id',
      'f.reason',
      'f.created_at',
      'f.claimed_by',
      'f.claimed_at',
      'f.claimed_until',
      's.display_name',
    );
  return rows.map((r: Record<string, any>) => ({
    id: Number(r.id),
    queue: r.queue,
    priority: r.priority,
    subjectType: r.subject_type,
    subjectId: Number(r.subject_id),
    reason: r.reason,
    createdAt: r.created_at,
    claimedBy: Number(r.claimed_by),
    claimedByName: r.display_name,
    claimedAt: r.claimed_at,
    claimedUntil: r.claimed_until,
  }));
}

async function lockHeld(trx: Knex.Transaction, flagId: number, now: Date) {
  const flag = await trx('flags').where({ id: flagId }).forUpdate().first();
  if (!flag) throw problems.notFound(`No flag with id ${flagId}.`);
  if (flag.status !== 'open') throw problems.conflict(`Flag ${flagId} is already ${flag.status}.`);
  if (flag.claimed_by === null || flag.claimed_until === null || flag.claimed_until.getTime() <= now.getTime())
    throw problems.conflict(`Nobody holds flag ${flagId}.`);
  return flag;
}

/** A supervisor's tools for claims other people hold; each change is audited in its own transaction. */
export function supervisorService(db: Db) {
  return {
    /** Gives a held item back to its queue. */
    async release(flagId: number, supervisor: Staff, now: Date): Promise<void> {
      await db.transaction(async (trx) => {
        const flag = await lockHeld(trx, flagId, now);
        await trx('flags').where({ id: flagId }).update({ claimed_by: null, claimed_until: null, claimed_at: null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: supervisor.id },
          action: 'flag.claim_released_by_supervisor',
          subjectType: 'flag',
          subjectId: flagId,
          detail: { queue: flag.queue, from: Number(flag.claimed_by), claimedAt: flag.claimed_at?.toISOString() ?? null },
          requestId: supervisor.requestId,
          at: now,
        });
      });
    },

    /** Moves a held item to another staff member who works its queue, for a fresh claim period. */
    async reassign(flagId: number, toStaffId: number, supervisor: Staff, now: Date): Promise<void> {
      await db.transaction(async (trx) => {
        const flag = await lockHeld(trx, flagId, now);
        const target: { id: number; role: Role; active: boolean } | undefined = await trx('staff')
          .where({ id: toStaffId })
          .first('id', 'role', 'active');
        if (!target || !target.active)
          throw problems.validation([{ path: 'staffId', message: `No active staff member with id ${toStaffId}.`, code: 'unknown_staff' }]);
        if (!mayWorkQueue(target.role, flag.queue))
          throw problems.validation([
            { path: 'staffId', message: `A ${target.role} does not work the ${flag.queue} queue.`, code: 'queue_not_worked' },
          ]);
        if (Number(flag.claimed_by) === toStaffId) throw problems.conflict(`Staff member ${toStaffId} already holds flag ${flagId}.`);
        const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
        await trx('flags').where({ id: flagId }).update({ claimed_by: toStaffId, claimed_until: until, claimed_at: now });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: supervisor.id },
          action: 'flag.claim_reassigned',
          subjectType: 'flag',
          subjectId: flagId,
          detail: { queue: flag.queue, from: Number(flag.claimed_by), to: toStaffId, until: until.toISOString() },
          requestId: supervisor.requestId,
          at: now,
        });
      });
    },
  };
}
