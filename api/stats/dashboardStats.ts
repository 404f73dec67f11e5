import type { Db } from '../db/connect';

/** One statement of the dashboard, named so a bench can EXPLAIN exactly what the endpoint runs. */
export interface DashboardStatement {
  name: 'flagsPerDay' | 'backlog' | 'latency' | 'rules' | 'spam' | 'promo' | 'reputation';
  sql: string;
  bindings: unknown[];
}

/** The dashboard's statements for the window starting at `since` (DOMAIN.md: the numbers a review operation reports). */
export function dashboardStatements(since: Date): DashboardStatement[] {
  return [
    {
      name: 'flagsPerDay',
      sql: `select to_char(date_trunc('day', created_at), 'YYYY-MM-DD') as day, queue, count(*)::int as n from flags where created_at >= ? group by 1, 2 order by 1`,
      bindings: [since],
    },
    {
      name: 'backlog',
      sql: `select queue, count(*)::int as open, min(created_at) as oldest from flags where status = 'open' group by queue order by queue`,
      bindings: [],
    },
    {
      name: 'latency',
      sql: `select f.queue, count(*)::int as decided,
                percentile_cont(0.5) within group (order by extract(epoch from d.created_at - f.created_at)) as median_s,
                percentile_cont(0.9) within group (order by extract(epoch from d.created_at - f.created_at)) as p90_s
         from decisions d join flags f on f.id = d.flag_id
         where d.created_at >= ? and d.reverses_decision_id is null and d.staff_id is not null
         group by f.queue order by f.queue`,
      bindings: [since],
    },
    {
      // Precision per rule: of the items a rule flagged that a moderator then decided, how many were upheld.
      name: 'rules',
      sql: `select h.rule_name, count(distinct h.subject_id)::int as hits,
                count(distinct h.subject_id) filter (where d.action is not null and d.action <> 'approve' and d.action <> 'escalate')::int as upheld,
                count(distinct h.subject_id) filter (where d.action = 'approve')::int as approved
         from rule_hits h
         left join decisions d on d.subject_type = h.subject_type and d.subject_id = h.subject_id and d.reversed_at is null and d.reverses_decision_id is null
         where h.created_at >= ? and h.mode = 'enforce'
         group by h.rule_name order by hits desc`,
      bindings: [since],
    },
    // Scores of the window's posts, like every other figure here: over all posts this read every
    // partition, so its cost grew with the platform's age (docs/OPERATIONS.md, the cost curve).
    {
      name: 'spam',
      sql: `select least(9, floor(spam_score * 10))::int as bin, count(*)::int as n from posts where posted_at >= ? and spam_score is not null group by 1 order by 1`,
      bindings: [since],
    },
    {
      name: 'promo',
      sql: `select least(9, floor(promo_score * 10))::int as bin, count(*)::int as n from posts where posted_at >= ? and promo_score is not null group by 1 order by 1`,
      bindings: [since],
    },
    {
      name: 'reputation',
      sql: `select least(9, floor(reputation_score / 10))::int as bin, count(*)::int as n from accounts where reputation_score is not null group by 1 order by 1`,
      bindings: [],
    },
  ];
}

// Rows as the driver gives them (db.raw is untyped); the route shapes them for the API.
export type DashboardRows = Record<DashboardStatement['name'], any[]>;

export async function dashboardRows(db: Db, since: Date): Promise<DashboardRows> {
  const out = {} as DashboardRows;
  for (const s of dashboardStatements(since)) out[s.name] = (await db.raw(s.sql, s.bindings as never[])).rows;
  return out;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The numbers a review operation reports (DOMAIN.md), for the dashboard, over the last `days` days. */
export async function dashboardStats(db: Db, now: Date, days: number) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const {
    flagsPerDay,
    backlog,
    latency,
    rules,
    spam: spamRows,
    promo: promoRows,
    reputation: reputationRows,
  } = await dashboardRows(db, since);
  const histogram = (rows: Array<{ bin: unknown; n: unknown }>) => rows.map((r) => ({ bin: Number(r.bin), n: Number(r.n) }));
  const [spam, promo, reputation] = [histogram(spamRows), histogram(promoRows), histogram(reputationRows)];
  const bins = (rows: Array<{ bin: number; n: number }>) =>
    Array.from({ length: 10 }, (_, i) => ({ from: i / 10, n: rows.find((r) => r.bin === i)?.n ?? 0 }));
  return {
    asOf: now.toISOString(),
    days,
    flagsPerDay: flagsPerDay.map((r: { day: string; queue: string; n: number }) => ({ day: r.day, queue: r.queue, n: Number(r.n) })),
    backlog: backlog.map((r: { queue: string; open: number; oldest: Date }) => ({
      queue: r.queue,
      open: Number(r.open),
      oldest: r.oldest,
      oldestAgeHours: Math.round((now.getTime() - new Date(r.oldest).getTime()) / 3600_000),
    })),
    decisionLatency: latency.map((r: { queue: string; decided: number; median_s: unknown; p90_s: unknown }) => ({
      queue: r.queue,
      decided: Number(r.decided),
      medianMinutes: Math.round((num(r.median_s) ?? 0) / 60),
      p90Minutes: Math.round((num(r.p90_s) ?? 0) / 60),
    })),
    rules: rules.map((r: { rule_name: string; hits: number; upheld: number; approved: number }) => ({
      rule: r.rule_name,
      hits: Number(r.hits),
      upheld: Number(r.upheld),
      approved: Number(r.approved),
      precision: r.upheld + r.approved ? Number(r.upheld) / (Number(r.upheld) + Number(r.approved)) : null,
    })),
    scores: { spam: bins(spam), promo: bins(promo) },
    reputation: bins(reputation),
  };
}
