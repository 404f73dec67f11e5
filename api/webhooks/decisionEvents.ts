import type { Knex } from 'knex';
import type { WebhookEventInput } from './outbox';
import type { ResolvedReport } from '../reports/reportOutcomes';
import { subjectTable } from '../db/subjects';

/** How the platform names the item: its own id and which platform it came from. */
export interface SubjectRef {
  type: string;
  id: number;
  externalId: string | null;
  source: string | null;
}

export async function subjectRef(trx: Knex.Transaction, type: string, id: number): Promise<SubjectRef> {
  const row = await trx(subjectTable(type)).where({ id }).first('source', 'external_id');
  return { type, id, externalId: row?.external_id ?? null, source: row?.source ?? null };
}

export interface DecisionFacts {
  decision: { id: number; action: string; reasonCode: string; note?: string | null; automated: boolean; createdAt: Date };
  subject: SubjectRef;
  flag: { id: number; queue: string } | null;
  reports: ResolvedReport[];
  reputation: { account: SubjectRef; before: number | null; after: number | null } | null;
  /** The statement of reasons the member receives, when the decision restricts them. */
  statement: { id: string; locale: string; text: string; textEn: string; textZh: string } | null;
}

/** The events one decision announces; a platform subscribes to the ones it acts on. */
export function eventsForDecision(f: DecisionFacts): WebhookEventInput[] {
  const source = f.subject.source;
  const decision = {
    id: f.decision.id,
    action: f.decision.action,
    reasonCode: f.decision.reasonCode,
    automated: f.decision.automated,
    createdAt: f.decision.createdAt.toISOString(),
  };
  const events: WebhookEventInput[] = [
    { type: 'decision.made', source, data: { decision, subject: f.subject, flag: f.flag, reports: f.reports, statement: f.statement } },
  ];
  if (f.decision.action === 'hold')
    events.push({
      type: 'item.held',
      source,
      data: { subject: f.subject, decisionId: f.decision.id, by: 'moderator', reasonCode: f.decision.reasonCode },
    });
  if (f.decision.action === 'require_disclosure')
    events.push({
      type: 'disclosure.required',
      source,
      data: { subject: f.subject, decisionId: f.decision.id, by: 'moderator', reasonCode: f.decision.reasonCode },
    });
  events.push(...reputationEvents(f.reputation, { type: 'decision', id: f.decision.id }));
  return events;
}

export function eventsForReversal(f: Omit<DecisionFacts, 'flag'> & { reverses: { id: number; action: string } }): WebhookEventInput[] {
  const source = f.subject.source;
  const decision = {
    id: f.decision.id,
    action: f.decision.action,
    reasonCode: f.decision.reasonCode,
    automated: false,
    createdAt: f.decision.createdAt.toISOString(),
  };
  return [
    {
      type: 'decision.reversed',
      source,
      data: { decision, reverses: f.reverses, subject: f.subject, reports: f.reports, statement: f.statement },
    },
    ...reputationEvents(f.reputation, { type: 'decision_reversal', id: f.decision.id }),
  ];
}

function reputationEvents(r: DecisionFacts['reputation'], cause: { type: string; id: number }): WebhookEventInput[] {
  if (!r || r.before === r.after) return [];
  return [{ type: 'reputation.changed', source: r.account.source, data: { account: r.account, before: r.before, after: r.after, cause } }];
}
