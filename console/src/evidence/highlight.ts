import { DEFAULT_DISCLOSURE_PHRASES } from '../../../rules/facts/disclosure';

export const SPAN_KINDS = ['identifier', 'contact', 'link', 'price', 'code', 'disclosure', 'brand', 'matched'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];
/** A stretch of the text and what it is evidence of; the disclosure verdict will send its own. */
export interface Span {
  start: number;
  end: number;
  kind: SpanKind | string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）)】]+/giu;
const MASKED = /[\p{L}\p{N}_.+-]*\*{2,}[\p{L}\p{N}_.+@-]*/gu;
// Ways members invite contact off the platform (DOMAIN: 引流), as they read after masking.
const CONTACT =
  /(?:加\s*[vV微威薇]|[vV]\s*信|微信|威信|薇信|\bvx\b|\bwx\b|扣扣|\bQQ\b|私聊|私信|打我电话|给我打电话|whats\s?app|telegram|\bDM me\b|link in bio|call me (?:at|on))/giu;
// Prices as posts write them: ¥199, 199元, RMB 99, $19.99, 19.99 USD.
const PRICE =
  /(?:[¥￥$€£]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:元|块|rmb|RMB|USD|usd|CNY|美元)|(?:RMB|CNY|USD)\s?\d[\d,]*(?:\.\d+)?)/gu;

// Discount codes that pay or track the sharer ("用码CEN069", "use my code SAVE10"), as the disclosure verdict reads them; the code itself is marked.
const CODE =
  /(?:优惠码|折扣码|邀请码|推荐码|口令|我的码|用码|券码|暗号|use my code|use code|promo code|discount code|coupon code|with code|\bcode)\s*[:：]?\s*([a-z0-9]{3,})/giu;

/**
 * Where the evidence sits in a post's text as the API returns it (identifiers already masked):
 * masked identifiers, contact invitations, links, prices, disclosure markers, the brands the
 * author is partnered with, and the terms the rules matched.
 */
export function evidenceSpans(text: string, matchedTerms: readonly string[], brands: readonly string[] = []): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  const all = (re: RegExp, kind: SpanKind) => {
    for (const m of text.matchAll(re)) if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length, kind });
  };
  all(MASKED, 'identifier');
  all(URL, 'link');
  all(CONTACT, 'contact');
  all(PRICE, 'price');
  for (const m of text.matchAll(CODE)) {
    const code = m[1]!;
    // "code" alone needs a digit in what follows ("code red" is no code).
    if (/^code$/i.test(m[0].split(/[\s:：]/)[0]!) && !/\d/.test(code)) continue;
    const start = m.index + m[0].length - code.length;
    spans.push({ start, end: start + code.length, kind: 'code' });
  }
  // A Latin term counts as a whole word ("ad" is not marked inside "had"); Chinese has no spaces
  // to wait for, so a Chinese term counts wherever it stands.
  const latin = /[a-z0-9]/;
  const wholeWord = (i: number, n: string) =>
    !(latin.test(n[0]!) && latin.test(lower[i - 1] ?? '')) && !(latin.test(n[n.length - 1]!) && latin.test(lower[i + n.length] ?? ''));
  const find = (needle: string, kind: SpanKind) => {
    const n = needle.toLowerCase();
    if (n.length < 2) return;
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1))
      if (wholeWord(i, n)) spans.push({ start: i, end: i + n.length, kind });
  };
  for (const p of DEFAULT_DISCLOSURE_PHRASES) find(p, 'disclosure');
  for (const b of brands) find(b, 'brand');
  for (const t of matchedTerms) find(t, 'matched');
  return nonOverlapping(spans);
}

/** Earlier and longer first; where spans overlap the first is kept, so marks never nest. */
export function nonOverlapping(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) if (s.end > s.start && (!out.length || s.start >= out[out.length - 1]!.end)) out.push(s);
  return out;
}

/** Terms a hit's explanation compared the text against (containsAny values). */
export function matchedTermsOf(explanation: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.operator === 'containsAny' && n.result === true && Array.isArray(n.value))
      out.push(...n.value.filter((v): v is string => typeof v === 'string'));
    for (const key of ['all', 'any']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
    if (n.not) walk(n.not);
  };
  walk(explanation);
  return out;
}
