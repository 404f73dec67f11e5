import { normalizeForMatch } from '../text/normalize';
import { buildGrammar, defaultGrammar, findMarkers, markerInUrl, type FoundMarker, type Grammar, type GrammarLists } from './grammar';
import { defaultLinkPatterns, matchLink, parseLinkPatterns, type LinkPattern } from './commercialLinks';
import { mapText, toOriginal, type MappedText } from './textMap';

export type DisclosureStatus = 'disclosed' | 'weakly_disclosed' | 'undisclosed' | 'not_commercial';

export interface DisclosureInput {
  text: string;
  /** The platform's own "ad" label on the post. */
  platformLabel?: boolean;
  /** Partnerships of the author active when the post was written. */
  partnerships?: ReadonlyArray<{ brand: string; kind: 'sponsorship' | 'gifted' | 'affiliate' | string; names?: readonly string[] }>;
  /** Links the platform reports beside the text (a buy button, a link card). */
  links?: readonly string[];
  /** The classifier's promotion probability, when known. */
  promoScore?: number;
  /** Orders the platform attributes to the post. */
  attributedSales?: number;
  /** The grammar and link knowledge in force (from the policy lists); the shipped defaults otherwise. */
  settings?: DisclosureSettings;
  /** @deprecated a bare marker list; prefer `settings` built from all the disclosure lists. */
  disclosurePhrases?: readonly string[];
}

/** What a span of the input text is evidence of. Offsets are UTF-16 code units of `input.text`. */
export type SpanKind = 'marker' | 'weak_marker' | 'not_marker' | 'missing_marker' | 'brand' | 'link' | 'code' | 'price';
export interface EvidenceSpan {
  start: number;
  end: number;
  kind: SpanKind;
}

export interface Evidence {
  kind:
    | 'partnered_brand_mentioned'
    | 'partnership_active'
    | 'affiliate_link'
    | 'storefront_link'
    | 'share_link'
    | 'purchase_link'
    | 'promo_code'
    | 'price'
    | 'promo_score'
    | 'attributed_sales'
    | 'platform_label'
    | 'marker'
    | 'weak_marker'
    | 'negated_marker'
    | 'quoted_marker'
    | 'mentioned_marker'
    | 'other_sense_marker'
    | 'missing_marker';
  detail: string;
  weight: number;
  /** Where in the text this evidence sits; empty when it is outside the text (a link card, a label). */
  spans: EvidenceSpan[];
}

export interface DisclosureVerdict {
  status: DisclosureStatus;
  confidence: number;
  /** How sure the text is commercial at all, 0–1 (noisy-or of the commercial evidence). */
  commercial: number;
  evidence: Evidence[];
  /** Every evidence span, in text order. */
  spans: EvidenceSpan[];
}

export interface DisclosureSettings {
  grammar: Grammar;
  linkPatterns: readonly LinkPattern[];
}

export interface DisclosureLists extends GrammarLists {
  affiliate_link_patterns?: readonly string[];
}

const cache = new WeakMap<object, { sig: number[]; settings: DisclosureSettings }>();
const LIST_NAMES = [
  'disclosure_phrases',
  'disclosure_credit_phrases',
  'disclosure_ambiguous_phrases',
  'disclosure_non_markers',
  'disclosure_mention_cues',
  'affiliate_link_patterns',
] as const;
/*
 * Each list's size and the length it would have joined with one separator (-1, -1 when absent):
 * it notices a list edited in place after the settings were built. Checked per post, so it is
 * counted in place rather than by joining the lists, which cost an eighth of a post's facts.
 */
function listShape(l: readonly string[] | undefined): [number, number] {
  if (!l) return [-1, -1];
  let chars = l.length > 0 ? l.length - 1 : 0;
  for (let i = 0; i < l.length; i++) chars += l[i]!.length;
  return [l.length, chars];
}
const signature = (lists: DisclosureLists): number[] => LIST_NAMES.flatMap((k) => listShape(lists[k]));
function hasSignature(lists: DisclosureLists, sig: readonly number[]): boolean {
  for (let k = 0; k < LIST_NAMES.length; k++) {
    const l = lists[LIST_NAMES[k]!];
    if (!l) {
      if (sig[2 * k] !== -1) return false;
      continue;
    }
    if (sig[2 * k] !== l.length) return false;
    let chars = l.length > 0 ? l.length - 1 : 0;
    for (let i = 0; i < l.length; i++) chars += l[i]!.length;
    if (sig[2 * k + 1] !== chars) return false;
  }
  return true;
}
const DEFAULT_SETTINGS: DisclosureSettings = { grammar: defaultGrammar(), linkPatterns: defaultLinkPatterns() };

