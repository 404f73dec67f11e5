import type { PromoCueScan } from '../../rules/text/promoCues';

/** Classifier scores for a text: calibrated probabilities, 0–1. */
export interface TextScores {
  spam: number;
  promo: number;
  /** The promotion cues the featurizer found, when it has them, so the policy facts need not scan again. */
  cues?: PromoCueScan;
}

/**
 * What the trust engine needs from a classifier. Ingestion, dry runs and tests depend on this
 * interface only, so the ONNX model, a test double or no model at all can stand behind it.
 */
export interface Scorer {
  readonly version: string;
  scoreTexts(texts: readonly string[]): Promise<TextScores[]> | TextScores[];
}
