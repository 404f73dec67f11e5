import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../rules/seededRandom';
import { dataHash, loadCorpora, type Example, type Source } from './corpora';
import { featurize, FEATURE_DIM, FEATURIZER_VERSION, MAX_TEXT_CHARS, type SparseFeatures } from '../runtime/featurizer';
import { trainLogistic, type LinearHead } from './logistic';
import { binaryMetrics, type BinaryMetrics } from './metrics';
import { buildOnnxModel, foldCalibration, LABELS, OPSET, readOnnxModel, weightsVersion } from '../runtime/onnxModel';
import type { Thresholds } from '../runtime/onnxScorer';
import { writeModelCard, type CategoryErrors, type TrainingSummary } from './modelCard';
import { readTrainConfig } from './trainConfig';
import { headRows, type Head } from './trainingRows';
import {
  calibrate,
  calibratedHeldOut,
  heldOutScores,
  meanF1Cut,
  nestedSourceFigures,
  shippedCut,
  twoClassSources,
  validationFolds,
  type Calibrated,
  type SourceFigure,
} from './sourceValidation';
import { readSelection } from './selection';
import { readSealedResults } from './sealedTest';

// Training writes its outputs beside the data, in models/.
const here = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Trains the three heads on every source, with calibration and thresholds taken from held-out
 * predictions: each row scored by a head that never saw it, nor (outside the SMS corpora) its
 * source. The sealed test is not read here (`npm run eval:sealed` scores a shipped model on it,
 * once).
 */
