import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { featurizeWithCues, FEATURIZER_VERSION, type SparseFeatures } from './featurizer';
import type { PromoCueScan } from '../../rules/text/promoCues';
import { HEADS, readOnnxModel, type ModelMetadata } from './onnxModel';
import { languageOf, spamHeadFor } from './language';
import type { Scorer, TextScores } from './scorer';

export const SHIPPED_MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'spam-promo.onnx');

export interface Thresholds {
  spam_zh: number;
  spam_en: number;
  promo: number;
}

export interface OnnxScorer extends Scorer {
  metadata: ModelMetadata;
  thresholds: Thresholds;
  /** The spam threshold that applies to a text (it depends on the text's language). */
  spamThreshold(text: string): number;
}

/** Pads a batch's sparse rows to one width; padding has value 0 and so adds nothing. */
function batchTensors(rows: SparseFeatures[]): { indices: ort.Tensor; values: ort.Tensor } {
  const width = Math.max(1, ...rows.map((r) => r.indices.length));
  const indices = new BigInt64Array(rows.length * width);
  const values = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    for (let k = 0; k < r.indices.length; k++) {
      indices[i * width + k] = BigInt(r.indices[k]!);
      values[i * width + k] = r.values[k]!;
    }
  });
  return {
    indices: new ort.Tensor('int64', indices, [rows.length, width]),
    values: new ort.Tensor('float32', values, [rows.length, width]),
  };
}

/**
 * One onnxruntime-node session for the process. Refuses a model built for another featurizer:
 * its weights would be read against the wrong features.
 */
export async function loadOnnxScorer(file = SHIPPED_MODEL, options: { maxBatch?: number; sortWindow?: number } = {}): Promise<OnnxScorer> {
  return createOnnxScorer(fs.readFileSync(file), { ...options, name: file });
}

/**
 * The same from a model's bytes (a version stored in the database). Thresholds given here
 * replace the ones in the file: a registered version's thresholds belong to the version.
 */
export async function createOnnxScorer(
  bytes: Uint8Array,
  options: { maxBatch?: number; sortWindow?: number; name?: string; thresholds?: Thresholds } = {},
): Promise<OnnxScorer> {
  const { metadata } = readOnnxModel(bytes);
  if (metadata.featurizer_version !== FEATURIZER_VERSION) {
    throw new Error(
      `model ${options.name ?? metadata.model_version} was trained with featurizer ${metadata.featurizer_version}, this build has ${FEATURIZER_VERSION}: retrain with npm run train`,
    );
  }
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const thresholds = options.thresholds ?? (JSON.parse(metadata.thresholds) as Thresholds);
  const maxBatch = options.maxBatch ?? 512;
  const sortWindow = options.sortWindow ?? 8192;
  return {
    version: metadata.model_version,
    metadata,
    thresholds,
    spamThreshold: (text) => thresholds[`spam_${languageOf(text)}`],
    async scoreTexts(texts) {
      const out = new Array<TextScores>(texts.length);
      // Rows are padded to the widest in their session run, so runs are cut from rows sorted by
      // width: on mixed corpus text, cutting them in arrival order padded five cells for every real
      // one. Sorting works over a window, which bounds the features held at once.
      for (let windowStart = 0; windowStart < texts.length; windowStart += sortWindow) {
        const windowEnd = Math.min(texts.length, windowStart + sortWindow);
        const rows: SparseFeatures[] = [];
        const cues: PromoCueScan[] = [];
        for (let i = windowStart; i < windowEnd; i++) {
          const f = featurizeWithCues(texts[i]!);
          rows.push(f.features);
          cues.push(f.cues);
        }
        const byWidth = rows.map((_, i) => i);
        // A window that fits in one run is padded to its widest row whatever the order.
        if (rows.length > maxBatch) byWidth.sort((a, b) => rows[a]!.indices.length - rows[b]!.indices.length);
        for (let start = 0; start < byWidth.length; start += maxBatch) {
          const run = byWidth.slice(start, start + maxBatch);
          const { probabilities } = await session.run(batchTensors(run.map((i) => rows[i]!)));
          const p = probabilities!.data as Float32Array;
          run.forEach((row, k) => {
            const i = windowStart + row;
            out[i] = { spam: p[k * HEADS + spamHeadFor(texts[i]!)]!, promo: p[k * HEADS + 2]!, cues: cues[row]! };
          });
        }
      }
      return out;
    },
  };
}
