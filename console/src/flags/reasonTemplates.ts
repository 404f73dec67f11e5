import type { DecideInput } from '../../../contract/schemas/moderation';
/**
 * Reason templates: one code per queue and action, so every moderator records the same reason
 * for the same call (DOMAIN: reason codes that differ per person slow review down).
 */
export const REMOVE_TEMPLATE: Record<string, { action: 'remove' | 'require_disclosure' | 'hold'; reasonCode: string }> = {
  spam: { action: 'remove', reasonCode: 'spam' },
  scam: { action: 'remove', reasonCode: 'scam' },
  contact_harvesting: { action: 'remove', reasonCode: 'contact_info' },
  fake_review: { action: 'remove', reasonCode: 'fake_review' },
  suspicious_order: { action: 'hold', reasonCode: 'fraud_risk' },
  undisclosed_ad: { action: 'require_disclosure', reasonCode: 'undisclosed_ad' },
  community: { action: 'remove', reasonCode: 'community_health' },
};

/**
 * A decision as sent to the API. Reason codes stay here, fixed per queue; the note to the member
 * comes from the queue's canned notes on the server (note-templates), edited or not.
 */
export type FlagDecision = Pick<DecideInput, 'action' | 'reasonCode' | 'note' | 'noteTemplateId'>;

/** The queue's own "remove" (a hold for orders, a disclosure for ads); a queue without a template removes with its name as the reason. */
export function removeTemplateFor(queue: string): FlagDecision {
  return REMOVE_TEMPLATE[queue] ?? { action: 'remove', reasonCode: queue };
}

export const APPROVE_TEMPLATE = { action: 'approve' as const, reasonCode: 'no_violation' };
export const ESCALATE_TEMPLATE = { action: 'escalate' as const, reasonCode: 'needs_senior_review' };
