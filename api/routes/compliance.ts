import { Router } from 'express';
import { complianceReportSchema } from '../../contract/schemas/compliance';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { idParamSchema } from '../../contract/schemas/common';
import { toApiRow } from '../db/rows';
import { COMPLIANCE_REPORT_JOB, complianceCsv, type ComplianceReportResult } from '../compliance/complianceReport';
import { ROUTES } from '../../contract/routes';

export function complianceRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  /** Queues a report; generating one is recorded in the audit log, as a regulator would expect. */
  table.route(router, '/api', ROUTES.complianceReportCreate, async (req, res) => {
    const input = parseOrThrow(complianceReportSchema, req.body);
    if (!deps.jobs) throw problems.unavailable('The job queue is not running on this server.');
    const errors = [];
    for (const [field, id, type] of [['brandId', input.brandId, 'brand'], ['creatorId', input.creatorId, null]] as const) {
      if (id === undefined) continue;
      const account = await deps.db('accounts').where({ id }).first('type');
      if (!account || (type && account.type !== type)) errors.push({ path: field, message: `no ${type ?? 'account'} with id ${id}` });
    }
    if (errors.length) throw problems.validation(errors);
    const now = deps.clock.now();
    const id = await deps.db.transaction(async (trx) => {
      const [row] = await trx('compliance_reports').insert({ period_start: input.from, period_end: input.to, brand_id: input.brandId ?? null, creator_id: input.creatorId ?? null, status: 'queued', created_by: req.staff!.id, created_at: now }).returning('id');
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'compliance_report.create', subjectType: 'compliance_report', subjectId: row.id, detail: { from: input.from.toISOString(), to: input.to.toISOString(), brandId: input.brandId ?? null, creatorId: input.creatorId ?? null }, requestId: req.id as string, at: now });
      return row.id as number;
    });
    await deps.jobs.send(COMPLIANCE_REPORT_JOB, { id });
    res.status(202).json(toApiRow(await deps.db('compliance_reports').where({ id }).first()));
  });

  table.route(router, '/api', ROUTES.complianceReportGet, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = await deps.db('compliance_reports').where({ id }).first();
    if (!row) throw problems.notFound(`No compliance report with id ${id}.`);
    res.json(toApiRow(row));
  });

  table.route(router, '/api', ROUTES.complianceReportCsv, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = await deps.db('compliance_reports').where({ id }).first();
    if (!row) throw problems.notFound(`No compliance report with id ${id}.`);
    if (row.status !== 'done') throw problems.conflict(`Report ${id} is ${row.status}; the CSV exists once it is done.`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="compliance-report-${id}.csv"`);
    res.send(complianceCsv(row.result as ComplianceReportResult));
  });

  return router;
}
