import { findContactHandles } from '../facts/contactHandles';

// Card numbers (13–19 digits, spaced or not) and bank account numbers after a bank word.
const CARD = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/gu;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/giu;
const PAYMENT_ACCOUNT = /(?:支付宝|alipay|paypal|venmo|zelle|cashapp|cash app)[\s:：账号是为]{0,6}([a-z0-9._@+-]{4,})/giu;

/** Keeps the first and last characters a moderator needs to recognise a pattern, stars the rest. */
function star(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const keep = Math.min(3, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - 2 * keep) + chars.slice(-keep).join('');
}

/**
 * Masks personal data in a text: contact handles (phone, WeChat, QQ, e-mail, Telegram, WhatsApp,
 * LINE), card numbers and payment accounts. Everything else is left exactly as written, so the
 * evidence stays readable while the identifiers do not.
 */
export function maskPersonalData(text: string): string {
  const spans: Array<[number, number]> = [];
  const nfkc = text.normalize('NFKC');
  // Positions must refer to the text we return: mask on the NFKC form only if it has the same length.
  const base = nfkc.length === text.length ? nfkc : text;
  const lower = base.toLowerCase();
  for (const h of findContactHandles(base)) {
    const at = lower.indexOf(h.value.toLowerCase(), h.index);
    if (at >= 0) spans.push([at, at + h.value.length]);
    else {
      // Handles are reported without their separators (phones): mask the digits where they stand.
      let seen = 0;
      for (let i = h.index; i < lower.length && seen < h.value.length; i++) {
        if (lower[i] === h.value[seen]) {
          spans.push([i, i + 1]);
          seen++;
        }
      }
    }
  }
  for (const re of [CARD, EMAIL]) for (const m of base.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  for (const m of base.matchAll(PAYMENT_ACCOUNT)) {
    const start = m.index + m[0].length - m[1]!.length;
    spans.push([start, start + m[1]!.length]);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [s, e] of spans) {
    if (e <= cursor) continue;
    const from = Math.max(s, cursor);
    out += base.slice(cursor, from) + star(base.slice(from, e));
    cursor = e;
  }
  return out + base.slice(cursor);
}

const CONTACT_KINDS = new Set(['wechat', 'qq', 'phone', 'email', 'telegram', 'whatsapp', 'line']);

/**
 * Masks every string inside a JSON value (explanations carry fact values copied from texts); a
 * contact handle already extracted ({kind, value}) has its value starred outright.
 */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    if (typeof o.kind === 'string' && CONTACT_KINDS.has(o.kind) && typeof o.value === 'string') return { ...o, value: star(o.value) } as T;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}
