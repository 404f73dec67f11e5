import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import type { JobQueue } from '../jobs/jobQueue';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { readOnnxModel } from '../../models/runtime/onnxModel';
import type { Thresholds } from '../../models/runtime/onnxScorer';
import { readTrainConfig } from '../../models/training/trainConfig';
import { retrain, type RetrainSettings } from '../../models/training/retrain';
import { FEATURIZER_VERSION } from '../../models/runtime/featurizer';
import { trainingLabels } from './labelService';
import type { ModelActor } from './modelRegistry';

export const RETRAIN_JOB = 'model-retrain';

/** Queues a retraining run; its progress is the run's row, read by the console. */
export async function startRetrain(
  db: Db,
  jobs: JobQueue | undefined,
  settings: RetrainSettings,
  actor: ModelActor,
  now: Date,
): Promise<number> {
  if (!jobs) throw problems.unavailable('The job queue is not running on this server.');
  const running = await db('model_training_runs').whereIn('status', ['queued', 'running']).first('id');
  if (running) throw problems.conflict(`Training run ${running.id} has not finished yet.`, { runId: running.id });
  const active = await db('model_versions').where({ status: 'active' }).first('id');
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('model_training_runs')
      .insert({
        status: 'queued',
        stage: 'queued',
        settings: JSON.stringify(settings),
        base_version_id: active?.id ?? null,
        requested_by: actor.staffId,
        created_at: now,
      })
      .returning('id');
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId: actor.staffId },
      action: 'model.train',
      subjectType: 'model_training_run',
      subjectId: row.id,
      detail: { settings },
      requestId: actor.requestId,
      at: now,
    });
    return row.id as number;
  });
  await jobs.send(RETRAIN_JOB, { id });
  return id;
}

type RetrainInput = Omit<Parameters<typeof retrain>[0], 'base' | 'progress'>;
type RetrainOutput = Omit<Awaited<ReturnType<typeof retrain>>, 'weights'>;

/**
 * Retrains in a worker thread (retrainWorker.ts, loaded through tsx): seconds of pure CPU per
 * head would otherwise hold every request this replica serves.
 */
function retrainOffThread(input: RetrainInput, progress: (stage: string, fraction: number) => Promise<void>): Promise<RetrainOutput> {
  const file = new URL('./retrainWorker.ts', import.meta.url).href;
  // Resolved here, so the worker finds tsx whatever the process's working folder; require.resolve
  // answers the CommonJS entry, and the ES module one sits beside it.
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`,
    { eval: true },
  );
  return new Promise<RetrainOutput>((resolve, reject) => {
    let updates = Promise.resolve();
    worker.on(
      'message',
      (
        m:
          | { type: 'progress'; stage: string; fraction: number }
          | { type: 'done'; result: RetrainOutput }
          | { type: 'error'; error: string },
      ) => {
        if (m.type === 'progress') updates = updates.then(() => progress(m.stage, m.fraction)).catch(() => undefined);
        else if (m.type === 'done') void updates.then(() => resolve(m.result));
        else reject(new Error(m.error));
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`the training worker stopped with code ${code}`)));
    worker.postMessage(input);
  }).finally(() => void worker.terminate());
}

/** The job: reads the labels not retracted and the active model, retrains, and registers the result as a candidate with its comparison. */
export function retrainJob(db: Db, clock: Clock) {
  return async (id: number): Promise<void> => {
    const run = await db('model_training_runs').where({ id }).first();
    if (!run || run.status === 'succeeded') return;
    await db('model_training_runs')
      .where({ id })
      .update({ status: 'running', stage: 'reading labels', progress: 0, started_at: clock.now(), error: null });
    try {
      const labels = await trainingLabels(db);
      const activeRow = await db('model_versions').where({ status: 'active' }).first('id', 'version', 'onnx', 'thresholds');
      const active = activeRow
        ? {
            version: activeRow.version as string,
            weights: readOnnxModel(activeRow.onnx as Uint8Array).weights,
            thresholds: activeRow.thresholds as Thresholds,
          }
        : null;
      let last = 0;
      const result = await retrainOffThread(
        { labels, config: readTrainConfig(), settings: run.settings as RetrainSettings, active },
        async (stage, fraction) => {
          // Written at most every few percent: the row is what the console polls.
          if (fraction - last < 0.04 && fraction < 1) return;
          last = fraction;
          await db('model_training_runs').where({ id }).update({ stage, progress: fraction });
        },
      );
      const now = clock.now();
      await db.transaction(async (trx) => {
        const known = await trx('model_versions').where({ version: result.version }).first('id');
        // The same labels and settings give the same weights: the version is already registered.
        const candidateId = known
          ? (known.id as number)
          : (
              await trx('model_versions')
                .insert({
                  version: result.version,
                  status: 'candidate',
                  onnx: Buffer.from(result.bytes),
                  featurizer_version: FEATURIZER_VERSION,
                  thresholds: JSON.stringify(result.thresholds),
                  training_config: JSON.stringify({
                    ...result.config,
                    calibration: result.calibration,
                    baseVersion: active?.version ?? null,
                  }),
                  training_data: JSON.stringify(result.trainingData),
                  metrics: JSON.stringify({
                    heads: result.evaluation.heads.map((h) => ({
                      head: h.head,
                      n: h.n,
                      positives: h.positives,
                      candidate: h.candidate,
                      active: h.active,
                    })),
                    split: result.evaluation.split,
                  }),
                  evaluation: JSON.stringify({
                    ...result.evaluation,
                    activeVersion: active?.version ?? null,
                    activeId: activeRow?.id ?? null,
                  }),
                  note: `retrained on ${labels.length} labels`,
                  created_by: run.requested_by,
                  created_at: now,
                })
                .returning('id')
            )[0].id;
        await trx('model_training_runs')
          .where({ id })
          .update({ status: 'succeeded', stage: 'done', progress: 1, candidate_id: candidateId, finished_at: now });
      });
    } catch (err) {
      await db('model_training_runs')
        .where({ id })
        .update({ status: 'failed', stage: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: clock.now() });
    }
  };
}
