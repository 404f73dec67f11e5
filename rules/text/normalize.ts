import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/*
 * Traditional → simplified, one character at a time, from OpenCC's character table. Phrase-level
 * conversion is more accurate but costs microseconds per call; for matching keywords the
 * character fold is what is cheap enough for the hot path.
 */
const TRADITIONAL_TO_SIMPLIFIED = new Map<string, string>();
for (const entry of (TS_CHARACTERS as string).split('|')) {
  const [from, to] = entry.split(' ');
  if (from && to && [...from].length === 1 && [...to].length === 1) TRADITIONAL_TO_SIMPLIFIED.set(from, to);
}

const HAS_NON_ASCII = /[^\x00-\x7f]/;

/** NFKC (full-width → half-width), lower case, traditional → simplified: the form keyword matching compares. */
export function normalizeForMatch(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text.toLowerCase();
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}
