import type { TransparencyRequest } from '../../contract/schemas/reportRequests';
import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import type { Db } from '../db/connect';
import { toApiRow } from '../db/rows';
import { problems } from '../http/problem';
import type { JobQueue } from '../jobs/jobQueue';
import { INLINE_PERIOD_DAYS, TRANSPARENCY_REPORT_JOB, transparencyReport } from './transparencyReport';

/**
 * A month or less is counted at once (`inline`); a longer period is queued as a job. Either way the
 * report is kept and its request audited.
 */
export async function requestTransparencyReport(db: Db, jobs: JobQueue | undefined, input: TransparencyRequest, act: StaffAction) {
  const inline = input.to.getTime() - input.from.getTime() <= INLINE_PERIOD_DAYS * 86_400_000;
  if (!inline && !jobs) throw problems.unavailable('The job queue is not running on this server; ask for at most a month at a time.');
  const result = inline ? await transparencyReport(db, input.from, input.to, act.at) : null;
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('transparency_reports')
      .insert({
        period_start: input.from,
        period_end: input.to,
        status: result ? 'done' : 'queued',
        result: result ? JSON.stringify(result) : null,
        created_by: act.staffId,
        created_at: act.at,
        finished_at: result ? act.at : null,
      })
      .returning('id');
    const detail = { from: input.from.toISOString(), to: input.to.toISOString(), inline };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'transparency_report.create',
      subjectType: 'transparency_report',
      subjectId: row.id,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
    return row.id as number;
  });
  if (!result) await jobs!.send(TRANSPARENCY_REPORT_JOB, { id });
  return { inline, report: toApiRow(await db('transparency_reports').where({ id }).first()) };
}
