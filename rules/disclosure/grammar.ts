import type { MappedText } from './textMap';

/*
 * The marker grammar: how readers recognise an advertising disclosure. A marker word counts only
 * in a form a reader takes for a label — a hashtag, a bracket or parenthesis, a prefix followed
 * by a separator at the start of a line, a line of its own, a sponsor credit naming who paid —
 * or as a phrase that cannot mean anything else ("paid partnership", "商业合作"). Anywhere else a
 * marker word is talk about advertising, a quotation, a denial or another sense ("广告牌",
 * "Ad hoc", "I sponsor a team"), and discloses nothing. Strength then depends on where it sits.
 *
 * The words are data: each group is a named policy list (rules/starter/lists.ts) compliance staff
 * edit at /api/policy-lists; the defaults below are what ships.
 */

/** Markers that disclose on their own in a label form; phrases of several words also count in running text. */
export const DEFAULT_DISCLOSURE_PHRASES = [
  '广告',
  '推广',
  '赞助',
  '恰饭',
  '商业合作',
  '品牌合作',
  '商务合作',
  '付费合作',
  '推广合作',
  '合作推广',
  '品牌方付费',
  '品牌方提供',
  '品牌方赠送',
  '品牌方寄送',
  '品牌方免费寄',
  '品牌赠送',
  '品牌寄送',
  '含推广',
  '含广告',
  '这是广告',
  '公关礼盒',
  '免费收到',
  '赞助商',
  '本期赞助',
  '感谢赞助',
  '有佣金',
  '获得佣金',
  '赚取佣金',
  '佣金链接',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'advertorial',
  'sponsored',
  'sponsor',
  'paid partnership',
  'paid partner',
  'paid promotion',
  'paid ad',
  'gifted',
  'affiliate',
  'affiliate link',
  'affiliate links',
  'i earn a commission',
  'i may earn a commission',
  'i earn from qualifying purchases',
  'earn a commission',
  'earn a small commission',
  'earn commission',
  'get a commission',
  'affiliate commission',
  'our sponsor',
  "today's sponsor",
  "this video's sponsor",
  "this episode's sponsor",
  'this is an ad',
  'this post is sponsored',
  'this video is sponsored',
  'pr package',
  'pr gift',
];

/** Credits that name who paid or gave: `{brand}` stands for the name. Clear where a reader sees them. */
export const DEFAULT_CREDIT_PHRASES = [
  'sponsored by {brand}',
  'in partnership with {brand}',
  'partnered with {brand}',
  'partnering with {brand}',
  'paid partnership with {brand}',
  'gifted by {brand}',
  'pr package from {brand}',
  '{brand} sent me',
  'sent to me by {brand}',
  'courtesy of {brand}',
  '{brand} is a paid partner',
  'thanks to {brand} for sponsoring',
  'thank you {brand} for sponsoring',
  'thanks {brand} for sponsoring',
  '由{brand}赞助',
  '由{brand}提供',
  '由{brand}独家冠名',
  '感谢{brand}提供',
  '感谢{brand}赞助',
  '感谢{brand}赠送',
  '为{brand}合作内容',
  '为{brand}赞助',
  '与{brand}的商业合作',
  '与{brand}的付费合作',
  '与{brand}开展推广合作',
  '{brand}寄送',
  '{brand}赠送的',
];

/** Wording FTC and 广告 practice call ambiguous on its own ("#sp", "thanks [brand]", "感谢品牌", "合作"). */
export const DEFAULT_AMBIGUOUS_PHRASES = [
  'sp',
  'spon',
  'collab',
  'partner',
  'partnership',
  'thanks {brand}',
  'thank you {brand}',
  '感谢{brand}',
  '和{brand}合作',
  '跟{brand}合作',
  '与{brand}合作',
  '合作',
];

