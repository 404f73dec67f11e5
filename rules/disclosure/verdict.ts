import { normalizeForMatch } from '../text/normalize';
import { DEFAULT_DISCLOSURE_PHRASES, findDisclosureMarkers } from '../facts/disclosure';
import { findLinks } from '../facts/links';

export type DisclosureStatus = 'disclosed' | 'weakly_disclosed' | 'undisclosed' | 'not_commercial';

export interface DisclosureInput {
  text: string;
  /** The platform's own "ad" label on the post. */
  platformLabel?: boolean;
  /** Partnerships of the author active when the post was written. */
  partnerships?: ReadonlyArray<{ brand: string; kind: 'sponsorship' | 'gifted' | 'affiliate' | string; names?: readonly string[] }>;
  /** Links the platform reports beside the text (a buy button, a link card). */
  links?: readonly string[];
  /** The classifier's promotion probability, when known. */
  promoScore?: number;
  /** Orders the platform attributes to the post. */
  attributedSales?: number;
  disclosurePhrases?: readonly string[];
}

export interface Evidence {
  kind:
    | 'partnered_brand_mentioned'
    | 'partnership_active'
    | 'affiliate_link'
    | 'purchase_link'
    | 'promo_score'
    | 'attributed_sales'
    | 'platform_label'
    | 'marker'
    | 'weak_marker'
    | 'negated_marker'
    | 'quoted_marker';
  detail: string;
  weight: number;
}

export interface DisclosureVerdict {
  status: DisclosureStatus;
  confidence: number;
  /** How sure the text is commercial at all, 0–1 (noisy-or of the commercial evidence). */
  commercial: number;
  evidence: Evidence[];
}

/** Markers that, alone, do not tell a reader the post is paid (FTC: "#sp", "#spon", "#collab", "thanks [brand]"). */
const AMBIGUOUS = ['#sp', '#spon', '#collab', '#partner', 'thanks to', '感谢', '合作'];
const PURCHASE_CUES = /(?:链接|下单|购买|入手|冲|抢购|戳|shop|buy|link in|grab it|order now|checkout|add to cart|tap the link)/iu;
const QUOTES = /[“”"「」『』《》]/u;
const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** Where a marker sits decides whether a reader would see it. */
function placement(text: string, index: number, length: number): { weak: boolean; why: string } {
  const before = text.slice(0, index);
  const lineNumber = before.split('\n').length;
  const totalLines = text.split('\n').length;
  // Inside a link: nobody reads a disclosure in a URL.
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)\S+/giu)) {
    if (index >= m.index && index < m.index + m[0].length) return { weak: true, why: 'inside a link' };
  }
  // Buried: on the last line after several, where a feed shows "more" before it.
  if (lineNumber > 3 && lineNumber === totalLines) return { weak: true, why: `on line ${lineNumber} of ${totalLines}, below the fold` };
  if (index > 400) return { weak: true, why: `${index} characters in` };
  // In a pile of hashtags: a disclosure among many tags is easy to miss.
  const tags = [...text.matchAll(HASHTAG)];
  const mine = tags.findIndex((t) => index >= t.index && index < t.index + Math.max(t[0].length, length));
  if (mine >= 0) {
    let run = 1;
    for (let i = mine - 1; i >= 0 && tags[i + 1]!.index - (tags[i]!.index + tags[i]![0].length) <= 2; i--) run++;
    for (let i = mine + 1; i < tags.length && tags[i]!.index - (tags[i - 1]!.index + tags[i - 1]![0].length) <= 2; i++) run++;
    if (run >= 4) return { weak: true, why: `among ${run} hashtags` };
  }
  return { weak: false, why: index < 60 ? 'at the start' : 'in plain sight' };
}

function isQuoted(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 2), index);
  const after = text.slice(index + length, index + length + 2);
  return QUOTES.test(before) && QUOTES.test(after);
}

const noisyOr = (weights: number[]) => 1 - weights.reduce((p, w) => p * (1 - w), 1);

/**
 * Is this post commercial, and if so would a reader see that it is? Commercial evidence comes
 * from the relation (partnership with a brand the post names, affiliate links, attributed sales)
 * more than from the words; disclosure evidence counts only where a reader would see it.
 */
