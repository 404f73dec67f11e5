import { createHash } from 'node:crypto';
import onnxProto from 'onnx-proto';

// onnx-proto is CommonJS; its namespace comes through the default export under ESM.
const { onnx } = onnxProto;
import { FEATURE_DIM, FEATURIZER_VERSION } from './featurizer';

export const OPSET = 13;
/** Output columns: spam for Chinese text, spam for English text, promotion for both. */
export const LABELS = ['spam_zh', 'spam_en', 'promo'] as const;
export const HEADS = LABELS.length;

/** What the shipped model carries besides its weights. */
export interface ModelMetadata {
  model_version: string;
  featurizer_version: string;
  labels: string;
  training_data_hash: string;
  trained_on: string;
  thresholds: string;
  opset: string;
  feature_dim: string;
}

/**
 * Weights already calibrated: column j holds a_j·w_j and bias_j is a_j·b_j + c_j, so the graph
 * computes sigmoid(a·(w·x + b) + c) with one affine step.
 */
export interface CalibratedWeights {
  weights: Float32Array; // FEATURE_DIM × HEADS, row-major
  bias: Float32Array; // HEADS
}

/** Folds each head's Platt calibration (a, b) into its weights: column j becomes a_j·w_j, bias_j a_j·b_j + c_j. */
export function foldCalibration(
  heads: ReadonlyArray<{ weights: Float32Array; bias: number }>,
  calibration: ReadonlyArray<{ a: number; b: number }>,
): CalibratedWeights {
  const weights = new Float32Array(FEATURE_DIM * HEADS);
  for (let i = 0; i < FEATURE_DIM; i++) for (let j = 0; j < HEADS; j++) weights[i * HEADS + j] = calibration[j]!.a * heads[j]!.weights[i]!;
  const bias = Float32Array.from(heads.map((h, j) => calibration[j]!.a * h.bias + calibration[j]!.b));
  return { weights, bias };
}

const bytesOf = (a: Float32Array | BigInt64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The weights' fingerprint names the model version, so any retraining that changes them shows. */
export function weightsVersion(w: CalibratedWeights): string {
  return `spam-promo-${createHash('sha256').update(bytesOf(w.weights)).update(bytesOf(w.bias)).digest('hex').slice(0, 12)}`;
}

/** Builds the ONNX model in TypeScript with onnx-proto: no Python, no converter. */
export function buildOnnxModel(
  w: CalibratedWeights,
  meta: Omit<ModelMetadata, 'model_version' | 'featurizer_version' | 'labels' | 'opset' | 'feature_dim'>,
): Uint8Array {
  const T = onnx.TensorProto.DataType;
  const A = onnx.AttributeProto.AttributeType;
  const tensorInput = (name: string, elemType: number, dims: Array<string | number>) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
    });
  const metadata: ModelMetadata = {
    ...meta,
    model_version: weightsVersion(w),
    featurizer_version: FEATURIZER_VERSION,
    labels: LABELS.join(','),
    opset: String(OPSET),
    feature_dim: String(FEATURE_DIM),
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'trust-console',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'spam_promo_linear',
      initializer: [
        { name: 'W', dims: [FEATURE_DIM, HEADS], dataType: T.FLOAT, rawData: bytesOf(w.weights) },
        { name: 'B', dims: [HEADS], dataType: T.FLOAT, rawData: bytesOf(w.bias) },
        { name: 'axis_last', dims: [1], dataType: T.INT64, rawData: bytesOf(BigInt64Array.from([2n])) },
        { name: 'axis_features', dims: [1], dataType: T.INT64, rawData: bytesOf(BigInt64Array.from([1n])) },
      ],
      node: [
        { opType: 'Gather', input: ['W', 'indices'], output: ['gathered'], attribute: [{ name: 'axis', type: A.INT, i: 0 }] },
        { opType: 'Unsqueeze', input: ['values', 'axis_last'], output: ['values3'] },
        { opType: 'Mul', input: ['gathered', 'values3'], output: ['weighted'] },
        {
          opType: 'ReduceSum',
          input: ['weighted', 'axis_features'],
          output: ['summed'],
          attribute: [{ name: 'keepdims', type: A.INT, i: 0 }],
        },
        { opType: 'Add', input: ['summed', 'B'], output: ['logits'] },
        { opType: 'Sigmoid', input: ['logits'], output: ['probabilities'] },
      ],
      input: [tensorInput('indices', T.INT64, ['N', 'K']), tensorInput('values', T.FLOAT, ['N', 'K'])],
      output: [tensorInput('probabilities', T.FLOAT, ['N', HEADS])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Reads the weights and metadata back out of a model file (for the reference scorer and checks at load). */
export function readOnnxModel(bytes: Uint8Array): { weights: CalibratedWeights; metadata: ModelMetadata } {
  const model = onnx.ModelProto.decode(bytes);
  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key!, p.value!])) as unknown as ModelMetadata;
  const tensor = (name: string) => {
    const t = model.graph!.initializer!.find((i) => i.name === name)!;
    const raw = t.rawData!;
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  };
  return { weights: { weights: tensor('W'), bias: tensor('B') }, metadata };
}
