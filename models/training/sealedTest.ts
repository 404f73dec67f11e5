import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, readPostRows } from './corpora';
import type { BinaryMetrics } from './metrics';

export const SEALED_FILE = path.join(DATA_DIR, 'sealed', 'sealed-test.jsonl');
/** The hash the set was sealed with; the evaluation refuses a file that no longer matches it. */
export const SEALED_HASH_FILE = path.join(DATA_DIR, 'sealed', 'sealed-test.sha256');
export const SEALED_RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sealedResults.json');

export interface SealedResult {
  model_version: string;
  sealed_sha256: string;
  evaluated_at: string;
  thresholds: Record<string, number>;
  figures: Array<{ slice: 'all' | 'zh' | 'en'; head: 'spam' | 'promo'; metrics: BinaryMetrics }>;
  /** Errors by category (false positives, false negatives) for each head. */
  categories: Array<{ category: string; n: number; promoFp: number; promoFn: number; spamFp: number; spamFn: number }>;
}

export function sealedHash(): { actual: string; expected: string } {
  const actual = createHash('sha256').update(fs.readFileSync(SEALED_FILE)).digest('hex');
  const expected = fs.readFileSync(SEALED_HASH_FILE, 'utf8').trim().split(/\s+/)[0]!;
  return { actual, expected };
}

export function readSealedRows() {
  return readPostRows(SEALED_FILE);
}

export function readSealedResults(file = SEALED_RESULTS_FILE): SealedResult[] {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SealedResult[]) : [];
}
