import fs from 'node:fs';
import path from 'node:path';
import { writeModelCard, type TrainingSummary } from '../models/training/modelCard';
import { binaryMetrics } from '../models/training/metrics';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';
import { readSealedResults, readSealedRows, SEALED_RESULTS_FILE, sealedHash, type SealedResult } from '../models/training/sealedTest';

/**
 * Scores the shipped model on the sealed test, once per model version, and appends the figures to
 * models/sealedResults.json for the model card. A version already scored is printed, never scored
 * again: a second look invites choosing by it. The set's hash must match the one it was sealed with.
 */
async function main() {
  const { actual, expected } = sealedHash();
  if (actual !== expected) throw new Error(`the sealed test changed: its SHA-256 is ${actual}, it was sealed as ${expected}`);
  const scorer = await loadOnnxScorer();
  const results = readSealedResults();
  const done = results.find((r) => r.model_version === scorer.version);
  if (done) {
    process.stdout.write(
      `${scorer.version} was scored on the sealed test at ${done.evaluated_at}; not scoring it again.\n${JSON.stringify(done.figures.map((f) => ({ slice: f.slice, head: f.head, f1: f.metrics.f1 })))}\n`,
    );
    return;
  }
  const rows = readSealedRows();
  const scores = await scorer.scoreTexts(rows.map((r) => r.text));
  const figures: SealedResult['figures'] = [];
  for (const slice of ['all', 'zh', 'en'] as const) {
    const idx = rows.map((r, i) => (slice === 'all' || r.lang === slice ? i : -1)).filter((i) => i >= 0);
    // Spam: each text against its own language head's threshold, shifted so one cut applies.
    figures.push({
      slice,
      head: 'spam',
      metrics: binaryMetrics(
        idx.map((i) => scores[i]!.spam - scorer.spamThreshold(rows[i]!.text) + 0.5),
        idx.map((i) => rows[i]!.spam),
        0.5,
      ),
    });
    figures.push({
      slice,
      head: 'promo',
      metrics: binaryMetrics(
        idx.map((i) => scores[i]!.promo),
        idx.map((i) => rows[i]!.promo),
        scorer.thresholds.promo,
      ),
    });
  }
  const categories = new Map<string, SealedResult['categories'][number]>();
  rows.forEach((r, i) => {
    const c = categories.get(r.category) ?? { category: r.category, n: 0, promoFp: 0, promoFn: 0, spamFp: 0, spamFn: 0 };
    c.n++;
    const promo = scores[i]!.promo >= scorer.thresholds.promo;
    const spam = scores[i]!.spam >= scorer.spamThreshold(r.text);
    if (promo && !r.promo) c.promoFp++;
    if (!promo && r.promo) c.promoFn++;
    if (spam && !r.spam) c.spamFp++;
    if (!spam && r.spam) c.spamFn++;
    categories.set(r.category, c);
  });
  const result: SealedResult = {
    model_version: scorer.version,
    sealed_sha256: actual,
    evaluated_at: new Date().toISOString(),
    thresholds: { ...scorer.thresholds },
    figures,
    categories: [...categories.values()].sort((a, b) => a.category.localeCompare(b.category)),
  };
  fs.writeFileSync(SEALED_RESULTS_FILE, JSON.stringify([...results, result], null, 2) + '\n');
  for (const f of figures)
    process.stdout.write(
      `${f.slice.padEnd(3)} ${f.head.padEnd(5)} n=${f.metrics.n} P=${f.metrics.precision.toFixed(3)} R=${f.metrics.recall.toFixed(3)} F1=${f.metrics.f1.toFixed(3)}\n`,
    );
  // The card is rewritten from the training run's own summary, so it shows these figures beside it.
  const models = path.dirname(SEALED_RESULTS_FILE);
  const summary = JSON.parse(fs.readFileSync(path.join(models, 'metrics.json'), 'utf8')) as TrainingSummary;
  if (summary.model_version === scorer.version) writeModelCard(path.join(models, 'MODEL_CARD.md'), summary, readSealedResults());
  process.stdout.write('written to models/sealedResults.json and the model card\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
