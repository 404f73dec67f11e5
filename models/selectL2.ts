import fs from 'node:fs';
import { seededRandom } from '../api/seed/random';
import { loadCorpora, type Example } from './corpora';
import { crossValidate } from './crossValidation';
import { featurize, type SparseFeatures } from './featurizer';
import { trainLogistic } from './logistic';
import { LABELS } from './onnxModel';
import { readTrainConfig, writeTrainConfig } from './trainConfig';
import { headRows } from './trainingRows';
import { L2_SELECTION_FILE, type L2Selection } from './l2Selection';

const GRID = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2];
const FOLDS = 5;

/**
 * Chooses each head's L2 by cross-validation over the training and validation splits (never the
 * test split), then writes the choice into trainConfig.json for `npm run train`. The one
 * validation split, a few dozen commerce templates, was too small to choose by: a template's nine
 * posts move F1 together, and the choice flipped with the shuffle.
 */
function main() {
  const t0 = performance.now();
  const config = readTrainConfig();
  const examples = loadCorpora().filter((e) => e.split !== 'test');
  const cache = new Map<Example, SparseFeatures>(examples.map((e) => [e, featurize(e.text)]));
  const results = {} as L2Selection['results'];
  const chosen = {} as L2Selection['chosen'];
  for (const head of LABELS) {
    const rows = headRows(examples, (e) => cache.get(e)!, head, config.hamAsPromoNegativeWeight);
    results[head] = GRID.map((l2) => ({
      l2,
      ...crossValidate(rows, FOLDS, (training, fold) => trainLogistic(training, { epochs: config.epochs, learningRate: config.learningRate, l2, random: seededRandom(config.seed + fold).next })),
    }));
    // The first best in an ascending grid: a tie goes to the lighter penalty.
    chosen[head] = results[head].reduce((best, r) => (r.f1 > best.f1 ? r : best)).l2;
    process.stdout.write(`${head}: ${results[head].map((r) => `${r.l2} F1 ${r.f1.toFixed(4)}`).join(', ')} → ${chosen[head]}\n`);
  }
  const selection: L2Selection = { folds: FOLDS, grid: GRID, results, chosen };
  fs.writeFileSync(L2_SELECTION_FILE, JSON.stringify(selection, null, 2) + '\n');
  writeTrainConfig({ ...config, l2: chosen });
  process.stdout.write(`chose L2 ${JSON.stringify(chosen)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; written to trainConfig.json\n`);
}

main();
