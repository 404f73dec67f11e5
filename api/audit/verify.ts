import type { Knex } from 'knex';
import { verifyAuditChain } from './auditLog';
import { checkCheckpoint, latestCheckpoint } from './checkpoint';

/**
 * The whole check behind `npm run audit:verify`: every row's hash (keyed rows with the key the
 * handle was opened with), then the chain against the latest signed checkpoint in `file`.
 */
export async function verifyAuditLog(db: Knex, file: string): Promise<{ ok: boolean; message: string }> {
  const check = await verifyAuditChain(db);
  if (!check.ok) return { ok: false, message: `audit log TAMPERED at row ${check.firstBadId} (${check.rows} rows read): ${check.problem}` };
  const checkpoint = latestCheckpoint(file);
  if (!checkpoint) {
    if (check.rows === 0) return { ok: true, message: 'audit log verified: 0 rows, nothing to check yet' };
    return { ok: false, message: `audit log NOT VERIFIED: ${check.rows} rows but no checkpoint in ${file} to check them against` };
  }
  const against = await checkCheckpoint(db, checkpoint);
  if (!against.ok) return { ok: false, message: `audit log TAMPERED: ${against.problem}` };
  return {
    ok: true,
    message: `audit log verified: ${check.rows} rows, hash chain intact, matches the checkpoint of row ${checkpoint.seq} at ${checkpoint.at}`,
  };
}
