import { masked } from '../privacy/maskedText';
import type { Knex } from 'knex';
import { seededRandom } from '../../rules/seededRandom';
import { outcomeOfDecision, reportPriority, reportWeight, type ReportReason } from '../../rules/reports/reportWeight';
import { flagReasonText } from '../../rules/flags/flagReasons';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What members write when they report, in both of the demo's languages. */
const TEXTS: Record<string, string[]> = {
  spam: ['Same link posted in every thread', '到处发同一个链接', 'Bot account, only posts promo codes', '刷屏广告', ''],
  scam: ['Asked me to pay by bank transfer outside the app', '让我加微信私下转账', 'Seller wants payment before the order is placed', ''],
  counterfeit: ['This is a fake, the logo is wrong', '假货，做工和正品不一样', ''],
  undisclosed_ad: [
    'Reads like a paid ad but there is no label',
    '像是收了钱的推广，没有标注广告',
    'They are an affiliate of this shop',
    '',
  ],
};

function reasonFor(flag: { queue: string; reason: string }): ReportReason | null {
  if (flag.queue === 'spam') return 'spam';
  if (flag.queue === 'scam') return /counterfeit/i.test(flag.reason) ? 'counterfeit' : 'scam';
  if (flag.queue === 'undisclosed_ad') return 'undisclosed_ad';
  return null;
}

interface Record_ {
  upheld: number;
  rejected: number;
  joinedAt: Date;
}

/**
 * The member reports behind the demo's reported flags. Reports and decisions are replayed in time
 * order, so each report's weight is what the product would have given it then (the reporter's
 * record so far, their account's age) and each decision moves its reporters' records as it does live.
 */
export async function seedMemberReports(trx: Knex.Transaction, seed: number): Promise<number> {
  const rnd = seededRandom(seed + 2);
  const flags: Array<{
    id: number;
    subject_type: string;
    subject_id: number;
    queue: string;
    reason: string;
    created_at: Date;
    decided_at: Date | null;
  }> = await trx('flags')
    .where({ source: 'report' })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'subject_type', 'subject_id', 'queue', 'reason', 'created_at', 'decided_at');
  if (flags.length === 0) return 0;
  const flagById = new Map(flags.map((f) => [f.id, f]));
  const members: Array<{ id: number; external_id: string; source: string; joined_at: Date | null; ingested_at: Date }> = await trx(
    'accounts',
  )
    .where({ type: 'member' })
    .orderBy('id')
    .select('id', 'external_id', 'source', 'joined_at', 'ingested_at');
  if (members.length < 6) return 0;
  const decisions = new Map<number, { id: number; action: string; created_at: Date }>(
    (
      await trx('decisions')
        .whereIn(
          'flag_id',
          flags.map((f) => f.id),
        )
        .whereNull('reverses_decision_id')
        .whereNot({ action: 'escalate' })
        .orderBy('id')
        .select('id', 'flag_id', 'action', 'created_at')
    ).map((d: { id: number; flag_id: number; action: string; created_at: Date }) => [d.flag_id, d]),
  );
  const postAuthors = new Map<number, number>(
    (
      await trx('posts')
        .whereIn(
          'id',
          flags.filter((f) => f.subject_type === 'post').map((f) => f.subject_id),
        )
        .select('id', 'author_id')
    ).map((p: { id: number; author_id: number }) => [p.id, p.author_id]),
  );

  type Planned = { flagId: number; reporter: (typeof members)[number]; reason: ReportReason; text: string; at: Date };
  type Event = { at: Date; kind: 'report'; report: Planned } | { at: Date; kind: 'decision'; flagId: number };
  const events: Event[] = [];
  for (const f of flags) {
    const reason = reasonFor(f);
    if (!reason) continue;
    const author = f.subject_type === 'post' ? postAuthors.get(f.subject_id) : undefined;
    const count = Number(rnd.weighted({ '1': 5, '2': 3, '3': 2, '5': 1 }));
    const chosen = new Set<number>();
    const decision = decisions.get(f.id);
    // Reports come before the decision that closes the flag; the first one is what opened it.
    const latest = (decision?.created_at ?? f.decided_at ?? new Date(f.created_at.getTime() + DAY)).getTime() - MINUTE;
    for (let i = 0; i < count; i++) {
      const reporter = rnd.pick(members);
      if (reporter.id === author || chosen.has(reporter.id)) continue;
      chosen.add(reporter.id);
      const at = new Date(Math.min(latest, f.created_at.getTime() + (i === 0 ? 0 : rnd.int(1, 240) * MINUTE)));
      events.push({ at, kind: 'report', report: { flagId: f.id, reporter, reason, text: rnd.pick(TEXTS[reason] ?? ['']), at } });
    }
    if (decision) events.push({ at: decision.created_at, kind: 'decision', flagId: f.id });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'report' ? -1 : 1));

  const records = new Map<number, Record_>(members.map((m) => [m.id, { upheld: 0, rejected: 0, joinedAt: m.joined_at ?? m.ingested_at }]));
  const rows: Array<Record<string, unknown>> = [];
  const pendingByFlag = new Map<number, number[]>();
  const totals = new Map<number, { count: number; weight: number }>();
  for (const e of events) {
    if (e.kind === 'report') {
      const r = e.report;
      const rec = records.get(r.reporter.id)!;
      const weight = reportWeight({
        reportsUpheld: rec.upheld,
        reportsRejected: rec.rejected,
        accountAgeDays: (r.at.getTime() - rec.joinedAt.getTime()) / DAY,
      });
      pendingByFlag.set(r.flagId, [...(pendingByFlag.get(r.flagId) ?? []), rows.length]);
      const total = totals.get(r.flagId) ?? { count: 0, weight: 0 };
      totals.set(r.flagId, { count: total.count + 1, weight: total.weight + weight });
      rows.push({
        source: r.reporter.source,
        external_id: `report-${r.flagId}-${r.reporter.external_id}`,
        reporter_id: r.reporter.id,
        subject_type: flagById.get(r.flagId)!.subject_type,
        subject_id: flagById.get(r.flagId)!.subject_id,
        reason: r.reason,
        text: r.text || null,
        flag_id: r.flagId,
        weight,
        outcome: 'pending',
        decision_id: null,
        reported_at: r.at,
        received_at: r.at,
        resolved_at: null,
      });
      continue;
    }
    const decision = decisions.get(e.flagId)!;
    const outcome = outcomeOfDecision(decision.action);
    if (!outcome || outcome === 'pending') continue;
    for (const i of pendingByFlag.get(e.flagId) ?? []) {
      const row = rows[i]!;
      Object.assign(row, { outcome, decision_id: decision.id, resolved_at: decision.created_at });
      const rec = records.get(row.reporter_id as number)!;
      if (outcome === 'upheld') rec.upheld += 1;
      else rec.rejected += 1;
    }
    pendingByFlag.delete(e.flagId);
  }

  rows.push(...(await openMemberReportFlags(trx, rnd, members, records)));
  for (const row of rows) row.text_masked = masked(row.text as string | null);
  for (let i = 0; i < rows.length; i += 500) await trx('reports').insert(rows.slice(i, i + 500));
  for (const [flagId, t] of totals) await trx('flags').where({ id: flagId }).update({ report_count: t.count, report_weight: t.weight });
  await trx.raw(
    `update flags f set report_count = x.n, report_weight = x.w from (select flag_id, count(*)::int as n, sum(weight) as w from reports group by flag_id) x
     where f.id = x.flag_id and f.queue = 'member_reports'`,
  );
  for (const [id, rec] of records)
    if (rec.upheld || rec.rejected)
      await trx('accounts').where({ id }).update({ reports_upheld: rec.upheld, reports_rejected: rec.rejected });
  return rows.length;
}

