import { seededRandom } from '../../rules/seededRandom';
import { dataHash, HELD_OUT_SOURCES, type Example, type Source } from './corpora';
import { featurize, type SparseFeatures } from '../runtime/featurizer';
import { fitPlatt, logit, sigmoid, trainLogistic, type LinearHead } from './logistic';
import { binaryMetrics, type BinaryMetrics } from './metrics';
import { buildOnnxModel, foldCalibration, LABELS, weightsVersion, type CalibratedWeights } from '../runtime/onnxModel';
import type { Thresholds } from '../runtime/onnxScorer';
import { headProbability } from '../runtime/linearScore';
import { spamHeadFor } from '../runtime/language';
import { headRows, type Head } from './trainingRows';
import type { TrainConfig } from './trainConfig';
import { PROMOTION_QUEUES } from '../runtime/decisionLabels';

/** A label a platform made (a moderator's decision or an imported row), with the text it is about. */
export interface PlatformLabel {
  id: number;
  text: string;
  spam: 0 | 1 | null;
  promo: 0 | 1 | null;
  queue: string | null;
  labelledAt: Date;
}

export interface RetrainSettings {
  /** How much one platform label weighs against one corpus row. */
  labelWeight: number;
  /** The share of the most recent labels held out: its older half calibrates, its newer half evaluates. */
  holdoutFraction: number;
}

export interface ModelRef {
  version: string;
  weights: CalibratedWeights;
  thresholds: Thresholds;
}

export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
}

export interface HeadComparison {
  head: Head;
  n: number;
  positives: number;
  candidate: BinaryMetrics;
  active: BinaryMetrics | null;
  curve: { candidate: PrPoint[]; active: PrPoint[] | null };
}

export interface QueuePrecision {
  queue: string;
  head: 'spam' | 'promo';
  n: number;
  candidate: { flagged: number; precision: number | null };
  active: { flagged: number; precision: number | null } | null;
}

export interface Disagreement {
  labelId: number;
  text: string;
  queue: string | null;
  head: Head;
  label: 0 | 1;
  candidate: number;
  active: number;
}

export interface CorpusComparison {
  source: Source;
  head: 'spam' | 'promo';
  candidate: BinaryMetrics;
  active: BinaryMetrics | null;
}

export interface Evaluation {
  split: { train: number; calibration: number; evaluation: number; trainUntil: string | null; calibrationUntil: string | null };
  /** Per head, on the evaluation slice (the newest labels), each model at its own thresholds. */
  heads: HeadComparison[];
  queues: QueuePrecision[];
  disagreements: Disagreement[];
  /** In-sample for both models (both trained on these corpora): a check that nothing they taught was lost. */
  corpora: CorpusComparison[];
  /** Heads whose calibration slice was too small (or separable) for Platt scaling: left as trained. */
  uncalibrated: Head[];
  /** Where each head's threshold came from: the calibration slice, or the active model when the slice had too few of a class. */
  thresholdsFrom: Record<Head, 'holdout' | 'active'>;
}

export interface TrainingData {
  sources: Record<string, { rows: number; spam: number; promo: number; hash: string }>;
  hash: string;
}

export interface RetrainResult {
  bytes: Uint8Array;
  version: string;
  weights: CalibratedWeights;
  thresholds: Thresholds;
  calibration: Record<Head, { a: number; b: number }>;
  trainingData: TrainingData;
  config: TrainConfig & RetrainSettings & { trainedOn: string };
  evaluation: Evaluation;
}

/** Fewer than this many of either class in a head's calibration slice and its threshold stays the active model's. */
const MIN_PER_CLASS = 5;
const MIN_FOR_PLATT = 30;
const MAX_PLATT_SLOPE = 10;
const MAX_DISAGREEMENTS = 20;
const CURVE_STEPS = 50;

// The spam head that judges a text, and a head's output column, as the scorer reads them.
const headOfLanguage = (text: string): Head => LABELS[spamHeadFor(text)];
const column = (head: Head) => LABELS.indexOf(head);

/** The label a row gives a head, or null when it says nothing the head predicts. */
function labelFor(head: Head, label: PlatformLabel): 0 | 1 | null {
  if (head === 'promo') return label.promo;
  return label.spam !== null && headOfLanguage(label.text) === head ? label.spam : null;
}

