/*
 * npm run audit:verify — walks the audit log's hash chain and says whether it is intact.
 * Each keyed row's HMAC is recomputed with AUDIT_HMAC_SECRET (or demo mode's key file), and the
 * chain is compared with the latest signed checkpoint (AUDIT_CHECKPOINT_FILE), so a chain edited
 * and re-hashed in the database is still caught. Exit 0 when every row and the checkpoint check
 * out, 1 with the first problem otherwise, 2 when the database or the key cannot be read. Uses
 * DATABASE_URL, or the embedded database in PGLITE_DIR (stop the server first: the embedded
 * database has one user at a time).
 */
import path from 'node:path';
import { loadConfig } from '../api/config';
import { connectDatabase } from '../api/db/connect';
import { resolveAuditKey } from '../api/audit/auditKey';
import { verifyAuditLog } from '../api/audit/verify';

async function main(): Promise<number> {
  const config = loadConfig();
  const auditKey = resolveAuditKey(config, { create: false });
  const db = connectDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.resolve(config.pgliteDir),
    schema: process.env.DATABASE_SCHEMA,
    auditKey,
  });
  try {
    const result = await verifyAuditLog(db, path.resolve(config.audit.checkpointFile));
    process.stdout.write(`${result.message}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Could not verify the audit log: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
