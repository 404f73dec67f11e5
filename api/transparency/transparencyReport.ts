import type { Knex } from 'knex';
import { toCsv } from '../../contract/csv';
import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import { runRecordedJob } from '../jobs/recordedJob';

export const TRANSPARENCY_REPORT_JOB = 'transparency_report';
/** Periods up to this long are counted in the request; longer ones as a job. */
export const INLINE_PERIOD_DAYS = 31;

export interface TransparencyReport {
  period: { from: string; to: string };
  reports: { total: number; byReason: Record<string, number> };
  decisions: {
    total: number;
    human: number;
    automated: number;
    byAction: Record<string, number>;
    byGround: Array<{ ground: string; automated: boolean; n: number }>;
  };
  timeToDecision: { decided: number; medianHours: number | null; p90Hours: number | null };
  appeals: {
    filed: number;
    upheld: number;
    rejected: number;
    open: number;
    reversals: number;
    reversalShareOfHumanDecisions: number | null;
  };
  undisclosedAds: { casesFound: number; remediated: number; postsJudgedUndisclosed: number; ordersFromUndisclosed: number };
  generatedAt: string;
}

const toMap = (rows: Array<{ k: string; n: number }>) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));

/**
 * What a platform publishes about its moderation for a period (DSA art. 15 and 24; the same
 * counts serve China's reporting): reports by reason, decisions by ground and action, automated
 * against human, time to decision, appeals and reversals, and undisclosed advertising found and
 * put right. Human decisions exclude escalations and reversals; automated ones are the
 * restrictions enforcing policies applied, each of which gave the member a statement.
 */
export async function transparencyReport(db: Knex, from: Date, to: Date, now: Date): Promise<TransparencyReport> {
  const p = [from, to];
  const reasons = (
    await db.raw(
      `select reason as k, count(*)::int as n from reports where received_at >= ? and received_at < ? group by reason order by reason`,
      p,
    )
  ).rows;
  const humanWhere = `d.created_at >= ? and d.created_at < ? and d.staff_id is not null and d.reverses_decision_id is null and d.action <> 'escalate'`;
  const human = Number((await db.raw(`select count(*)::int as n from decisions d where ${humanWhere}`, p)).rows[0].n);
  const humanByAction = (await db.raw(`select d.action as k, count(*)::int as n from decisions d where ${humanWhere} group by d.action`, p))
    .rows;
  const automatedByAction = (
    await db.raw(
      `select a.action as k, count(*)::int as n from statements s cross join lateral jsonb_array_elements_text(s.actions) as a(action) where s.kind = 'automated' and s.created_at >= ? and s.created_at < ? group by a.action`,
      p,
    )
  ).rows;
  const automated = Number(
    (await db.raw(`select count(*)::int as n from statements s where s.kind = 'automated' and s.created_at >= ? and s.created_at < ?`, p))
      .rows[0].n,
  );
  const byAction: Record<string, number> = {};
  for (const r of [...humanByAction, ...automatedByAction] as Array<{ k: string; n: number }>)
    byAction[r.k] = (byAction[r.k] ?? 0) + Number(r.n);
  const humanGrounds = (
    await db.raw(
      `select d.reason_code as g, count(*)::int as n from decisions d where ${humanWhere} group by d.reason_code order by n desc, g`,
      p,
    )
  ).rows as Array<{ g: string; n: number }>;
  const policyGrounds = (
    await db.raw(
      `select s.ground->>'policy' as g, count(*)::int as n from statements s where s.kind = 'automated' and s.created_at >= ? and s.created_at < ? group by 1 order by n desc, g`,
      p,
    )
  ).rows as Array<{ g: string; n: number }>;

  const latency = (
    await db.raw(
      `select count(*)::int as decided,
              percentile_cont(0.5) within group (order by extract(epoch from d.created_at - f.created_at)) as median_s,
              percentile_cont(0.9) within group (order by extract(epoch from d.created_at - f.created_at)) as p90_s
       from decisions d join flags f on f.id = d.flag_id where ${humanWhere}`,
      p,
    )
  ).rows[0];

  const appeals = (
    await db.raw(`select status as k, count(*)::int as n from appeals where created_at >= ? and created_at < ? group by status`, p)
  ).rows as Array<{ k: string; n: number }>;
  const appealMap = toMap(appeals);
  const reversals = Number(
    (
      await db.raw(
        `select count(*)::int as n from decisions where reverses_decision_id is not null and created_at >= ? and created_at < ?`,
        p,
      )
    ).rows[0].n,
  );

  const cases = Number(
    (await db.raw(`select count(*)::int as n from flags where queue = 'undisclosed_ad' and created_at >= ? and created_at < ?`, p)).rows[0]
      .n,
  );
  const remediated = Number(
    (
      await db.raw(
        `select count(distinct f.id)::int as n from flags f join decisions d on d.flag_id = f.id
         where f.queue = 'undisclosed_ad' and f.created_at >= ? and f.created_at < ?
           and d.action in ('require_disclosure', 'label', 'remove') and d.reversed_at is null and d.reverses_decision_id is null`,
        p,
      )
    ).rows[0].n,
  );
  const judgedUndisclosed = Number(
    (await db.raw(`select count(*)::int as n from posts where disclosure_status = 'undisclosed' and posted_at >= ? and posted_at < ?`, p))
      .rows[0].n,
  );
  const orders = Number(
    (await db.raw(`select count(*)::int as n from transactions where referral_undisclosed and ordered_at >= ? and ordered_at < ?`, p))
      .rows[0].n,
  );

  const hours = (s: unknown) => (s === null || s === undefined ? null : Math.round((Number(s) / 3600) * 100) / 100);
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    reports: { total: reasons.reduce((a: number, r: { n: number }) => a + Number(r.n), 0), byReason: toMap(reasons) },
    decisions: {
      total: human + automated,
      human,
      automated,
      byAction,
      byGround: [
        ...humanGrounds.map((g) => ({ ground: g.g, automated: false, n: Number(g.n) })),
        ...policyGrounds.map((g) => ({ ground: `policy: ${g.g}`, automated: true, n: Number(g.n) })),
      ],
    },
    timeToDecision: { decided: Number(latency.decided), medianHours: hours(latency.median_s), p90Hours: hours(latency.p90_s) },
    appeals: {
      filed: appeals.reduce((a, r) => a + Number(r.n), 0),
      upheld: appealMap.upheld ?? 0,
      rejected: appealMap.rejected ?? 0,
      open: appealMap.open ?? 0,
      reversals,
      reversalShareOfHumanDecisions: human ? reversals / human : null,
    },
    undisclosedAds: { casesFound: cases, remediated, postsJudgedUndisclosed: judgedUndisclosed, ordersFromUndisclosed: orders },
    generatedAt: now.toISOString(),
  };
}

