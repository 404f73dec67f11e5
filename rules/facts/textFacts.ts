import { createHash } from 'node:crypto';
import { normalizeForMatch } from '../text/normalize';
import { findContactHandles, hasContactInvite, type ContactHandle } from './contactHandles';
import { findLinks, findPrices } from './links';

export const MAX_FACT_TEXT = 20_000;

const EMOJI = /\p{Extended_Pictographic}/gu;
const PUNCTUATION_AND_SPACE = /[\s\p{P}\p{S}]+/gu;

export interface TextAnalysis {
  text: string;
  normalized: string;
  links: string[];
  linkDomains: string[];
  hasAffiliateLink: boolean;
  contactHandles: ContactHandle[];
  contactInvite: boolean;
  prices: string[];
  emojiDensity: number;
  /** How many code points the (possibly cut) text has. */
  characters: number;
}

/** Everything the rules read from a text, computed once per item. */
export function analyzeText(raw: string): TextAnalysis {
  const text = raw.length > MAX_FACT_TEXT ? raw.slice(0, MAX_FACT_TEXT) : raw;
  const nfkc = text.normalize('NFKC');
  const normalized = normalizeForMatch(text);
  const { links, linkDomains, hasAffiliateLink } = findLinks(nfkc);
  const characters = [...text].length;
  return {
    text,
    normalized,
    links,
    linkDomains,
    hasAffiliateLink,
    contactHandles: findContactHandles(nfkc),
    contactInvite: hasContactInvite(normalized),
    prices: findPrices(nfkc),
    emojiDensity: characters === 0 ? 0 : Math.min(1, (text.match(EMOJI)?.length ?? 0) / characters),
    characters,
  };
}

/**
 * The same words from different accounts should hash the same: case, width, script variant,
 * spacing, punctuation and emoji do not count.
 */
export function textFingerprint(raw: string): string {
  const core = normalizeForMatch(raw.slice(0, MAX_FACT_TEXT)).replace(PUNCTUATION_AND_SPACE, '');
  return createHash('sha1').update(core).digest('hex').slice(0, 20);
}

/** Brand accounts whose handle or any of their names appears in the normalised text. */
export function mentionedBrands(normalized: string, brands: ReadonlyArray<{ handle: string; names: readonly string[] }>): string[] {
  const out: string[] = [];
  for (const b of brands) {
    if ([b.handle, ...b.names].some((n) => n.length >= 2 && normalized.includes(normalizeForMatch(n)))) out.push(b.handle);
  }
  return out;
}
