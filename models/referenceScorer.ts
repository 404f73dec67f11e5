import { featurize } from './featurizer';
import { HEADS, type CalibratedWeights } from './onnxModel';
import { spamHeadFor } from './language';
import type { Scorer, TextScores } from './scorer';

/**
 * The model's arithmetic in plain TypeScript, float32 like the ONNX graph: the yardstick the
 * ONNX session is tested against, and a scorer that needs no native runtime.
 */
export function createReferenceScorer(w: CalibratedWeights, version: string): Scorer {
  const f32 = Math.fround;
  const score = (text: string): TextScores => {
    const x = featurize(text);
    const out = [0, 0, 0];
    for (let head = 0; head < HEADS; head++) {
      let sum = f32(0);
      for (let i = 0; i < x.indices.length; i++) sum = f32(sum + f32(w.weights[x.indices[i]! * HEADS + head]! * x.values[i]!));
      const z = f32(sum + w.bias[head]!);
      out[head] = 1 / (1 + Math.exp(-z));
    }
    return { spam: out[spamHeadFor(text)]!, promo: out[2]! };
  };
  return { version, scoreTexts: (texts) => texts.map(score) };
}
