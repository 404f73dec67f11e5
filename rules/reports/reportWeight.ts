/**
 * How much a member's report counts, and how urgent a pile of reports makes a flag. Pure, so the
 * API, a backtest and a property test all agree on it.
 *
 * Reports are votes of unequal worth: a member whose past reports moderators upheld is believed
 * more, and a wave of reports from accounts created yesterday (brigading) counts for about as much
 * as one report from an established member.
 */

export type ReportReason = 'spam' | 'scam' | 'undisclosed_ad' | 'harassment' | 'counterfeit' | 'other';
export type ReportSubject = 'post' | 'account' | 'transaction';

export interface ReporterRecord {
  reportsUpheld: number;
  reportsRejected: number;
  /** Days since the reporter's account was created on the platform. */
  accountAgeDays: number;
}

/** Days after which an account's report counts fully. */
export const FULL_WEIGHT_AGE_DAYS = 30;
/** Floor for brand-new accounts: their report is seen, but ten of them weigh about one. */
export const MIN_AGE_FACTOR = 0.1;

/**
 * The chance a moderator agrees with this reporter: the mean of Beta(1 + upheld, 1 + rejected),
 * so a newcomer starts at one half and a long record moves it towards the truth.
 */
export function reporterCredibility(record: Pick<ReporterRecord, 'reportsUpheld' | 'reportsRejected'>): number {
  const upheld = Math.max(0, record.reportsUpheld);
  const rejected = Math.max(0, record.reportsRejected);
  return (upheld + 1) / (upheld + rejected + 2);
}

export function ageFactor(accountAgeDays: number): number {
  if (!Number.isFinite(accountAgeDays) || accountAgeDays <= 0) return MIN_AGE_FACTOR;
  return Math.min(1, Math.max(MIN_AGE_FACTOR, accountAgeDays / FULL_WEIGHT_AGE_DAYS));
}

/** One report's weight: 1 for an established newcomer to reporting, up to 2 for a reliable reporter. */
export function reportWeight(record: ReporterRecord): number {
  return 2 * reporterCredibility(record) * ageFactor(record.accountAgeDays);
}

/** Where a report is worked: the rule queue for its kind of abuse, or the member-reports queue. */
export function queueForReport(subject: ReportSubject, reason: ReportReason): string {
  switch (reason) {
    case 'spam':
      return 'spam';
    case 'scam':
    case 'counterfeit':
      return subject === 'transaction' ? 'suspicious_order' : 'scam';
    case 'undisclosed_ad':
      return subject === 'transaction' ? 'suspicious_order' : 'undisclosed_ad';
    case 'harassment':
    case 'other':
      return 'member_reports';
  }
}

/** Where a single credible report starts: harm to money and people first. */
export const REASON_BASE_PRIORITY: Record<ReportReason, number> = {
  scam: 40,
  counterfeit: 35,
  harassment: 35,
  undisclosed_ad: 25,
  spam: 20,
  other: 15,
};

/** How many weight units take a flag about two-thirds of the way from its base to the top. */
export const WEIGHT_SCALE = 3;
export const MAX_REPORT_PRIORITY = 95;

/**
 * The flag's priority from the summed weight of its reports: rises with each report, with
 * diminishing returns, and never reaches the top on reports alone (a person decides what is
 * most urgent, and rule evidence can still raise it).
 */
export function reportPriority(reason: ReportReason, totalWeight: number): number {
  const base = REASON_BASE_PRIORITY[reason];
  const w = Math.max(0, totalWeight);
  return Math.round(base + (MAX_REPORT_PRIORITY - base) * (1 - Math.exp(-w / WEIGHT_SCALE)));
}

export type ReportOutcome = 'pending' | 'upheld' | 'rejected';

/** Decisions that agree with the reporters; an approval says the item was fine. Escalation decides nothing yet. */
export function outcomeOfDecision(action: string): ReportOutcome | null {
  if (action === 'escalate') return null;
  if (action === 'approve') return 'rejected';
  return 'upheld';
}
