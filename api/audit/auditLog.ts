import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { sha256Hex } from '../auth/tokens';
import { canonicalJson } from './canonicalJson';
import type { AuditAction, AuditSubjectType } from '../../rules/audit/auditActions';

/*
 * Hash versions. 1: plain SHA-256, the chain as written before it was keyed (anyone with write
 * access to the database could re-hash it after an edit). 2: HMAC-SHA256 with the key from
 * AUDIT_HMAC_SECRET, which lives outside the database, so rewriting history needs the key as
 * well. Rows written before migration 015 keep version 1 and verify as they were; once a
 * version-2 row exists no version-1 row may follow it.
 */
export const AUDIT_HASH_VERSION = 2;

/** The audit key the database handle was opened with (see connectDatabase). */
export function auditKeyOf(db: Knex): string {
  const key = (db.userParams as { auditKey?: unknown } | undefined)?.auditKey;
  if (typeof key !== 'string' || key.length === 0)
    throw new Error('No audit key: open the database with connectDatabase({ auditKey }) (AUDIT_HMAC_SECRET).');
  return key;
}

export function hmacHex(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function rowHash(version: number, key: string, input: string): string {
  return version >= 2 ? hmacHex(key, input) : sha256Hex(input);
}

export type Actor = { kind: 'staff'; staffId: number } | { kind: 'api_key'; apiKeyId: number } | { kind: 'system' };

export interface AuditEntry {
  actor: Actor;
  /** One of the contract's actions, so every row the console lists has a name in both languages. */
  action: AuditAction;
  subjectType?: AuditSubjectType;
  subjectId?: string | number;
  detail?: Record<string, unknown>;
  requestId?: string;
  at: Date;
}

/** The fields a row's hash covers, in a fixed form that verification can rebuild from the stored row. */
export function auditHashInput(row: {
  at: Date;
  actor_kind: string;
  actor_staff_id: number | null;
  actor_api_key_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: unknown;
  request_id: string | null;
  prev_hash: string;
}): string {
  return canonicalJson({
    at: row.at.toISOString(),
    actor_kind: row.actor_kind,
    actor_staff_id: row.actor_staff_id,
    actor_api_key_id: row.actor_api_key_id,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    detail: row.detail ?? null,
    request_id: row.request_id,
    prev_hash: row.prev_hash,
  });
}

/**
 * Appends one row to the hash chain. Must run inside the transaction of the change it records,
 * so the change and its audit row commit or vanish together. Locking the head row orders
 * concurrent appends from any number of API replicas.
 */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<number> {
  const key = auditKeyOf(trx);
  const head = await trx('audit_chain_head').where({ id: 1 }).forUpdate().first();
  if (!head) throw new Error('audit_chain_head row is missing; run the migrations');
  // Timestamps are kept to the millisecond, as PostgreSQL returns them, so the hash verifies later.
  const row = {
    at: new Date(entry.at.getTime()),
    actor_kind: entry.actor.kind,
    actor_staff_id: entry.actor.kind === 'staff' ? entry.actor.staffId : null,
    actor_api_key_id: entry.actor.kind === 'api_key' ? entry.actor.apiKeyId : null,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
    detail: entry.detail ?? null,
    request_id: entry.requestId ?? null,
    prev_hash: head.hash as string,
  };
  const hash = rowHash(AUDIT_HASH_VERSION, key, auditHashInput(row));
  const [inserted] = await trx('audit_log')
    .insert({ ...row, detail: row.detail === null ? null : JSON.stringify(row.detail), hash, hash_version: AUDIT_HASH_VERSION })
    .returning('id');
  const id = (inserted as { id: number }).id;
  await trx('audit_chain_head').where({ id: 1 }).update({ hash, last_id: id });
  return id;
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  firstBadId: number | null;
  problem?: string;
}

/** Walks the chain in id order and recomputes each hash with the key the handle was opened with. */
export async function verifyAuditChain(db: Knex, batchSize = 5000): Promise<ChainCheck> {
  const key = auditKeyOf(db);
  let keyed = false;
  let prev = '0'.repeat(64);
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db('audit_log').where('id', '>', lastId).orderBy('id').limit(batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, firstBadId: r.id, problem: 'prev_hash does not match the previous row' };
      const version = Number(r.hash_version ?? 1);
      if (version < AUDIT_HASH_VERSION && keyed)
        return {
          ok: false,
          rows,
          firstBadId: r.id,
          problem: 'an unkeyed (version 1) row after keyed rows: the chain was re-hashed without the key',
        };
      if (version >= 2) keyed = true;
      const expected = rowHash(version, key, auditHashInput(r));
      if (expected !== r.hash) return { ok: false, rows, firstBadId: r.id, problem: 'hash does not match the row content' };
      prev = r.hash;
      lastId = r.id;
    }
  }
  const head = await db('audit_chain_head').where({ id: 1 }).first();
  if (head && head.hash !== prev)
    return { ok: false, rows, firstBadId: lastId, problem: 'chain head does not match the last row (rows removed at the end?)' };
  return { ok: true, rows, firstBadId: null };
}
