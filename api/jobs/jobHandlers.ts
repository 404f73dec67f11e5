import type { Db } from '../db/connect';
import type { ReadRouter } from '../db/readRouting';
import type { Clock } from '../deps';
import type { AppConfig } from '../config';
import type { JobHandler, QueuePolicy } from './jobQueue';
import { BACKTEST_JOB, executeBacktest } from '../backtests/backtestService';
import { COMPLIANCE_REPORT_JOB, buildComplianceReport } from '../compliance/complianceReport';
import { WEBHOOK_DEAD_LETTER_JOB, WEBHOOK_DELIVERY_JOB } from '../webhooks/outbox';
import { attemptDelivery, markDeadLetter } from '../webhooks/deliver';
import { PARTITION_JOB, ensurePartitions } from '../db/partitions';
import { TRANSPARENCY_REPORT_JOB, buildTransparencyReport } from '../transparency/transparencyReport';
import { RETRAIN_JOB, retrainJob } from '../models/retrainService';
import type { DeliveryMetrics } from '../metrics/appMetrics';
import { SLA_ESCALATION_JOB, escalateOverdue } from '../moderation/slaEscalation';

async function historyDb(db: Db, reads: ReadRouter | undefined): Promise<Db> {
  return reads ? (await reads.pick(null)).db : db;
}

/** Every background job the product runs, with the retry policy of each queue; the server and the tests start the same set. */
export function jobHandlers(
  db: Db,
  clock: Clock,
  config: AppConfig,
  reads?: ReadRouter,
  metrics?: DeliveryMetrics,
): { handlers: Record<string, JobHandler>; policies: Record<string, QueuePolicy> } {
  const webhook = config.webhooks;
  const retrain = retrainJob(db, clock);
  return {
    handlers: {
      // History is read from the standby when there is one; a standby lost mid-job fails the job,
      // and its retry reads from the primary.
      [BACKTEST_JOB]: async (data) => executeBacktest(db, clock, Number(data.id), await historyDb(db, reads)),
      [COMPLIANCE_REPORT_JOB]: async (data) => buildComplianceReport(db, clock, Number(data.id), await historyDb(db, reads)),
      [TRANSPARENCY_REPORT_JOB]: async (data) => buildTransparencyReport(db, clock, Number(data.id), await historyDb(db, reads)),
      [RETRAIN_JOB]: (data) => retrain(Number(data.id)),
      [WEBHOOK_DELIVERY_JOB]: async (data, attempt) => {
        const outcome = await attemptDelivery(
          db,
          clock,
          Number(data.deliveryId),
          {
            timeoutMs: webhook.timeoutMs,
            retryDelaySeconds: webhook.retryDelaySeconds,
            retryCount: attempt.retryCount,
            finalAttempt: attempt.retryCount >= attempt.retryLimit,
          },
          metrics,
        );
        // Failing the job is what makes pg-boss try again later, with back-off.
        if (outcome.status === 'retrying') throw new Error(`webhook delivery ${String(data.deliveryId)} failed: ${outcome.error}`);
        if (outcome.status === 'busy')
          throw new Error(`webhook delivery ${String(data.deliveryId)} is leased until ${outcome.leaseUntil.toISOString()}`);
      },
      [WEBHOOK_DEAD_LETTER_JOB]: (data) => markDeadLetter(db, clock, Number(data.deliveryId)),
      // Next months' partitions exist before their first row arrives (the server schedules this daily).
      [PARTITION_JOB]: async () => {
        await ensurePartitions(db, clock.now());
      },
      // Items past twice their queue's target escalate by themselves (the server schedules this every minute).
      [SLA_ESCALATION_JOB]: async () => {
        await escalateOverdue(db, clock.now());
      },
    },
    policies: {
      // A long job outlives no replica: after this long with no result another replica takes it over.
      [BACKTEST_JOB]: { expireInSeconds: config.jobExpireSeconds },
      [COMPLIANCE_REPORT_JOB]: { expireInSeconds: config.jobExpireSeconds },
      [TRANSPARENCY_REPORT_JOB]: { expireInSeconds: config.jobExpireSeconds },
      [WEBHOOK_DELIVERY_JOB]: {
        retryLimit: webhook.maxAttempts - 1,
        retryDelaySeconds: webhook.retryDelaySeconds,
        retryBackoff: true,
        // A worker that dies holding a delivery gives it back after this long.
        expireInSeconds: webhook.expireSeconds,
        deadLetter: WEBHOOK_DEAD_LETTER_JOB,
      },
    },
  };
}
