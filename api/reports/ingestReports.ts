import { masked } from '../privacy/maskedText';
import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { inTransaction } from '../db/retry';
import { problems, type FieldError } from '../http/problem';
import type { ReportInput } from '../../contract/schemas/reports';
import { upsertAccounts } from '../ingest/upsertAccounts';
import { SUBJECT_TABLES } from '../db/subjects';
import { flagReasonText } from '../../rules/flags/flagReasons';
import { queueForReport, reportPriority, reportWeight, type ReportReason } from '../../rules/reports/reportWeight';

export interface IngestedReport {
  externalId: string;
  id: number;
  /** false when the platform had sent this report before: nothing was written for it. */
  created: boolean;
  flagId: number;
  queue: string;
  priority: number;
  weight: number;
  outcome: string;
}

const DAY_MS = 86_400_000;

/** The platform's subjects by its own ids; an id it never sent is a field error, not a new row. */
async function resolveSubjects(trx: Knex.Transaction, source: string, reports: ReportInput[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const type of ['post', 'account', 'transaction'] as const) {
    const ids = [...new Set(reports.filter((r) => r.subject.type === type).map((r) => r.subject.id))];
    if (ids.length === 0) continue;
    const rows: Array<{ id: number; external_id: string }> = await trx(SUBJECT_TABLES[type])
      .where({ source })
      .whereIn('external_id', ids)
      .select('id', 'external_id');
    for (const r of rows) found.set(`${type}:${r.external_id}`, r.id);
  }
  return found;
}

function flagReason(reason: ReportReason, count: number): string {
  return count > 1
    ? flagReasonText('member_reports', { report_reason: reason, count })
    : flagReasonText('member_report', { report_reason: reason });
}

/**
 * Stores a validated batch of member reports in one transaction. Each report joins the open flag
 * for its subject and queue (or opens one); the flag's priority grows with the summed weight of
 * its reports, so a reliable reporter counts more and a brigade of new accounts counts less.
 * A member reporting the same subject again adds a report row but no weight.
 */
