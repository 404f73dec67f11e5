import pino from 'pino';
import type { TestDb } from './testDb';
import type { Clock } from '../../api/deps';
import { startJobQueue, type JobQueue } from '../../api/jobs/jobQueue';
import { jobHandlers } from '../../api/jobs/jobHandlers';
import { testConfig, type AppConfig } from '../../api/config';

/** The server's job handlers on the test database's own pg-boss schema, stopped when the database closes. */
export async function startTestJobs(
  t: TestDb,
  clock: Clock,
  config: AppConfig = testConfig(),
  options: { stopOnClose?: boolean } = {},
): Promise<JobQueue> {
  const jobs = await startJobQueue({
    db: t.db,
    databaseUrl: process.env.DATABASE_URL,
    schema: t.schema ? `${t.schema}_jobs` : 'pgboss',
    logger: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    ...jobHandlers(t.db, clock, config),
  });
  if (options.stopOnClose !== false) t.onClose(() => jobs.stop());
  return jobs;
}
