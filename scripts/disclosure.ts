import readline from 'node:readline';
import { disclosureVerdict } from '../rules/disclosure/verdict';
import { disclosureLineSchema, type DisclosureLine } from '../rules/disclosure/inputSchema';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';

/**
 * Reads JSONL `{"text", "platformLabel"?, "partnerships"?, "links"?}` and writes one line
 * `{"status", "confidence", "evidence"}` per input line, in order, nothing else on standard
 * output. The shipped classifier supplies the promotion score; a line that does not parse gets
 * `{"error": …}` so the output stays aligned.
 */
async function main() {
  const scorer = await loadOnnxScorer();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: Array<DisclosureLine | string> = [];
  const flush = async () => {
    const valid = batch.filter((b): b is DisclosureLine => typeof b !== 'string');
    const scores = await scorer.scoreTexts(valid.map((b) => b.text));
    let k = 0;
    const out = batch.map((b) => {
      if (typeof b === 'string') return JSON.stringify({ error: b });
      const v = disclosureVerdict({ ...b, promoScore: scores[k++]!.promo });
      return JSON.stringify({ status: v.status, confidence: v.confidence, evidence: v.evidence });
    });
    process.stdout.write(out.join('\n') + '\n');
    batch = [];
  };
  for await (const line of rl) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      batch.push('the line is not JSON');
      continue;
    }
    const checked = disclosureLineSchema.safeParse(parsed);
    batch.push(
      checked.success ? checked.data : checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
    if (batch.length >= 512) await flush();
  }
  if (batch.length) await flush();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