export async function ingestReports(db: Db, source: string, reports: ReportInput[], now: Date): Promise<IngestedReport[]> {
  return inTransaction(db, async (trx) => {
    const existing = new Map<string, IngestedReport>();
    const stored: Array<{
      id: number;
      external_id: string;
      flag_id: number;
      weight: number;
      outcome: string;
      queue: string;
      priority: number;
    }> = await trx('reports as r')
      .join('flags as f', 'f.id', 'r.flag_id')
      .where('r.source', source)
      .whereIn(
        'r.external_id',
        reports.map((r) => r.id),
      )
      .select('r.id', 'r.external_id', 'r.flag_id', 'r.weight', 'r.outcome', 'f.queue', 'f.priority');
    for (const s of stored)
      existing.set(s.external_id, {
        externalId: s.external_id,
        id: s.id,
        created: false,
        flagId: s.flag_id,
        queue: s.queue,
        priority: s.priority,
        weight: s.weight,
        outcome: s.outcome,
      });

    const fresh = reports.filter((r) => !existing.has(r.id));
    const subjects = await resolveSubjects(trx, source, fresh);
    const errors: FieldError[] = [];
    reports.forEach((r, i) => {
      if (!existing.has(r.id) && !subjects.has(`${r.subject.type}:${r.subject.id}`))
        errors.push({ path: `items[${i}].subject.id`, message: `no ${r.subject.type} "${r.subject.id}" from this platform` });
    });
    if (errors.length) throw problems.validation(errors, 'Some reports name items this platform has not sent.');

    const reporterIds = await upsertAccounts(
      trx,
      source,
      fresh.map((r) => r.reporter),
      now,
    );
    const records = new Map<number, { upheld: number; rejected: number; joinedAt: Date }>();
    if (reporterIds.size) {
      const rows: Array<{ id: number; reports_upheld: number; reports_rejected: number; joined_at: Date | null; ingested_at: Date }> =
        await trx('accounts')
          .whereIn('id', [...new Set(reporterIds.values())])
          .select('id', 'reports_upheld', 'reports_rejected', 'joined_at', 'ingested_at');
      for (const r of rows)
        records.set(r.id, { upheld: r.reports_upheld, rejected: r.reports_rejected, joinedAt: r.joined_at ?? r.ingested_at });
    }

    const out = new Map<string, IngestedReport>(existing);
    // Sorted by subject so concurrent batches lock flags in the same order.
    const ordered = [...fresh].sort(
      (a, b) => `${a.subject.type}:${a.subject.id}`.localeCompare(`${b.subject.type}:${b.subject.id}`) || a.id.localeCompare(b.id),
    );
    for (const r of ordered) {
      const subjectId = subjects.get(`${r.subject.type}:${r.subject.id}`)!;
      const reporterId = reporterIds.get(r.reporter.id)!;
      const queue = queueForReport(r.subject.type, r.reason);
      const record = records.get(reporterId)!;
      const ageDays = (r.reportedAt.getTime() - record.joinedAt.getTime()) / DAY_MS;

      // The open flag for this subject and queue, created if none; the no-op update takes its row lock.
      const flagRows = await trx.raw(
        `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, created_at)
         values (?, ?, ?, ?, 'open', 'report', ?, ?)
         on conflict (subject_type, subject_id, queue) where status = 'open'
         do update set report_count = flags.report_count
         returning id, priority, report_count, report_weight, source`,
        [r.subject.type, subjectId, queue, reportPriority(r.reason, 0), flagReason(r.reason, 1), now],
      );
      const flag = flagRows.rows[0] as { id: number; priority: number; report_count: number; report_weight: number; source: string };
      const repeat = await trx('reports').where({ flag_id: flag.id, reporter_id: reporterId }).first('id');
      const weight = repeat ? 0 : reportWeight({ reportsUpheld: record.upheld, reportsRejected: record.rejected, accountAgeDays: ageDays });
      const [row] = await trx('reports')
        .insert({
          source,
          external_id: r.id,
          reporter_id: reporterId,
          subject_type: r.subject.type,
          subject_id: subjectId,
          reason: r.reason,
          text: r.text ?? null,
          text_masked: masked(r.text),
          flag_id: flag.id,
          weight,
          reported_at: r.reportedAt,
          received_at: now,
        })
        .onConflict(['source', 'external_id'])
        .ignore()
        .returning('id');
      if (!row) {
        // A concurrent request stored this report first: theirs is the copy, ours writes nothing.
        const theirs = await trx('reports').where({ source, external_id: r.id }).first('id', 'flag_id', 'weight', 'outcome');
        out.set(r.id, {
          externalId: r.id,
          id: theirs.id,
          created: false,
          flagId: theirs.flag_id,
          queue,
          priority: flag.priority,
          weight: theirs.weight,
          outcome: theirs.outcome,
        });
        continue;
      }
      const count = flag.report_count + 1;
      const totalWeight = Number(flag.report_weight) + weight;
      const priority = Math.max(flag.priority, reportPriority(r.reason, totalWeight));
      await trx('flags')
        .where({ id: flag.id })
        .update({
          report_count: count,
          report_weight: totalWeight,
          priority,
          ...(flag.source === 'report' ? { reason: flagReason(r.reason, count) } : {}),
        });
      out.set(r.id, { externalId: r.id, id: row.id, created: true, flagId: flag.id, queue, priority, weight, outcome: 'pending' });
    }
    return reports.map((r) => out.get(r.id)!);
  });
}

/** A report as the platform may read it back: its outcome, and the decision that gave it. */
export async function reportByExternalId(db: Db, source: string, externalId: string) {
  const row = await db('reports as r')
    .leftJoin('decisions as d', 'd.id', 'r.decision_id')
    .join('flags as f', 'f.id', 'r.flag_id')
    .where({ 'r.source': source, 'r.external_id': externalId })
    .first(
      'r.id',
      'r.external_id',
      'r.subject_type',
      'r.reason',
      'r.outcome',
      'r.reported_at',
      'r.received_at',
      'r.resolved_at',
      'f.queue',
      'f.status as flag_status',
      'd.id as decision_id',
      'd.action as decision_action',
      'd.reason_code as decision_reason_code',
      'd.created_at as decided_at',
    );
  if (!row) return null;
  return {
    externalId: row.external_id,
    id: row.id,
    reason: row.reason,
    subjectType: row.subject_type,
    queue: row.queue,
    outcome: row.outcome,
    reportedAt: row.reported_at,
    receivedAt: row.received_at,
    resolvedAt: row.resolved_at,
    decision: row.decision_id
      ? { id: row.decision_id, action: row.decision_action, reasonCode: row.decision_reason_code, createdAt: row.decided_at }
      : null,
  };
}
