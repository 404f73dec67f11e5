import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';

export type Db = Knex;

export interface DatabaseOptions {
  /** postgres://… runs on a real server through `pg`; absent runs on embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; empty or absent keeps the database in memory. */
  pgliteDir?: string;
  /** Schema to use on a real server (tests isolate themselves this way). */
  schema?: string;
  poolMax?: number;
  /**
   * The audit chain's HMAC key. It travels with the database handle (knex userParams, which every
   * transaction inherits) so each appendAudit gets it without module state; it is never stored
   * in the database it protects.
   */
  auditKey?: string;
  /**
   * A standby: give up on a connection within this many ms, and leave knex's per-attempt
   * connection errors unprinted (the read router logs a standby that fails, once per retry window).
   */
  standby?: { acquireTimeoutMs: number };
}

/*
 * Both drivers are told to return int8 (ids, counts) as JS numbers, so the API answers the same
 * JSON on either database. Ids stay far below 2^53.
 */
const int8ToNumber = (value: string) => Number(value);

export function connectDatabase(options: DatabaseOptions): Db {
  const db = open(options);
  db.userParams = { ...db.userParams, auditKey: options.auditKey };
  return db;
}

function open(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: {
        connectionString: options.databaseUrl,
        types: {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            oid === (pg.types.builtins.INT8 as number)
              ? int8ToNumber
              : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
        },
      } as Knex.PgConnectionConfig,
      searchPath: options.schema ? [options.schema] : undefined,
      pool: { min: 0, max: options.poolMax ?? 10 },
      ...(options.standby
        ? {
            acquireConnectionTimeout: options.standby.acquireTimeoutMs,
            log: { warn: () => undefined, error: () => undefined, debug: () => undefined, deprecate: () => undefined },
          }
        : {}),
    });
  }
  if (options.pgliteDir) fs.mkdirSync(options.pgliteDir, { recursive: true });
  const pglite = new PGlite({
    dataDir: options.pgliteDir || undefined,
    parsers: { [pgliteTypes.INT8]: int8ToNumber },
  });
  return knexFactory({
    client: ClientPgLite,
    // knex-pglite accepts a ready instance through a connection function; that lets us set parsers.
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
  });
}

export function isPglite(db: Db): boolean {
  return db.client.config.client !== 'pg';
}
