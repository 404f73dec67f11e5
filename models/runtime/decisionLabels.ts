/**
 * What a moderator's decision on a post says about it, as a training label. Written down here,
 * once, and tested (test/unit/decisionLabels.test.ts):
 *
 * - remove in the spam or scam queue → spam;
 * - require disclosure or label, in any queue → promotion (it is an advert, disclosed or not;
 *   whether it is spam is not what was decided);
 * - approve → not spam, and not promotion where the queue was about promotion;
 * - escalate, hold, warn, and removals in other queues (harassment, counterfeits, contact
 *   harvesting…) → no label: they decide something the classifier does not predict.
 *
 * Only people's decisions make labels: an enforcing rule's action is the model's own output fed
 * back, and would teach it nothing but itself.
 */
export const SPAM_QUEUES: readonly string[] = ['spam', 'scam'];
/** Queues whose question is "is this promotion?". */
export const PROMOTION_QUEUES: readonly string[] = ['undisclosed_ad'];

export interface DecisionLabel {
  spam: 0 | 1 | null;
  promo: 0 | 1 | null;
}

export function labelForDecision(action: string, queue: string | null): DecisionLabel | null {
  const q = queue ?? '';
  if (action === 'remove' && SPAM_QUEUES.includes(q)) return { spam: 1, promo: null };
  if (action === 'require_disclosure' || action === 'label') return { spam: null, promo: 1 };
  if (action === 'approve') return { spam: 0, promo: PROMOTION_QUEUES.includes(q) ? 0 : null };
  return null;
}
