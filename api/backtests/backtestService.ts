import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import { runRecordedJob } from '../jobs/recordedJob';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import type { JobQueue } from '../jobs/jobQueue';
import { assertValidDocument, type Actor } from '../policies/policyService';
import type { PolicyDocument } from '../../rules/policy/document';
import { runBacktest } from './runBacktest';

export const BACKTEST_JOB = 'backtest';

/** Queues a backtest of a document (or the policy's draft) against the version in force. */
export async function startBacktest(
  db: Db,
  jobs: JobQueue | undefined,
  input: { policyId: number; document?: unknown; from: Date; to: Date },
  actor: Actor,
  now: Date,
): Promise<number> {
  if (!jobs) throw problems.unavailable('The job queue is not running on this server.');
  const policy = await db('policies').where({ id: input.policyId }).first();
  if (!policy) throw problems.validation([{ path: 'policyId', message: `no policy with id ${input.policyId}` }]);
  const document =
    input.document === undefined
      ? await assertValidDocument(db, policy.draft, policy.applies_to, 'policyId')
      : await assertValidDocument(db, input.document, policy.applies_to, 'document');
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('backtests')
      .insert({
        policy_id: policy.id,
        document: JSON.stringify(document),
        applies_to: policy.applies_to,
        compare_version_id: policy.published_version_id,
        window_start: input.from,
        window_end: input.to,
        status: 'queued',
        created_by: actor.staffId,
        created_at: now,
      })
      .returning('id');
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId: actor.staffId },
      action: 'backtest.start',
      subjectType: 'policy',
      subjectId: policy.id,
      detail: { backtestId: row.id, from: input.from.toISOString(), to: input.to.toISOString(), rules: document.rules.length },
      requestId: actor.requestId,
      at: now,
    });
    return row.id as number;
  });
  await jobs.send(BACKTEST_JOB, { id });
  return id;
}

/** The job: runs the backtest, writing progress as it goes and the result at the end. Safe to run again after a crash. */
export async function executeBacktest(db: Db, clock: Clock, id: number, history: Db = db): Promise<void> {
  type BacktestRow = {
    applies_to: 'post' | 'transaction';
    document: unknown;
    compare_version_id: number | null;
    window_start: Date;
    window_end: Date;
  };
  await runRecordedJob<BacktestRow>(
    db,
    clock,
    'backtests',
    id,
    async (row) => {
      const compare = row.compare_version_id ? await db('policy_versions').where({ id: row.compare_version_id }).first('document') : null;
      const result = await runBacktest(
        history,
        {
          subject: row.applies_to,
          document: row.document as PolicyDocument,
          compareWith: (compare?.document as PolicyDocument) ?? null,
          from: row.window_start,
          to: row.window_end,
        },
        async (done, total) => {
          await db('backtests').where({ id }).update({ processed: done, total });
        },
      );
      return { result, processed: result.items };
    },
    { started_at: clock.now(), processed: 0 },
  );
}
