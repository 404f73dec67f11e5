import { DEFAULT_DISCLOSURE_PHRASES } from '../../../rules/facts/disclosure';

export type SpanKind = 'identifier' | 'link' | 'disclosure' | 'matched';
export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）)】]+/giu;
const MASKED = /[\p{L}\p{N}_.+-]*\*{2,}[\p{L}\p{N}_.+@-]*/gu;

/**
 * Where the evidence sits in a post's text as the API returns it (identifiers already masked):
 * masked identifiers, links, disclosure markers and the terms the rules matched.
 */
export function evidenceSpans(text: string, matchedTerms: readonly string[]): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  for (const m of text.matchAll(MASKED)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'identifier' });
  for (const m of text.matchAll(URL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'link' });
  const find = (needle: string, kind: SpanKind) => {
    const n = needle.toLowerCase();
    if (n.length < 2) return;
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + n.length)) spans.push({ start: i, end: i + n.length, kind });
  };
  for (const p of DEFAULT_DISCLOSURE_PHRASES) find(p, 'disclosure');
  for (const t of matchedTerms) find(t, 'matched');
  // Earlier and longer first; overlaps keep the first.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

/** Terms a hit's explanation compared the text against (containsAny values). */
export function matchedTermsOf(explanation: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.operator === 'containsAny' && n.result === true && Array.isArray(n.value)) out.push(...n.value.filter((v): v is string => typeof v === 'string'));
    for (const key of ['all', 'any']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
    if (n.not) walk(n.not);
  };
  walk(explanation);
  return out;
}
