import type { SparseFeatures } from './featurizer';
import { HEADS, type CalibratedWeights } from './onnxModel';

/**
 * One head's probability, in float32 step by step like the ONNX graph (Gather, Mul, ReduceSum,
 * Add, Sigmoid), so that training's evaluation, the reference scorer and the runtime agree.
 */
export function headProbability(w: CalibratedWeights, x: SparseFeatures, head: number): number {
  const f32 = Math.fround;
  let sum = f32(0);
  for (let i = 0; i < x.indices.length; i++) sum = f32(sum + f32(w.weights[x.indices[i]! * HEADS + head]! * x.values[i]!));
  return 1 / (1 + Math.exp(-f32(sum + w.bias[head]!)));
}
