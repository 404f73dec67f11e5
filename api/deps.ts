import type { Logger } from 'pino';
import type { Db } from './db/connect';
import type { AppConfig } from './config';
import type { Scorer } from '../models/runtime/scorer';
import type { PolicyRuntime } from './policies/policyRuntime';
import type { JobQueue } from './jobs/jobQueue';
import type { Outbox } from './webhooks/outbox';
import type { AppMetrics } from './metrics/appMetrics';
import type { ReadRouter } from './db/readRouting';
import type { ModelRuntime } from './models/modelRuntime';
import type { ApiKeyCache } from './auth/apiKeyCache';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  /** Where the built console lives; absent, the API serves no pages. */
  consoleDir?: string;
  /** The spam / promotion classifier; absent, the classifier facts are unknown to the rules. */
  scorer?: Scorer;
  /** Jobs in PostgreSQL (backtests); without it, routes that queue jobs answer 503. */
  jobs?: JobQueue;
  /** Compiled published policies; one is made per app when not given. */
  policyRuntime?: PolicyRuntime;
  /** Webhook announcements, written in the transactions that cause them; one is made per app from `jobs` when not given. */
  outbox?: Outbox;
  /** A hot standby for the console's reads (DATABASE_READ_URL); absent, every read goes to `db`. */
  readDb?: Db;
  /** Routes reads between `db` and `readDb`; one is made per app from them when not given (the server shares one with its jobs). */
  reads?: ReadRouter;
  /** The Prometheus registry served at /metrics and the counters services increment; one per app when not given. */
  metrics?: AppMetrics;
  /** The model registry's active and shadow classifiers, followed by token like the policies; one is made per app when not given, with `scorer` as its fallback. */
  models?: ModelRuntime;
  /** Platform API keys looked up in the last few seconds (api/auth/apiKeyCache.ts); one per app when not given. */
  apiKeyCache?: ApiKeyCache;
}
