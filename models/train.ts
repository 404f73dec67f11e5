import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../api/seed/random';
import { dataHash, loadCorpora, type Corpus, type Example } from './corpora';
import { featurize, FEATURE_DIM, FEATURIZER_VERSION, MAX_TEXT_CHARS, type SparseFeatures } from './featurizer';
import { fitPlatt, logit, sigmoid, trainLogistic, type LinearHead, type TrainingRow } from './logistic';
import { bestF1Threshold, binaryMetrics, type BinaryMetrics } from './metrics';
import { buildOnnxModel, OPSET, readOnnxModel, weightsVersion } from './onnxModel';
import { writeModelCard } from './modelCard';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = JSON.parse(fs.readFileSync(path.join(here, 'trainConfig.json'), 'utf8')) as { seed: number; trainedOn: string; epochs: number; learningRate: number; l2: number; hamAsPromoNegativeWeight: number };

export interface Evaluation {
  corpus: Corpus;
  head: 'spam' | 'promo';
  split: 'test' | 'validation';
  metrics: BinaryMetrics;
}

function main() {
  const t0 = performance.now();
  const examples = loadCorpora();
  const features = new Map<Example, SparseFeatures>(examples.map((e) => [e, featurize(e.text)]));
  const random = seededRandom(config.seed).next;
  const of = (split: Example['split']) => examples.filter((e) => e.split === split);

  // Spam: every corpus says what spam is.
  const spamRows = (split: Example['split']): TrainingRow[] => of(split).filter((e) => e.spam !== null).map((e) => ({ x: features.get(e)!, y: e.spam!, weight: 1 }));
  // Promotion: the commerce set says; ham from the other corpora is known not to promote anything.
  const promoRows = (split: Example['split']): TrainingRow[] =>
    of(split).flatMap((e) =>
      e.promo !== null ? [{ x: features.get(e)!, y: e.promo, weight: 1 }] : e.spam === 0 ? [{ x: features.get(e)!, y: 0 as const, weight: config.hamAsPromoNegativeWeight }] : [],
    );

  const train = (rows: TrainingRow[]) => trainLogistic(rows, { epochs: config.epochs, learningRate: config.learningRate, l2: config.l2, random });
  const spamHead = train(spamRows('train'));
  const promoHead = train(promoRows('train'));

  // Calibration and thresholds from validation data only.
  const calibrate = (head: LinearHead, rows: TrainingRow[]) => fitPlatt(rows.map((r) => logit(head, r.x)), rows.map((r) => r.y));
  const spamCal = calibrate(spamHead, spamRows('validation'));
  const promoCal = calibrate(promoHead, promoRows('validation'));

  // Fold calibration into the weights: what the ONNX graph and the reference scorer compute.
  const weights = new Float32Array(FEATURE_DIM * 2);
  for (let i = 0; i < FEATURE_DIM; i++) {
    weights[i * 2] = spamCal.a * spamHead.weights[i]!;
    weights[i * 2 + 1] = promoCal.a * promoHead.weights[i]!;
  }
  const bias = Float32Array.from([spamCal.a * spamHead.bias + spamCal.b, promoCal.a * promoHead.bias + promoCal.b]);
  const probability = (x: SparseFeatures, head: 0 | 1) => {
    const f32 = Math.fround;
    let sum = f32(0);
    for (let i = 0; i < x.indices.length; i++) sum = f32(sum + f32(weights[x.indices[i]! * 2 + head]! * x.values[i]!));
    return sigmoid(f32(sum + bias[head]!));
  };
  const validationSpam = spamRows('validation');
  const validationPromo = promoRows('validation').filter((r) => r.weight === 1);
  const thresholds = {
    spam: bestF1Threshold(validationSpam.map((r) => probability(r.x, 0)), validationSpam.map((r) => r.y)),
    promo: bestF1Threshold(validationPromo.map((r) => probability(r.x, 1)), validationPromo.map((r) => r.y)),
  };

  const evaluations: Evaluation[] = [];
  for (const split of ['test', 'validation'] as const) {
    for (const corpus of ['sms-en', 'sms-zh', 'youtube', 'commerce'] as const) {
      const rows = of(split).filter((e) => e.corpus === corpus);
      if (rows.length === 0) continue;
      evaluations.push({ corpus, head: 'spam', split, metrics: binaryMetrics(rows.map((e) => probability(features.get(e)!, 0)), rows.map((e) => e.spam!), thresholds.spam) });
      const promo = rows.filter((e) => e.promo !== null);
      if (promo.length) evaluations.push({ corpus, head: 'promo', split, metrics: binaryMetrics(promo.map((e) => probability(features.get(e)!, 1)), promo.map((e) => e.promo!), thresholds.promo) });
    }
  }

  const hash = dataHash(examples);
  const bytes = buildOnnxModel({ weights, bias }, { training_data_hash: hash, trained_on: config.trainedOn, thresholds: JSON.stringify(thresholds) });
  fs.writeFileSync(path.join(here, 'spam-promo.onnx'), bytes);
  const { metadata } = readOnnxModel(bytes);
  const summary = {
    model_version: weightsVersion({ weights, bias }),
    featurizer_version: FEATURIZER_VERSION,
    opset: OPSET,
    feature_dim: FEATURE_DIM,
    max_text_chars: MAX_TEXT_CHARS,
    training_data_hash: hash,
    trained_on: config.trainedOn,
    config,
    thresholds,
    calibration: { spam: spamCal, promo: promoCal },
    sizes: Object.fromEntries(['train', 'validation', 'test'].map((s) => [s, Object.fromEntries((['sms-en', 'sms-zh', 'youtube', 'commerce'] as const).map((c) => [c, examples.filter((e) => e.split === s && e.corpus === c).length]))])),
    model_bytes: bytes.length,
    evaluations,
  };
  fs.writeFileSync(path.join(here, 'metrics.json'), JSON.stringify(summary, null, 2) + '\n');
  writeModelCard(path.join(here, 'MODEL_CARD.md'), summary);
  process.stdout.write(`trained ${metadata.model_version} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${bytes.length} bytes; thresholds spam ${thresholds.spam}, promo ${thresholds.promo}\n`);
  for (const e of evaluations.filter((x) => x.split === 'test')) {
    const m = e.metrics;
    process.stdout.write(`  ${e.corpus.padEnd(9)} ${e.head.padEnd(5)} n=${m.n} P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)} MCC=${m.mcc.toFixed(3)} AUC=${m.rocAuc.toFixed(4)}\n`);
  }
}

main();
