import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Db } from './connect';

/** Where a read went, and why when it was not the standby. */
export type ReadTarget = 'standby' | 'primary';
export type FallbackReason = 'no_standby' | 'fence' | 'standby_down' | 'standby_error';

/** A staff session's read fence: the primary's WAL position after their last write, and when. */
export interface ReadFence {
  lsn: string;
  at: Date;
}

export interface ReplicaStatus {
  configured: boolean;
  reachable: boolean | null;
  /** WAL bytes the standby has received but not yet replayed, plus what it has not received. */
  lagBytes: number | null;
  /** Age of the last transaction the standby replayed, when the primary has written since. */
  lagSeconds: number | null;
  replayLsn: string | null;
  primaryLsn: string | null;
}

export interface ReadRouter {
  readonly enabled: boolean;
  /** The connection a read goes to: the standby unless the fence is ahead of it or it is down. */
  pick(fence: ReadFence | null): Promise<{ db: Db; target: ReadTarget }>;
  /** Runs a read there; a standby that fails mid-read (stopped, conflict with recovery) gets the read retried on the primary. */
  run<T>(fence: ReadFence | null, work: (db: Db) => Promise<T>): Promise<T>;
  /** The primary's current WAL position: a write committed before this call is at or before it. */
  primaryLsn(): Promise<string>;
  status(): Promise<ReplicaStatus>;
}

export interface ReadRouterOptions {
  primary: Db;
  standby?: Db;
  logger: Logger;
  registry: Registry;
  now: () => Date;
  /** A fence older than this is dropped: a standby that far behind is reported by the lag metric instead. */
  fenceMaxMs?: number;
  /** How long a standby that failed is left alone before it is tried again. */
  retryAfterMs?: number;
  /** How long a read of the standby's replay position is trusted before it is read again. */
  recheckMs?: number;
}

/** PostgreSQL writes an LSN as two hex halves, "16/B374D848". */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '40001',
]);

/** Errors that say the standby, not the query, is the problem: the read is worth running on the primary. */
export function isStandbyFailure(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.code && CONNECTION_CODES.has(e.code)) return true;
  if (e?.name === 'KnexTimeoutError') return true;
  return /Connection terminated|connect ECONNREFUSED|terminating connection|conflict with recovery|the database system is (starting up|shutting down)/i.test(
    e?.message ?? '',
  );
}

