import { normalizeForMatch } from '../text/normalize';

/**
 * The matching form of a text (NFKC, lower case, simplified) with, for every code unit of it,
 * the code unit of the original it came from. Matching runs on the folded form; spans are
 * reported in the original, which is what a reader's screen and the console highlight index.
 */
export interface MappedText {
  original: string;
  norm: string;
  /** origin[i] = offset in `original` of the code point that produced norm[i]; origin[norm.length] = original.length. */
  origin: Int32Array;
}

// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const ASCII = /^[\x00-\x7f]*$/;

export function mapText(original: string): MappedText {
  if (ASCII.test(original)) {
    // Lower-casing ASCII keeps every offset.
    const origin = new Int32Array(original.length + 1);
    for (let i = 0; i <= original.length; i++) origin[i] = i;
    return { original, norm: original.toLowerCase(), origin };
  }
  let norm = '';
  const origin: number[] = [];
  for (let i = 0; i < original.length;) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const piece = cp < 0x80 ? String.fromCharCode(cp).toLowerCase() : normalizeForMatch(original.slice(i, i + width));
    for (let k = 0; k < piece.length; k++) origin.push(i);
    norm += piece;
    i += width;
  }
  origin.push(original.length);
  return { original, norm, origin: Int32Array.from(origin) };
}

/** The original span of norm[start, end). */
export function toOriginal(m: MappedText, start: number, end: number): { start: number; end: number } {
  const s = m.origin[Math.max(0, Math.min(start, m.norm.length))]!;
  if (end <= start) return { start: s, end: s };
  // The end is the end of the code point that produced norm[end - 1].
  const lastFrom = m.origin[Math.min(end, m.norm.length) - 1]!;
  const cp = m.original.codePointAt(lastFrom)!;
  return { start: s, end: lastFrom + (cp > 0xffff ? 2 : 1) };
}
