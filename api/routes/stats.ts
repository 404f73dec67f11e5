import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { dashboardStats } from '../stats/dashboardStats';

const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();

/** The numbers a review operation reports (DOMAIN.md), for the dashboard. */
export function statsRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.route(router, '/api', ROUTES.dashboard, async (req, res) => {
    const { days } = parseOrThrow(statsQuery, req.query);
    const now = deps.clock.now();
    // History for the dashboard: the standby when there is one (api/db/readRouting.ts).
    res.json(await deps.reads!.run(req.readFence ?? null, (db) => dashboardStats(db, now, days)));
  });
  return router;
}