/** Phrases in which a marker word means something else (a billboard, an ad agency, AD 79) or is denied. */
export const DEFAULT_NON_MARKERS = [
  '广告牌',
  '广告公司',
  '广告学',
  '广告位',
  '广告语',
  '广告词',
  '广告片',
  '打广告',
  '广告费',
  '广告法',
  '广告招租',
  '无广',
  '非广告',
  '非推广',
  '不是广告',
  '不是推广',
  '不是恰饭',
  '没有任何合作',
  '没有合作',
  '商业合作请',
  '商务合作请',
  '品牌合作请',
  '商业合作联系',
  '商务合作联系',
  '品牌合作联系',
  'ad hoc',
  'ad/hd',
  'ad-free',
  'ad free',
  'ad blocker',
  'adblock',
  'not sponsored',
  'non-sponsored',
  'not an ad',
  'not a paid',
  'no sponsor',
  "isn't an ad",
  "isn't sponsored",
  'not affiliated',
  '#notsponsored',
  '#notanad',
  '#nonsponsored',
];

/** Words that, in the same clause, make a marker phrase talk about disclosure rather than disclose. */
export const DEFAULT_MENTION_CUES = [
  '说',
  '问',
  '要标',
  '标明',
  '标注',
  '规定',
  '新规',
  '似的',
  '科普',
  '划走',
  'people write',
  'says',
  'asks',
  'asked',
  'should',
  'rules',
  'ftc',
  'label',
  'sound like',
  'guide',
];

export interface GrammarLists {
  disclosure_phrases?: readonly string[];
  disclosure_credit_phrases?: readonly string[];
  disclosure_ambiguous_phrases?: readonly string[];
  disclosure_non_markers?: readonly string[];
  disclosure_mention_cues?: readonly string[];
}

export interface Grammar {
  /** Single words (广告, ad, sponsored): count only in a label form. */
  words: Set<string>;
  /** Several words or a long compound: count in running text too. */
  phrases: string[];
  credits: Template[];
  ambiguousWords: Set<string>;
  ambiguousTemplates: Template[];
  nonMarkers: string[];
  mentionCues: string[];
  /** Hashtag segmentation dictionary: every unit and the filler words tags are built from. */
  tagUnits: Map<string, 'clear' | 'ambiguous' | 'negation' | 'filler'>;
}

interface Template {
  source: string;
  re: RegExp;
  brandGroup: boolean;
  /** The longest literal part: a text without it cannot match, so the regex is skipped (most posts). */
  anchor: string;
}

