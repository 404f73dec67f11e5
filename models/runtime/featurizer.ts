import { normalizeForMatch } from '../../rules/text/normalize';
import { PROMO_CUE_NAMES, promoCueMask, type PromoCueScan } from '../../rules/text/promoCues';

/** Stored in the model's metadata; a model refuses to load under a featurizer of another version. */
export const FEATURIZER_VERSION = 'hashed-ngrams-cues-v2';
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
/** Texts are featurized from their first 1,000 characters; a post longer than that is judged by its opening. */
export const MAX_TEXT_CHARS = 1000;

export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

/*
 * FNV-1a, 32 bits. Feature hashing needs a fast, stable, well-mixed hash of short strings and
 * nothing more; this is a few lines, so it is written here rather than imported. It is fed in
 * pieces ("c:" then a character) so that n-grams are hashed without building their strings: the
 * result is the hash of the concatenation, as the model was trained on.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnvFeed(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

// Final avalanche so the low bits (the index) and the top bit (the sign) are independent.
export function fnvFinish(state: number): number {
  let h = state ^ (state >>> 15);
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export function fnv1a(text: string): number {
  return fnvFinish(fnvFeed(FNV_OFFSET, text));
}

const CHAR = fnvFeed(FNV_OFFSET, 'c:');
const CHAR_PAIR = fnvFeed(FNV_OFFSET, 'cc:');
const WORD = fnvFeed(FNV_OFFSET, 'w:');
const WORD_PAIR = fnvFeed(FNV_OFFSET, 'ww:');
const SPACE = ' ';

// The hashes of the fixed tokens, computed once: the same values fnv1a gives each time.
const TOKEN = {
  url: fnv1a('<url>'),
  price: fnv1a('<price>'),
  phone: fnv1a('<phone>'),
  digits: fnv1a('<digits>'),
  masked: fnv1a('<masked>'),
  contact: fnv1a('<contact>'),
  code: fnv1a('<code>'),
  bangs: fnv1a('<bangs>'),
  emoji: fnv1a('<emoji>'),
  emoji3: fnv1a('<emoji3>'),
  empty: fnv1a('<empty>'),
};
const CUE_TOKENS = PROMO_CUE_NAMES.map((name) => fnv1a(`<cue:${name}>`));
const CUE_COUNT_TOKENS = [0, 1, 2, 3, 4].map((n) => fnv1a(`<cues:${n}>`));
const LINK_CUE = 1 << PROMO_CUE_NAMES.indexOf('link');

/*
 * Scratch space for one call's occurrences and counts, reused across calls (featurize is
 * synchronous, so no two calls share it at once): allocating and copying them per text cost more
 * than the hashing. countBuffer never needs more cells than occurrenceBuffer has.
 */
let occurrenceBuffer: Int32Array = new Int32Array(4096);
let countBuffer: Int32Array = new Int32Array(4096);
function growBuffer(old: Int32Array): Int32Array {
  const grown = new Int32Array(old.length * 2);
  grown.set(old);
  countBuffer = new Int32Array(grown.length);
  return grown;
}

const WORDS = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|\|/gu;

/** fnvFeed over text[start, end). */
function fnvFeedRange(state: number, text: string, start: number, end: number): number {
  let h = state;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** How many code units the code point at i takes (2 for a well-formed surrogate pair), as string iteration counts. */
function codePointUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）)】]+/giu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const PRICE = /(?:[¥￥$€£]\s?\d|\d\s?(?:元|块|rmb|美元|dollars?|bucks))/iu;
const PHONE = /(?:\+?\d[\d\s-]{8,}\d)|(?:1[3-9]\d{9})/u;
const DIGITS = /\d{5,}/u;
const MASKED = /x{3,}/u;
const CONTACT_CUES = /(?:微信|威信|薇信|v信|vx|wx|加v|qq|扣扣|企鹅|whatsapp|telegram|电报|dm me|text me|私聊|加我)/iu;
const CODE = /(?:优惠码|折扣码|邀请码|use my code|promo code|discount code|\bcode\s+[a-z]+\d+)/iu;
const BANGS = /[!！]{2,}/u;

/*
 * Cheap tests that rule a costly pattern out before it runs; each is implied by its pattern
 * (the body is already NFKC-folded and lower-cased, so no other character can match these
 * letters), so the features are the same with or without them. A URL needs "://" or "www.";
 * a code cue contains "code" or 码; emoji and the CJK scripts start at U+00A9 and U+1100.
 */
const MAY_BE_URL = /:\/\/|www\./i;
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const MAY_HAVE_EMOJI = /[^\u0000-\u00a8]/;
const MAY_HAVE_CJK = /[\u1100-\uffff]/;
const mayHaveCode = (body: string) => body.includes('code') || body.includes('码');

/** Each guard with the pattern it must never rule out, and the text it sees; checked by a property test. */
export const GUARDS: ReadonlyArray<{ name: string; guard: (text: string) => boolean; pattern: RegExp; sees: 'nfkc' | 'body' }> = [
  { name: 'url', guard: (t) => MAY_BE_URL.test(t), pattern: URL, sees: 'nfkc' },
  { name: 'emoji', guard: (t) => MAY_HAVE_EMOJI.test(t), pattern: EMOJI, sees: 'nfkc' },
  { name: 'code', guard: mayHaveCode, pattern: CODE, sees: 'body' },
  { name: 'cjk', guard: (t) => MAY_HAVE_CJK.test(t), pattern: CJK_RUN, sees: 'body' },
];

