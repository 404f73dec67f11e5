/**
 * What a backtest reports, accumulated item by item: matches per rule, how the draft compares
 * with the version in force, and how it lines up with what moderators decided.
 */
export interface BacktestItem {
  id: number;
  at: Date;
  /** Built only for the few items kept as samples (masking a text costs more than judging it). */
  excerpt: string | (() => string);
  draftRules: readonly string[];
  publishedRules: readonly string[];
  /** The moderators' standing decision: upheld (removed, held, disclosure required …) or approved. */
  decision: 'upheld' | 'approved' | null;
}

export interface BacktestResult {
  items: number;
  draft: { itemsMatched: number; rules: Array<{ rule: string; eventType: string; matches: number; samples: number[] }> };
  published: { itemsMatched: number } | null;
  diff: {
    newlyMatched: number;
    noLongerMatched: number;
    samplesNew: Array<{ id: number; excerpt: string; rules: readonly string[] }>;
    samplesGone: Array<{ id: number; excerpt: string; rules: readonly string[] }>;
  } | null;
  decisions: {
    upheld: number;
    approved: number;
    caughtUpheld: number;
    matchedApproved: number;
    missedUpheld: number;
    precision: number | null;
    recall: number | null;
    samplesMatchedApproved: number[];
    samplesMissedUpheld: number[];
  };
  byDay: Array<{ day: string; draft: number; published: number; items: number }>;
}

const SAMPLES = 10;

const excerptOf = (item: BacktestItem) => (typeof item.excerpt === 'function' ? item.excerpt() : item.excerpt);
const DAY_MS = 86_400_000;

export function createBacktestSummary(rules: ReadonlyArray<{ name: string; eventType: string }>, comparing: boolean) {
  const perRule = new Map(rules.map((r) => [r.name, { rule: r.name, eventType: r.eventType, matches: 0, samples: [] as number[] }]));
  const byDay = new Map<string, { draft: number; published: number; items: number }>();
  let items = 0;
  // Items arrive in time order: the day's key is rebuilt only when the day changes.
  let dayNumber = NaN;
  let dayKey = '';
  let draftMatched = 0;
  let publishedMatched = 0;
  let newlyMatched = 0;
  let noLongerMatched = 0;
  const samplesNew: Array<{ id: number; excerpt: string; rules: readonly string[] }> = [];
  const samplesGone: Array<{ id: number; excerpt: string; rules: readonly string[] }> = [];
  const d = {
    upheld: 0,
    approved: 0,
    caughtUpheld: 0,
    matchedApproved: 0,
    missedUpheld: 0,
    samplesMatchedApproved: [] as number[],
    samplesMissedUpheld: [] as number[],
  };

  return {
    add(item: BacktestItem) {
      items++;
      const n = Math.floor(item.at.getTime() / DAY_MS);
      if (n !== dayNumber) {
        dayNumber = n;
        dayKey = item.at.toISOString().slice(0, 10);
      }
      const day = dayKey;
      const bucket = byDay.get(day) ?? { draft: 0, published: 0, items: 0 };
      bucket.items++;
      const draftHit = item.draftRules.length > 0;
      const publishedHit = item.publishedRules.length > 0;
      if (draftHit) {
        draftMatched++;
        bucket.draft++;
      }
      if (publishedHit) {
        publishedMatched++;
        bucket.published++;
      }
      byDay.set(day, bucket);
      for (const r of item.draftRules) {
        const stats = perRule.get(r)!;
        stats.matches++;
        if (stats.samples.length < SAMPLES) stats.samples.push(item.id);
      }
      if (comparing && draftHit !== publishedHit) {
        if (draftHit) {
          newlyMatched++;
          if (samplesNew.length < SAMPLES) samplesNew.push({ id: item.id, excerpt: excerptOf(item), rules: item.draftRules });
        } else {
          noLongerMatched++;
          if (samplesGone.length < SAMPLES) samplesGone.push({ id: item.id, excerpt: excerptOf(item), rules: item.publishedRules });
        }
      }
      if (item.decision === 'upheld') {
        d.upheld++;
        if (draftHit) d.caughtUpheld++;
        else {
          d.missedUpheld++;
          if (d.samplesMissedUpheld.length < SAMPLES) d.samplesMissedUpheld.push(item.id);
        }
      } else if (item.decision === 'approved') {
        d.approved++;
        if (draftHit) {
          d.matchedApproved++;
          if (d.samplesMatchedApproved.length < SAMPLES) d.samplesMatchedApproved.push(item.id);
        }
      }
    },
    result(): BacktestResult {
      const decided = d.caughtUpheld + d.matchedApproved;
      return {
        items,
        draft: { itemsMatched: draftMatched, rules: [...perRule.values()] },
        published: comparing ? { itemsMatched: publishedMatched } : null,
        diff: comparing ? { newlyMatched, noLongerMatched, samplesNew, samplesGone } : null,
        decisions: { ...d, precision: decided ? d.caughtUpheld / decided : null, recall: d.upheld ? d.caughtUpheld / d.upheld : null },
        byDay: [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => ({ day, ...v })),
      };
    },
  };
}