const HAN = /\p{Script=Han}/u;
const isSingleWord = (p: string) => (HAN.test(p) ? [...p].length <= 2 : !/\s/.test(p.trim()));
const clean = (items: readonly string[] | undefined) => (items ?? []).map((s) => s.trim().toLowerCase().replace(/^#/, '')).filter(Boolean);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A brand: up to four Latin words, or up to ten Han/Latin characters with no punctuation.
const BRAND_LATIN = "[\\p{L}\\p{N}][\\p{L}\\p{N}&'’.-]*(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}&'’.-]*){0,3}?";
const BRAND_HAN = '[^\\s，。！？、；：:;,.!?（）()【】「」“”"|｜#]{1,10}?';

function compileTemplate(source: string): Template | null {
  const t = source.trim().toLowerCase();
  if (!t) return null;
  const parts = t.split('{brand}');
  if (parts.length > 2) return null;
  const brand = HAN.test(t) ? BRAND_HAN : BRAND_LATIN;
  const body = parts.length === 2 ? `${escape(parts[0]!)}(${brand})${escape(parts[1]!)}` : escape(t);
  // Latin templates stand as words; a slot at the end stops at the name's end.
  const pre = /^[a-z0-9{]/.test(t) ? '(?<![\\p{L}\\p{N}])' : '';
  // A slot at the end stops where the name does: at a non-letter in Latin, at a particle or punctuation in Chinese.
  const endSlot = parts.length === 2 && parts[1] === '';
  const post = endSlot
    ? HAN.test(t)
      ? '(?=[的之送寄提赞！!，,。、\\s~～]|$)'
      : '(?![\\p{L}\\p{N}])'
    : /[a-z0-9]$/.test(t)
      ? '(?![\\p{L}\\p{N}])'
      : '';
  try {
    const anchor = parts.reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
    return { source, re: new RegExp(`${pre}${body}${post}`, 'gu'), brandGroup: parts.length === 2, anchor };
  } catch {
    return null;
  }
}

const FILLERS = [
  'post',
  'by',
  'with',
  'content',
  'link',
  'links',
  'video',
  'product',
  'products',
  'pr',
  'gift',
  'paid',
  'promo',
  'promotion',
  'partnered',
  'ambassador',
  'brand',
  'review',
];
const NEGATIONS = ['not', 'non', 'no', 'un', 'never'];

export function buildGrammar(lists: GrammarLists = {}): Grammar {
  const pick = (l: readonly string[] | undefined, d: readonly string[]) => (l && l.length ? l : d);
  const clear = clean(pick(lists.disclosure_phrases, DEFAULT_DISCLOSURE_PHRASES));
  const ambiguous = pick(lists.disclosure_ambiguous_phrases, DEFAULT_AMBIGUOUS_PHRASES);
  const words = new Set(clear.filter(isSingleWord));
  const phrases = clear.filter((p) => !isSingleWord(p)).sort((a, b) => b.length - a.length);
  const tagUnits = new Map<string, 'clear' | 'ambiguous' | 'negation' | 'filler'>();
  for (const f of FILLERS) tagUnits.set(f, 'filler');
  for (const n of NEGATIONS) tagUnits.set(n, 'negation');
  const ambiguousWords = new Set(clean(ambiguous.filter((a) => !a.includes('{brand}'))));
  for (const a of ambiguousWords) if (!HAN.test(a)) tagUnits.set(a.replace(/\s+/g, ''), 'ambiguous');
  for (const c of clear) if (!HAN.test(c)) tagUnits.set(c.replace(/\s+/g, ''), 'clear');
  return {
    words,
    phrases,
    credits: pick(lists.disclosure_credit_phrases, DEFAULT_CREDIT_PHRASES)
      .map(compileTemplate)
      .filter((t): t is Template => !!t),
    ambiguousWords,
    ambiguousTemplates: ambiguous
      .filter((a) => a.includes('{brand}'))
      .map(compileTemplate)
      .filter((t): t is Template => !!t),
    nonMarkers: clean(pick(lists.disclosure_non_markers, DEFAULT_NON_MARKERS)),
    mentionCues: clean(pick(lists.disclosure_mention_cues, DEFAULT_MENTION_CUES)),
    tagUnits,
  };
}

const DEFAULT_GRAMMAR = buildGrammar();
export const defaultGrammar = () => DEFAULT_GRAMMAR;

export type MarkerForm = 'hashtag' | 'bracket' | 'prefix' | 'line' | 'credit' | 'phrase' | 'link';
export type MarkerReading = 'clear' | 'weak' | 'negated' | 'quoted' | 'mention' | 'other_sense';

export interface FoundMarker {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  phrase: string;
  form: MarkerForm;
  reading: MarkerReading;
  why: string;
  /** The name a credit gives (normalised-text offsets), when it has one. */
  brand?: { start: number; end: number; text: string };
}

/** Readers' words for people who are not a brand: "partnered with my sister", "和闺蜜合作". */
const PERSONAL =
  /^(?:my|our|his|her|their|me|you|a friend|friends|family|the kids|for|to|all|everyone|so|again|guys|闺蜜|室友|朋友|同事|家人|老公|老婆|妈|爸|孩子|同学|部门|家委会|我们|大家)(?![\p{L}])|^(?:闺蜜|室友|朋友|同事|家人|老公|老婆|妈|爸|孩子|同学|部门|家委会|我们|大家)/u;
const NEGATION_BEFORE =
  /(?:不是|并非|绝非|不算|没有任何|没有|没收钱|非|无|别说我|not|no|isn't|is not|never|non-|non|un)\s*(?:an?\s+|a\s+paid\s+|任何)?$/u;
const SEPARATOR = /^\s*[:：|｜丨—–]|^\s+-\s/u;

interface Region {
  start: number;
  end: number;
}

/** Quotations: “…”, 「…」, 『…』, "…", and '…' where the quote marks stand outside words. */
function quotedRegions(n: string): Region[] {
  const out: Region[] = [];
  const pairs: Array<[string, string]> = [
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
    ['"', '"'],
    ['《', '》'],
  ];
  for (const [o, c] of pairs) {
    let i = n.indexOf(o);
    while (i >= 0) {
      const j = n.indexOf(c, i + 1);
      if (j < 0 || j - i > 200) break;
      out.push({ start: i, end: j + 1 });
      i = n.indexOf(o, j + 1);
    }
  }
  for (const m of n.matchAll(/(?<![\p{L}\p{N}])'([^'\n]{1,120}?)'(?![\p{L}\p{N}])/gu))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function lineInfo(n: string) {
  const starts = [0];
  for (let i = 0; i < n.length; i++) if (n[i] === '\n') starts.push(i + 1);
  const lines = starts.map((s, k) => n.slice(s, k + 1 < starts.length ? starts[k + 1]! - 1 : n.length));
  let lastContent = lines.length - 1;
  while (lastContent > 0 && lines[lastContent]!.trim() === '') lastContent--;
  const lineOf = (i: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= i) k++;
    return k;
  };
  return { starts, lines, lastContent, lineOf };
}

const HASHTAG = /#([\p{L}\p{N}_]+)#?/gu;

/** Segments a hashtag body into dictionary units (camel case first, then a dictionary split). */
export function segmentTag(original: string, g: Grammar): string[] | null {
  const camel = original
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (const piece of camel) {
    const seg = splitUnits(piece, g);
    // A word of its own in camel case may be a name ("#LumenPartner"); run-together text must split fully.
    if (!seg && camel.length === 1) return null;
    out.push(...(seg ?? ['?']));
  }
  return out.some((u) => u !== '?') ? out : null;
}

function splitUnits(s: string, g: Grammar): string[] | null {
  // Shortest-count segmentation by dynamic programming; tags are short.
  const best: Array<string[] | null> = new Array(s.length + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < s.length; i++) {
    if (!best[i]) continue;
    for (let j = i + 1; j <= s.length; j++) {
      const w = s.slice(i, j);
      if (!g.tagUnits.has(w)) continue;
      const cand = [...best[i]!, w];
      if (!best[j] || cand.length < best[j]!.length) best[j] = cand;
    }
  }
  return best[s.length] ?? null;
}

/** Every marker-like thing in the text, with how a reader takes it. */
export function findMarkers(m: MappedText, g: Grammar, opts: { linkRegions: Region[] }): FoundMarker[] {
  const n = m.norm;
  const out: FoundMarker[] = [];
  const quotes = quotedRegions(n);
  const info = lineInfo(n);
  const inRegion = (rs: Region[], s: number, e: number) => rs.some((r) => s >= r.start && e <= r.end);
  const inLink = (s: number) => opts.linkRegions.some((r) => s >= r.start && s < r.end);
  const taken = (s: number, e: number) => out.some((f) => s < f.end && e > f.start);
  // Does a non-marker phrase cover [s, e)? Only starts between e - length and s can.
  const nonMarker = (s: number, e: number) =>
    g.nonMarkers.find((p) => {
      for (let i = Math.max(0, e - p.length); i <= s; i++) if (n.startsWith(p, i)) return true;
      return false;
    });
  const negatedBefore = (s: number) => NEGATION_BEFORE.test(n.slice(Math.max(0, s - 12), s).replace(/[(（【[#]\s*$/u, ''));
  const push = (f: Omit<FoundMarker, 'reading' | 'why'> & { reading?: MarkerReading; why?: string }) => {
    let reading: MarkerReading = f.reading ?? 'clear';
    let why = f.why ?? '';
    if (reading === 'clear' || reading === 'weak') {
      const nm = nonMarker(f.start, f.end);
      if (inRegion(quotes, f.start, f.end)) [reading, why] = ['quoted', 'inside a quotation: reported, not declared'];
      else if (nm) [reading, why] = [/不是|非|无|没有|not|no|n't/.test(nm) ? 'negated' : 'other_sense', `part of "${nm}"`];
      else if (f.form !== 'credit' && negatedBefore(f.start)) [reading, why] = ['negated', 'denied'];
    }
    out.push({ ...f, reading, why });
  };

  // 1. Hashtags: #ad, #PaidPartnership, #sponsoredpost, #广告, #品牌合作#, #notsponsored.
  for (const t of n.matchAll(HASHTAG)) {
    if (inLink(t.index)) continue;
    const body = t[1]!;
    const start = t.index;
    const end = start + t[0].length;
    let kind: 'clear' | 'ambiguous' | 'negated' | null = null;
    let phrase = `#${body}`;
    if (HAN.test(body)) {
      const neg = /^(?:非|不是|无|没有)/u.test(body);
      const hit =
        [...g.words, ...g.phrases].find((w) => HAN.test(w) && body.includes(w)) ??
        (body === '合作' || body.endsWith('合作') ? '合作' : undefined);
      if (hit) kind = neg ? 'negated' : 'clear';
    } else {
      const origBody = m.original.slice(m.origin[start + 1], m.origin[start + 1 + body.length] ?? m.original.length);
      const seg = segmentTag(origBody, g);
      if (
        seg &&
        seg.some((u) => {
          const k = g.tagUnits.get(u);
          return k !== undefined && k !== 'filler';
        })
      ) {
        // Camel case may split a unit the list holds whole ("Paid|Partnership" → "paidpartnership").
        const whole = splitUnits(body.replace(/_/g, ''), g);
        if (whole && whole.some((u) => g.tagUnits.get(u) === 'clear') && !seg.some((u) => g.tagUnits.get(u) === 'clear'))
          seg.splice(0, seg.length, ...whole);
        phrase = `#${seg.join(' ')}`;
        if (g.tagUnits.get(seg[0]!) === 'negation') kind = 'negated';
        else if (seg.some((u) => g.tagUnits.get(u) === 'clear')) kind = 'clear';
        else if (seg.some((u) => g.tagUnits.get(u) === 'ambiguous')) kind = 'ambiguous';
      }
    }
    if (!kind) continue;
    push({
      start,
      end,
      phrase,
      form: 'hashtag',
      reading: kind === 'negated' ? 'negated' : kind === 'ambiguous' ? 'weak' : 'clear',
      why: kind === 'negated' ? 'a denial tag' : kind === 'ambiguous' ? 'ambiguous on its own' : '',
    });
  }

  // 2. Credits naming who paid: "sponsored by X", "感谢X提供样品", "由X独家冠名".
  for (const t of g.credits) {
    if (!n.includes(t.anchor)) continue;
    for (const x of n.matchAll(t.re)) {
      const s = x.index;
      const e = s + x[0].length;
      if (inLink(s) || taken(s, e)) continue;
      const brandText = t.brandGroup ? (x[1] ?? '') : '';
      if (t.brandGroup && PERSONAL.test(brandText.trim())) {
        out.push({
          start: s,
          end: e,
          phrase: x[0],
          form: 'credit',
          reading: 'other_sense',
          why: `names "${brandText.trim()}", a person, not a brand`,
        });
        continue;
      }
      const bs = t.brandGroup ? s + x[0].indexOf(brandText) : -1;
      push({
        start: s,
        end: e,
        phrase: x[0],
        form: 'credit',
        brand: t.brandGroup ? { start: bs, end: bs + brandText.length, text: brandText } : undefined,
      });
    }
  }

  // 3. Brackets and parentheses holding a marker: "(ad)", "[Sponsored]", "【广告】", "（品牌方付费）", "(not an ad)".
  for (const x of n.matchAll(/[(（[【]\s*([^()（）[\]【】\n]{1,24}?)\s*[)）\]】]/gu)) {
    const inner = x[1]!.replace(/^#/, '').trim();
    const s = x.index;
    const e = s + x[0].length;
    if (inLink(s) || taken(s, e)) continue;
    const hit = markerIn(inner, g);
    if (!hit) continue;
    const neg = NEGATION_BEFORE.test(inner.slice(0, inner.indexOf(hit))) || /^(?:自费|非|not|no)\b/u.test(inner);
    push({ start: s, end: e, phrase: x[0], form: 'bracket', reading: neg ? 'negated' : undefined, why: neg ? 'denied' : undefined });
  }

  // 4. A label at the start of a line, followed by a separator: "Ad:", "Sponsored —", "广告｜", "推广：", "广告 ".
  const labelWords = [...g.phrases, ...g.words];
  for (let k = 0; k < info.lines.length; k++) {
    const line = info.lines[k]!;
    const lead = line.length - line.trimStart().length;
    const rest = line.slice(lead);
    for (const w of labelWords) {
      if (!rest.startsWith(w)) continue;
      const after = rest.slice(w.length);
      const zhSpace = HAN.test(w) && /^\s+\S/u.test(after);
      if (!SEPARATOR.test(after) && !zhSpace && !(after.trim() === '' || /^[\p{P}\s]*$/u.test(after))) continue;
      const s = info.starts[k]! + lead;
      const e = s + w.length;
      if (taken(s, e)) break;
      push({ start: s, end: e, phrase: w, form: after.trim() === '' || /^[\p{P}\s]*$/u.test(after) ? 'line' : 'prefix' });
      break;
    }
  }

  // 5. Phrases that cannot mean anything else, in running text: "paid partnership", "商业合作", "品牌方赠送".
  for (const p of g.phrases) {
    for (let i = n.indexOf(p); i >= 0; i = n.indexOf(p, i + 1)) {
      const e = i + p.length;
      if (/[a-z0-9]/.test(p[0]!) && /[\p{L}\p{N}]/u.test(n[i - 1] ?? '')) continue;
      if (/[a-z0-9]/.test(p[p.length - 1]!) && /[\p{L}\p{N}]/u.test(n[e] ?? '')) continue;
      if (inLink(i) || taken(i, e)) continue;
      const clause = clauseAround(n, i, e);
      const cue = g.mentionCues.find((c) => clause.includes(c));
      push({
        start: i,
        end: e,
        phrase: p,
        form: 'phrase',
        reading: cue ? 'mention' : undefined,
        why: cue ? `talks about disclosure ("${cue}")` : undefined,
      });
    }
  }

  // 6. Ambiguous credits: "Thanks Norvale!", "感谢初禾", "跟鹿野面包合作了一下".
  for (const t of g.ambiguousTemplates) {
    if (!n.includes(t.anchor)) continue;
    for (const x of n.matchAll(t.re)) {
      const s = x.index;
      const e = s + x[0].length;
      if (inLink(s) || taken(s, e)) continue;
      const brandText = (x[1] ?? '').trim();
      if (PERSONAL.test(brandText)) {
        out.push({
          start: s,
          end: e,
          phrase: x[0],
          form: 'credit',
          reading: 'other_sense',
          why: `names "${brandText}", a person, not a brand`,
        });
        continue;
      }
      const bs = s + x[0].indexOf(x[1] ?? '');
      push({
        start: s,
        end: e,
        phrase: x[0],
        form: 'credit',
        reading: 'weak',
        why: 'ambiguous on its own',
        brand: { start: bs, end: bs + (x[1] ?? '').length, text: x[1] ?? '' },
      });
    }
  }

  // 7. Marker words in running text that no form frames: said about advertising, not a label.
  for (const w of g.words) {
    const latin = !HAN.test(w);
    for (let i = n.indexOf(w); i >= 0; i = n.indexOf(w, i + 1)) {
      const e = i + w.length;
      if (latin && (/[\p{L}\p{N}]/u.test(n[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(n[e] ?? ''))) continue;
      if (inLink(i) || taken(i, e)) continue;
      const nm = nonMarker(i, e);
      const reading: MarkerReading = inRegion(quotes, i, e)
        ? 'quoted'
        : nm
          ? /不是|非|无|没有|not|no|n't/.test(nm)
            ? 'negated'
            : 'other_sense'
          : negatedBefore(i)
            ? 'negated'
            : 'mention';
      out.push({
        start: i,
        end: e,
        phrase: w,
        form: 'phrase',
        reading,
        why:
          reading === 'mention'
            ? 'a marker word in passing, in no label form'
            : nm
              ? `part of "${nm}"`
              : reading === 'quoted'
                ? 'inside a quotation'
                : 'denied',
      });
    }
  }
  // Bare ambiguous words ("合作") left over: ambiguous when not denied or another sense.
  for (const w of g.ambiguousWords) {
    if (!HAN.test(w)) continue;
    for (let i = n.indexOf(w); i >= 0; i = n.indexOf(w, i + 1)) {
      const e = i + w.length;
      if (inLink(i) || taken(i, e)) continue;
      push({ start: i, end: e, phrase: w, form: 'phrase', reading: 'weak', why: 'ambiguous on its own' });
    }
  }

  // Position: a clear marker a reader would miss is weak.
  for (const f of out) {
    if (f.reading !== 'clear' && f.reading !== 'weak') continue;
    const where = placement(n, f, out, info);
    if (where && f.reading === 'clear') [f.reading, f.why] = ['weak', where];
    else if (!f.why) f.why = f.start < 60 ? 'before the pitch' : 'in plain sight';
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A label form's inner marker: the whole bracket content or a marker unit inside it. */
function markerIn(inner: string, g: Grammar): string | null {
  if (g.words.has(inner) || g.phrases.includes(inner)) return inner;
  for (const p of g.phrases) if (inner.includes(p)) return p;
  for (const w of g.words) {
    if (HAN.test(w) ? inner.includes(w) : wordRe(w).test(inner)) return w;
  }
  if (inner === '合作') return inner;
  return null;
}

const WORD_RES = new Map<string, RegExp>();
/** A Latin word standing alone, compiled once per word. */
function wordRe(w: string): RegExp {
  let re = WORD_RES.get(w);
  if (!re) WORD_RES.set(w, (re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, 'u')));
  return re;
}

function clauseAround(n: string, s: number, e: number): string {
  const stops = /[，。！？；;!?\n]|[,.](?=\s)/u;
  let a = s;
  while (a > 0 && !stops.test(n[a - 1]!)) a--;
  let b = e;
  while (b < n.length && !stops.test(n[b]!)) b++;
  return n.slice(a, b);
}

function placement(n: string, f: FoundMarker, all: FoundMarker[], info: ReturnType<typeof lineInfo>): string | null {
  const line = info.lineOf(f.start);
  if (line >= 3 && line >= info.lastContent) return `on line ${line + 1} of ${info.lastContent + 1}, below the fold`;
  if (f.start > 400) return `${f.start} characters in, below the fold`;
  if (f.form === 'hashtag') {
    // Four or more hashtags in a row: the disclosure is lost among them.
    const tags = [...n.matchAll(HASHTAG)].map((t) => ({ start: t.index, end: t.index + t[0].length }));
    const k = tags.findIndex((t) => t.start === f.start);
    if (k >= 0) {
      let run = 1;
      for (let i = k - 1; i >= 0 && /^\s*$/.test(n.slice(tags[i]!.end, tags[i + 1]!.start)); i--) run++;
      for (let i = k + 1; i < tags.length && /^\s*$/.test(n.slice(tags[i - 1]!.end, tags[i]!.start)); i++) run++;
      if (run >= 4) return `among ${run} hashtags`;
    }
  }
  void all;
  return null;
}

export const LINK_MARKER_TOKENS = new Set([
  'ad',
  'ads',
  'sponsored',
  'sponsor',
  'paid',
  'advertorial',
  'guanggao',
  'tuiguang',
  '广告',
  '推广',
  '赞助',
]);

/** A disclosure word only inside a URL (".../sponsored/...", "?partner=paid-ad"): readers do not read URLs. */
export function markerInUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(/^https?:\/\//i.test(url) ? url : `http://${url}`);
  } catch {
    return null;
  }
  const tokens = decodeURIComponentSafe(`${u.pathname} ${u.search}`)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return tokens.find((t) => LINK_MARKER_TOKENS.has(t)) ?? null;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
