import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/connect';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface JobQueue {
  send(name: string, data: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
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
export async function startJobQueue(options: { db: Db; databaseUrl?: string; schema?: string; logger: Logger; handlers: Record<string, JobHandler>; pollingIntervalSeconds?: number }): Promise<JobQueue> {
  const schema = options.schema ?? 'pgboss';
  const boss = options.databaseUrl
    ? new PgBoss({ connectionString: options.databaseUrl, schema, max: 3, application_name: 'trust-console-jobs' })
    : new PgBoss({ db: pgliteAdapter(options.db), schema, supervise: true } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err: unknown) => options.logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const [name, handler] of Object.entries(options.handlers)) {
    await boss.createQueue(name, { name, retryLimit: 2, retryDelay: 5, expireInSeconds: 3600 } as never);
    await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 1 }, async (jobs: Array<{ id: string; data: Record<string, unknown> }>) => {
      for (const job of jobs) {
        options.logger.info({ job: name, id: job.id }, 'job started');
        await handler(job.data);
      }
    });
  }
  return {
    send: (name, data) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 } as never),
  };
}
