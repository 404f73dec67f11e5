import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/*
 * Traditional → simplified, one character at a time, from OpenCC's character table. Phrase-level
 * conversion is more accurate but costs microseconds per call; for matching keywords the
 * character fold is what is cheap enough for the hot path. The table covers the Basic
 * Multilingual Plane, where nearly all traditional characters in use live.
 */
const TRADITIONAL_TO_SIMPLIFIED = new Uint16Array(0x10000);
for (const entry of TS_CHARACTERS.split('|')) {
  const [from, to] = entry.split(' ');
  if (from && to && from.length === 1 && to.length === 1) TRADITIONAL_TO_SIMPLIFIED[from.charCodeAt(0)] = to.charCodeAt(0);
}

// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const HAS_NON_ASCII = /[^\x00-\x7f]/;

/** The full path, exported so that tests can hold the fast one to it. */
export { normalizeSlowly };

/**
 * The normalised form of each character of the everyday Chinese-and-ASCII repertoire (ASCII, CJK
 * punctuation, CJK ideographs, full-width forms) whose form is one UTF-16 unit; 0 for any other.
 * None of these characters combines with its neighbours under NFKC (no combining marks, no
 * jamo) and none has a context-dependent lower case, so a text made only of them normalises
 * character by character, without String.prototype.normalize. Built from the full path itself.
 */
const SIMPLE_FORM = new Uint16Array(0x10000);
const COMBINING = /\p{M}/u;
for (const [from, to] of [
  [0x20, 0x7e],
  [0x3000, 0x303f],
  [0x4e00, 0x9fff],
  [0xff01, 0xff5e],
]) {
  for (let c = from!; c <= to!; c++) {
    const form = normalizeSlowly(String.fromCharCode(c));
    if (form.length === 1 && !COMBINING.test(String.fromCharCode(c)) && !COMBINING.test(form)) SIMPLE_FORM[c] = form.charCodeAt(0);
  }
}
for (const c of [0x09, 0x0a, 0x0d]) SIMPLE_FORM[c] = c;

const units = new Uint16Array(4096);

/** NFKC (full-width → half-width), lower case, traditional → simplified: the form keyword matching compares. */
export function normalizeForMatch(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text.toLowerCase();
  const n = text.length;
  if (n > units.length) return normalizeSlowly(text);
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const form = SIMPLE_FORM[c]!;
    if (form === 0) return normalizeSlowly(text);
    units[i] = form;
    if (form !== c) changed = true;
  }
  return changed ? String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]) : text;
}

function normalizeSlowly(text: string): string {
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