/** The settings the policy lists define (an empty or missing list keeps its shipped default); cached per lists object. */
export function disclosureSettings(lists?: DisclosureLists | null): DisclosureSettings {
  if (!lists) return DEFAULT_SETTINGS;
  const hit = cache.get(lists);
  if (hit && hasSignature(lists, hit.sig)) return hit.settings;
  const sig = signature(lists);
  const patterns = lists.affiliate_link_patterns?.length ? parseLinkPatterns(lists.affiliate_link_patterns) : defaultLinkPatterns();
  const settings = { grammar: buildGrammar(lists), linkPatterns: patterns };
  cache.set(lists, { sig, settings });
  return settings;
}

const PURCHASE_CUES =
  /(?:链接|下单|购买|买|入手|拼单|领券|有券|抢购|戳|小黄车|橱窗|小店|shop|buy|link in|grab|order now|checkout|add to cart|tap the link|get (?:it|them|yours)|linked)/iu;
const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）)】]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:to|io|me|us|it|cn|com)\/[^\s<>"'，。！？、）)】]+/giu;
const PROMO_CODE =
  /(?:优惠码|折扣码|邀请码|推荐码|口令|我的码|用码|券码|暗号|use my code|use code|promo code|discount code|coupon code|with code|code)\s*[:：]?\s*([a-z0-9]{3,})/giu;
const PRICE = /(?:[¥￥$€£]|rmb|cny|us\$|usd)\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:元|块|rmb|美元|dollars?|bucks)/giu;

const noisyOr = (weights: number[]) => 1 - weights.reduce((p, w) => p * (1 - w), 1);
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Is this post commercial, and if so would a reader see that it is? Commercial evidence comes
 * from the relation (partnership with a brand the post names, affiliate links, attributed sales)
 * more than from the words; disclosure evidence counts only in a form and a place a reader would
 * see it (rules/disclosure/grammar.ts). Every piece of evidence carries the spans it rests on.
 */
