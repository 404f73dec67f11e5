import type { Knex } from 'knex';
import { outcomeOfDecision } from '../../rules/reports/reportWeight';

export interface ResolvedReport {
  externalId: string;
  outcome: 'upheld' | 'rejected';
}

/** Counts each reporter once per flag, however many times they reported it. */
async function adjustReporters(
  trx: Knex.Transaction,
  reporterIds: number[],
  column: 'reports_upheld' | 'reports_rejected',
  by: number,
): Promise<void> {
  const ids = [...new Set(reporterIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  if (by > 0) await trx('accounts').whereIn('id', ids).increment(column, by);
  else await trx('accounts').whereIn('id', ids).andWhere(column, '>', 0).decrement(column, -by);
}

/**
 * When a decision closes a flag, its pending reports learn their outcome and each reporter's
 * record as a reporter moves: upheld when the decision agreed with them, rejected when the item
 * was approved. Runs in the decision's transaction.
 */
export async function resolveReports(
  trx: Knex.Transaction,
  flagId: number,
  decisionId: number,
  action: string,
  now: Date,
): Promise<ResolvedReport[]> {
  const outcome = outcomeOfDecision(action);
  if (outcome === null || outcome === 'pending') return [];
  const pending: Array<{ id: number; external_id: string; reporter_id: number }> = await trx('reports')
    .where({ flag_id: flagId, outcome: 'pending' })
    .forUpdate()
    .select('id', 'external_id', 'reporter_id');
  if (pending.length === 0) return [];
  await trx('reports')
    .whereIn(
      'id',
      pending.map((r) => r.id),
    )
    .update({ outcome, decision_id: decisionId, resolved_at: now });
  await adjustReporters(
    trx,
    pending.map((r) => r.reporter_id),
    outcome === 'upheld' ? 'reports_upheld' : 'reports_rejected',
    1,
  );
  return pending.map((r) => ({ externalId: r.external_id, outcome }));
}

/**
 * A decision reversed on appeal was wrong, so the reports that it upheld were wrong too: they
 * become rejected and their reporters' records are corrected, as if the decision had been an approval.
 */
export async function reverseReportOutcomes(
  trx: Knex.Transaction,
  decisionId: number,
  reversalId: number,
  now: Date,
): Promise<ResolvedReport[]> {
  const upheld: Array<{ id: number; external_id: string; reporter_id: number }> = await trx('reports')
    .where({ decision_id: decisionId, outcome: 'upheld' })
    .forUpdate()
    .select('id', 'external_id', 'reporter_id');
  if (upheld.length === 0) return [];
  await trx('reports')
    .whereIn(
      'id',
      upheld.map((r) => r.id),
    )
    .update({ outcome: 'rejected', decision_id: reversalId, resolved_at: now });
  await adjustReporters(
    trx,
    upheld.map((r) => r.reporter_id),
    'reports_upheld',
    -1,
  );
  await adjustReporters(
    trx,
    upheld.map((r) => r.reporter_id),
    'reports_rejected',
    1,
  );
  return upheld.map((r) => ({ externalId: r.external_id, outcome: 'rejected' }));
}
