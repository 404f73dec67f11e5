/**
 * The compliance queue is worked widest-reaching and surest first: priority grows with the
 * verdict's confidence and with the logarithm of reach (a post seen by 100,000 people outranks
 * one seen by 100, but not a thousand times over).
 */
export function compliancePriority(reach: number, confidence: number): number {
  const p = 20 + 40 * Math.max(0, Math.min(1, confidence)) + 8 * Math.log10(1 + Math.max(0, reach));
  return Math.max(0, Math.min(100, Math.round(p)));
}
