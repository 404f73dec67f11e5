import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import type { Role } from '../../contract/access';
import { mayWorkQueue } from '../../contract/access';
import { recordReputationEvents, retractDecisionEvidence } from '../reputation/reputationStore';
import { DECISION_WEIGHTS } from '../../rules/reputation/beta';
import type { DecideInput } from '../../contract/schemas/moderation';
import { resolveReports, reverseReportOutcomes } from '../reports/reportOutcomes';
import { eventsForDecision, eventsForReversal, subjectRef } from '../webhooks/decisionEvents';
import type { Outbox } from '../webhooks/outbox';
import { subjectAccount } from '../db/subjects';
import { statementForAppealOutcome, statementForDecision, statementPayload } from '../statements/statementStore';
import { statementActionFor } from '../../rules/statements/statementOfReasons';
import { recordDecisionLabel, retractDecisionLabel } from '../models/labelService';
import type { DecisionMetrics } from '../metrics/appMetrics';
import { statementNote, templateForDecision } from './noteTemplates';

export const CLAIM_MINUTES = 10;

// The role table lives with the other access tables so the console can read the same one.
export { mayWorkQueue };

export interface Staff {
  id: number;
  role: Role;
  requestId?: string;
}

const UPHELD = new Set(['remove', 'hold', 'label', 'require_disclosure', 'warn']);

async function lockFlag(trx: Knex.Transaction, id: number) {
  const flag = await trx('flags').where({ id }).forUpdate().first();
  if (!flag) throw problems.notFound(`No flag with id ${id}.`);
  return flag;
}

function claimedByOther(flag: { claimed_by: number | null; claimed_until: Date | null }, staffId: number, now: Date): boolean {
  return (
    flag.claimed_by !== null && flag.claimed_by !== staffId && flag.claimed_until !== null && flag.claimed_until.getTime() > now.getTime()
  );
}

async function reputationOf(trx: Knex.Transaction, accountId: number | null): Promise<number | null> {
  if (accountId === null) return null;
  const row = await trx('accounts').where({ id: accountId }).first('reputation_score');
  return row?.reputation_score ?? null;
}

/** Without an outbox (a script, a unit test) decisions are made but not announced. */
const SILENT: Outbox = { emit: async () => 0 };

