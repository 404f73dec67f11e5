import { masked } from '../privacy/maskedText';
import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import type { AppealInput } from '../../contract/schemas/appeals';
import { moderationService, type Staff } from '../moderation/moderationService';
import type { Outbox } from '../webhooks/outbox';
import type { DecisionMetrics } from '../metrics/appMetrics';
import { statementForAppealOutcome, statementPayload } from './statementStore';
import { subjectRef } from '../webhooks/decisionEvents';
import { subjectTable } from '../db/subjects';

/** A statement as the platform shows it to the member, with its appeal if there is one. */
export async function statementForPlatform(db: Knex, source: string, publicId: string) {
  const s = await db('statements').where({ public_id: publicId }).first();
  if (!s) return null;
  const subject = await db(subjectTable(s.subject_type)).where({ id: s.subject_id }).first('source', 'external_id');
  if (subject?.source !== source) return null;
  const appealedFrom = s.appeal_of_statement_id ? await db('statements').where({ id: s.appeal_of_statement_id }).first('public_id') : null;
  return {
    id: s.public_id,
    kind: s.kind,
    subject: { type: s.subject_type, externalId: subject.external_id },
    actions: s.actions,
    ground: s.ground,
    automated: s.automated,
    facts: s.facts,
    locale: s.locale,
    text: s.locale === 'en' ? s.text_en : s.text_zh,
    textEn: s.text_en,
    textZh: s.text_zh,
    appealOf: appealedFrom?.public_id ?? null,
    createdAt: s.created_at,
  };
}

/** Takes a member's appeal; idempotent by the platform's appeal id; one open appeal per statement. */
export async function fileAppeal(db: Db, source: string, input: AppealInput, now: Date) {
  return db.transaction(async (trx) => {
    const existing = await trx('appeals').where({ source, external_id: input.id }).first();
    if (existing) return { created: false, appeal: existing };
    const statement = await trx('statements').where({ public_id: input.statementId }).forUpdate().first();
    const subject = statement ? await trx(subjectTable(statement.subject_type)).where({ id: statement.subject_id }).first('source') : null;
    if (!statement || subject?.source !== source)
      throw problems.validation([{ path: 'statementId', message: `no statement "${input.statementId}" about this platform's items` }]);
    if (statement.kind === 'appeal_outcome')
      throw problems.validation([{ path: 'statementId', message: 'this statement is already the outcome of an appeal' }]);
    const open = await trx('appeals')
      .where({ statement_id: statement.id })
      .whereIn('status', ['open', 'upheld', 'rejected'])
      .first('id', 'status');
    if (open) throw problems.conflict(`Statement ${input.statementId} was already appealed (appeal ${open.id}, ${open.status}).`);
    const [appeal] = await trx('appeals')
      .insert({
        source,
        external_id: input.id,
        statement_id: statement.id,
        text: input.text ?? null,
        text_masked: masked(input.text),
        status: 'open',
        created_at: input.appealedAt ?? now,
      })
      .returning('*');
    return { created: true, appeal };
  });
}

async function restoreAutomated(trx: Knex.Transaction, subjectType: string, subjectId: number, actions: string[]) {
  if (subjectType === 'post') {
    if (actions.includes('hold')) await trx('posts').where({ id: subjectId, status: 'held' }).update({ status: 'visible' });
    if (actions.includes('require_disclosure')) await trx('posts').where({ id: subjectId }).update({ disclosure_required: false });
    if (actions.includes('label'))
      await trx('posts')
        .where({ id: subjectId })
        .update({ labels: JSON.stringify([]) });
  } else if (subjectType === 'transaction' && actions.includes('restrict_order')) {
    await trx('transactions').where({ id: subjectId }).update({ held: false });
  }
}

/**
 * Decides an appeal. Upheld: the decision is reversed (or the policy's restriction lifted) and
 * the member gets a new statement saying so; rejected: a new statement says the decision stands.
 * A person other than the one who decided must review it. `metrics` counts a reversal once it has committed.
 */