export function labelExample(l: PlatformLabel): Example {
  return { corpus: 'platform', source: 'platform', text: l.text, spam: l.spam, promo: l.promo, group: `label:${l.id}` };
}

/** Oldest first, ties by id: the order that decides which labels are "the most recent". */
export function byTime(labels: readonly PlatformLabel[]): PlatformLabel[] {
  return [...labels].sort((a, b) => a.labelledAt.getTime() - b.labelledAt.getTime() || a.id - b.id);
}

/** Train on the oldest, calibrate on the next, evaluate on the newest. */
export function timeSplit(
  labels: readonly PlatformLabel[],
  holdoutFraction: number,
): { train: PlatformLabel[]; calibration: PlatformLabel[]; evaluation: PlatformLabel[] } {
  const ordered = byTime(labels);
  const held = Math.round(ordered.length * holdoutFraction);
  const evaluation = Math.floor(held / 2);
  return {
    train: ordered.slice(0, ordered.length - held),
    calibration: ordered.slice(ordered.length - held, ordered.length - evaluation),
    evaluation: ordered.slice(ordered.length - evaluation),
  };
}

/**
 * The cut with the best F1, in the middle of the span of cuts that tie for it: on a slice the
 * model separates, the lowest tying cut would sit right on the lowest positive.
 */
export function middleBestF1Cut(scores: number[], labels: Array<0 | 1>): number {
  const candidates = [...new Set(scores.map((s) => Math.floor(s * 1000) / 1000))].sort((a, b) => a - b);
  let best = -1;
  let tied: number[] = [];
  for (const cut of candidates) {
    const f1 = binaryMetrics(scores, labels, cut).f1;
    if (f1 > best + 1e-12) {
      best = f1;
      tied = [cut];
    } else if (Math.abs(f1 - best) <= 1e-12 && tied.length && tied[tied.length - 1] === candidates[candidates.indexOf(cut) - 1])
      tied.push(cut);
  }
  if (tied.length === 0) return 0.5;
  // Any cut above the candidate just below the run, up to the run's last cut, makes one of the
  // tying partitions: take the middle of that span.
  const below = candidates[candidates.indexOf(tied[0]!) - 1] ?? 0;
  return Math.round(((below + tied[tied.length - 1]!) / 2) * 1000) / 1000;
}

function curve(scores: number[], labels: Array<0 | 1>): PrPoint[] {
  const out: PrPoint[] = [];
  for (let k = 0; k <= CURVE_STEPS; k++) {
    const threshold = k / CURVE_STEPS;
    const m = binaryMetrics(scores, labels, threshold);
    out.push({ threshold, precision: m.precision, recall: m.recall });
  }
  return out;
}

function summarise(examples: Example[]): TrainingData {
  const sources: TrainingData['sources'] = {};
  for (const source of [...new Set(examples.map((e) => e.source))]) {
    const rows = examples.filter((e) => e.source === source);
    sources[source] = {
      rows: rows.length,
      spam: rows.filter((e) => e.spam === 1).length,
      promo: rows.filter((e) => e.promo === 1).length,
      hash: dataHash(rows),
    };
  }
  return { sources, hash: dataHash(examples) };
}

/**
 * Retrains the three heads on the base corpora plus a platform's labels, weighted. Unlike
 * `npm run train`, no leave-one-source-out validation: calibration and thresholds come from a
 * time-split hold-out of the platform's own labels, which is both faster and closer to what the
 * model will meet next. The same inputs give the same bytes.
 */