/** `metrics` counts decisions once their transaction has committed; absent (scripts, unit tests), nothing is counted. */
export function moderationService(db: Db, outbox: Outbox = SILENT, metrics?: DecisionMetrics) {
  return {
    /** A claim is a lock that expires, so an abandoned item returns to the queue by itself. */
    async claim(flagId: number, staff: Staff, now: Date) {
      return db.transaction(async (trx) => {
        const flag = await lockFlag(trx, flagId);
        if (!mayWorkQueue(staff.role, flag.queue)) throw problems.forbidden(`Your role does not work the ${flag.queue} queue.`);
        if (flag.status !== 'open') throw problems.conflict(`Flag ${flagId} is already ${flag.status}.`);
        if (claimedByOther(flag, staff.id, now))
          throw problems.conflict(`Another moderator is working on flag ${flagId} until ${flag.claimed_until.toISOString()}.`, {
            claimedBy: flag.claimed_by,
            claimedUntil: flag.claimed_until,
          });
        const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
        // A renewed claim keeps when it began: the supervisor view shows how long the item has been held.
        const since =
          flag.claimed_by === staff.id && flag.claimed_at && flag.claimed_until?.getTime() > now.getTime() ? flag.claimed_at : now;
        await trx('flags').where({ id: flagId }).update({ claimed_by: staff.id, claimed_until: until, claimed_at: since });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'flag.claim',
          subjectType: 'flag',
          subjectId: flagId,
          detail: { until: until.toISOString() },
          requestId: staff.requestId,
          at: now,
        });
      });
    },

    /**
     * Claims the next open item in a queue that nobody holds (priority, then oldest first) and
     * returns its id, or null when the queue is empty. SKIP LOCKED lets two moderators asking
     * at once get two different items instead of waiting on each other.
     */
    async claimNext(queue: string, staff: Staff, now: Date, skip: readonly number[] = []): Promise<number | null> {
      if (!mayWorkQueue(staff.role, queue)) throw problems.forbidden(`Your role does not work the ${queue} queue.`);
      return db.transaction(async (trx) => {
        const flag = await trx('flags')
          .where({ queue, status: 'open' })
          .where((w) => w.whereNull('claimed_until').orWhere('claimed_until', '<=', now))
          .modify((q) => skip.length > 0 && q.whereNotIn('id', skip))
          .orderBy([
            { column: 'priority', order: 'desc' },
            { column: 'created_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ])
          .forUpdate()
          .skipLocked()
          .first('id');
        if (!flag) return null;
        const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
        await trx('flags').where({ id: flag.id }).update({ claimed_by: staff.id, claimed_until: until, claimed_at: now });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'flag.claim',
          subjectType: 'flag',
          subjectId: flag.id,
          detail: { until: until.toISOString(), next: true },
          requestId: staff.requestId,
          at: now,
        });
        return Number(flag.id);
      });
    },

    async release(flagId: number, staff: Staff, now: Date) {
      await db.transaction(async (trx) => {
        const flag = await lockFlag(trx, flagId);
        if (flag.claimed_by !== staff.id) return;
        await trx('flags').where({ id: flagId }).update({ claimed_by: null, claimed_until: null, claimed_at: null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'flag.release',
          subjectType: 'flag',
          subjectId: flagId,
          requestId: staff.requestId,
          at: now,
        });
      });
    },

    /**
     * Decides a flag: the decision, what it does to the item, what it says about the author's
     * reputation and the audit row, all in one transaction. Refused while someone else holds the claim.
     */
    async decide(flagId: number, input: DecideInput, staff: Staff, now: Date): Promise<number> {
      let decided: { queue: string; raisedAt: Date } | null = null;
      const id = await db.transaction(async (trx) => {
        const flag = await lockFlag(trx, flagId);
        if (!mayWorkQueue(staff.role, flag.queue)) throw problems.forbidden(`Your role does not work the ${flag.queue} queue.`);
        if (flag.status !== 'open') throw problems.conflict(`Flag ${flagId} is already ${flag.status}.`);
        if (claimedByOther(flag, staff.id, now))
          throw problems.conflict(`Another moderator is working on flag ${flagId}.`, { claimedBy: flag.claimed_by });
        const template = await templateForDecision(trx, input.noteTemplateId, flag.queue);
        const note = statementNote(input.note, template);
        const [decision] = await trx('decisions')
          .insert({
            flag_id: flagId,
            subject_type: flag.subject_type,
            subject_id: flag.subject_id,
            action: input.action,
            reason_code: input.reasonCode,
            note: input.note || (note ? note.en : null),
            note_template_id: template?.id ?? null,
            staff_id: staff.id,
            automated: false,
            created_at: now,
          })
          .returning('id');
        if (input.action === 'escalate') {
          // Escalation keeps the item open, higher up, for someone senior.
          await trx('flags')
            .where({ id: flagId })
            .update({ priority: Math.min(100, flag.priority + 20), claimed_by: null, claimed_until: null, claimed_at: null });
        } else {
          await trx('flags')
            .where({ id: flagId })
            .update({ status: 'decided', decided_at: now, claimed_by: null, claimed_until: null, claimed_at: null });
          await applyToSubject(trx, flag.subject_type, flag.subject_id, input.action);
        }
        const account = await subjectAccount(trx, flag.subject_type, flag.subject_id);
        const before = await reputationOf(trx, account);
        if (account !== null) {
          const weight = DECISION_WEIGHTS[input.action] ?? 0;
          await recordReputationEvents(trx, [
            {
              accountId: account,
              component: flag.subject_type === 'transaction' ? 'commerce' : 'discussion',
              weight,
              causeType: 'decision',
              causeId: decision.id,
              at: now,
            },
          ]);
          if (UPHELD.has(input.action)) await trx('accounts').where({ id: account }).increment('violations_upheld', 1);
        }
        await recordDecisionLabel(trx, {
          decisionId: decision.id,
          action: input.action,
          queue: flag.queue,
          subjectType: flag.subject_type,
          subjectId: flag.subject_id,
          staffId: staff.id,
          at: now,
        });
        const reports = await resolveReports(trx, flagId, decision.id, input.action, now);
        const restricts = statementActionFor(input.action, flag.subject_type);
        const statement = restricts
          ? await statementForDecision(trx, {
              decisionId: decision.id,
              action: restricts,
              subjectType: flag.subject_type,
              subjectId: flag.subject_id,
              reasonCode: input.reasonCode,
              queue: flag.queue,
              reputationPenalty: (DECISION_WEIGHTS[input.action] ?? 0) < 0 && account !== null,
              note,
              at: now,
            })
          : null;
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'decision.create',
          subjectType: flag.subject_type,
          subjectId: flag.subject_id,
          detail: {
            flagId,
            decisionId: decision.id,
            action: input.action,
            reasonCode: input.reasonCode,
            queue: flag.queue,
            reportsResolved: reports.length,
            noteTemplateId: template?.id ?? null,
          },
          requestId: staff.requestId,
          at: now,
        });
        // Escalation is internal: the platform hears when the item is actually decided.
        if (input.action !== 'escalate') {
          await outbox.emit(
            trx,
            eventsForDecision({
              decision: { id: decision.id, action: input.action, reasonCode: input.reasonCode, automated: false, createdAt: now },
              subject: await subjectRef(trx, flag.subject_type, flag.subject_id),
              flag: { id: flagId, queue: flag.queue },
              reports,
              reputation:
                account === null
                  ? null
                  : { account: await subjectRef(trx, 'account', account), before, after: await reputationOf(trx, account) },
              statement: statement ? statementPayload(statement) : null,
            }),
            now,
          );
        }
        decided = { queue: flag.queue, raisedAt: new Date(flag.created_at) };
        return decision.id as number;
      });
      if (metrics && decided) {
        const { queue, raisedAt } = decided as { queue: string; raisedAt: Date };
        // An escalation leaves the flag open: it counts as a decision but the flag's wait goes on.
        metrics.decided(input.action, queue, input.action === 'escalate' ? undefined : (now.getTime() - raisedAt.getTime()) / 1000);
      }
      return id;
    },

    /**
     * Reverses a decision on appeal: the item is restored, the reputation evidence the decision
     * wrote is retracted, and the reversal is itself a decision with its reason.
     */
    async reverse(decisionId: number, reason: string, staff: Staff, now: Date): Promise<number> {
      const id = await db.transaction((trx) => this.reverseIn(trx, decisionId, reason, staff, now));
      if (metrics) {
        const original = await db('decisions').where({ id: decisionId }).first('action');
        if (original) metrics.reversed(original.action);
      }
      return id;
    },

    /**
     * The reversal inside a caller's transaction (an appeal decided in the same step). The
     * member gets a new statement that points at the one the reversed decision gave them.
     */
    async reverseIn(
      trx: Knex.Transaction,
      decisionId: number,
      reason: string,
      staff: Staff,
      now: Date,
      appealId?: number,
    ): Promise<number> {
      const original = await trx('decisions').where({ id: decisionId }).forUpdate().first();
      if (!original) throw problems.notFound(`No decision with id ${decisionId}.`);
      if (original.reversed_at) throw problems.conflict(`Decision ${decisionId} was already reversed.`);
      if (original.reverses_decision_id) throw problems.conflict('A reversal cannot itself be reversed; decide the item again instead.');
      const flag = original.flag_id ? await trx('flags').where({ id: original.flag_id }).first('queue') : null;
      if (flag && !mayWorkQueue(staff.role, flag.queue)) throw problems.forbidden(`Your role does not work the ${flag.queue} queue.`);
      // Four eyes: undoing one's own decision would let one person both restrict and clear an item
      // unseen. An admin may still do it (a mistaken click at night), and the audit row says so.
      const ownDecision = original.staff_id !== null && Number(original.staff_id) === staff.id;
      if (ownDecision && staff.role !== 'admin')
        throw problems.forbidden('A decision is reversed by someone other than the moderator who made it.');
      const [reversal] = await trx('decisions')
        .insert({
          flag_id: original.flag_id,
          subject_type: original.subject_type,
          subject_id: original.subject_id,
          action: 'approve',
          reason_code: 'appeal_upheld',
          note: reason,
          staff_id: staff.id,
          automated: false,
          reverses_decision_id: decisionId,
          created_at: now,
        })
        .returning('id');
      await trx('decisions').where({ id: decisionId }).update({ reversed_at: now });
      await restoreSubject(trx, original.subject_type, original.subject_id, original.action);
      const account = await subjectAccount(trx, original.subject_type, original.subject_id);
      const before = await reputationOf(trx, account);
      // The reputation the decision cost is repaired by retracting its evidence, not by adding the opposite.
      await retractDecisionEvidence(trx, decisionId, reversal.id, now);
      await retractDecisionLabel(trx, decisionId, reversal.id, now);
      await recordDecisionLabel(trx, {
        decisionId: reversal.id,
        action: 'approve',
        queue: flag?.queue ?? null,
        subjectType: original.subject_type,
        subjectId: original.subject_id,
        staffId: staff.id,
        at: now,
      });
      if (UPHELD.has(original.action) && account !== null)
        await trx('accounts').where({ id: account }).andWhere('violations_upheld', '>', 0).decrement('violations_upheld', 1);
      const reports = await reverseReportOutcomes(trx, decisionId, reversal.id, now);
      const appealed = await trx('statements').where({ decision_id: decisionId, kind: 'decision' }).orderBy('id').first();
      const statement = appealed
        ? await statementForAppealOutcome(trx, {
            appealed: {
              id: appealed.id,
              publicId: appealed.public_id,
              subjectType: appealed.subject_type,
              subjectId: appealed.subject_id,
              ground: appealed.ground,
            },
            upheld: true,
            decisionId: reversal.id,
            note: reason,
            at: now,
          })
        : null;
      await appendAudit(trx, {
        actor: { kind: 'staff', staffId: staff.id },
        action: 'decision.reverse',
        subjectType: original.subject_type,
        subjectId: original.subject_id,
        detail: {
          decisionId,
          reversalId: reversal.id,
          reason,
          reportsReversed: reports.length,
          appealId: appealId ?? null,
          statement: statement?.publicId ?? null,
          ...(ownDecision ? { override: 'four_eyes', overrideBy: 'admin' } : {}),
        },
        requestId: staff.requestId,
        at: now,
      });
      await outbox.emit(
        trx,
        eventsForReversal({
          decision: { id: reversal.id, action: 'approve', reasonCode: 'appeal_upheld', automated: false, createdAt: now },
          reverses: { id: decisionId, action: original.action },
          subject: await subjectRef(trx, original.subject_type, original.subject_id),
          reports,
          reputation:
            account === null
              ? null
              : { account: await subjectRef(trx, 'account', account), before, after: await reputationOf(trx, account) },
          statement: statement ? statementPayload(statement) : null,
        }),
        now,
      );
      return reversal.id as number;
    },
  };
}

