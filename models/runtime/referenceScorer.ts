import { featurize } from './featurizer';
import type { CalibratedWeights } from './onnxModel';
import { headProbability } from './linearScore';
import { spamHeadFor } from './language';
import type { Scorer, TextScores } from './scorer';

/**
 * The model's arithmetic in plain TypeScript, float32 like the ONNX graph: the yardstick the
 * ONNX session is tested against, and a scorer that needs no native runtime.
 */
export function createReferenceScorer(w: CalibratedWeights, version: string): Scorer {
  const score = (text: string): TextScores => {
    const x = featurize(text);
    return { spam: headProbability(w, x, spamHeadFor(text)), promo: headProbability(w, x, 2) };
  };
  return { version, scoreTexts: (texts) => texts.map(score) };
}
