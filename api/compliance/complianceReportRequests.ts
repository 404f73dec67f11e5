import type { ComplianceReportRequest } from '../../contract/schemas/reportRequests';
import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import type { Db } from '../db/connect';
import { toApiRow } from '../db/rows';
import { problems, type FieldError } from '../http/problem';
import type { JobQueue } from '../jobs/jobQueue';
import { COMPLIANCE_REPORT_JOB } from './complianceReport';

/** The brand and creator a request names must exist (and the brand be a brand), or the request is invalid. */
async function subjectErrors(db: Db, input: ComplianceReportRequest): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [field, id, type] of [
    ['brandId', input.brandId, 'brand'],
    ['creatorId', input.creatorId, null],
  ] as const) {
    if (id === undefined) continue;
    const account = await db('accounts').where({ id }).first('type');
    if (!account || (type && account.type !== type)) errors.push({ path: field, message: `no ${type ?? 'account'} with id ${id}` });
  }
  return errors;
}

/** Queues a report; generating one is recorded in the audit log, as a regulator would expect. */
export async function requestComplianceReport(db: Db, jobs: JobQueue, input: ComplianceReportRequest, act: StaffAction) {
  const errors = await subjectErrors(db, input);
  if (errors.length) throw problems.validation(errors);
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('compliance_reports')
      .insert({
        period_start: input.from,
        period_end: input.to,
        brand_id: input.brandId ?? null,
        creator_id: input.creatorId ?? null,
        status: 'queued',
        created_by: act.staffId,
        created_at: act.at,
      })
      .returning('id');
    const detail = {
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      brandId: input.brandId ?? null,
      creatorId: input.creatorId ?? null,
    };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'compliance_report.create',
      subjectType: 'compliance_report',
      subjectId: row.id,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
    return row.id as number;
  });
  await jobs.send(COMPLIANCE_REPORT_JOB, { id });
  return toApiRow(await db('compliance_reports').where({ id }).first());
}
