import pino from 'pino';
import { createApp, type TrustApp } from '../../api/app';
import { testConfig } from '../../api/config';
import type { Clock } from '../../api/deps';
import type { JobQueue } from '../../api/jobs/jobQueue';
import type { Db } from '../../api/db/connect';
import { fixedClock } from './testApp';
import { withResponseValidation } from './openApiValidator';

/** An app with the optional services (job queue) a suite started itself. */
export function createTrustApp(db: Db, options: { clock?: Clock; jobs?: JobQueue }): TrustApp {
  return withResponseValidation(
    createApp({
      db,
      clock: options.clock ?? fixedClock(),
      logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
      config: testConfig(),
      jobs: options.jobs,
    }),
  );
}
