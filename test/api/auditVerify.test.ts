import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../api/db/connect';
import { migrateToLatest } from '../../api/db/migrate';
import { appendAudit } from '../../api/audit/auditLog';

const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run audit:verify`'s script against an embedded database directory. */
function verify(dir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/auditVerify.ts')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run audit:verify', () => {
  it('passes an intact chain and names the first tampered row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
    try {
      let db = connectDatabase({ pgliteDir: dir });
      await migrateToLatest(db);
      for (let i = 0; i < 5; i++) await db.transaction((trx) => appendAudit(trx, { actor: { kind: 'system' }, action: 'test.event', subjectType: 'test', subjectId: i, detail: { i }, at: new Date(Date.UTC(2026, 10, 25, 12, i)) }));
      await db.destroy();

      const intact = verify(dir);
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/verified: 5 rows/);

      db = connectDatabase({ pgliteDir: dir });
      const third = await db('audit_log').orderBy('id').offset(2).first('id');
      // Someone edits history: the row's content no longer matches its hash.
      await db('audit_log').where({ id: third.id }).update({ detail: JSON.stringify({ i: 99 }) });
      await db.destroy();

      const tampered = verify(dir);
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain(`TAMPERED at row ${third.id}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
