import { Router } from 'express';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { sendCsv } from '../http/sendCsv';
import { idParamSchema } from '../../contract/schemas/common';
import { transparencyRequestSchema } from '../../contract/schemas/reportRequests';
import { doneJobResult } from '../jobs/recordedJob';
import { transparencyCsv, type TransparencyReport } from '../transparency/transparencyReport';
import { requestTransparencyReport } from '../transparency/transparencyRequests';

export function transparencyRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();

  /** 201 when counted at once, 202 when queued as a job. */
  table.route(router, '/api', ROUTES.transparencyReportCreate, async (req, res) => {
    const input = parseOrThrow(transparencyRequestSchema, req.body);
    const { inline, report } = await requestTransparencyReport(deps.db, deps.jobs, input, staffActionOf(req, deps.clock));
    res.status(inline ? 201 : 202).json(report);
  });

  table.route(router, '/api', ROUTES.transparencyReportCsv, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const result = await doneJobResult<TransparencyReport>(deps.db, 'transparency_reports', id, 'transparency report');
    sendCsv(res, `transparency-report-${id}.csv`, transparencyCsv(result));
  });

  return router;
}
