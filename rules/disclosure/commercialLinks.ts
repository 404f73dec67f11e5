/**
 * What makes a link commercial: affiliate networks, link redirectors that wrap affiliate links,
 * tracking parameters that pay the sharer, and creator storefronts, in the US/EU and Chinese
 * markets. Shipped as the default of the editable `affiliate_link_patterns` policy list; each
 * item is one line `pattern | kind | source`, so staff can add a network without a release and
 * every entry says where it came from.
 *
 * pattern: `host` (subdomains match), `host/path-prefix`, `host?param` or `host?param=value-prefix`,
 *          or `?param=value-prefix` on any host. A host written `amazon.*` matches any top-level
 *          domain (amazon.com, amazon.co.uk, amazon.de …).
 * kind:    `affiliate` (the link pays the sharer: commercial on its own), `storefront` (the sharer's
 *          own shop or shop window: commercial on its own), `share` (a platform's share link that
 *          may or may not pay: commercial only beside a call to buy).
 */
export const DEFAULT_AFFILIATE_LINK_PATTERNS: string[] = [
  // Amazon
  'amzn.to | affiliate | Amazon Associates short links (SiteStripe "Get link" → amzn.to); Associates Program Operating Agreement',
  'amzn.eu | affiliate | Amazon Associates short links for EU stores (SiteStripe)',
  'amazon.*?tag= | affiliate | Amazon Associates tracking ID in the tag= parameter (Associates Central help: "tracking ID")',
  'amazon.*/shop/ | storefront | Amazon Influencer Program storefront pages amazon.com/shop/<name>',
  // US/EU networks
  'click.linksynergy.com | affiliate | Rakuten Advertising (LinkShare) deep links click.linksynergy.com/deeplink?id=&mid=&murl= (Rakuten Advertising publisher help)',
  'linksynergy.com | affiliate | Rakuten Advertising (LinkShare) tracking domain',
  'awin1.com | affiliate | Awin tracking links awin1.com/cread.php?awinmid=&awinaffid= (Awin publisher wiki: link structure)',
  '?awinaffid= | affiliate | Awin publisher id parameter (Awin wiki)',
  'shareasale.com/r.cfm | affiliate | ShareASale tracking links r.cfm?b=&u=&m= (ShareASale affiliate help)',
  'shareasale.com/m-pr.cfm | affiliate | ShareASale merchant-page links',
  'anrdoezrs.net | affiliate | CJ (Commission Junction) click domains, CJ developer docs: anrdoezrs.net, jdoqocy.com, tkqlhce.com, dpbolvw.net, kqzyfj.com',
  'jdoqocy.com | affiliate | CJ click domain (see anrdoezrs.net)',
  'tkqlhce.com | affiliate | CJ click domain (see anrdoezrs.net)',
  'dpbolvw.net | affiliate | CJ click domain (see anrdoezrs.net)',
  'kqzyfj.com | affiliate | CJ click domain (see anrdoezrs.net)',
  'emjcd.com | affiliate | CJ click domain (see anrdoezrs.net)',
  'sjv.io | affiliate | Impact (impact.com) branded tracking domains <brand>.sjv.io/c/<partner>/<ad>/<program> (Impact help: tracking links)',
  'pxf.io | affiliate | Impact tracking domain (see sjv.io)',
  'ojrq.net | affiliate | Impact tracking domain (see sjv.io)',
  'go.skimresources.com | affiliate | Skimlinks redirect go.skimresources.com/?id=&url= (Skimlinks publisher docs)',
  'go.redirectingat.com | affiliate | Skimlinks redirect domain (Skimlinks publisher docs)',
  'rstyle.me | affiliate | rewardStyle / LTK short links (LTK creator help)',
  'liketk.it | affiliate | LTK (LIKEtoKNOW.it) share links (LTK creator help)',
  'shopltk.com | storefront | LTK creator shop pages',
  'geni.us | affiliate | Geniuslink short links, which wrap Amazon and other affiliate links (geniuslink docs)',
  'howl.me | affiliate | Howl (Narrativ) creator affiliate links',
  'shopstyle.it | affiliate | ShopStyle Collective affiliate short links',
  'partnerize.com | affiliate | Partnerize (prf.hn) tracking',
  'prf.hn | affiliate | Partnerize click domain',
  'go.magik.ly | affiliate | Magiclinks creator affiliate links',
  'bit.ly | share | generic link shortener: hides the destination, commercial only beside a call to buy',
  // China
  's.click.taobao.com | affiliate | Alimama (淘宝联盟/淘宝客) click redirect; 淘宝联盟 help: 推广链接',
  '?pid=mm_ | affiliate | Alimama promotion position id pid=mm_<member>_<site>_<adzone> (淘宝联盟 推广位)',
  'uland.taobao.com | affiliate | Alimama coupon landing (二合一 coupon + 淘宝客 link)',
  "e.tb.cn | affiliate | Taobao share short links, carrying the sharer's 淘宝联盟 tracking when shared to earn (分享赚)",
  'm.tb.cn | affiliate | Taobao share short links (淘口令 / 分享赚), see e.tb.cn',
  'u.jd.com | affiliate | JD Union (京东联盟) short links (京东联盟 help: 推广链接)',
  'union-click.jd.com | affiliate | JD Union click redirect union-click.jd.com/jdc?e=&p= (京东联盟)',
  'p.pinduoduo.com | affiliate | Pinduoduo Duoduo Jinbao (多多进宝) promotion short links',
  '?cpssign= | affiliate | Pinduoduo Duoduo Jinbao CPS signature parameter (多多进宝 推广链接)',
  'mobile.yangkeduo.com/duo_coupon_landing | affiliate | Pinduoduo Duoduo Jinbao coupon landing (多多进宝)',
  'haohuo.jinritemai.com | storefront | Douyin e-commerce (抖店) product pages behind the 小黄车 / 橱窗 (巨量百应 help)',
  'v.douyin.com | share | Douyin share short link: a video or a product, commercial beside a call to buy',
  'app.kwaixiaodian.com | storefront | Kuaishou shop (快手小店) pages',
  'v.kuaishou.com | share | Kuaishou share short link, commercial beside a call to buy',
  'xhslink.com | share | Xiaohongshu share short link, commercial beside a call to buy',
  // Generic parameters and paths the product has always read as paying the sharer.
  '?aff= | affiliate | in-house heuristic: common affiliate parameter',
  '?aff_id= | affiliate | in-house heuristic: common affiliate parameter (HasOffers/TUNE)',
  '?affiliate= | affiliate | in-house heuristic: common affiliate parameter',
  '?ref= | affiliate | in-house heuristic: referral parameter',
  '?referral= | affiliate | in-house heuristic: referral parameter',
  '?invite_code= | affiliate | in-house heuristic: referral parameter',
  '/ref/ | affiliate | in-house heuristic: referral path segment',
  '/aff/ | affiliate | in-house heuristic: affiliate path segment',
];