export function disclosureVerdict(input: DisclosureInput): DisclosureVerdict {
  const text = input.text.normalize('NFKC');
  const normalized = normalizeForMatch(text);
  const evidence: Evidence[] = [];

  // Commercial evidence.
  const partnerships = input.partnerships ?? [];
  for (const p of partnerships) {
    const names = [p.brand, ...(p.names ?? [])].filter((n) => n.length >= 2);
    const named = names.find((n) => normalized.includes(normalizeForMatch(n)));
    if (named) evidence.push({ kind: 'partnered_brand_mentioned', detail: `${p.kind} partnership with ${p.brand}; the post names "${named}"`, weight: p.kind === 'affiliate' || p.kind === 'sponsorship' ? 0.9 : 0.8 });
  }
  if (partnerships.length && !evidence.some((e) => e.kind === 'partnered_brand_mentioned')) {
    evidence.push({ kind: 'partnership_active', detail: `active partnership with ${partnerships.map((p) => p.brand).join(', ')}, not named in the post`, weight: 0.15 });
  }
  const links = findLinks([text, ...(input.links ?? [])].join('\n'));
  if (links.hasAffiliateLink) evidence.push({ kind: 'affiliate_link', detail: 'affiliate or referral link, or a promo code', weight: 0.85 });
  else if ((links.links.length > 0 || (input.links?.length ?? 0) > 0) && PURCHASE_CUES.test(normalized)) evidence.push({ kind: 'purchase_link', detail: 'a link with a call to buy', weight: 0.5 });
  // The words alone never make a post commercial: the score is capped below the line, so it
  // counts only beside a relation (partnership, affiliate link, sales) or a link to buy.
  if (typeof input.promoScore === 'number') evidence.push({ kind: 'promo_score', detail: `classifier promotion probability ${input.promoScore.toFixed(2)}`, weight: Math.max(0, Math.min(0.4, input.promoScore - 0.3)) });
  if ((input.attributedSales ?? 0) > 0) evidence.push({ kind: 'attributed_sales', detail: `${input.attributedSales} orders attributed to the post`, weight: 0.6 });
  const commercial = noisyOr(evidence.map((e) => e.weight));

  // Disclosure evidence.
  let strong = false;
  let weak = false;
  if (input.platformLabel) {
    strong = true;
    evidence.push({ kind: 'platform_label', detail: "the platform's ad label is set", weight: 1 });
  }
  const phrases = input.disclosurePhrases?.length ? input.disclosurePhrases : DEFAULT_DISCLOSURE_PHRASES;
  for (const m of findDisclosureMarkers(normalized, phrases)) {
    if (m.negated) {
      evidence.push({ kind: 'negated_marker', detail: `"${m.phrase}" is denied, which is no disclosure`, weight: 0 });
      continue;
    }
    if (isQuoted(normalized, m.index, m.phrase.length)) {
      evidence.push({ kind: 'quoted_marker', detail: `"${m.phrase}" is quoted, not declared`, weight: 0 });
      continue;
    }
    const where = placement(normalized, m.index, m.phrase.length);
    // "合作" says "cooperation" in passing, but as a leading tag (#合作, 【合作】) it is the usual disclosure.
    const tagged = /[#【\[]$/u.test(normalized.slice(Math.max(0, m.index - 1), m.index));
    const ambiguous = AMBIGUOUS.includes(m.phrase.toLowerCase()) && !(tagged && m.phrase === '合作');
    if (where.weak || ambiguous) {
      weak = true;
      evidence.push({ kind: 'weak_marker', detail: `"${m.phrase}" ${ambiguous ? 'is ambiguous on its own' : where.why}`, weight: 0.5 });
    } else {
      strong = true;
      evidence.push({ kind: 'marker', detail: `"${m.phrase}" ${where.why}`, weight: 1 });
    }
  }
  // Ambiguous tags the marker list does not carry.
  for (const tag of normalized.match(HASHTAG) ?? []) {
    if (['#sp', '#spon', '#collab'].includes(tag) && !evidence.some((e) => e.detail.startsWith(`"${tag}"`))) {
      weak = true;
      evidence.push({ kind: 'weak_marker', detail: `"${tag}" is ambiguous on its own`, weight: 0.5 });
    }
  }

  if (commercial < 0.5) return { status: 'not_commercial', confidence: round(1 - commercial), commercial: round(commercial), evidence };
  if (strong) return { status: 'disclosed', confidence: round(commercial), commercial: round(commercial), evidence };
  if (weak) return { status: 'weakly_disclosed', confidence: round(commercial * 0.8), commercial: round(commercial), evidence };
  return { status: 'undisclosed', confidence: round(commercial), commercial: round(commercial), evidence };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
