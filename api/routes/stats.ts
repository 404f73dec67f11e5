import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROLES } from '../auth/roles';
import { dashboardRows } from '../stats/dashboardStats';

const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The numbers a review operation reports (DOMAIN.md), for the dashboard. */
export function statsRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.staff(router, '/api', 'get', '/stats/dashboard', ROLES, async (req, res) => {
    const { days } = parseOrThrow(statsQuery, req.query);
    const now = deps.clock.now();
    const since = new Date(now.getTime() - days * 86_400_000);
    // History for the dashboard: the standby when there is one (api/db/readRouting.ts).
    const { flagsPerDay, backlog, latency, rules, spam: spamRows, promo: promoRows, reputation: reputationRows } = await deps.reads!.run(req.readFence ?? null, (db) =>
      dashboardRows(db, since),
    );
    const histogram = (rows: Array<{ bin: unknown; n: unknown }>) => rows.map((r) => ({ bin: Number(r.bin), n: Number(r.n) }));
    const [spam, promo, reputation] = [histogram(spamRows), histogram(promoRows), histogram(reputationRows)];
    const bins = (rows: Array<{ bin: number; n: number }>) => Array.from({ length: 10 }, (_, i) => ({ from: i / 10, n: rows.find((r) => r.bin === i)?.n ?? 0 }));
    res.json({
      asOf: now.toISOString(),
      days,
      flagsPerDay: flagsPerDay.map((r: { day: string; queue: string; n: number }) => ({ day: r.day, queue: r.queue, n: Number(r.n) })),
      backlog: backlog.map((r: { queue: string; open: number; oldest: Date }) => ({ queue: r.queue, open: Number(r.open), oldest: r.oldest, oldestAgeHours: Math.round((now.getTime() - new Date(r.oldest).getTime()) / 3600_000) })),
      decisionLatency: latency.map((r: { queue: string; decided: number; median_s: unknown; p90_s: unknown }) => ({ queue: r.queue, decided: Number(r.decided), medianMinutes: Math.round((num(r.median_s) ?? 0) / 60), p90Minutes: Math.round((num(r.p90_s) ?? 0) / 60) })),
      rules: rules.map((r: { rule_name: string; hits: number; upheld: number; approved: number }) => ({ rule: r.rule_name, hits: Number(r.hits), upheld: Number(r.upheld), approved: Number(r.approved), precision: r.upheld + r.approved ? Number(r.upheld) / (Number(r.upheld) + Number(r.approved)) : null })),
      scores: { spam: bins(spam), promo: bins(promo) },
      reputation: bins(reputation),
    });
  });
  return router;
}
