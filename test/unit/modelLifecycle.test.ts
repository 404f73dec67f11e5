import { describe, expect, it } from 'vitest';
import { labelForDecision } from '../../models/runtime/decisionLabels';
import { middleBestF1Cut, retrain, timeSplit, type PlatformLabel } from '../../models/training/retrain';
import { loadCorpora } from '../../models/training/corpora';
import { readTrainConfig } from '../../models/training/trainConfig';

describe('labels from decisions', () => {
  it.each([
    ['remove', 'spam', { spam: 1, promo: null }],
    ['remove', 'scam', { spam: 1, promo: null }],
    ['remove', 'contact_harvesting', null],
    ['require_disclosure', 'undisclosed_ad', { spam: null, promo: 1 }],
    ['label', 'community', { spam: null, promo: 1 }],
    ['approve', 'spam', { spam: 0, promo: null }],
    ['approve', 'undisclosed_ad', { spam: 0, promo: 0 }],
    ['escalate', 'spam', null],
    ['hold', 'spam', null],
    ['warn', 'scam', null],
  ] as const)('%s in %s', (action, queue, label) => {
    expect(labelForDecision(action, queue)).toEqual(label);
  });
});

const label = (id: number, text: string, spam: 0 | 1, day: number): PlatformLabel => ({
  id,
  text,
  spam,
  promo: null,
  queue: 'spam',
  labelledAt: new Date(Date.UTC(2026, 9, day)),
});

describe('retraining', () => {
  it('splits by time: oldest to training, then calibration, newest to evaluation', () => {
    const labels = Array.from({ length: 10 }, (_, i) => label(10 - i, `t${i}`, 0, 10 - i));
    const split = timeSplit(labels, 0.4);
    expect(split.train.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(split.calibration.map((l) => l.id)).toEqual([7, 8]);
    expect(split.evaluation.map((l) => l.id)).toEqual([9, 10]);
  });

  it('puts the cut in the middle of the span that separates the classes', () => {
    expect(middleBestF1Cut([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(0.5);
    expect(middleBestF1Cut([0.1, 0.6, 0.7, 0.9], [0, 0, 1, 1])).toBe(0.65);
  });

  it('gives the same bytes for the same inputs, and other bytes when a label goes', async () => {
    // A slice of the corpora keeps this quick; determinism does not depend on the size.
    const base = loadCorpora().filter((_, i) => i % 40 === 0);
    const labels = Array.from({ length: 40 }, (_, i) =>
      label(i + 1, i % 2 ? `moonberry newsletter ${i}` : `which kettle is good ${i}`, (i % 2) as 0 | 1, 1 + i),
    );
    const run = (ls: PlatformLabel[]) =>
      retrain({ base, labels: ls, config: readTrainConfig(), settings: { labelWeight: 3, holdoutFraction: 0.2 }, active: null });
    const [a, b, c] = [await run(labels), await run([...labels].reverse()), await run(labels.slice(1))];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.version).toBe(b.version);
    expect(c.version).not.toBe(a.version);
    expect(a.trainingData.sources.platform!.rows).toBe(32);
  });
});

describe('models and labels pages: translations', () => {
  const keyPaths = (value: unknown, prefix = ''): string[] =>
    value === null || typeof value !== 'object'
      ? [prefix]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
  it('have the same keys in both languages, and the Chinese ones are Chinese', async () => {
    const { modelsEnglish, modelsChinese } = await import('../../console/src/models/messages');
    expect(keyPaths(modelsChinese).sort()).toEqual(keyPaths(modelsEnglish).sort());
    for (const path of keyPaths(modelsChinese)) {
      const zh = path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], modelsChinese) as string;
      if (/\.(f1|hash)$|fields\.id$/.test(path)) continue;
      expect(/[\u4e00-\u9fff]/.test(zh), `${path}: ${zh}`).toBe(true);
    }
  });
});
