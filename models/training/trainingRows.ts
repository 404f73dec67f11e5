import type { Example } from './corpora';
import type { SparseFeatures } from '../runtime/featurizer';
import { languageOf } from '../runtime/language';
import type { TrainingRow } from './logistic';
import type { LABELS } from '../runtime/onnxModel';

export type Head = (typeof LABELS)[number];

export interface HeadRow extends TrainingRow {
  /** False for the weak negatives below: they teach, but thresholds and metrics leave them out. */
  labelled: boolean;
  example: Example;
}

export interface RowWeights {
  /** Ham from corpora that say nothing about promotion, taken as promotion negatives. */
  hamAsPromoNegativeWeight: number;
  /** The template set, which teaches its own phrasings more than the task. */
  templateWeight: number;
  /** A platform's own labels (retraining); absent, they weigh 1. */
  platformWeight?: number;
}

/**
 * What each head learns from. Spam: every corpus says what spam is, and each language has its own
 * head. Promotion: the written posts, the template set and the SMS adverts say; other ham is known
 * not to promote anything, so it joins as negatives at a lower weight. Adverts the SMS corpus
 * called ham are never among those negatives: they were relabelled as promotion.
 */
export function headRows(examples: Example[], features: (e: Example) => SparseFeatures, head: Head, weights: RowWeights): HeadRow[] {
  const sourceWeight = (e: Example) =>
    e.source === 'templates' ? weights.templateWeight : e.source === 'platform' ? (weights.platformWeight ?? 1) : 1;
  if (head === 'promo') {
    return examples.flatMap((e): HeadRow[] =>
      e.promo !== null
        ? [{ x: features(e), y: e.promo, weight: sourceWeight(e), labelled: true, example: e }]
        : e.spam === 0 && weights.hamAsPromoNegativeWeight > 0
          ? [{ x: features(e), y: 0, weight: weights.hamAsPromoNegativeWeight, labelled: false, example: e }]
          : [],
    );
  }
  const lang = head === 'spam_zh' ? 'zh' : 'en';
  return examples
    .filter((e) => e.spam !== null && languageOf(e.text) === lang)
    .map((e) => ({ x: features(e), y: e.spam!, weight: sourceWeight(e), labelled: true, example: e }));
}
