import { normalizeForMatch } from '../rules/text/normalize';

/** Stored in the model's metadata; a model refuses to load under a featurizer of another version. */
export const FEATURIZER_VERSION = 'hashed-ngrams-v1';
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
 * nothing more; this is a few lines, so it is written here rather than imported.
 */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche so the low bits (the index) and the top bit (the sign) are independent.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
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

/**
 * Hashed n-gram features of a text. Training and serving call this one function, so a model
 * sees at run time exactly the features it was trained on.
 */
export function featurize(raw: string): SparseFeatures {
  const text = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
  const counts = new Map<number, number>();
  const add = (token: string) => {
    const h = fnv1a(token);
    const index = h & (FEATURE_DIM - 1);
    // The sign bit makes colliding features cancel on average instead of adding up.
    const sign = h & 0x80000000 ? -1 : 1;
    counts.set(index, (counts.get(index) ?? 0) + sign);
  };
  const nfkc = text.normalize('NFKC');
  const urls = nfkc.match(URL) ?? [];
  for (const u of urls) {
    add('<url>');
    const host = /^(?:https?:\/\/)?(?:www\.)?([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase();
    if (host) add(`<host>${host}`);
  }
  const body = normalizeForMatch(urls.length ? nfkc.replace(URL, ' ') : nfkc);
  if (PRICE.test(body)) add('<price>');
  if (PHONE.test(body)) add('<phone>');
  if (DIGITS.test(body)) add('<digits>');
  if (MASKED.test(body)) add('<masked>');
  if (CONTACT_CUES.test(body)) add('<contact>');
  if (CODE.test(body)) add('<code>');
  if (BANGS.test(body)) add('<bangs>');
  const emoji = nfkc.match(EMOJI)?.length ?? 0;
  if (emoji) add(emoji >= 3 ? '<emoji3>' : '<emoji>');
  if (body.trim() === '') add('<empty>');

  // CJK: characters and character pairs (no word segmentation needed).
  for (const run of body.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      add(`c:${chars[i]}`);
      if (i + 1 < chars.length) add(`cc:${chars[i]}${chars[i + 1]}`);
    }
  }
  // Latin script and digits: words and word pairs.
  const latin = body.replace(CJK_RUN, ' | ');
  let previous: string | null = null;
  for (const m of latin.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|\|/gu)) {
    const w = m[0];
    if (w === '|') {
      previous = null;
      continue;
    }
    const word = /^\d+$/.test(w) ? (w.length > 3 ? '<num>' : w) : w;
    add(`w:${word}`);
    if (previous) add(`ww:${previous} ${word}`);
    previous = word;
  }

  const indices = [...counts.keys()].filter((k) => counts.get(k) !== 0).sort((a, b) => a - b);
  const values = new Float32Array(indices.length);
  let norm = 0;
  indices.forEach((k, i) => {
    const c = counts.get(k)!;
    // Sub-linear counts: a word said five times is not five times the evidence.
    const v = Math.sign(c) * (1 + Math.log(Math.abs(c)));
    values[i] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / norm;
  return { indices: Int32Array.from(indices), values };
}
