/**
 * Advertising disclosure markers in Chinese and English. The defaults follow China's Internet
 * Advertising Measures ("广告") and the FTC Endorsement Guides ("#ad", "Paid partnership");
 * the markers in force come from the editable `disclosure_phrases` list when it exists. This
 * finds the words; whether a reader takes them for a disclosure is the grammar's call.
 */
import { DEFAULT_DISCLOSURE_PHRASES } from '../disclosure/grammar';

// One default for the word list and the grammar that reads it (rules/disclosure/grammar.ts).
export { DEFAULT_DISCLOSURE_PHRASES };

/** A marker preceded by one of these is denied, not disclosed ("这不是广告", "not sponsored"). */
const NEGATIONS_BEFORE = [
  '不是',
  '非',
  '没有',
  '无',
  '没收',
  '不含',
  '并非',
  '绝非',
  '不算',
  '拒绝',
  'not ',
  'no ',
  'non-',
  'non ',
  "isn't ",
  'is not ',
  'never ',
  '#not',
  'not an ',
  'not a ',
];
/** …or followed by one of these ("广告勿扰", "ad-free"). */
const NEGATIONS_AFTER = ['勿扰', '位招租', '法', '-free', ' free'];

export interface DisclosureMatch {
  phrase: string;
  index: number;
  negated: boolean;
}

function isWordChar(ch: string | undefined): boolean {
  return !!ch && /[a-z0-9]/i.test(ch);
}

/** Markers found in normalised (lower-case, simplified) text, with negated ones marked. */
/*
 * Each phrase list's lower-case forms, kept per list: lower-casing every phrase again for every
 * post was a visible share of a backtest. A list edited in place is noticed (its items are
 * compared, by reference, with the ones the forms were made from) and lowered again.
 */
const loweredLists = new WeakMap<readonly string[], { from: string[]; lower: string[] }>();
function lowerPhrases(phrases: readonly string[]): string[] {
  const hit = loweredLists.get(phrases);
  if (hit && hit.from.length === phrases.length && hit.from.every((p, i) => p === phrases[i])) return hit.lower;
  const lower = phrases.map((p) => p.toLowerCase());
  loweredLists.set(phrases, { from: [...phrases], lower });
  return lower;
}

export function findDisclosureMarkers(normalized: string, phrases: readonly string[]): DisclosureMatch[] {
  const out: DisclosureMatch[] = [];
  const lower = lowerPhrases(phrases);
  for (let k = 0; k < phrases.length; k++) {
    const phrase = phrases[k]!;
    const p = lower[k]!;
    if (!p) continue;
    let from = 0;
    for (;;) {
      const index = normalized.indexOf(p, from);
      if (index < 0) break;
      from = index + p.length;
      // Latin markers must stand as words: "#ad" is not "#adventure", "gifted" is not "giftedness".
      if (/[a-z0-9]$/i.test(p) && isWordChar(normalized[index + p.length])) continue;
      if (/^[a-z0-9]/i.test(p) && isWordChar(normalized[index - 1])) continue;
      // A longer marker found at the same place already covers this one ("商业合作" covers "合作").
      if (out.some((m) => index >= m.index && index + p.length <= m.index + m.phrase.length)) continue;
      const before = normalized.slice(Math.max(0, index - 8), index);
      const after = normalized.slice(index + p.length, index + p.length + 6);
      const negated = NEGATIONS_BEFORE.some((n) => before.endsWith(n)) || NEGATIONS_AFTER.some((n) => after.startsWith(n));
      out.push({ phrase, index, negated });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