/**
 * Hashed n-gram features of a text. Training and serving call this one function, so a model
 * sees at run time exactly the features it was trained on.
 */
export function featurize(raw: string): SparseFeatures {
  return featurizeWithCues(raw).features;
}

/** The same, with the promotion-cue scan of the text's body, for the policy facts to reuse. */
export function featurizeWithCues(raw: string): { features: SparseFeatures; cues: PromoCueScan } {
  const text = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
  // Each occurrence as index × 2 + (1 when its sign is negative); sorted and summed at the end,
  // which is cheaper than a map updated per token. The sign bit makes colliding features cancel
  // on average instead of adding up.
  let count = 0;
  const addHashed = (h: number) => {
    if (count === occurrenceBuffer.length) occurrenceBuffer = growBuffer(occurrenceBuffer);
    occurrenceBuffer[count++] = (h & (FEATURE_DIM - 1)) * 2 + (h >>> 31);
  };
  const nfkc = text.normalize('NFKC');
  const urls = MAY_BE_URL.test(nfkc) ? (nfkc.match(URL) ?? []) : [];
  for (const u of urls) {
    addHashed(TOKEN.url);
    const host = /^(?:https?:\/\/)?(?:www\.)?([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase();
    if (host) addHashed(fnv1a(`<host>${host}`));
  }
  const body = normalizeForMatch(urls.length ? nfkc.replace(URL, ' ') : nfkc);
  if (PRICE.test(body)) addHashed(TOKEN.price);
  if (PHONE.test(body)) addHashed(TOKEN.phone);
  if (DIGITS.test(body)) addHashed(TOKEN.digits);
  if (MASKED.test(body)) addHashed(TOKEN.masked);
  if (CONTACT_CUES.test(body)) addHashed(TOKEN.contact);
  if (mayHaveCode(body) && CODE.test(body)) addHashed(TOKEN.code);
  if (BANGS.test(body)) addHashed(TOKEN.bangs);
  const emoji = MAY_HAVE_EMOJI.test(nfkc) ? (nfkc.match(EMOJI)?.length ?? 0) : 0;
  if (emoji) addHashed(emoji >= 3 ? TOKEN.emoji3 : TOKEN.emoji);
  if (body.trim() === '') addHashed(TOKEN.empty);
  // Named promotion cues (rules/text/promoCues.ts): a cue learned from one source's wording
  // carries to another's, which bare n-grams do not. How many cues a text shows is a feature too.
  // A text with a URL shows the link cue whatever its body says.
  const bodyCues = promoCueMask(body);
  const cueMask = bodyCues | (urls.length ? LINK_CUE : 0);
  let cues = 0;
  for (let i = 0; i < CUE_TOKENS.length; i++) {
    if (cueMask & (1 << i)) {
      addHashed(CUE_TOKENS[i]!);
      cues++;
    }
  }
  addHashed(CUE_COUNT_TOKENS[Math.min(cues, 4)]!);

  // CJK: characters and character pairs (no word segmentation needed), hashed from the run's
  // code units without building a string per character.
  const hasCjk = MAY_HAVE_CJK.test(body);
  for (const run of hasCjk ? (body.match(CJK_RUN) ?? []) : []) {
    let start = 0;
    while (start < run.length) {
      const end = start + codePointUnits(run, start);
      addHashed(fnvFinish(fnvFeedRange(CHAR, run, start, end)));
      if (end < run.length) {
        const next = end + codePointUnits(run, end);
        addHashed(fnvFinish(fnvFeedRange(fnvFeedRange(CHAR_PAIR, run, start, end), run, end, next)));
      }
      start = end;
    }
  }
  // Latin script and digits: words and word pairs.
  const latin = hasCjk ? body.replace(CJK_RUN, ' | ') : body;
  let previous: string | null = null;
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(latin); m !== null; m = WORDS.exec(latin)) {
    const w = m[0];
    if (w === '|') {
      previous = null;
      continue;
    }
    const word = /^\d+$/.test(w) ? (w.length > 3 ? '<num>' : w) : w;
    addHashed(fnvFinish(fnvFeed(WORD, word)));
    if (previous) addHashed(fnvFinish(fnvFeed(fnvFeed(fnvFeed(WORD_PAIR, previous), SPACE), word)));
    previous = word;
  }

  const occurrences = occurrenceBuffer.subarray(0, count).sort();
  // Distinct indices and their signed counts, written over the sorted occurrences (each write is
  // at or behind the read position).
  let distinct = 0;
  for (let i = 0; i < count;) {
    const index = occurrences[i]! >>> 1;
    let c = 0;
    for (; i < count && occurrences[i]! >>> 1 === index; i++) c += occurrences[i]! & 1 ? -1 : 1;
    if (c !== 0) {
      occurrences[distinct] = index;
      countBuffer[distinct] = c;
      distinct++;
    }
  }
  const indices = occurrences.slice(0, distinct);
  const values = new Float32Array(distinct);
  let norm = 0;
  for (let i = 0; i < distinct; i++) {
    const c = countBuffer[i]!;
    // Sub-linear counts: a word said five times is not five times the evidence.
    const v = Math.sign(c) * (1 + Math.log(Math.abs(c)));
    values[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / norm;
  return { features: { indices, values }, cues: { normalized: body, mask: bodyCues } };
}