export type CommercialLinkKind = 'affiliate' | 'storefront' | 'share';

export interface LinkPattern {
  raw: string;
  host: RegExp | null;
  path: string | null;
  param: string | null;
  value: string | null;
  kind: CommercialLinkKind;
  source: string;
}

const KINDS = new Set<CommercialLinkKind>(['affiliate', 'storefront', 'share']);

/** One list line → a pattern, or null when it does not parse (an edit the list screen should have refused). */
export function parseLinkPattern(line: string): LinkPattern | null {
  const [pattern = '', kindRaw = 'affiliate', ...rest] = line.split('|').map((s) => s.trim());
  const kind = (KINDS.has(kindRaw as CommercialLinkKind) ? kindRaw : 'affiliate') as CommercialLinkKind;
  const m = /^([a-z0-9.*-]*)(\/[^?]*)?(?:\?([a-z0-9_.-]+)(?:=(.*))?)?$/i.exec(pattern.toLowerCase());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  let host: RegExp | null = null;
  if (m[1]) {
    const escaped = m[1].replace(/[.]/g, '\\.');
    host = m[1].endsWith('.*')
      ? new RegExp(`(?:^|\\.)${escaped.slice(0, -3)}\\.[a-z.]+$`)
      : new RegExp(`(?:^|\\.)${escaped.replace(/\*/g, '[a-z0-9-]+')}$`);
  }
  return { raw: line, host, path: m[2] ?? null, param: m[3] ?? null, value: m[4] ?? null, kind, source: rest.join(' | ') };
}

export function parseLinkPatterns(lines: readonly string[]): LinkPattern[] {
  return lines.map(parseLinkPattern).filter((p): p is LinkPattern => p !== null);
}

const DEFAULT_PATTERNS = parseLinkPatterns(DEFAULT_AFFILIATE_LINK_PATTERNS);
export const defaultLinkPatterns = () => DEFAULT_PATTERNS;

/** The first pattern a URL matches, most specific kinds first (affiliate, then storefront, then share). */
export function matchLink(url: string, patterns: readonly LinkPattern[]): LinkPattern | null {
  let u: URL;
  try {
    u = new URL(/^https?:\/\//i.test(url) ? url : `http://${url}`);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname.toLowerCase();
  let best: LinkPattern | null = null;
  for (const p of patterns) {
    if (p.host && !p.host.test(host)) continue;
    if (p.path && !(p.host ? path.startsWith(p.path) : path.includes(p.path))) continue;
    if (p.param) {
      const v = [...u.searchParams.entries()].find(([k]) => k.toLowerCase() === p.param)?.[1];
      if (v === undefined || (p.value && !v.toLowerCase().startsWith(p.value))) continue;
    }
    if (!best || rank(p.kind) < rank(best.kind)) best = p;
    if (best.kind === 'affiliate') break;
  }
  return best;
}

const rank = (k: CommercialLinkKind) => (k === 'affiliate' ? 0 : k === 'storefront' ? 1 : 2);