export async function decideAppeal(
  db: Db,
  outbox: Outbox,
  appealId: number,
  outcome: 'upheld' | 'rejected',
  note: string,
  staff: Staff,
  now: Date,
  metrics?: DecisionMetrics,
) {
  let reversed: string | null = null;
  const decided = await db.transaction(async (trx) => {
    const appeal = await trx('appeals').where({ id: appealId }).forUpdate().first();
    if (!appeal) throw problems.notFound(`No appeal with id ${appealId}.`);
    if (appeal.status !== 'open') throw problems.conflict(`Appeal ${appealId} is already ${appeal.status}.`);
    const appealed = await trx('statements').where({ id: appeal.statement_id }).first();
    const decision = appealed.decision_id
      ? await trx('decisions').where({ id: appealed.decision_id }).first('id', 'staff_id', 'reversed_at', 'action')
      : null;
    if (decision?.staff_id === staff.id) throw problems.forbidden('An appeal is reviewed by someone other than the moderator who decided.');
    let statementId: number;
    if (outcome === 'upheld' && decision) {
      if (decision.reversed_at) throw problems.conflict(`Decision ${decision.id} was already reversed.`);
      await moderationService(db, outbox).reverseIn(trx, decision.id, note, staff, now, appealId);
      reversed = decision.action as string;
      statementId = (await trx('statements').where({ appeal_of_statement_id: appealed.id }).orderBy('id', 'desc').first('id')).id;
    } else {
      if (outcome === 'upheld') await restoreAutomated(trx, appealed.subject_type, appealed.subject_id, appealed.actions);
      const made = await statementForAppealOutcome(trx, {
        appealed: {
          id: appealed.id,
          publicId: appealed.public_id,
          subjectType: appealed.subject_type,
          subjectId: appealed.subject_id,
          ground: appealed.ground,
        },
        upheld: outcome === 'upheld',
        decisionId: null,
        note,
        at: now,
      });
      statementId = made.id;
    }
    const outcomeStatement = await trx('statements').where({ id: statementId }).first();
    const subject = await subjectRef(trx, appealed.subject_type, appealed.subject_id);
    const payload = statementPayload({
      id: outcomeStatement.id,
      publicId: outcomeStatement.public_id,
      locale: outcomeStatement.locale,
      text: outcomeStatement.locale === 'en' ? outcomeStatement.text_en : outcomeStatement.text_zh,
      textEn: outcomeStatement.text_en,
      textZh: outcomeStatement.text_zh,
    });
    await outbox.emit(
      trx,
      [
        {
          type: 'appeal.decided',
          source: subject.source,
          data: { appeal: { id: appeal.external_id, outcome, appealed: appealed.public_id }, subject, statement: payload },
        },
      ],
      now,
    );
    await trx('appeals')
      .where({ id: appealId })
      .update({ status: outcome, decided_by: staff.id, decision_note: note, outcome_statement_id: statementId, decided_at: now });
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId: staff.id },
      action: 'appeal.decide',
      subjectType: 'appeal',
      subjectId: appealId,
      detail: { outcome, statementId: appealed.public_id },
      requestId: staff.requestId,
      at: now,
    });
    return trx('appeals').where({ id: appealId }).first();
  });
  if (reversed && metrics) metrics.reversed(reversed);
  return decided;
}

/** An appeal as the platform that filed it sees it: status, decision time and the outcome's statement. */
export async function appealForPlatform(db: Db, source: string, externalId: string) {
  const appeal = await db('appeals').where({ source, external_id: externalId }).first();
  if (!appeal) throw problems.notFound(`No appeal "${externalId}" from this platform.`);
  const outcome = appeal.outcome_statement_id ? await db('statements').where({ id: appeal.outcome_statement_id }).first('public_id') : null;
  return {
    id: appeal.external_id,
    status: appeal.status,
    decidedAt: appeal.decided_at,
    outcome: outcome ? await statementForPlatform(db, source, outcome.public_id) : null,
  };
}
