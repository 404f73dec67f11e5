import { seededRandom } from '../../rules/seededRandom';
import { createHash } from 'node:crypto';
import { HELD_OUT_SOURCES, type Example, type Source } from './corpora';
import { fitPlatt, logit, sigmoid, trainLogistic, type LinearHead } from './logistic';
import { binaryMetrics, type BinaryMetrics } from './metrics';
import type { Head, HeadRow } from './trainingRows';

/** A labelled row of a held-out source, scored by a head that never saw that source. */
export interface HeldOutScore {
  row: HeadRow;
  logit: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** One fold: the rows it holds out, all of one source. */
export interface Fold {
  source: Source;
  holds: (e: Example) => boolean;
}

const SMS_FOLDS = 5;
const fold = (group: string, folds: number) => createHash('sha1').update(group).digest().readUInt32BE(0) % folds;

/**
 * The folds of a validation scheme.
 * - `whole-source`: leave-one-source-out, every source held out whole in turn.
 * - `blind`: what the product meets. A YouTube channel or half the written posts is held out
 *   whole (a platform never seen); an SMS corpus is held out a fifth at a time, since the
 *   messages it must judge come from the same stream as the rest (a hold-out of the same corpus),
 *   and a corpus whose very definition of spam differs from ours (SMS-zh calls adverts spam) can
 *   only be learned from itself.
 */
export function validationFolds(scheme: 'whole-source' | 'blind'): Fold[] {
  return HELD_OUT_SOURCES.flatMap((source): Fold[] =>
    scheme === 'blind' && source.startsWith('sms-')
      ? Array.from({ length: SMS_FOLDS }, (_, k) => ({
          source,
          holds: (e: Example) => e.source === source && fold(e.group, SMS_FOLDS) === k,
        }))
      : [{ source, holds: (e: Example) => e.source === source }],
  );
}

/**
 * Scores every labelled row of every fold with a head trained on everything the fold does not
 * hold. The template set is never held out, only trained on: a figure on it would measure its
 * own templates.
 */
export function heldOutScores(
  rows: HeadRow[],
  folds: Fold[],
  options: TrainOptions,
  train: (rows: HeadRow[], options: Parameters<typeof trainLogistic>[1]) => LinearHead = trainLogistic,
): HeldOutScore[] {
  const out: HeldOutScore[] = [];
  folds.forEach((f, k) => {
    const held = rows.filter((r) => r.labelled && f.holds(r.example));
    if (held.length === 0) return;
    const head: LinearHead = train(
      rows.filter((r) => !f.holds(r.example)),
      { epochs: options.epochs, learningRate: options.learningRate, l2: options.l2, random: seededRandom(options.seed + k).next },
    );
    for (const row of held) out.push({ row, logit: logit(head, row.x) });
  });
  return out;
}

/**
 * Held-out scores calibrated by one Platt fit over all of them: what choosing settings and
 * thresholds reads, and the calibration training folds into the shipped weights.
 */
export function calibratedHeldOut(
  rows: HeadRow[],
  folds: Fold[],
  options: TrainOptions,
): { platt: { a: number; b: number }; scored: Calibrated[] } {
  const held = heldOutScores(rows, folds, options);
  const platt = fitPlatt(
    held.map((h) => h.logit),
    held.map((h) => h.row.y),
  );
  return { platt, scored: calibrate(held, platt) };
}

export interface Calibrated {
  source: Source;
  probability: number;
  y: 0 | 1;
  row: HeadRow;
}

export function calibrate(scores: HeldOutScore[], platt: { a: number; b: number }): Calibrated[] {
  return scores.map((s) => ({ source: s.row.example.source, probability: sigmoid(platt.a * s.logit + platt.b), y: s.row.y, row: s.row }));
}

/**
 * Sources whose held-out rows hold at least ten of each class: only there does F1 at a cut mean
 * something (a language head also sees the few texts of the other language a corpus holds).
 */
export function twoClassSources(scored: Calibrated[]): Source[] {
  const counts = new Map<Source, [number, number]>();
  for (const s of scored) {
    const c = counts.get(s.source) ?? [0, 0];
    c[s.y]++;
    counts.set(s.source, c);
  }
  return [...counts].filter(([, [negatives, positives]]) => negatives >= 10 && positives >= 10).map(([source]) => source);
}

/**
 * The cut with the best mean F1 over the given sources, each source counting once whatever its
 * size: the largest corpus must not choose the cut for everyone.
 */
export function meanF1Cut(scored: Calibrated[], sources: readonly Source[]): number {
  const by = sources.map((source) => scored.filter((s) => s.source === source));
  // Cuts at each score rounded down, so the text that suggested a cut is at or above it.
  const candidates = [...new Set(scored.map((s) => Math.floor(s.probability * 1000) / 1000))].sort((a, b) => a - b);
  let best = 0.5;
  let bestMean = -1;
  for (const cut of candidates) {
    const mean =
      by.reduce(
        (sum, rows) =>
          sum +
          binaryMetrics(
            rows.map((r) => r.probability),
            rows.map((r) => r.y),
            cut,
          ).f1,
        0,
      ) / Math.max(1, by.length);
    if (mean > bestMean) {
      bestMean = mean;
      best = cut;
    }
  }
  return best;
}

export interface SourceFigure {
  head: Head;
  source: Source;
  /** The cut chosen without this source (nested), and the figures at it. */
  cut: number;
  metrics: BinaryMetrics;
}

/**
 * Per held-out source, its figures at a cut chosen on the other sources alone, so no number in
 * this table saw the rows it is measured on: not in training, not in calibration of the cut.
 */
export function nestedSourceFigures(head: Head, scored: Calibrated[]): SourceFigure[] {
  const sources = [...new Set(scored.map((s) => s.source))];
  const usable = twoClassSources(scored);
  return sources.map((source) => {
    const others = usable.filter((s) => s !== source);
    const cut = meanF1Cut(
      scored.filter((s) => s.source !== source),
      others,
    );
    const rows = scored.filter((s) => s.source === source);
    return {
      head,
      source,
      cut,
      metrics: binaryMetrics(
        rows.map((r) => r.probability),
        rows.map((r) => r.y),
        cut,
      ),
    };
  });
}

/** The shipped cut: best mean F1 over every held-out source that has both classes. */
export function shippedCut(scored: Calibrated[]): number {
  return meanF1Cut(scored, twoClassSources(scored));
}