function main() {
  const t0 = performance.now();
  const config = readTrainConfig();
  const examples = loadCorpora();
  const features = new Map<Example, SparseFeatures>(examples.map((e) => [e, featurize(e.text)]));
  const rowWeights = { hamAsPromoNegativeWeight: config.hamAsPromoNegativeWeight, templateWeight: config.templateWeight };

  const heads: LinearHead[] = [];
  const calibration: Array<{ a: number; b: number }> = [];
  const scoredByHead = {} as Record<Head, Calibrated[]>;
  const thresholds = {} as Thresholds;
  const sourceFigures: SourceFigure[] = [];
  const wholeSmsFigures: SourceFigure[] = [];
  const blind = validationFolds('blind');
  const wholeSms = validationFolds('whole-source').filter((f) => f.source.startsWith('sms-'));
  for (const head of LABELS) {
    const rows = headRows(examples, (e) => features.get(e)!, head, rowWeights);
    const options = { epochs: config.epochs, learningRate: config.learningRate, l2: config.l2[head], seed: config.seed };
    const { platt, scored } = calibratedHeldOut(rows, blind, options);
    scoredByHead[head] = scored;
    thresholds[head] = shippedCut(scored);
    sourceFigures.push(...nestedSourceFigures(head, scored));
    // Each SMS corpus held out whole as well: reported, never used to choose anything.
    for (const whole of calibrate(heldOutScores(rows, wholeSms, options), platt).reduce(
      (m, s) => m.set(s.source, [...(m.get(s.source) ?? []), s]),
      new Map<Source, Calibrated[]>(),
    )) {
      const [source, rowsOfSource] = whole;
      const others = scored.filter((x) => x.source !== source);
      const cut = meanF1Cut(others, twoClassSources(others));
      wholeSmsFigures.push({
        head,
        source,
        cut,
        metrics: binaryMetrics(
          rowsOfSource.map((r) => r.probability),
          rowsOfSource.map((r) => r.y),
          cut,
        ),
      });
    }
    calibration.push(platt);
    heads.push(
      trainLogistic(rows, {
        epochs: config.epochs,
        learningRate: config.learningRate,
        l2: config.l2[head],
        random: seededRandom(config.seed + 1000).next,
      }),
    );
  }

  // The calibration learned on held-out predictions is folded into the final weights, which is
  // what the ONNX graph and the reference scorer compute.
  const { weights, bias } = foldCalibration(heads, calibration);

  // Spam per source, each text judged by its language's head at that head's nested cut.
  const cutOf = (head: Head, source: Source) => sourceFigures.find((f) => f.head === head && f.source === source)!.cut;
  const spamScored = (['spam_zh', 'spam_en'] as const).flatMap((head) =>
    scoredByHead[head].map((s) => ({ ...s, shifted: s.probability - cutOf(head, s.source) + 0.5 })),
  );
  const spamBySource: Array<{ source: Source; metrics: BinaryMetrics }> = [...new Set(spamScored.map((s) => s.source))].map((source) => {
    const rows = spamScored.filter((s) => s.source === source);
    return {
      source,
      metrics: binaryMetrics(
        rows.map((r) => r.shifted),
        rows.map((r) => r.y),
        0.5,
      ),
    };
  });

  // Errors on the written posts by category, from the same held-out predictions.
  const categoryErrors = new Map<string, CategoryErrors>();
  const errorsOf = (category: string) => {
    if (!categoryErrors.has(category)) categoryErrors.set(category, { category, n: 0, promoFp: 0, promoFn: 0, spamFp: 0, spamFn: 0 });
    return categoryErrors.get(category)!;
  };
  for (const s of scoredByHead.promo.filter((x) => x.row.example.corpus === 'posts')) {
    const e = errorsOf(s.row.example.category!);
    e.n++;
    const predicted = s.probability >= cutOf('promo', s.source);
    if (predicted && s.y === 0) e.promoFp++;
    if (!predicted && s.y === 1) e.promoFn++;
  }
  for (const s of spamScored.filter((x) => x.row.example.corpus === 'posts')) {
    const e = errorsOf(s.row.example.category!);
    const predicted = s.shifted >= 0.5;
    if (predicted && s.y === 0) e.spamFp++;
    if (!predicted && s.y === 1) e.spamFn++;
  }

  const hash = dataHash(examples);
  const bytes = buildOnnxModel(
    { weights, bias },
    { training_data_hash: hash, trained_on: config.trainedOn, thresholds: JSON.stringify(thresholds) },
  );
  fs.writeFileSync(path.join(here, 'spam-promo.onnx'), bytes);
  const { metadata } = readOnnxModel(bytes);
  const sources = [...new Set(examples.map((e) => e.source))];
  const summary: TrainingSummary = {
    model_version: weightsVersion({ weights, bias }),
    featurizer_version: FEATURIZER_VERSION,
    opset: OPSET,
    feature_dim: FEATURE_DIM,
    max_text_chars: MAX_TEXT_CHARS,
    training_data_hash: hash,
    trained_on: config.trainedOn,
    config,
    thresholds,
    calibration: Object.fromEntries(LABELS.map((l, j) => [l, calibration[j]!])) as Record<Head, { a: number; b: number }>,
    sizes: Object.fromEntries(
      sources.map((source) => {
        const rows = examples.filter((e) => e.source === source);
        return [
          source,
          {
            rows: rows.length,
            spam: rows.filter((e) => e.spam === 1).length,
            promo: rows.filter((e) => e.promo === 1).length,
            promoLabelled: rows.filter((e) => e.promo !== null).length,
          },
        ];
      }),
    ),
    relabelled_adverts: examples.filter((e) => e.relabelled === 'advert').length,
    model_bytes: bytes.length,
    selection: readSelection(),
    source_figures: sourceFigures,
    whole_sms_figures: wholeSmsFigures,
    spam_by_source: spamBySource,
    category_errors: [...categoryErrors.values()].sort((a, b) => a.category.localeCompare(b.category)),
  };
  fs.writeFileSync(path.join(here, 'metrics.json'), JSON.stringify(summary, null, 2) + '\n');
  writeModelCard(path.join(here, 'MODEL_CARD.md'), summary, readSealedResults());
  process.stdout.write(
    `trained ${metadata.model_version} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${bytes.length} bytes; thresholds ${JSON.stringify(thresholds)}\n`,
  );
  process.stdout.write('leave-one-source-out, each source at a cut chosen without it:\n');
  for (const f of sourceFigures) {
    const m = f.metrics;
    process.stdout.write(
      `  ${f.head.padEnd(7)} ${f.source.padEnd(12)} n=${String(m.n).padEnd(5)} P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)} AUC=${m.rocAuc.toFixed(3)} cut=${f.cut}\n`,
    );
  }
  for (const s of spamBySource)
    process.stdout.write(
      `  spam    ${s.source.padEnd(12)} F1=${s.metrics.f1.toFixed(3)} (P ${s.metrics.precision.toFixed(3)}, R ${s.metrics.recall.toFixed(3)})\n`,
    );
}

main();