export function disclosureVerdict(input: DisclosureInput): DisclosureVerdict {
  const settings =
    input.settings ??
    (input.disclosurePhrases?.length ? disclosureSettings({ disclosure_phrases: input.disclosurePhrases }) : DEFAULT_SETTINGS);
  const mt = mapText(input.text);
  const n = mt.norm;
  const span = (s: number, e: number, kind: SpanKind): EvidenceSpan => ({ ...toOriginal(mt, s, e), kind });
  const evidence: Evidence[] = [];

  // Commercial evidence: the relation first.
  const partnerships = input.partnerships ?? [];
  for (const p of partnerships) {
    const names = [p.brand, ...(p.names ?? [])].filter((x) => x.length >= 2);
    const spans = names.flatMap((name) =>
      occurrences(n, normalizeForMatch(name)).map((i) => span(i, i + normalizeForMatch(name).length, 'brand')),
    );
    if (spans.length) {
      const named = mt.original.slice(spans[0]!.start, spans[0]!.end);
      evidence.push({
        kind: 'partnered_brand_mentioned',
        detail: `${p.kind} partnership with ${p.brand}; the post names "${named}"`,
        weight: p.kind === 'affiliate' || p.kind === 'sponsorship' ? 0.9 : 0.8,
        spans: dedupe(spans),
      });
    }
  }
  // A link to the partner's own site ties the post to the partner as surely as naming it.
  const linkedPartner = (url: string) => {
    const host = (/^https?:\/\//i.test(url) ? url : `http://${url}`)
      .replace(/^https?:\/\//i, '')
      .split(/[/?#]/)[0]!
      .toLowerCase();
    return partnerships.find((p) =>
      [p.brand, ...(p.names ?? [])].some((name) => {
        const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
        return (
          key.length >= 4 &&
          host
            .replace(/[^a-z0-9.]/g, '')
            .split('.')
            .some((label) => label.startsWith(key))
        );
      }),
    );
  };
  if (partnerships.length && !evidence.some((e) => e.kind === 'partnered_brand_mentioned')) {
    evidence.push({
      kind: 'partnership_active',
      detail: `active partnership with ${partnerships.map((p) => p.brand).join(', ')}, not named in the post`,
      weight: 0.15,
      spans: [],
    });
  }

  const textLinks = [...n.matchAll(URL_RE)].map((x) => ({ url: x[0].replace(/[.,;:!?]+$/, ''), start: x.index }));
  const linkRegions = textLinks.map((l) => ({ start: l.start, end: l.start + l.url.length }));
  const purchaseCue = PURCHASE_CUES.test(n.replace(URL_RE, ' '));
  const allLinks = [
    ...textLinks.map((l) => ({ ...l, inText: true })),
    ...(input.links ?? []).map((url) => ({ url, start: -1, inText: false })),
  ];
  let sawLink = false;
  const inUrlMarkers: Array<{ url: string; token: string; spans: EvidenceSpan[] }> = [];
  for (const l of allLinks) {
    sawLink = true;
    const spans = l.inText ? [span(l.start, l.start + l.url.length, 'link')] : [];
    const where = l.inText ? '' : ' (in the link card beside the text)';
    const hit = matchLink(l.url, settings.linkPatterns);
    const partner = linkedPartner(l.url);
    if (partner)
      evidence.push({
        kind: 'partnered_brand_mentioned',
        detail: `${partner.kind} partnership with ${partner.brand}; the post links to its site ${shortUrl(l.url)}${where}`,
        weight: 0.85,
        spans: spans.map((s) => ({ ...s, kind: 'brand' as const })),
      });
    if (hit?.kind === 'affiliate')
      evidence.push({
        kind: 'affiliate_link',
        detail: `affiliate link ${shortUrl(l.url)}${where}: ${hit.source || hit.raw}`,
        weight: 0.85,
        spans,
      });
    else if (hit?.kind === 'storefront')
      evidence.push({
        kind: 'storefront_link',
        detail: `storefront link ${shortUrl(l.url)}${where}: ${hit.source || hit.raw}`,
        weight: 0.85,
        spans,
      });
    else if (hit?.kind === 'share')
      evidence.push({
        kind: 'share_link',
        detail: `share link ${shortUrl(l.url)}${where}${purchaseCue ? ' with a call to buy' : ''}: ${hit.source || hit.raw}`,
        weight: purchaseCue ? 0.7 : 0.1,
        spans,
      });
    // A plain product or brand page is what any member may share: alone it is not commerce.
    else if (purchaseCue)
      evidence.push({ kind: 'purchase_link', detail: `a plain link with a call to buy ${shortUrl(l.url)}${where}`, weight: 0.1, spans });
    const token = markerInUrl(l.url);
    if (token) inUrlMarkers.push({ url: l.url, token, spans: spans.map((s) => ({ ...s, kind: 'weak_marker' as const })) });
  }
  for (const x of n.matchAll(PROMO_CODE)) {
    if (linkRegions.some((r) => x.index >= r.start && x.index < r.end)) continue;
    if (/^code$/.test(x[0].split(/\s/)[0]!) && !/\d/.test(x[1]!)) continue;
    const cs = x.index + x[0].lastIndexOf(x[1]!);
    evidence.push({
      kind: 'promo_code',
      detail: `a discount code ("${mt.original.slice(toOriginal(mt, cs, cs + x[1]!.length).start, toOriginal(mt, cs, cs + x[1]!.length).end)}") that pays or tracks the sharer`,
      weight: 0.85,
      spans: [span(x.index, cs, 'code'), span(cs, cs + x[1]!.length, 'code')].filter((s) => s.end > s.start).slice(-1),
    });
  }
  const prices = [...n.matchAll(PRICE)];
  if (prices.length)
    evidence.push({
      kind: 'price',
      detail: `price named: ${prices.map((p) => p[0].trim()).join(', ')}`,
      weight: 0,
      spans: prices.map((p) => span(p.index, p.index + p[0].length, 'price')),
    });
  // The words alone never make a post commercial: the score is capped below the line, so it
  // counts only beside a relation (partnership, affiliate link, sales).
  if (typeof input.promoScore === 'number')
    evidence.push({
      kind: 'promo_score',
      detail: `classifier promotion probability ${input.promoScore.toFixed(2)}`,
      weight: Math.max(0, Math.min(0.4, input.promoScore - 0.3)),
      spans: [],
    });
  if ((input.attributedSales ?? 0) > 0)
    evidence.push({ kind: 'attributed_sales', detail: `${input.attributedSales} orders attributed to the post`, weight: 0.6, spans: [] });
  // The platform's own ad label says both that the post is an ad and that readers are told.
  if (input.platformLabel) evidence.push({ kind: 'platform_label', detail: "the platform's ad label is set", weight: 0.9, spans: [] });
  const commercial = noisyOr(evidence.map((e) => e.weight));
  void sawLink;

  // Disclosure evidence.
  let strong = !!input.platformLabel;
  let weak = false;
  const markers = findMarkers(mt, settings.grammar, { linkRegions });
  for (const f of markers) evidence.push(markerEvidence(f, mt));
  for (const f of markers) {
    if (f.reading === 'clear') strong = true;
    else if (f.reading === 'weak') weak = true;
  }
  for (const u of inUrlMarkers) {
    weak = true;
    evidence.push({
      kind: 'weak_marker',
      detail: `"${u.token}" only inside a link (${shortUrl(u.url)}): readers do not read URLs`,
      weight: 0.5,
      spans: u.spans,
    });
  }

  let status: DisclosureStatus;
  if (commercial < 0.5) status = 'not_commercial';
  else if (strong) status = 'disclosed';
  else if (weak) status = 'weakly_disclosed';
  else status = 'undisclosed';
  if (status === 'undisclosed') {
    // Where a reader looks first, and where the label should have been.
    evidence.push({
      kind: 'missing_marker',
      detail: 'no disclosure a reader would see before the pitch (the start of the post is where it belongs)',
      weight: 0,
      spans: [{ start: 0, end: 0, kind: 'missing_marker' }],
    });
  }
  const confidence = status === 'not_commercial' ? 1 - commercial : status === 'weakly_disclosed' ? commercial * 0.8 : commercial;
  const spans = dedupe(evidence.flatMap((e) => e.spans));
  return { status, confidence: round(confidence), commercial: round(commercial), evidence, spans };
}

function markerEvidence(f: FoundMarker, mt: MappedText): Evidence {
  const r = toOriginal(mt, f.start, f.end);
  const said = mt.original.slice(r.start, r.end);
  const brandSpan =
    f.brand && f.brand.end > f.brand.start ? [{ ...toOriginal(mt, f.brand.start, f.brand.end), kind: 'brand' as const }] : [];
  const form = {
    hashtag: 'hashtag',
    bracket: 'label in brackets',
    prefix: 'label before a separator',
    line: 'line of its own',
    credit: 'credit',
    phrase: 'phrase',
    link: 'link',
  }[f.form];
  switch (f.reading) {
    case 'clear':
      return { kind: 'marker', detail: `"${said}" (${form}) ${f.why}`, weight: 1, spans: [{ ...r, kind: 'marker' }, ...brandSpan] };
    case 'weak':
      return {
        kind: 'weak_marker',
        detail: `"${said}" (${form}) ${f.why}`,
        weight: 0.5,
        spans: [{ ...r, kind: 'weak_marker' }, ...brandSpan],
      };
    case 'negated':
      return {
        kind: 'negated_marker',
        detail: `"${said}" is denied (${f.why}), which is no disclosure`,
        weight: 0,
        spans: [{ ...r, kind: 'not_marker' }],
      };
    case 'quoted':
      return { kind: 'quoted_marker', detail: `"${said}" is quoted, not declared`, weight: 0, spans: [{ ...r, kind: 'not_marker' }] };
    case 'mention':
      return { kind: 'mentioned_marker', detail: `"${said}": ${f.why}`, weight: 0, spans: [{ ...r, kind: 'not_marker' }] };
    case 'other_sense':
      return {
        kind: 'other_sense_marker',
        detail: `"${said}" is used in another sense (${f.why})`,
        weight: 0,
        spans: [{ ...r, kind: 'not_marker' }],
      };
  }
}

function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
    // Latin names stand as words: "Orion" is not in "Orionids".
    if (/[a-z0-9]/.test(needle[0]!) && /[a-z0-9]/.test(hay[i - 1] ?? '')) continue;
    if (/[a-z0-9]/.test(needle[needle.length - 1]!) && /[a-z0-9]/.test(hay[i + needle.length] ?? '')) continue;
    out.push(i);
  }
  return out;
}

function dedupe(spans: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => {
      const k = `${s.start}:${s.end}:${s.kind}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

const shortUrl = (u: string) => (u.length > 60 ? `${u.slice(0, 57)}…` : u);
