import { loadOnnxScorer } from '../models/runtime/onnxScorer';
import { loadCorpora } from '../models/training/corpora';
import { featurize } from '../models/runtime/featurizer';
import { percentile, report, round } from './report';

async function main() {
  const scorer = await loadOnnxScorer();
  const texts = loadCorpora().map((e) => e.text);
  const batchTexts: string[] = [];
  while (batchTexts.length < 200_000) batchTexts.push(...texts);
  batchTexts.length = 200_000;
  await scorer.scoreTexts(batchTexts.slice(0, 5000));

  // Batched: featurize + infer, 512 texts per session run.
  let t = performance.now();
  await scorer.scoreTexts(batchTexts);
  const batchedSeconds = (performance.now() - t) / 1000;

  // The featurizer alone over the same texts, in the same run: its share of the batched time
  // says how much of it is ours rather than the ONNX session's, whatever the machine's speed.
  t = performance.now();
  for (const text of batchTexts) featurize(text);
  const featurizeSeconds = (performance.now() - t) / 1000;

  // One text per call, as a single-post request would.
  const latencies: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const s = performance.now();
    await scorer.scoreTexts([texts[i % texts.length]!]);
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  const mean = texts.reduce((s, x) => s + x.length, 0) / texts.length;
  report(
    [
      `model ${scorer.version}; texts from the training corpora, mean ${round(mean)} characters`,
      `batched: ${batchTexts.length} texts in ${round(batchedSeconds, 2)} s = ${Math.round(batchTexts.length / batchedSeconds)} texts/s`,
      `featurizer alone: ${Math.round(batchTexts.length / featurizeSeconds)} texts/s, ` +
        `${round((100 * featurizeSeconds) / batchedSeconds, 1)}% of the batched time`,
      `single text: p50 ${round(percentile(latencies, 50), 3)} ms, p99 ${round(percentile(latencies, 99), 3)} ms over ${latencies.length} calls`,
    ],
    {
      bench: 'classify',
      batched_per_s: Math.round(batchTexts.length / batchedSeconds),
      featurize_per_s: Math.round(batchTexts.length / featurizeSeconds),
      featurize_share: round(featurizeSeconds / batchedSeconds, 3),
      single_p50_ms: round(percentile(latencies, 50), 3),
      single_p99_ms: round(percentile(latencies, 99), 3),
    },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
