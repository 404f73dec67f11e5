/*
 * npm run audit:verify — walks the audit log's hash chain and says whether it is intact.
 * Exit 0 when every row's hash and link check out, 1 with the first bad row otherwise, 2 when
 * the database cannot be read. Uses DATABASE_URL, or the embedded database in PGLITE_DIR (stop
 * the server first: the embedded database has one user at a time).
 */
import path from 'node:path';
import { loadConfig } from '../api/config';
import { connectDatabase } from '../api/db/connect';
import { verifyAuditChain } from '../api/audit/auditLog';

async function main(): Promise<number> {
  const config = loadConfig();
  const db = connectDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.resolve(config.pgliteDir), schema: process.env.DATABASE_SCHEMA });
  try {
    const check = await verifyAuditChain(db);
    if (check.ok) {
      process.stdout.write(`audit log verified: ${check.rows} rows, hash chain intact\n`);
      return 0;
    }
    process.stdout.write(`audit log TAMPERED at row ${check.firstBadId} (${check.rows} rows read): ${check.problem}\n`);
    return 1;
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