async function applyToSubject(trx: Knex.Transaction, subjectType: string, subjectId: number, action: string) {
  if (subjectType === 'post') {
    const status = action === 'remove' ? 'removed' : action === 'hold' ? 'held' : action === 'label' ? 'labelled' : null;
    if (status) await trx('posts').where({ id: subjectId }).update({ status });
    if (action === 'require_disclosure') await trx('posts').where({ id: subjectId }).update({ disclosure_required: true });
    if (action === 'approve') await trx('posts').where({ id: subjectId }).whereIn('status', ['held']).update({ status: 'visible' });
  } else if (subjectType === 'transaction') {
    if (action === 'hold' || action === 'remove') await trx('transactions').where({ id: subjectId }).update({ held: true });
    if (action === 'approve') await trx('transactions').where({ id: subjectId }).update({ held: false });
  }
}

async function restoreSubject(trx: Knex.Transaction, subjectType: string, subjectId: number, action: string) {
  if (subjectType === 'post') {
    if (['remove', 'hold', 'label'].includes(action)) await trx('posts').where({ id: subjectId }).update({ status: 'visible' });
    if (action === 'require_disclosure') await trx('posts').where({ id: subjectId }).update({ disclosure_required: false });
  } else if (subjectType === 'transaction' && (action === 'hold' || action === 'remove')) {
    await trx('transactions').where({ id: subjectId }).update({ held: false });
  }
}
