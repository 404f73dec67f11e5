import type { Example } from './corpora';
import type { SparseFeatures } from './featurizer';
import { languageOf } from './language';
import type { TrainingRow } from './logistic';
import type { LABELS } from './onnxModel';

export type Head = (typeof LABELS)[number];

export interface HeadRow extends TrainingRow {
  /** False for the weak negatives below: they teach, but thresholds and metrics leave them out. */
  labelled: boolean;
  example: Example;
}

/**
 * What each head learns from. Spam: every corpus says what spam is, and each language has its own
 * head. Promotion: the commerce set says; ham from the other corpora is known not to promote
 * anything, so it joins as negatives at a lower weight.
 */
export function headRows(examples: Example[], features: (e: Example) => SparseFeatures, head: Head, hamAsPromoNegativeWeight: number): HeadRow[] {
  if (head === 'promo') {
    return examples.flatMap((e): HeadRow[] =>
      e.promo !== null
        ? [{ x: features(e), y: e.promo, weight: 1, labelled: true, example: e }]
        : e.spam === 0
          ? [{ x: features(e), y: 0, weight: hamAsPromoNegativeWeight, labelled: false, example: e }]
          : [],
    );
  }
  const lang = head === 'spam_zh' ? 'zh' : 'en';
  return examples.filter((e) => e.spam !== null && languageOf(e.text) === lang).map((e) => ({ x: features(e), y: e.spam!, weight: 1, labelled: true, example: e }));
}
