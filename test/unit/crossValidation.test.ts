import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestF1, crossValidate, foldOf } from '../../models/crossValidation';
import { binaryMetrics } from '../../models/metrics';
import type { Example } from '../../models/corpora';
import type { HeadRow } from '../../models/trainingRows';
import { trainConfigSchema } from '../../models/trainConfig';

const example = (group: string): Example => ({ corpus: 'commerce', text: group, spam: 0, promo: 1, split: 'train', group });
const row = (group: string, y: 0 | 1, score: number, labelled = true): HeadRow => ({
  x: { indices: Int32Array.from([0]), values: Float32Array.from([score]) },
  y,
  weight: 1,
  labelled,
  example: example(group),
});

describe('cross-validation for choosing L2', () => {
  it('finds the best F1 over every cut between distinct scores', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom<0 | 1>(0, 1)), { minLength: 1, maxLength: 40 }), (pairs) => {
        const scores = pairs.map(([s]) => s);
        const labels = pairs.map(([, y]) => y);
        // Brute force: flag everything at or above each distinct score.
        const bruteForce = Math.max(0, ...[...new Set(scores)].map((t) => binaryMetrics(scores, labels, t).f1));
        expect(bestF1(scores, labels)).toBeCloseTo(bruteForce, 12);
      }),
    );
  });

  it('keeps a group in one fold, and trains each fold on the others only', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(`template-${i % 23}`, (i % 3 === 0 ? 1 : 0) as 0 | 1, i % 3 === 0 ? 1 : -1));
    const folds = 5;
    const heldGroups = new Set<string>();
    crossValidate(rows, folds, (training, fold) => {
      const trainingGroups = new Set(training.map((r) => r.example.group));
      const held = rows.filter((r) => foldOf(r.example.group, folds) === fold);
      expect(training.length + held.length).toBe(rows.length);
      for (const r of held) {
        expect(trainingGroups.has(r.example.group)).toBe(false);
        heldGroups.add(r.example.group);
      }
      return { weights: Float32Array.from([1]), bias: 0 };
    });
    expect(heldGroups.size).toBe(23);
  });

  it('scores only labelled rows: weak negatives teach but are not judged', () => {
    // A perfect separator on the labelled rows, and weak negatives that score like positives.
    const rows = [row('a', 1, 2), row('b', 0, -2), row('c', 1, 3), row('d', 0, -1), ...Array.from({ length: 20 }, (_, i) => row(`weak-${i}`, 0, 5, false))];
    const result = crossValidate(rows, 2, () => ({ weights: Float32Array.from([1]), bias: 0 }));
    expect(result.f1).toBe(1);
  });

  it('refuses a training configuration without an L2 for every head', () => {
    const config = { seed: 1, trainedOn: '2026-11-26', epochs: 5, learningRate: 0.5, l2: { spam_zh: 0.005, spam_en: 0.005, promo: 0.005 }, hamAsPromoNegativeWeight: 0.3 };
    expect(trainConfigSchema.safeParse(config).success).toBe(true);
    const result = trainConfigSchema.safeParse({ ...config, l2: { spam_zh: 0.005, spam_en: 0.005 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['l2', 'promo']);
  });
});
