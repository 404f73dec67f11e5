const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）)】]+/giu;
// Parameters and paths by which a link pays the person who shared it.
const AFFILIATE_PARAM =
  /[?&](?:aff|affiliate|aff_id|ref|referral|refer|utm_source|utm_campaign|tag|pid|invite|invite_code|promo|coupon|code)=/iu;
const AFFILIATE_PATH = /\/(?:ref|aff|go|r)\/[a-z0-9_-]+/iu;
const PROMO_CODE =
  /(?:优惠码|折扣码|邀请码|推荐码|口令|我的码|用码|券码|use my code|use code|promo code|discount code|coupon code|with code)\s*[:：]?\s*[a-z0-9]{3,}/iu;

export interface LinkFacts {
  links: string[];
  linkDomains: string[];
  hasAffiliateLink: boolean;
}

export function hostOf(url: string): string | null {
  try {
    const host = new globalThis.URL(url.startsWith('www.') ? `http://${url}` : url).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function findLinks(text: string): LinkFacts {
  const links = [...new Set([...text.matchAll(URL)].map((m) => m[0].replace(/[.,;:!?]+$/, '')))];
  const linkDomains = [...new Set(links.map(hostOf).filter((h): h is string => !!h))];
  const hasAffiliateLink = links.some((l) => AFFILIATE_PARAM.test(l) || AFFILIATE_PATH.test(l)) || PROMO_CODE.test(text);
  return { links, linkDomains, hasAffiliateLink };
}

const PRICE = /(?:[¥￥$€£]|rmb|cny|us\$|usd)\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:元|块|rmb|美元|dollars?|bucks)/giu;

export function findPrices(text: string): string[] {
  return [...new Set([...text.matchAll(PRICE)].map((m) => m[0].trim()))];
}
