/**
 * How commercial a board is: which posts count, how they are bucketed, and when a board is over
 * its threshold. Pure, so ingestion, the recomputation test and the console agree.
 */

export interface HealthCounts {
  posts: number;
  commercial: number;
  disclosed: number;
  byVendor: number;
  byPartnered: number;
}

export const EMPTY_COUNTS: HealthCounts = { posts: 0, commercial: 0, disclosed: 0, byVendor: 0, byPartnered: 0 };

/** What a post contributes, from the facts it was judged on. */
export function healthContribution(facts: {
  disclosureVerdict?: unknown;
  authorType?: unknown;
  authorPartnerBrands?: unknown;
}): HealthCounts {
  const verdict = typeof facts.disclosureVerdict === 'string' ? facts.disclosureVerdict : 'not_commercial';
  const commercial = verdict === 'disclosed' || verdict === 'weakly_disclosed' || verdict === 'undisclosed';
  return {
    posts: 1,
    commercial: commercial ? 1 : 0,
    // A weak label is still a label a reader could find; compliance judges its quality separately.
    disclosed: verdict === 'disclosed' || verdict === 'weakly_disclosed' ? 1 : 0,
    byVendor: facts.authorType === 'vendor' || facts.authorType === 'brand' ? 1 : 0,
    byPartnered: Array.isArray(facts.authorPartnerBrands) && facts.authorPartnerBrands.length > 0 ? 1 : 0,
  };
}

export function addCounts(a: HealthCounts, b: HealthCounts): HealthCounts {
  return {
    posts: a.posts + b.posts,
    commercial: a.commercial + b.commercial,
    disclosed: a.disclosed + b.disclosed,
    byVendor: a.byVendor + b.byVendor,
    byPartnered: a.byPartnered + b.byPartnered,
  };
}

const HOUR = 3_600_000;

/** UTC hour or day a moment falls in. */
export function bucketStart(at: Date, granularity: 'hour' | 'day'): Date {
  const size = granularity === 'hour' ? HOUR : 24 * HOUR;
  return new Date(Math.floor(at.getTime() / size) * size);
}

export interface Shares {
  /** Share of posts that are commercial; null without posts. */
  commercialShare: number | null;
  /** Share of commercial posts that are disclosed; null without commercial posts. */
  disclosedShare: number | null;
  vendorShare: number | null;
  partneredShare: number | null;
}

export function sharesOf(c: HealthCounts): Shares {
  return {
    commercialShare: c.posts ? c.commercial / c.posts : null,
    disclosedShare: c.commercial ? c.disclosed / c.commercial : null,
    vendorShare: c.posts ? c.byVendor / c.posts : null,
    partneredShare: c.posts ? c.byPartnered / c.posts : null,
  };
}

/** The window a threshold watches: the 24 hourly buckets up to and including the latest post's hour. */
export const WINDOW_HOURS = 24;

export function windowFor(latest: Date): { start: Date; end: Date } {
  const end = new Date(bucketStart(latest, 'hour').getTime() + HOUR);
  return { start: new Date(end.getTime() - WINDOW_HOURS * HOUR), end };
}

export type ThresholdTransition = 'raise' | 'reset' | 'none';

/**
 * Crossing the threshold raises one alert; it stays raised (no new alerts) until the share is
 * back at or under the threshold, which resets it. Too few posts say nothing either way.
 */
export function thresholdTransition(
  window: HealthCounts,
  threshold: { share: number; minPosts: number; alerted: boolean },
): ThresholdTransition {
  if (window.posts < threshold.minPosts) return 'none';
  const share = window.commercial / window.posts;
  if (!threshold.alerted && share > threshold.share) return 'raise';
  if (threshold.alerted && share <= threshold.share) return 'reset';
  return 'none';
}
