import { Router } from 'express';
import { statsQuerySchema as statsQuery } from '../../contract/schemas/stats';
import type { AppDeps } from '../deps';
import { parseOrThrow } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The numbers a review operation reports (DOMAIN.md), for the dashboard. */
export function statsRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.route(router, '/api', ROUTES.dashboard, async (req, res) => {
    const { days } = parseOrThrow(statsQuery, req.query);
    const now = deps.clock.now();
    const since = new Date(now.getTime() - days * 86_400_000);
    // History for the dashboard: the standby when there is one (api/db/readRouting.ts).
    const { flagsPerDay, backlog, latency, rules, spam, promo, reputation } = await deps.reads!.run(req.readFence ?? null, async (db) => {
      const flagsPerDay = await db.raw(
        `select to_char(date_trunc('day', created_at), 'YYYY-MM-DD') as day, queue, count(*)::int as n from flags where created_at >= ? group by 1, 2 order by 1`,
        [since],
      );
      const backlog = await db.raw(`select queue, count(*)::int as open, min(created_at) as oldest from flags where status = 'open' group by queue order by queue`);
      const latency = await db.raw(
        `select f.queue, count(*)::int as decided,
                percentile_cont(0.5) within group (order by extract(epoch from d.created_at - f.created_at)) as median_s,
                percentile_cont(0.9) within group (order by extract(epoch from d.created_at - f.created_at)) as p90_s
         from decisions d join flags f on f.id = d.flag_id
         where d.created_at >= ? and d.reverses_decision_id is null and d.staff_id is not null
         group by f.queue order by f.queue`,
        [since],
      );
      // Precision per rule: of the items a rule flagged that a moderator then decided, how many were upheld.
      const rules = await db.raw(
        `select h.rule_name, count(distinct h.subject_id)::int as hits,
                count(distinct h.subject_id) filter (where d.action is not null and d.action <> 'approve' and d.action <> 'escalate')::int as upheld,
                count(distinct h.subject_id) filter (where d.action = 'approve')::int as approved
         from rule_hits h
         left join decisions d on d.subject_type = h.subject_type and d.subject_id = h.subject_id and d.reversed_at is null and d.reverses_decision_id is null
         where h.created_at >= ? and h.mode = 'enforce'
         group by h.rule_name order by hits desc`,
        [since],
      );
      const histogram = async (sql: string) => (await db.raw(sql)).rows.map((r: { bin: number; n: number }) => ({ bin: Number(r.bin), n: Number(r.n) }));
      const spam = await histogram(`select least(9, floor(spam_score * 10))::int as bin, count(*)::int as n from posts where spam_score is not null group by 1 order by 1`);
      const promo = await histogram(`select least(9, floor(promo_score * 10))::int as bin, count(*)::int as n from posts where promo_score is not null group by 1 order by 1`);
      const reputation = await histogram(`select least(9, floor(reputation_score / 10))::int as bin, count(*)::int as n from accounts where reputation_score is not null group by 1 order by 1`);
      return { flagsPerDay, backlog, latency, rules, spam, promo, reputation };
    });
    const bins = (rows: Array<{ bin: number; n: number }>) => Array.from({ length: 10 }, (_, i) => ({ from: i / 10, n: rows.find((r) => r.bin === i)?.n ?? 0 }));
    res.json({
      asOf: now.toISOString(),
      days,
      flagsPerDay: flagsPerDay.rows.map((r: { day: string; queue: string; n: number }) => ({ day: r.day, queue: r.queue, n: Number(r.n) })),
      backlog: backlog.rows.map((r: { queue: string; open: number; oldest: Date }) => ({ queue: r.queue, open: Number(r.open), oldest: r.oldest, oldestAgeHours: Math.round((now.getTime() - new Date(r.oldest).getTime()) / 3600_000) })),
      decisionLatency: latency.rows.map((r: { queue: string; decided: number; median_s: unknown; p90_s: unknown }) => ({ queue: r.queue, decided: Number(r.decided), medianMinutes: Math.round((num(r.median_s) ?? 0) / 60), p90Minutes: Math.round((num(r.p90_s) ?? 0) / 60) })),
      rules: rules.rows.map((r: { rule_name: string; hits: number; upheld: number; approved: number }) => ({ rule: r.rule_name, hits: Number(r.hits), upheld: Number(r.upheld), approved: Number(r.approved), precision: r.upheld + r.approved ? Number(r.upheld) / (Number(r.upheld) + Number(r.approved)) : null })),
      scores: { spam: bins(spam), promo: bins(promo) },
      reputation: bins(reputation),
    });
  });
  return router;
}
