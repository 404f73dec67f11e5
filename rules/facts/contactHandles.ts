export type ContactKind = 'wechat' | 'qq' | 'phone' | 'email' | 'telegram' | 'whatsapp' | 'line';

export interface ContactHandle {
  kind: ContactKind;
  value: string;
  /** Where in the (NFKC-normalised) text the handle starts, for highlighting. */
  index: number;
}

const CHINESE_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  洞: '0',
  一: '1',
  幺: '1',
  壹: '1',
  二: '2',
  两: '2',
  贰: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  拐: '7',
  八: '8',
  捌: '8',
  九: '9',
  勾: '9',
  玖: '9',
};

/**
 * Digits as a reader would read them: Chinese numerals become digits, everything else stays,
 * character for character, so positions in this view are positions in the text.
 */
const CHINESE_DIGIT = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}]`, 'gu');

function digitView(text: string): string {
  // One replace, not a string built character by character: this runs on every post's text.
  return text.replace(CHINESE_DIGIT, (ch) => CHINESE_DIGITS[ch]!);
}

// Disguises of WeChat that vendors use to dodge keyword filters: 微信, 威信, 薇信, V信, vx, wx, 加V, +V, 🛰 …
const WECHAT_CUE = /(?:微信|威信|薇信|徽信|wei\s?xin|weixin|wechat|v信|vx|wx|加\s?v|\+\s?v|🛰|绿泡泡|v\s?[:：])/giu;
const WECHAT_ID = /^[\s:：,，号是为@-]{0,6}([a-z][-_a-z0-9]{5,19}|1[3-9]\d{9})(?![a-z0-9_])/iu;
const QQ = /(?:qq|扣扣|企鹅|q号|口口)[\s:：号是为]{0,4}([1-9]\d{4,10})(?!\d)/giu;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/giu;
const TELEGRAM = /(?:telegram|电报|飞机|\btg\b)[\s:：号是为]{0,4}@?([a-z][a-z0-9_]{4,31})|t\.me\/([a-z][a-z0-9_]{4,31})/giu;
const WHATSAPP = /(?:whats\s?app|\bwa\b)[\s:：号是为]{0,4}(\+?\d[\d\s-]{7,16}\d)|wa\.me\/(\d{8,15})/giu;
const LINE = /\bline\s?(?:id)?[\s:：]{1,4}@?([a-z0-9._-]{4,20})/giu;
// Mainland mobile numbers with any separators, and international numbers written with a +.
const PHONE = /(?<![\d+])(?:\+?86[\s-]?)?1[3-9](?:[\s.-]?\d){9}(?!\d)|\+\d{1,3}(?:[\s.-]?\d){7,12}(?!\d)/gu;

function push(out: ContactHandle[], kind: ContactKind, value: string, index: number) {
  const clean = kind === 'phone' || kind === 'whatsapp' ? value.replace(/[\s.-]/g, '') : value.toLowerCase();
  if (!out.some((h) => h.kind === kind && h.value === clean)) out.push({ kind, value: clean, index });
}

/** Contact handles in a text that has been NFKC-normalised (full-width letters and digits folded). */
export function findContactHandles(text: string): ContactHandle[] {
  const out: ContactHandle[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(WECHAT_CUE)) {
    const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 30);
    const id = WECHAT_ID.exec(digitView(after));
    if (id) push(out, 'wechat', id[1]!, m.index);
  }
  for (const m of lower.matchAll(QQ)) push(out, 'qq', m[1]!, m.index);
  for (const m of lower.matchAll(EMAIL)) push(out, 'email', m[0], m.index);
  for (const m of lower.matchAll(TELEGRAM)) push(out, 'telegram', (m[1] ?? m[2])!, m.index);
  for (const m of lower.matchAll(WHATSAPP)) push(out, 'whatsapp', (m[1] ?? m[2])!, m.index);
  for (const m of lower.matchAll(LINE)) push(out, 'line', m[1]!, m.index);
  const digits = digitView(lower);
  for (const m of digits.matchAll(PHONE)) {
    const value = m[0].replace(/[\s.-]/g, '');
    // A number already reported as a WeChat id or WhatsApp number is the same handle.
    if (!out.some((h) => (h.kind === 'wechat' || h.kind === 'whatsapp') && value.endsWith(h.value.replace(/^\+/, ''))))
      push(out, 'phone', value, m.index);
  }
  return out.sort((a, b) => a.index - b.index);
}

// Phone invitations name the number's use ("call me at", not "call me crazy"): the rules pair an
// invite with a handle, and a bare "call me" is too common in ordinary talk to count.
const INVITES =
  /(?:加我|加一下|私聊|私信我|联系我|详聊|私下|找我|打我电话|给我打电话|dm me|message me|text me|add me|contact me|hit me up|inbox me|pm me|whatsapp me|call me (?:at|on)\b)/iu;

/** The text invites readers to make contact outside the thread. */
export function hasContactInvite(text: string): boolean {
  return INVITES.test(text);
}
