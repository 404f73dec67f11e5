import { parentPort } from 'node:worker_threads';
import { loadCorpora, type Example } from '../../models/training/corpora';
import { retrain, type ModelRef, type PlatformLabel, type RetrainSettings } from '../../models/training/retrain';
import type { TrainConfig } from '../../models/training/trainConfig';

/**
 * Runs a retraining off the main thread: training takes seconds of pure CPU per head, which on
 * the API's own thread would hold every request the replica is serving.
 */
let base: Example[] | null = null;
parentPort!.on(
  'message',
  async (input: { labels: PlatformLabel[]; config: TrainConfig; settings: RetrainSettings; active: ModelRef | null }) => {
    try {
      base ??= loadCorpora();
      const result = await retrain({
        ...input,
        base,
        progress: (stage, fraction) => parentPort!.postMessage({ type: 'progress', stage, fraction }),
      });
      // The weights are in the bytes already; not copying them back saves a few megabytes.
      parentPort!.postMessage({ type: 'done', result: { ...result, weights: null } });
    } catch (err) {
      parentPort!.postMessage({ type: 'error', error: err instanceof Error ? err.message : String(err) });
    }
  },
);
