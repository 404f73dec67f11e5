import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { connectDatabase } from '../../api/db/connect';
import { migrateToLatest } from '../../api/db/migrate';
import { appendAudit, auditHashInput, verifyAuditChain } from '../../api/audit/auditLog';
import { startAuditCheckpoints, writeCheckpoint } from '../../api/audit/checkpoint';
import pino from 'pino';
import { verifyAuditLog } from '../../api/audit/verify';
import { sha256Hex } from '../../api/auth/tokens';

const ROOT = path.resolve(__dirname, '../..');
const KEY = 'audit-verify-test-key-0123456789abcdef';

/** Runs `npm run audit:verify`'s script against an embedded database directory. */
function verify(dir: string, checkpoints: string, key = KEY) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, AUDIT_HMAC_SECRET: key, AUDIT_CHECKPOINT_FILE: checkpoints };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/auditVerify.ts')], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function appendRows(db: Knex, rows: number) {
  for (let i = 0; i < rows; i++)
    await db.transaction((trx) =>
      appendAudit(trx, {
        actor: { kind: 'system' },
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: i,
        detail: { i },
        at: new Date(Date.UTC(2026, 10, 25, 12, i)),
      }),
    );
}

let shared: Knex | undefined;
afterAll(async () => {
  await shared?.destroy();
});