const HARASSMENT = [
  'Keeps insulting people who disagree',
  '一直在评论区骂人',
  'Posting my photo without asking',
  '人身攻击',
  'Mocking a member for their accent',
];

/**
 * A few recent replies reported for harassment, still open: the member-reports queue is where
 * reports land that no rule queue covers, and the demo should show it working.
 */
async function openMemberReportFlags(
  trx: Knex.Transaction,
  rnd: ReturnType<typeof seededRandom>,
  members: Array<{ id: number; external_id: string; source: string }>,
  records: Map<number, Record_>,
): Promise<Array<Record<string, unknown>>> {
  const recent: Array<{ id: number; author_id: number; posted_at: Date }> = await trx('posts')
    .where({ kind: 'reply', status: 'visible' })
    .orderBy('posted_at', 'desc')
    .limit(300)
    .select('id', 'author_id', 'posted_at');
  // Old enough that their reports (up to five hours later) are not in the future.
  const replies = recent.length ? recent.filter((r) => r.posted_at.getTime() < recent[0]!.posted_at.getTime() - 6 * 3600_000) : [];
  const rows: Array<Record<string, unknown>> = [];
  for (let n = 0; n < 6 && replies.length; n++) {
    const post = replies.splice(rnd.int(0, replies.length - 1), 1)[0]!;
    const reason = rnd.chance(0.7) ? 'harassment' : 'other';
    const reporters = [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(members)))].filter((m) => m.id !== post.author_id);
    if (reporters.length === 0) continue;
    const firstAt = new Date(post.posted_at.getTime() + rnd.int(5, 300) * MINUTE);
    const weights = reporters.map((m) => {
      const rec = records.get(m.id)!;
      return reportWeight({
        reportsUpheld: rec.upheld,
        reportsRejected: rec.rejected,
        accountAgeDays: (firstAt.getTime() - rec.joinedAt.getTime()) / DAY,
      });
    });
    const [flag] = await trx('flags')
      .insert({
        subject_type: 'post',
        subject_id: post.id,
        queue: 'member_reports',
        priority: reportPriority(
          reason,
          weights.reduce((a, b) => a + b, 0),
        ),
        status: 'open',
        source: 'report',
        reason: flagReasonText('member_report', { report_reason: reason }),
        created_at: firstAt,
      })
      .onConflict(trx.raw("(subject_type, subject_id, queue) where status = 'open'"))
      .ignore()
      .returning('id');
    if (!flag) continue;
    reporters.forEach((m, i) => {
      const at = new Date(firstAt.getTime() + i * rnd.int(1, 60) * MINUTE);
      rows.push({
        source: m.source,
        external_id: `report-${flag.id}-${m.external_id}`,
        reporter_id: m.id,
        subject_type: 'post',
        subject_id: post.id,
        reason,
        text: rnd.pick(HARASSMENT),
        flag_id: flag.id,
        weight: weights[i],
        outcome: 'pending',
        decision_id: null,
        reported_at: at,
        received_at: at,
        resolved_at: null,
      });
    });
  }
  return rows;
}
