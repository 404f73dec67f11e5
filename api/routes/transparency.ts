import { Router } from 'express';
import { transparencyRequestSchema } from '../../contract/schemas/transparency';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { idParamSchema } from '../../contract/schemas/common';
import { toApiRow } from '../db/rows';
import { INLINE_PERIOD_DAYS, TRANSPARENCY_REPORT_JOB, transparencyCsv, transparencyReport, type TransparencyReport } from '../transparency/transparencyReport';
import { ROUTES } from '../../contract/routes';

export function transparencyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  /** A month or less is counted at once (201); a longer period is queued as a job (202). Either way it is kept and audited. */
  table.route(router, '/api', ROUTES.transparencyReportCreate, async (req, res) => {
    const input = parseOrThrow(transparencyRequestSchema, req.body);
    const now = deps.clock.now();
    const inline = input.to.getTime() - input.from.getTime() <= INLINE_PERIOD_DAYS * 86_400_000;
    if (!inline && !deps.jobs) throw problems.unavailable('The job queue is not running on this server; ask for at most a month at a time.');
    const result = inline ? await transparencyReport(deps.db, input.from, input.to, now) : null;
    const id = await deps.db.transaction(async (trx) => {
      const [row] = await trx('transparency_reports')
        .insert({ period_start: input.from, period_end: input.to, status: result ? 'done' : 'queued', result: result ? JSON.stringify(result) : null, created_by: req.staff!.id, created_at: now, finished_at: result ? now : null })
        .returning('id');
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'transparency_report.create', subjectType: 'transparency_report', subjectId: row.id, detail: { from: input.from.toISOString(), to: input.to.toISOString(), inline }, requestId: req.id as string, at: now });
      return row.id as number;
    });
    if (!result) await deps.jobs!.send(TRANSPARENCY_REPORT_JOB, { id });
    res.status(result ? 201 : 202).json(toApiRow(await deps.db('transparency_reports').where({ id }).first()));
  });

  table.route(router, '/api', ROUTES.transparencyReportCsv, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const row = await deps.db('transparency_reports').where({ id }).first();
    if (!row) throw problems.notFound(`No transparency report with id ${id}.`);
    if (row.status !== 'done') throw problems.conflict(`Report ${id} is ${row.status}; the CSV exists once it is done.`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="transparency-report-${id}.csv"`);
    res.send(transparencyCsv(row.result as TransparencyReport));
  });

  return router;
}
