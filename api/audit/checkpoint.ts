import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from '../deps';
import { auditKeyOf, hmacHex } from './auditLog';
import { canonicalJson } from './canonicalJson';

/*
 * Signed checkpoints of the audit chain, written outside the database. Someone who can write
 * the database (and even knows the key) can rebuild a consistent chain; they cannot also make
 * it agree with a checkpoint taken before the edit, kept in a file the database cannot reach.
 */

export interface Checkpoint {
  /** The id of the last row covered. */
  seq: number;
  /** That row's hash: the chain's head at the time. */
  head: string;
  at: string;
  /** HMAC-SHA256 of the three fields above with the audit key. */
  sig: string;
}

function sign(key: string, c: Pick<Checkpoint, 'seq' | 'head' | 'at'>): string {
  return hmacHex(key, canonicalJson({ seq: c.seq, head: c.head, at: c.at }));
}

/** Appends a checkpoint of the current head; with `unlessHead`, does nothing if the head has not moved. */
export async function writeCheckpoint(db: Knex, file: string, now: Date, unlessHead?: string): Promise<Checkpoint | null> {
  const key = auditKeyOf(db);
  const head = await db('audit_chain_head').where({ id: 1 }).first('hash', 'last_id');
  if (!head || head.hash === unlessHead) return null;
  const c = { seq: Number(head.last_id ?? 0), head: head.hash as string, at: now.toISOString() };
  const checkpoint: Checkpoint = { ...c, sig: sign(key, c) };
  await fs.promises.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.promises.appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** The last checkpoint in the file, or null when there is none. */
export function latestCheckpoint(file: string): Checkpoint | null {
  if (!fs.existsSync(file)) return null;
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  return JSON.parse(lines[lines.length - 1]!) as Checkpoint;
}

/** Whether the stored chain still holds the checkpointed head at the checkpointed row. */
export async function checkCheckpoint(db: Knex, c: Checkpoint): Promise<{ ok: boolean; problem?: string }> {
  const expected = Buffer.from(sign(auditKeyOf(db), c), 'hex');
  const given = Buffer.from(String(c.sig), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'the checkpoint signature does not verify (wrong key, or the file was edited)' };
  if (c.seq === 0) return { ok: true };
  const row = await db('audit_log').where({ id: c.seq }).first('hash');
  if (!row) return { ok: false, problem: `row ${c.seq}, checkpointed at ${c.at}, is gone` };
  if (row.hash !== c.head)
    return { ok: false, problem: `row ${c.seq} no longer has the hash checkpointed at ${c.at}: history before it was rewritten` };
  return { ok: true };
}

/**
 * Checkpoints the chain every interval while the server runs, and once more when it stops. The
 * timer belongs to the server that started it (no module state); several replicas may each
 * write to their own file.
 */
export function startAuditCheckpoints(options: { db: Knex; file: string; intervalMs: number; clock: Clock; logger: Logger }): {
  stop(): Promise<void>;
} {
  let last: string | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const written = await writeCheckpoint(options.db, options.file, options.clock.now(), last);
        if (written) last = written.head;
      } catch (err) {
        options.logger.error({ err }, 'could not write an audit checkpoint');
      }
    });
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}
