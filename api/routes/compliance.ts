import { Router } from 'express';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { idParamSchema } from '../../contract/schemas/common';
import { complianceReportSchema } from '../../contract/schemas/reportRequests';
import { toApiRow } from '../db/rows';
import { complianceCsv, type ComplianceReportResult } from '../compliance/complianceReport';
import { requestComplianceReport } from '../compliance/complianceReportRequests';
import { doneJobResult, jobRow } from '../jobs/recordedJob';
import { sendCsv } from '../http/sendCsv';

export function complianceRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  table.route(router, '/api', ROUTES.complianceReportCreate, async (req, res) => {
    const input = parseOrThrow(complianceReportSchema, req.body);
    if (!deps.jobs) throw problems.unavailable('The job queue is not running on this server.');
    res.status(202).json(await requestComplianceReport(deps.db, deps.jobs, input, staffActionOf(req, deps.clock)));
  });

  table.route(router, '/api', ROUTES.complianceReportGet, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    res.json(toApiRow(await jobRow(deps.db, 'compliance_reports', id, 'compliance report')));
  });

  table.route(router, '/api', ROUTES.complianceReportCsv, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const result = await doneJobResult<ComplianceReportResult>(deps.db, 'compliance_reports', id, 'compliance report');
    sendCsv(res, `compliance-report-${id}.csv`, complianceCsv(result));
  });

  return router;
}
