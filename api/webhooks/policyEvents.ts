import type { Knex } from 'knex';
import type { Outbox, WebhookEventInput } from './outbox';
import { statementsForPolicyActions, statementPayload, type StoredStatement } from '../statements/statementStore';
import type { StatementAction } from '../../rules/statements/statementOfReasons';

interface PolicyOutcome {
  held: boolean;
  disclosureRequired: boolean;
  labels: string[];
}

function actionsOf(subjectType: 'post' | 'transaction', o: PolicyOutcome): StatementAction[] {
  const actions: StatementAction[] = [];
  if (o.held) actions.push(subjectType === 'transaction' ? 'restrict_order' : 'hold');
  if (o.disclosureRequired) actions.push('require_disclosure');
  if (o.labels.length) actions.push('label');
  return actions;
}

/** What enforcing policies did to newly ingested items, as webhook events carrying the member's statement. */
export function eventsForPolicyOutcomes(
  subjectType: 'post' | 'transaction',
  source: string,
  items: Array<{ id: number; externalId: string }>,
  outcomes: PolicyOutcome[],
  statements: Array<StoredStatement | null> = [],
): WebhookEventInput[] {
  const events: WebhookEventInput[] = [];
  items.forEach((item, i) => {
    const o = outcomes[i];
    if (!o) return;
    const subject = { type: subjectType, id: item.id, externalId: item.externalId, source };
    const s = statements[i];
    const statement = s ? statementPayload(s) : null;
    if (o.held) events.push({ type: 'item.held', source, data: { subject, decisionId: null, by: 'policy', labels: o.labels, statement } });
    if (o.disclosureRequired)
      events.push({ type: 'disclosure.required', source, data: { subject, decisionId: null, by: 'policy', labels: o.labels, statement } });
  });
  return events;
}

/**
 * A hold, label or disclosure requirement made by a policy restricts the member as much as a
 * moderator's would: each gets its statement of reasons, and the platform hears of holds and
 * disclosure requirements, in the ingestion transaction.
 */
export async function announcePolicyOutcomes(
  trx: Knex.Transaction,
  subjectType: 'post' | 'transaction',
  source: string,
  items: Array<{ id: number; externalId: string }>,
  outcomes: PolicyOutcome[],
  outbox: Outbox | undefined,
  now: Date,
): Promise<void> {
  const statements = await statementsForPolicyActions(
    trx,
    subjectType,
    items.map((item, i) => ({ subjectId: item.id, actions: outcomes[i] ? actionsOf(subjectType, outcomes[i]) : [] })),
    now,
  );
  await outbox?.emit(trx, eventsForPolicyOutcomes(subjectType, source, items, outcomes, statements), now);
}