export async function retrain(input: {
  base: Example[];
  labels: PlatformLabel[];
  config: TrainConfig;
  settings: RetrainSettings;
  active: ModelRef | null;
  progress?: (stage: string, fraction: number) => void | Promise<void>;
}): Promise<RetrainResult> {
  const progress = input.progress ?? (() => undefined);
  const { config, settings } = input;
  const split = timeSplit(input.labels, settings.holdoutFraction);
  const trainExamples = [...input.base, ...split.train.map(labelExample)];
  await progress('featurizing', 0.05);
  const features = new Map<Example, SparseFeatures>(trainExamples.map((e) => [e, featurize(e.text)]));
  const heldFeatures = new Map<number, SparseFeatures>([...split.calibration, ...split.evaluation].map((l) => [l.id, featurize(l.text)]));
  const rowWeights = {
    hamAsPromoNegativeWeight: config.hamAsPromoNegativeWeight,
    templateWeight: config.templateWeight,
    platformWeight: settings.labelWeight,
  };

  const heads: LinearHead[] = [];
  const calibration = {} as Record<Head, { a: number; b: number }>;
  const thresholds = {} as Thresholds;
  const uncalibrated: Head[] = [];
  const thresholdsFrom = {} as Record<Head, 'holdout' | 'active'>;
  for (const [j, head] of LABELS.entries()) {
    await progress(`training ${head}`, 0.15 + 0.2 * j);
    const rows = headRows(trainExamples, (e) => features.get(e)!, head, rowWeights);
    const trained = trainLogistic(rows, {
      epochs: config.epochs,
      learningRate: config.learningRate,
      l2: config.l2[head],
      random: seededRandom(config.seed + 1000).next,
    });
    heads.push(trained);
    const cal = split.calibration.flatMap((l) => {
      const y = labelFor(head, l);
      return y === null ? [] : [{ z: logit(trained, heldFeatures.get(l.id)!), y }];
    });
    const positives = cal.filter((c) => c.y === 1).length;
    const negatives = cal.length - positives;
    // Platt on a small or separable slice runs away (the slope grows without bound): it is used
    // only with enough of each class and a sane slope; otherwise the head stays as trained.
    const platt =
      positives >= MIN_FOR_PLATT && negatives >= MIN_FOR_PLATT
        ? fitPlatt(
            cal.map((c) => c.z),
            cal.map((c) => c.y),
          )
        : null;
    const sane = platt !== null && Number.isFinite(platt.a) && Number.isFinite(platt.b) && platt.a > 0 && platt.a <= MAX_PLATT_SLOPE;
    calibration[head] = sane ? platt : { a: 1, b: 0 };
    if (!sane) uncalibrated.push(head);
    if (positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS) {
      const { a, b } = calibration[head];
      thresholds[head] = middleBestF1Cut(
        cal.map((c) => sigmoid(a * c.z + b)),
        cal.map((c) => c.y),
      );
      thresholdsFrom[head] = 'holdout';
    } else {
      thresholds[head] = input.active?.thresholds[head] ?? 0.5;
      thresholdsFrom[head] = 'active';
    }
  }
  const weights = foldCalibration(
    heads,
    LABELS.map((h) => calibration[h]),
  );
  const newest = split.train.length ? split.train[split.train.length - 1]!.labelledAt.toISOString().slice(0, 10) : config.trainedOn;
  const trainingData = summarise(trainExamples);
  await progress('building the model', 0.8);
  const bytes = buildOnnxModel(weights, {
    training_data_hash: trainingData.hash,
    trained_on: newest,
    thresholds: JSON.stringify(thresholds),
  });

  await progress('evaluating', 0.85);
  const candidate: ModelRef = { version: weightsVersion(weights), weights, thresholds };
  const evaluation = evaluate(candidate, input.active, split.evaluation, heldFeatures, input.base, features);
  evaluation.split = {
    train: split.train.length,
    calibration: split.calibration.length,
    evaluation: split.evaluation.length,
    trainUntil: split.train.at(-1)?.labelledAt.toISOString() ?? null,
    calibrationUntil: split.calibration.at(-1)?.labelledAt.toISOString() ?? null,
  };
  evaluation.uncalibrated = uncalibrated;
  evaluation.thresholdsFrom = thresholdsFrom;
  return {
    bytes,
    version: candidate.version,
    weights,
    thresholds,
    calibration,
    trainingData,
    config: { ...config, ...settings, trainedOn: newest },
    evaluation,
  };
}

/** Spam by the text's own language head; promo by the promo head. */
function spamOf(w: CalibratedWeights, text: string, x: SparseFeatures): { head: Head; p: number } {
  const head = headOfLanguage(text);
  return { head, p: headProbability(w, x, column(head)) };
}