export function createReadRouter(options: ReadRouterOptions): ReadRouter {
  const { primary, standby, logger } = options;
  const fenceMaxMs = options.fenceMaxMs ?? 60_000;
  const retryAfterMs = options.retryAfterMs ?? 5_000;
  const recheckMs = options.recheckMs ?? 1_000;
  const reads = new Counter({
    name: 'trust_reads_total',
    help: 'Console reads by the database they went to',
    labelNames: ['target', 'reason'],
    registers: [options.registry],
  });
  const fallbacks = new Counter({
    name: 'trust_replica_fallbacks_total',
    help: 'Times the standby failed and reads went to the primary',
    registers: [options.registry],
  });
  const up = new Gauge({
    name: 'trust_replica_up',
    help: '1 when the standby answers, 0 when reads fall back to the primary',
    registers: [options.registry],
  });
  let replay: { lsn: bigint; at: number } | null = null;
  let downUntil = 0;

  const status = async (): Promise<ReplicaStatus> => {
    if (!standby) return { configured: false, reachable: null, lagBytes: null, lagSeconds: null, replayLsn: null, primaryLsn: null };
    const primaryLsn = await primaryCurrentLsn();
    try {
      const { rows } = (await standby.raw(
        `select pg_last_wal_replay_lsn()::text as replay, extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as age`,
      )) as { rows: Array<{ replay: string | null; age: number | null }> };
      const row = rows[0]!;
      const lagBytes = row.replay ? Math.max(0, Number(lsnValue(primaryLsn) - lsnValue(row.replay))) : null;
      // An idle primary writes nothing, so the last replayed transaction ages without any lag.
      const lagSeconds = lagBytes === 0 ? 0 : row.age;
      if (row.replay) replay = { lsn: lsnValue(row.replay), at: Date.now() };
      return { configured: true, reachable: true, lagBytes, lagSeconds, replayLsn: row.replay, primaryLsn };
    } catch (err) {
      markDown(err);
      return { configured: true, reachable: false, lagBytes: null, lagSeconds: null, replayLsn: null, primaryLsn };
    }
  };
  new Gauge({
    name: 'trust_replica_lag_bytes',
    help: 'WAL bytes the standby has yet to replay (absent without a standby, -1 when it does not answer)',
    registers: [options.registry],
    async collect() {
      const s = await status();
      if (s.configured) this.set(s.reachable ? (s.lagBytes ?? -1) : -1);
    },
  });
  new Gauge({
    name: 'trust_replica_lag_seconds',
    help: 'Age of the last transaction the standby replayed while it is behind (0 when caught up)',
    registers: [options.registry],
    async collect() {
      const s = await status();
      if (s.configured) this.set(s.reachable ? (s.lagSeconds ?? -1) : -1);
    },
  });
  up.set(standby ? 1 : 0);

  async function primaryCurrentLsn(): Promise<string> {
    const { rows } = (await primary.raw('select pg_current_wal_lsn()::text as lsn')) as { rows: Array<{ lsn: string }> };
    return rows[0]!.lsn;
  }

  function markDown(err: unknown) {
    if (Date.now() >= downUntil) {
      fallbacks.inc();
      logger.warn({ err: (err as Error)?.message ?? String(err) }, 'standby unreachable: console reads go to the primary');
    }
    downUntil = Date.now() + retryAfterMs;
    up.set(0);
  }

  async function replayPosition(): Promise<bigint | null> {
    if (replay && Date.now() - replay.at < recheckMs) return replay.lsn;
    try {
      const { rows } = (await standby!.raw('select pg_last_wal_replay_lsn()::text as lsn')) as { rows: Array<{ lsn: string | null }> };
      if (!rows[0]?.lsn) throw new Error('the standby reports no replay position: it is not in recovery');
      replay = { lsn: lsnValue(rows[0].lsn), at: Date.now() };
      up.set(1);
      return replay.lsn;
    } catch (err) {
      markDown(err);
      return null;
    }
  }

  async function pick(fence: ReadFence | null): Promise<{ db: Db; target: ReadTarget; reason?: FallbackReason }> {
    if (!standby) return { db: primary, target: 'primary', reason: 'no_standby' };
    if (Date.now() < downUntil) return { db: primary, target: 'primary', reason: 'standby_down' };
    const live = fence && options.now().getTime() - fence.at.getTime() <= fenceMaxMs ? lsnValue(fence.lsn) : null;
    let position = await replayPosition();
    // A position read a moment ago may predate the write: read it afresh before giving up on the standby.
    if (position !== null && live !== null && position < live) {
      replay = null;
      position = await replayPosition();
    }
    if (position === null) return { db: primary, target: 'primary', reason: 'standby_down' };
    if (live !== null && position < live) return { db: primary, target: 'primary', reason: 'fence' };
    return { db: standby, target: 'standby' };
  }

  return {
    enabled: !!standby,
    pick: async (fence) => {
      const choice = await pick(fence);
      return { db: choice.db, target: choice.target };
    },
    async run(fence, work) {
      const choice = await pick(fence);
      if (choice.target === 'primary') {
        if (standby) reads.inc({ target: 'primary', reason: choice.reason ?? 'fence' });
        return work(primary);
      }
      try {
        const out = await work(choice.db);
        reads.inc({ target: 'standby', reason: '' });
        return out;
      } catch (err) {
        if (!isStandbyFailure(err)) throw err;
        markDown(err);
        reads.inc({ target: 'primary', reason: 'standby_error' });
        return work(primary);
      }
    },
    primaryLsn: primaryCurrentLsn,
    status,
  };
}
