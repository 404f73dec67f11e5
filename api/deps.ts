import type { Logger } from 'pino';
import type { Db } from './db/connect';
import type { AppConfig } from './config';

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
}