/** One row per figure, so a spreadsheet or a regulator's template can take it as is. */
export function transparencyCsv(r: TransparencyReport): string {
  const rows: Array<[string, string, string | number | null]> = [
    ['period', 'from', r.period.from],
    ['period', 'to', r.period.to],
    ['reports', 'total', r.reports.total],
    ...Object.entries(r.reports.byReason).map(([k, v]) => ['reports_by_reason', k, v] as [string, string, number]),
    ['decisions', 'total', r.decisions.total],
    ['decisions', 'human', r.decisions.human],
    ['decisions', 'automated', r.decisions.automated],
    ...Object.entries(r.decisions.byAction).map(([k, v]) => ['decisions_by_action', k, v] as [string, string, number]),
    ...r.decisions.byGround.map(
      (g) => [g.automated ? 'decisions_by_ground_automated' : 'decisions_by_ground_human', g.ground, g.n] as [string, string, number],
    ),
    ['time_to_decision', 'decided', r.timeToDecision.decided],
    ['time_to_decision', 'median_hours', r.timeToDecision.medianHours],
    ['time_to_decision', 'p90_hours', r.timeToDecision.p90Hours],
    ['appeals', 'filed', r.appeals.filed],
    ['appeals', 'upheld', r.appeals.upheld],
    ['appeals', 'rejected', r.appeals.rejected],
    ['appeals', 'open', r.appeals.open],
    ['appeals', 'reversals', r.appeals.reversals],
    ['appeals', 'reversal_share_of_human_decisions', r.appeals.reversalShareOfHumanDecisions],
    ['undisclosed_ads', 'cases_found', r.undisclosedAds.casesFound],
    ['undisclosed_ads', 'remediated', r.undisclosedAds.remediated],
    ['undisclosed_ads', 'posts_judged_undisclosed', r.undisclosedAds.postsJudgedUndisclosed],
    ['undisclosed_ads', 'orders_from_undisclosed', r.undisclosedAds.ordersFromUndisclosed],
  ];
  return toCsv(rows, ['section', 'key', 'value']);
}

/** The job for long periods; a report already done is left alone. */
export async function buildTransparencyReport(db: Db, clock: Clock, id: number, history: Db = db): Promise<void> {
  await runRecordedJob<{ period_start: Date; period_end: Date }>(db, clock, 'transparency_reports', id, async (row) => ({
    result: await transparencyReport(history, row.period_start, row.period_end, clock.now()),
  }));
}
