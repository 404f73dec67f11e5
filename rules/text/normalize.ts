import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/*
 * Traditional → simplified, one character at a time, from OpenCC's character table. Phrase-level
 * conversion is more accurate but costs microseconds per call; for matching keywords the
 * character fold is what is cheap enough for the hot path. The table covers the Basic
 * Multilingual Plane, where nearly all traditional characters in use live.
 */
const TRADITIONAL_TO_SIMPLIFIED = new Uint16Array(0x10000);
for (const entry of (TS_CHARACTERS as string).split('|')) {
  const [from, to] = entry.split(' ');
  if (from && to && from.length === 1 && to.length === 1) TRADITIONAL_TO_SIMPLIFIED[from.charCodeAt(0)] = to.charCodeAt(0);
}

const HAS_NON_ASCII = /[^\x00-\x7f]/;

/** NFKC (full-width → half-width), lower case, traditional → simplified: the form keyword matching compares. */
export function normalizeForMatch(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text.toLowerCase();
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  let last = 0;
  for (let i = 0; i < folded.length; i++) {
    const mapped = TRADITIONAL_TO_SIMPLIFIED[folded.charCodeAt(i)]!;
    if (mapped !== 0) {
      out += folded.slice(last, i) + String.fromCharCode(mapped);
      last = i + 1;
    }
  }
  return last === 0 ? folded : out + folded.slice(last);
}
