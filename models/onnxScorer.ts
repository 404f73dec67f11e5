import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { featurize, FEATURIZER_VERSION, type SparseFeatures } from './featurizer';
import { readOnnxModel, type ModelMetadata } from './onnxModel';
import type { Scorer, TextScores } from './scorer';

export const SHIPPED_MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spam-promo.onnx');

export interface OnnxScorer extends Scorer {
  metadata: ModelMetadata;
  thresholds: { spam: number; promo: number };
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
  return { indices: new ort.Tensor('int64', indices, [rows.length, width]), values: new ort.Tensor('float32', values, [rows.length, width]) };
}

/**
 * One onnxruntime-node session for the process. Refuses a model built for another featurizer:
 * its weights would be read against the wrong features.
 */
export async function loadOnnxScorer(file = SHIPPED_MODEL, options: { maxBatch?: number } = {}): Promise<OnnxScorer> {
  const bytes = fs.readFileSync(file);
  const { metadata } = readOnnxModel(bytes);
  if (metadata.featurizer_version !== FEATURIZER_VERSION) {
    throw new Error(`model ${file} was trained with featurizer ${metadata.featurizer_version}, this build has ${FEATURIZER_VERSION}: retrain with npm run train`);
  }
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const thresholds = JSON.parse(metadata.thresholds) as { spam: number; promo: number };
  const maxBatch = options.maxBatch ?? 512;
  return {
    version: metadata.model_version,
    metadata,
    thresholds,
    async scoreTexts(texts) {
      const out: TextScores[] = [];
      for (let start = 0; start < texts.length; start += maxBatch) {
        const rows = texts.slice(start, start + maxBatch).map(featurize);
        const { probabilities } = await session.run(batchTensors(rows));
        const p = probabilities!.data as Float32Array;
        for (let i = 0; i < rows.length; i++) out.push({ spam: p[i * 2]!, promo: p[i * 2 + 1]! });
      }
      return out;
    },
  };
}
