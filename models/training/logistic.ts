import { FEATURE_DIM, type SparseFeatures } from '../runtime/featurizer';

export interface TrainingRow {
  x: SparseFeatures;
  y: 0 | 1;
  weight: number;
}

export interface LinearHead {
  weights: Float32Array;
  bias: number;
}

export function logit(head: LinearHead, x: SparseFeatures): number {
  let z = head.bias;
  for (let i = 0; i < x.indices.length; i++) z += head.weights[x.indices[i]!]! * x.values[i]!;
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Logistic regression by AdaGrad over sparse features, with L2 applied lazily to the weights a
 * row touches. Deterministic: rows are visited in an order drawn from `random`.
 */
export function trainLogistic(
  rows: TrainingRow[],
  options: { epochs: number; learningRate: number; l2: number; random: () => number },
): LinearHead {
  const weights = new Float32Array(FEATURE_DIM);
  const squared = new Float32Array(FEATURE_DIM);
  let bias = 0;
  let biasSquared = 0;
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(options.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const { x, y, weight } = rows[index]!;
      const p = sigmoid(logit({ weights, bias }, x));
      const g = (p - y) * weight;
      for (let k = 0; k < x.indices.length; k++) {
        const f = x.indices[k]!;
        const grad = g * x.values[k]! + options.l2 * weights[f]!;
        squared[f] = squared[f]! + grad * grad;
        weights[f] = weights[f]! - (options.learningRate * grad) / (Math.sqrt(squared[f]) + 1e-8);
      }
      biasSquared += g * g;
      bias -= (options.learningRate * g) / (Math.sqrt(biasSquared) + 1e-8);
    }
  }
  return { weights, bias };
}

/**
 * Platt scaling: p = sigmoid(a·z + b), fitted on held-out logits by Newton's method on the
 * log-loss, with Platt's smoothed targets so a perfectly separated validation set stays finite.
 */
export function fitPlatt(logits: number[], labels: Array<0 | 1>): { a: number; b: number } {
  const positives = labels.filter((y) => y === 1).length;
  const negatives = labels.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const t = labels.map((y) => (y === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0,
      gb = 0,
      haa = 1e-9,
      hab = 0,
      hbb = 1e-9;
    logits.forEach((z, i) => {
      const p = sigmoid(a * z + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
