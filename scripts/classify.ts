import readline from 'node:readline';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';

/**
 * Reads JSONL `{"text": …}` on standard input and writes `{"spam": p, "promo": p}` per line, in
 * order, and nothing else on standard output. A line that is not JSON with a string text gets
 * `{"error": …}` in its place, so the output stays aligned with the input.
 */
async function main() {
  const scorer = await loadOnnxScorer();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: Array<string | null> = [];
  const flush = async () => {
    const texts = batch.filter((t): t is string => t !== null);
    const scores = await scorer.scoreTexts(texts);
    let k = 0;
    const lines = batch.map((t) =>
      t === null ? JSON.stringify({ error: 'expected a JSON object with a string "text"' }) : JSON.stringify(scores[k++]),
    );
    process.stdout.write(lines.join('\n') + '\n');
    batch = [];
  };
  for await (const line of rl) {
    let text: string | null = null;
    try {
      const parsed = JSON.parse(line) as { text?: unknown };
      if (parsed && typeof parsed.text === 'string') text = parsed.text;
    } catch {
      text = null;
    }
    batch.push(text);
    if (batch.length >= 512) await flush();
  }
  if (batch.length) await flush();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