/** A keyed chain of `rows` rows and a checkpoint of it, on one in-memory database emptied for each test (the checks run in-process, as the script runs them). */
async function withChain(
  rows: number,
  fn: (ctx: { db: Knex; checkpoints: string; check: (key?: string) => ReturnType<typeof verifyAuditLog> }) => Promise<void>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
  const checkpoints = path.join(dir, 'checkpoints.jsonl');
  if (!shared) {
    shared = connectDatabase({ auditKey: KEY });
    await migrateToLatest(shared);
  }
  const db = shared;
  try {
    await db('audit_log').del();
    await db('audit_chain_head')
      .where({ id: 1 })
      .update({ hash: '0'.repeat(64), last_id: null });
    await appendRows(db, rows);
    await writeCheckpoint(db, checkpoints, new Date(Date.UTC(2026, 10, 25, 13)));
    const check = async (key = KEY) => {
      const saved = db.userParams;
      db.userParams = { ...saved, auditKey: key };
      try {
        return await verifyAuditLog(db, checkpoints);
      } finally {
        db.userParams = saved;
      }
    };
    await fn({ db, checkpoints, check });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What someone with database access but not the key does: edit a row, re-hash it and every later row with plain SHA-256, move the head. */
async function rewriteHistory(db: Knex, nth: number, detail: unknown): Promise<void> {
  const target = await db('audit_log')
    .orderBy('id')
    .offset(nth - 1)
    .first('id');
  await db('audit_log')
    .where({ id: target.id })
    .update({ detail: JSON.stringify(detail) });
  const rows = await db('audit_log').orderBy('id');
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = sha256Hex(auditHashInput({ ...r, prev_hash: prev }));
    await db('audit_log').where({ id: r.id }).update({ prev_hash: prev, hash, hash_version: 1 });
    prev = hash;
  }
  await db('audit_chain_head')
    .where({ id: 1 })
    .update({ hash: prev, last_id: rows[rows.length - 1].id });
}

describe('npm run audit:verify', () => {
  it('the script passes an intact keyed chain, and catches it edited and re-hashed in the database, head and all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
    const checkpoints = path.join(dir, 'checkpoints.jsonl');
    try {
      let db = connectDatabase({ pgliteDir: path.join(dir, 'pglite'), auditKey: KEY });
      await migrateToLatest(db);
      await appendRows(db, 5);
      await writeCheckpoint(db, checkpoints, new Date(Date.UTC(2026, 10, 25, 13)));
      await db.destroy();
      const intact = verify(path.join(dir, 'pglite'), checkpoints);
      expect(intact.status, intact.stderr + intact.stdout).toBe(0);
      expect(intact.stdout).toMatch(/verified: 5 rows.*checkpoint of row 5/);

      db = connectDatabase({ pgliteDir: path.join(dir, 'pglite') });
      await rewriteHistory(db, 2, { i: 'rewritten' });
      await db.destroy();
      const res = verify(path.join(dir, 'pglite'), checkpoints);
      expect(res.status, res.stdout).toBe(1);
      expect(res.stdout).toMatch(/TAMPERED: row 5 no longer has the hash checkpointed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('names the first edited row, and fails every keyed row under another key', async () => {
    await withChain(5, async ({ db, check }) => {
      expect((await check()).ok).toBe(true);
      expect((await check('another-key-that-is-long-enough-000000')).message).toMatch(/TAMPERED at row \d+ .*hash does not match/);
      const third = await db('audit_log').orderBy('id').offset(2).first('id');
      await db('audit_log')
        .where({ id: third.id })
        .update({ detail: JSON.stringify({ i: 99 }) });
      expect((await check()).message).toContain(`TAMPERED at row ${third.id}`);
    });
  });

  it('catches a re-hashed chain even when every row is re-hashed the unkeyed way', async () => {
    await withChain(5, async ({ db, check }) => {
      await rewriteHistory(db, 2, { i: 'rewritten' });
      // The rows alone now verify: only the checkpoint outside the database tells.
      expect((await verifyAuditChain(db)).ok).toBe(true);
      const last = await db('audit_log').max({ id: 'id' }).first();
      const res = await check();
      expect(res.ok).toBe(false);
      expect(res.message).toContain(`row ${last!.id} no longer has the hash checkpointed`);
    });
  });

  it('catches unkeyed rows appended after keyed ones, and a checkpoint file edited to match', async () => {
    await withChain(3, async ({ db, checkpoints, check }) => {
      const last = await db('audit_log').orderBy('id', 'desc').first();
      const forged = {
        at: new Date(Date.UTC(2026, 10, 26)),
        actor_kind: 'system',
        actor_staff_id: null,
        actor_api_key_id: null,
        action: 'test.forged',
        subject_type: null,
        subject_id: null,
        detail: null,
        request_id: null,
        prev_hash: last.hash,
      };
      const hash = sha256Hex(auditHashInput(forged));
      const [row] = await db('audit_log')
        .insert({ ...forged, hash, hash_version: 1 })
        .returning('id');
      await db('audit_chain_head').where({ id: 1 }).update({ hash, last_id: row.id });
      expect((await check()).message).toContain(`TAMPERED at row ${row.id}`);

      // Re-hash everything unkeyed and rewrite the checkpoint to the forged head: its signature fails.
      await rewriteHistory(db, 1, { i: 0 });
      const head = await db('audit_chain_head').first();
      const cp = JSON.parse(fs.readFileSync(checkpoints, 'utf8').trim());
      fs.writeFileSync(checkpoints, `${JSON.stringify({ ...cp, seq: head.last_id, head: head.hash })}\n`);
      expect((await check()).message).toMatch(/signature does not verify/);
    });
  });

  it('refuses to call a chain verified with no checkpoint to check it against', async () => {
    await withChain(2, async ({ checkpoints, check }) => {
      fs.rmSync(checkpoints);
      expect(await check()).toMatchObject({ ok: false, message: expect.stringMatching(/no checkpoint/) });
    });
  });

  it('still verifies rows hashed before the chain was keyed, followed by keyed ones', async () => {
    await withChain(0, async ({ db, checkpoints, check }) => {
      // Rows as written before migration 015: plain SHA-256, hash_version 1.
      let prev = '0'.repeat(64);
      for (let i = 0; i < 3; i++) {
        const r = {
          at: new Date(Date.UTC(2026, 9, 1, i)),
          actor_kind: 'system',
          actor_staff_id: null,
          actor_api_key_id: null,
          action: 'legacy',
          subject_type: null,
          subject_id: null,
          detail: null,
          request_id: null,
          prev_hash: prev,
        };
        const hash = sha256Hex(auditHashInput(r));
        const [row] = await db('audit_log')
          .insert({ ...r, hash, hash_version: 1 })
          .returning('id');
        await db('audit_chain_head').where({ id: 1 }).update({ hash, last_id: row.id });
        prev = hash;
      }
      await db.transaction((trx) =>
        appendAudit(trx, { actor: { kind: 'system' }, action: 'staff.update', at: new Date(Date.UTC(2026, 10, 1)) }),
      );
      await writeCheckpoint(db, checkpoints, new Date(Date.UTC(2026, 10, 2)));
      expect((await db('audit_log').orderBy('id')).map((r: { hash_version: number }) => r.hash_version)).toEqual([1, 1, 1, 2]);
      expect(await check()).toMatchObject({ ok: true, message: expect.stringMatching(/verified: 4 rows/) });
    });
  });

  it('the server-owned timer checkpoints at start, whenever the head moves, and at stop', async () => {
    await withChain(1, async ({ db, checkpoints }) => {
      fs.rmSync(checkpoints);
      const logger = pino({ level: 'silent' });
      const timer = startAuditCheckpoints({ db, file: checkpoints, intervalMs: 20, clock: { now: () => new Date() }, logger });
      for (let i = 0; i < 200 && !fs.existsSync(checkpoints); i++) await new Promise((r) => setTimeout(r, 50));
      // Several ticks pass with the head unmoved: still one checkpoint.
      await new Promise((r) => setTimeout(r, 100));
      expect(fs.readFileSync(checkpoints, 'utf8').trim().split('\n')).toHaveLength(1);
      await appendRows(db, 1);
      await timer.stop();
      const lines = fs
        .readFileSync(checkpoints, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const head = await db('audit_chain_head').first();
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ seq: head.last_id, head: head.hash });
      expect((await verifyAuditLog(db, checkpoints)).ok).toBe(true);
    });
  });
});
