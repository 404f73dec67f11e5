import pino from 'pino';
import type { TestDb } from './testDb';
import type { Clock } from '../../api/deps';
import { startJobQueue, type JobQueue } from '../../api/jobs/jobQueue';
import { BACKTEST_JOB, executeBacktest } from '../../api/backtests/backtestService';
import { COMPLIANCE_REPORT_JOB, buildComplianceReport } from '../../api/compliance/complianceReport';

/** The server's job handlers on the test database's own pg-boss schema, stopped when the database closes. */
export async function startTestJobs(t: TestDb, clock: Clock): Promise<JobQueue> {
  const jobs = await startJobQueue({
    db: t.db,
    databaseUrl: process.env.DATABASE_URL,
    schema: t.schema ? `${t.schema}_jobs` : 'pgboss',
    logger: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
    handlers: {
      [BACKTEST_JOB]: (data) => executeBacktest(t.db, clock, Number(data.id)),
      [COMPLIANCE_REPORT_JOB]: (data) => buildComplianceReport(t.db, clock, Number(data.id)),
    },
  });
  t.onClose(() => jobs.stop());
  return jobs;
}
