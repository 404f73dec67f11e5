/*
 * A job worker in its own process, on the test's PostgreSQL schema, so a test can SIGKILL it in the
 * middle of a delivery. Started by test/api/webhookDelivery.test.ts; prints "ready" once it polls.
 */
import pino from 'pino';
import { connectDatabase } from '../../api/db/connect';
import { startJobQueue } from '../../api/jobs/jobQueue';
import { jobHandlers } from '../../api/jobs/jobHandlers';
import { testConfig } from '../../api/config';
import { systemClock } from '../../api/deps';

const url = process.env.DATABASE_URL!;
const schema = process.env.TEST_SCHEMA!;
const db = connectDatabase({ databaseUrl: url, schema, poolMax: 2 });
await startJobQueue({
  db,
  databaseUrl: url,
  schema: `${schema}_jobs`,
  logger: pino({ level: 'silent' }),
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  ...jobHandlers(db, systemClock, testConfig()),
});
process.stdout.write('ready\n');