export function evaluate(
  candidate: ModelRef,
  active: ModelRef | null,
  labels: PlatformLabel[],
  features: ReadonlyMap<number, SparseFeatures>,
  base: Example[],
  baseFeatures: ReadonlyMap<Example, SparseFeatures>,
): Evaluation {
  const heads: HeadComparison[] = [];
  const disagreements: Disagreement[] = [];
  for (const head of LABELS) {
    const rows = labels.flatMap((l) => {
      const y = labelFor(head, l);
      if (y === null) return [];
      const x = features.get(l.id)!;
      return [
        {
          l,
          y,
          c: headProbability(candidate.weights, x, column(head)),
          a: active ? headProbability(active.weights, x, column(head)) : null,
        },
      ];
    });
    const ys = rows.map((r) => r.y);
    const cs = rows.map((r) => r.c);
    const as = active ? rows.map((r) => r.a!) : null;
    heads.push({
      head,
      n: rows.length,
      positives: ys.filter((y) => y === 1).length,
      candidate: binaryMetrics(cs, ys, candidate.thresholds[head]),
      active: as ? binaryMetrics(as, ys, active!.thresholds[head]) : null,
      curve: { candidate: curve(cs, ys), active: as ? curve(as, ys) : null },
    });
    if (active) {
      for (const r of rows) {
        if (r.c >= candidate.thresholds[head] !== r.a! >= active.thresholds[head])
          disagreements.push({
            labelId: r.l.id,
            text: r.l.text.slice(0, 280),
            queue: r.l.queue,
            head,
            label: r.y,
            candidate: r.c,
            active: r.a!,
          });
      }
    }
  }
  disagreements.sort((x, y) => Math.abs(y.candidate - y.active) - Math.abs(x.candidate - x.active) || x.labelId - y.labelId);

  // Per queue, the precision of what each model would flag at its thresholds among the labelled items of that queue.
  const queues: QueuePrecision[] = [];
  for (const queue of [...new Set(labels.map((l) => l.queue).filter((q): q is string => q !== null))].sort()) {
    const kind: 'spam' | 'promo' = PROMOTION_QUEUES.includes(queue) ? 'promo' : 'spam';
    const rows = labels.filter((l) => l.queue === queue && (kind === 'promo' ? l.promo : l.spam) !== null);
    const flaggedBy = (m: ModelRef) => {
      let flagged = 0;
      let right = 0;
      for (const l of rows) {
        const x = features.get(l.id)!;
        const head: Head = kind === 'promo' ? 'promo' : headOfLanguage(l.text);
        if (headProbability(m.weights, x, column(head)) >= m.thresholds[head]) {
          flagged++;
          if ((kind === 'promo' ? l.promo : l.spam) === 1) right++;
        }
      }
      return { flagged, precision: flagged ? right / flagged : null };
    };
    queues.push({ queue, head: kind, n: rows.length, candidate: flaggedBy(candidate), active: active ? flaggedBy(active) : null });
  }

  const corpora: CorpusComparison[] = [];
  for (const source of HELD_OUT_SOURCES) {
    const rows = base.filter((e) => e.source === source);
    const spamRows = rows.filter((e) => e.spam !== null);
    const score = (m: ModelRef, e: Example) => {
      const s = spamOf(m.weights, e.text, baseFeatures.get(e)!);
      return { p: s.p, cut: m.thresholds[s.head] };
    };
    // Each text judged at its own language head's cut: shifted so that one cut, 0.5, applies to all.
    const shifted = (m: ModelRef) =>
      spamRows.map((e) => {
        const s = score(m, e);
        return s.p - s.cut + 0.5;
      });
    const ys = spamRows.map((e) => e.spam!);
    if (spamRows.length)
      corpora.push({
        source,
        head: 'spam',
        candidate: binaryMetrics(shifted(candidate), ys, 0.5),
        active: active ? binaryMetrics(shifted(active), ys, 0.5) : null,
      });
    const promoRows = rows.filter((e) => e.promo !== null);
    if (promoRows.length) {
      const promo = (m: ModelRef) => promoRows.map((e) => headProbability(m.weights, baseFeatures.get(e)!, 2));
      const py = promoRows.map((e) => e.promo!);
      corpora.push({
        source,
        head: 'promo',
        candidate: binaryMetrics(promo(candidate), py, candidate.thresholds.promo),
        active: active ? binaryMetrics(promo(active), py, active.thresholds.promo) : null,
      });
    }
  }
  return {
    split: { train: 0, calibration: 0, evaluation: labels.length, trainUntil: null, calibrationUntil: null },
    heads,
    queues,
    disagreements: disagreements.slice(0, MAX_DISAGREEMENTS),
    corpora,
    uncalibrated: [],
    thresholdsFrom: { spam_zh: 'active', spam_en: 'active', promo: 'active' },
  };
}
