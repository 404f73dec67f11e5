/**
 * The compliance queue is worked widest-reaching and surest first: priority grows with the
 * verdict's confidence and with the logarithm of reach (a post seen by 100,000 people outranks
 * one seen by 100, but not a thousand times over).
 */
export function compliancePriority(reach: number, confidence: number): number {
  // On the same scale as the other queues' priorities (scams ≈ 85, spam ≈ 40): a sure case seen by
  // 100,000 people lands near 70, an unsure one seen by a hundred near 30.
  const p = 10 + 30 * Math.max(0, Math.min(1, confidence)) + 6 * Math.log10(1 + Math.max(0, reach));
  return Math.max(0, Math.min(100, Math.round(p)));
}
