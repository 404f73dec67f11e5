import type { WebhookEventInput } from './outbox';

interface PolicyOutcome {
  held: boolean;
  disclosureRequired: boolean;
  labels: string[];
}

/**
 * What enforcing policies did to newly ingested items that the platform must apply: a hold hides
 * the item until a moderator decides, a disclosure requirement asks for the ad label.
 */
export function eventsForPolicyOutcomes(subjectType: 'post' | 'transaction', source: string, items: Array<{ id: number; externalId: string }>, outcomes: PolicyOutcome[]): WebhookEventInput[] {
  const events: WebhookEventInput[] = [];
  items.forEach((item, i) => {
    const o = outcomes[i];
    if (!o) return;
    const subject = { type: subjectType, id: item.id, externalId: item.externalId, source };
    if (o.held) events.push({ type: 'item.held', source, data: { subject, decisionId: null, by: 'policy', labels: o.labels } });
    if (o.disclosureRequired) events.push({ type: 'disclosure.required', source, data: { subject, decisionId: null, by: 'policy', labels: o.labels } });
  });
  return events;
}
