import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/connect';

import type { Knex } from 'knex';

/** What a handler learns about its job besides the data: how many tries are left decides what a failure means. */
export interface JobAttempt {
  id: string;
  retryCount: number;
  retryLimit: number;
}

export type JobHandler = (data: Record<string, unknown>, attempt: JobAttempt) => Promise<void>;

/** A queue's retry and expiry settings; absent ones keep the defaults below. */
export interface QueuePolicy {
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  /** Jobs that exhaust their retries are sent here. */
  deadLetter?: string;
}

export interface JobQueue {
  send(name: string, data: Record<string, unknown>): Promise<string | null>;
  /**
   * Queues jobs inside the caller's transaction, so they exist exactly when the rows that caused
   * them commit (the outbox pattern). Answers false when this queue has no worker for the name.
   */
  sendWithin(trx: Knex.Transaction, name: string, items: Array<Record<string, unknown>>): Promise<boolean>;
  /** Runs a job on a cron schedule (UTC); pg-boss makes one job per tick however many replicas schedule it. */
  schedule(name: string, cron: string, data?: Record<string, unknown>): Promise<void>;
  stop(options?: { graceful?: boolean }): Promise<void>;
  /** Per queue this replica works: jobs waiting and running, and how long the oldest due job has waited (for /metrics). */
  backlog(): Promise<QueueBacklog[]>;
}

export interface QueueBacklog {
  queue: string;
  /** Created or due for a retry, including retries whose back-off has not run out yet. */
  waiting: number;
  active: number;
  /** Seconds since the oldest waiting job could have started; 0 when none is due. */
  oldestDueSeconds: number;
}

type SqlConnection = { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/** pg-boss statements run on the transaction's own connection (a pg client or the PGlite instance). */
function transactionExecutor(trx: Knex.Transaction) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const conn = (await trx.client.acquireConnection()) as SqlConnection;
      try {
        return await conn.query(text, values ?? []);
      } finally {
        await trx.client.releaseConnection(conn);
      }
    },
  };
}

/**
 * pg-boss on the embedded database: its statements borrow knex's single PGlite connection, so a
 * job statement can never land inside another request's open transaction. Statements without
 * parameters may hold several commands, which PGlite runs with exec().
 */
function pgliteAdapter(db: Db) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const conn = (await db.client.acquireConnection()) as {
        query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
        exec(text: string): Promise<Array<{ rows: unknown[] }>>;
      };
      try {
        if (values && values.length) return await conn.query(text, values);
        const results = await conn.exec(text);
        return { rows: results.flatMap((r) => r.rows) };
      } finally {
        await db.client.releaseConnection(conn);
      }
    },
  };
}

/**
 * Jobs live in PostgreSQL, so any API replica can take them. On a real server pg-boss gets its own
 * small pool; on PGlite it shares knex's connection.
 */
export async function startJobQueue(options: {
  db: Db;
  databaseUrl?: string;
  schema?: string;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  policies?: Record<string, QueuePolicy>;
  pollingIntervalSeconds?: number;
  /** How often expired jobs (a worker died holding them) are failed over to a retry. */
  maintenanceIntervalSeconds?: number;
}): Promise<JobQueue> {
  const schema = options.schema ?? 'pgboss';
  const maintenance =
    options.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {};
  const boss = options.databaseUrl
    ? new PgBoss({ connectionString: options.databaseUrl, schema, max: 3, application_name: 'trust-console-jobs', ...maintenance })
    : new PgBoss({ db: pgliteAdapter(options.db), schema, supervise: true, ...maintenance });
  boss.on('error', (err: unknown) => options.logger.error({ err }, 'job queue error'));
  await boss.start();
  const names = Object.keys(options.handlers);
  // A dead-letter queue must exist before the queue that points at it.
  names.sort((a, b) => Number(!!options.policies?.[a]?.deadLetter) - Number(!!options.policies?.[b]?.deadLetter));
  for (const name of names) {
    const handler = options.handlers[name]!;
    const p = options.policies?.[name] ?? {};
    const settings = {
      retryLimit: p.retryLimit ?? 2,
      retryDelay: p.retryDelaySeconds ?? 5,
      retryBackoff: p.retryBackoff ?? false,
      expireInSeconds: p.expireInSeconds ?? 3600,
      ...(p.deadLetter ? { deadLetter: p.deadLetter } : {}),
    };
    await boss.createQueue(name, { name, ...settings });
    // A queue made by an earlier start keeps its settings unless told otherwise: apply today's.
    await boss.updateQueue(name, settings as never);
    await boss.work(
      name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 1, includeMetadata: true } as never,
      async (jobs: Array<{ id: string; data: Record<string, unknown>; retryCount?: number; retryLimit?: number }>) => {
        for (const job of jobs) {
          options.logger.info({ job: name, id: job.id, retry: job.retryCount }, 'job started');
          await handler(job.data, { id: job.id, retryCount: job.retryCount ?? 0, retryLimit: job.retryLimit ?? 0 });
        }
      },
    );
  }
  return {
    send: (name, data) => boss.send(name, data),
    async sendWithin(trx, name, items) {
      if (!options.handlers[name] || items.length === 0) return false;
      const db = transactionExecutor(trx);
      let all = true;
      // send() answers the job's id, or null when the queue does not exist; insert() would not tell.
      for (const data of items) all = (await boss.send(name, data, { db } as never)) !== null && all;
      return all;
    },
    schedule: (name, cron, data) => boss.schedule(name, cron, data ?? {}, { tz: 'UTC' }),
    stop: (o) => boss.stop({ graceful: o?.graceful ?? true, timeout: 10_000 }),
    async backlog() {
      // pg-boss's getQueueSize counts one queue per call and says nothing of age: one query over its job table instead.
      const { rows } = await boss.getDb().executeSql(
        `select name,
                count(*) filter (where state in ('created', 'retry'))::int as waiting,
                count(*) filter (where state = 'active')::int as active,
                coalesce(extract(epoch from now() - min(start_after) filter (where state in ('created', 'retry') and start_after <= now())), 0)::float8
                  as oldest
           from ${schema}.job where state in ('created', 'retry', 'active') group by name`,
        [],
      );
      const found = new Map(rows.map((r) => [r.name, r]));
      return [...names].sort().map((queue) => {
        const r = found.get(queue);
        return {
          queue,
          waiting: Number(r?.waiting ?? 0),
          active: Number(r?.active ?? 0),
          oldestDueSeconds: Math.max(0, Number(r?.oldest ?? 0)),
        };
      });
    },
  };
}
