import { describe, expect, it } from 'vitest';
import {
  disclosureSettings,
  disclosureVerdict,
  type DisclosureInput,
  type DisclosureVerdict,
  type SpanKind,
} from '../../rules/disclosure/verdict';
import { matchLink, parseLinkPattern, defaultLinkPatterns, DEFAULT_AFFILIATE_LINK_PATTERNS } from '../../rules/disclosure/commercialLinks';
import { buildGrammar, segmentTag } from '../../rules/disclosure/grammar';
import { STARTER_LISTS } from '../../rules/starter/lists';
import { evaluateDisclosure, loadCases, READER_FILE } from '../../eval/disclosure/evaluate';

const EN = [{ brand: 'Lumen', kind: 'sponsorship' as const }];
const ZH = [{ brand: '青柚', kind: 'sponsorship' as const }];
const verdict = (text: string, extra: Partial<DisclosureInput> = {}) =>
  disclosureVerdict({ text, partnerships: /\p{Script=Han}/u.test(text) ? ZH : EN, ...extra });
const status = (text: string, extra: Partial<DisclosureInput> = {}) => verdict(text, extra).status;
/** The text each span of a kind covers. */
const spanned = (v: DisclosureVerdict, text: string, kind: SpanKind) =>
  v.spans.filter((s) => s.kind === kind).map((s) => text.slice(s.start, s.end));

describe('disclosure forms a reader recognises', () => {
  it('a marker in parentheses or brackets at the end of a title', () => {
    expect(status('My week with the Lumen lamp (ad)\nBright and warm all week.')).toBe('disclosed');
    expect(status('Testing the Lumen lamp [Sponsored]\n\nIt is bright.')).toBe('disclosed');
    expect(status('青柚精华水一周实测（广告）\n吸收很快')).toBe('disclosed');
    expect(status('青柚精华水一周实测(推广)')).toBe('disclosed');
  });

  it('a marker as a prefix followed by a separator', () => {
    expect(status('Ad: the new Lumen lamp is here')).toBe('disclosed');
    expect(status('AD: three ways to style the Lumen lamp')).toBe('disclosed');
    expect(status('Sponsored — the Lumen lamp finally arrived')).toBe('disclosed');
    expect(status('广告：青柚精华水真的好用')).toBe('disclosed');
    expect(status('推广｜青柚精华水真的好用')).toBe('disclosed');
    expect(status('广告 青柚精华水真的好用')).toBe('disclosed');
  });

  it('hashtags in any case, camel case or run together', () => {
    for (const tag of [
      '#ad',
      '#AD',
      '#PaidPartnership',
      '#paidpartnership',
      '#sponsoredpost',
      '#SponsoredBy',
      '#AdPartner',
      '#Sponsored',
    ]) {
      expect(status(`${tag} Loving the Lumen lamp`), tag).toBe('disclosed');
    }
    expect(segmentTag('PaidPartnership', buildGrammar())).toEqual(['paid', 'partnership']);
    expect(status('#品牌合作# 青柚精华水上新')).toBe('disclosed');
    expect(status('#sponsored 青柚精华水上新')).toBe('disclosed');
  });

  it('credits naming the brand that paid or gave', () => {
    expect(status('Partnered with Lumen to bring you my desk setup')).toBe('disclosed');
    expect(status('This video is sponsored by Lumen. Here is my desk.')).toBe('disclosed');
    expect(status('Lumen sent me this lamp for free. My take:')).toBe('disclosed');
    expect(status('感谢青柚提供样品！今天试试精华水')).toBe('disclosed');
    expect(status('本期节目由青柚独家冠名播出～')).toBe('disclosed');
    expect(status('样品由青柚提供，以下为真实感受')).toBe('disclosed');
    expect(status('本文为青柚合作内容。\n通勤包怎么选？')).toBe('disclosed');
    expect(status('【商务合作】青柚精华水')).toBe('disclosed');
  });

  it("the platform's ad label discloses, and makes the post commercial on its own", () => {
    expect(disclosureVerdict({ text: 'Grab this speaker while it is on sale!', platformLabel: true }).status).toBe('disclosed');
  });
});

describe('what is no disclosure', () => {
  it('a denial', () => {
    for (const t of ['这不是广告！青柚真好用', '无广，真心推荐青柚', '青柚真好用 #非广告', '没有任何合作哈～ 青柚香'])
      expect(status(t), t).toBe('undisclosed');
    for (const t of [
      'Not an ad, I just love my Lumen lamp',
      '#notsponsored but Lumen is great',
      '(not an ad) the Lumen lamp',
      'My non-sponsored take on Lumen',
      'Unsponsored review of the Lumen lamp',
    ])
      expect(status(t), t).toBe('undisclosed');
  });

  it('a quotation or talk about advertising', () => {
    expect(status('Everyone asks "is this #ad?" when I mention Lumen')).toBe('undisclosed');
    expect(status("Why do people write 'paid partnership' on everything? Anyway, Lumen lamps rule")).toBe('undisclosed');
    expect(status('评论区总有人问「是广告吗」，青柚真好用')).toBe('undisclosed');
    expect(status('新规说种草要标广告，但我就想聊聊青柚')).toBe('undisclosed');
    expect(status('My posts sound like an ad, whatever, Lumen is great')).toBe('undisclosed');
    expect(disclosureVerdict({ text: 'PSA: the FTC wants #ad up front. Disclose clearly.' }).status).toBe('not_commercial');
  });

  it('a marker word in another sense', () => {
    for (const t of [
      'Ad hoc desk tour: all Lumen',
      'This coin is from AD 79, bought at Lumen',
      '#adventure awaits with Lumen',
      'Partnered with my sister to bake, Lumen mixer did the work',
      'I sponsor a soccer team and Lumen cleats are the best',
    ])
      expect(status(t), t).toBe('undisclosed');
    for (const t of [
      '路过广告牌被青柚新品吸引',
      '在广告公司加班全靠青柚',
      '和闺蜜合作做了年夜饭，青柚的锅真好用',
      '公司年会我们部门赞助了抽奖，奖品是青柚的',
    ])
      expect(status(t), t).toBe('undisclosed');
  });
});

describe('weak disclosure', () => {
  it('buried after many lines, in a pile of hashtags, ambiguous, or only inside a link', () => {
    expect(status('Lumen lamp review\nline two\nline three\nline four\nline five\n\n#ad')).toBe('weakly_disclosed');
    expect(status('Lumen lamp on my desk #wfh #desk #cozy #ad #home #light')).toBe('weakly_disclosed');
    expect(status('Lumen lamp, love it #sp')).toBe('weakly_disclosed');
    expect(status('Thanks Lumen! This lamp is great')).toBe('weakly_disclosed');
    expect(status('感谢青柚！精华水很好用')).toBe('weakly_disclosed');
    expect(status('Lumen lamp: https://lumen.example/sponsored/maya')).toBe('weakly_disclosed');
    // The same tag on a one-line caption sits right at the pitch.
    expect(status('Loving my Lumen lamp #ad')).toBe('disclosed');
  });
});

describe('affiliate and commercial links', () => {
  const links = [
    'https://amzn.to/3Wq7LpX',
    'https://www.amazon.co.uk/dp/B0C?tag=me-21',
    'https://www.amazon.com/shop/trailmix',
    'https://click.linksynergy.com/deeplink?id=x&mid=1&murl=y',
    'https://www.awin1.com/cread.php?awinmid=1&awinaffid=2',
    'https://shareasale.com/r.cfm?b=1&u=2&m=3',
    'https://www.anrdoezrs.net/click-1-2',
    'https://brand.sjv.io/c/1/2/3',
    'https://go.skimresources.com/?id=1&url=x',
    'https://rstyle.me/+abc',
    'https://liketk.it/4h',
    'https://s.click.taobao.com/Xq3',
    'https://uland.taobao.com/coupon/edetail?e=x&pid=mm_1_2_3',
    'https://u.jd.com/Kp7',
    'https://union-click.jd.com/jdc?e=&p=x',
    'https://p.pinduoduo.com/Rk8',
    'https://haohuo.jinritemai.com/views/product/item2?id=1',
    'https://app.kwaixiaodian.com/merchant/shop/detail?id=1',
  ];
  it('makes a post with no partnership on record commercial, from the text or the link card', () => {
    for (const l of links) {
      expect(disclosureVerdict({ text: `Love this one ${l}` }).status, l).toBe('undisclosed');
      expect(disclosureVerdict({ text: 'Love this one', links: [l] }).status, l).toBe('undisclosed');
    }
  });
  it('leaves plain product pages and share links without a call to buy alone', () => {
    for (const l of [
      'https://www.amazon.com/dp/B0C8ZK4TQ1',
      'https://item.jd.com/100045812376.html',
      'https://item.taobao.com/item.htm?id=712384509216',
      'https://www.brand.example/shoes',
    ])
      expect(disclosureVerdict({ text: `Bought it myself, here: ${l}` }).status, l).toBe('not_commercial');
    expect(disclosureVerdict({ text: '看这个视频 https://v.douyin.com/iRkP2aB/' }).status).toBe('not_commercial');
    expect(disclosureVerdict({ text: '拖把链接放这了，直接买 https://v.douyin.com/iRkP2aB/' }).status).toBe('undisclosed');
  });
  it('ships every entry with a kind and a source, and parses them all', () => {
    for (const line of DEFAULT_AFFILIATE_LINK_PATTERNS) {
      const p = parseLinkPattern(line);
      expect(p, line).not.toBeNull();
      expect(p!.source.length, line).toBeGreaterThan(5);
    }
    expect(defaultLinkPatterns().length).toBe(DEFAULT_AFFILIATE_LINK_PATTERNS.length);
    expect(matchLink('https://www.amazon.de/dp/X?tag=me-21', defaultLinkPatterns())?.kind).toBe('affiliate');
    expect(matchLink('https://notamazon.com/?x=1', defaultLinkPatterns())).toBeNull();
  });
});

describe('evidence spans', () => {
  it('point at the marker, the brand, the link, the code and the price in the input text', () => {
    const text = 'Ｌｕｍｅｎ 😀 (Ad) lamp https://amzn.to/abc use code MIA20 for $19.99';
    const v = verdict(text);
    expect(v.status).toBe('disclosed');
    expect(spanned(v, text, 'marker')).toEqual(['(Ad)']);
    expect(spanned(v, text, 'brand')).toEqual(['Ｌｕｍｅｎ']);
    expect(spanned(v, text, 'link')).toEqual(['https://amzn.to/abc']);
    expect(spanned(v, text, 'code')).toEqual(['MIA20']);
    expect(spanned(v, text, 'price')).toEqual(['$19.99']);
  });
  it('mark a denied marker as no marker, and where the missing one belongs', () => {
    const text = '這不是廣告，青柚真好用';
    const v = verdict(text);
    expect(v.status).toBe('undisclosed');
    expect(spanned(v, text, 'not_marker')).toEqual(['廣告']);
    expect(spanned(v, text, 'brand')).toEqual(['青柚']);
    expect(v.spans.find((s) => s.kind === 'missing_marker')).toEqual({ start: 0, end: 0, kind: 'missing_marker' });
  });
  it('stay inside the text on every development case', () => {
    for (const c of loadCases(READER_FILE)) {
      const v = disclosureVerdict({ text: c.text, partnerships: c.partnerships, links: c.links, platformLabel: c.platformLabel });
      for (const s of v.spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(c.text.length);
        expect(s.end).toBeGreaterThanOrEqual(s.start);
        if (s.kind !== 'missing_marker') expect(c.text.slice(s.start, s.end).trim().length, c.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('the grammar is data in the policy lists', () => {
  const lists = () => Object.fromEntries(STARTER_LISTS.map((l) => [l.name, [...l.items]])) as Record<string, string[]>;
  it('the starter lists hold the shipped defaults, so the starter verdicts are the defaults', () => {
    const text = '#PaidPartnership the Lumen lamp';
    expect(disclosureVerdict({ text, partnerships: EN, settings: disclosureSettings(lists()) }).status).toBe(
      disclosureVerdict({ text, partnerships: EN }).status,
    );
  });
  it('a credit phrase added to the list discloses', () => {
    const text = '本期精华水由青柚友情支持，实测一周';
    expect(disclosureVerdict({ text, partnerships: ZH, settings: disclosureSettings(lists()) }).status).toBe('undisclosed');
    const l = lists();
    l.disclosure_credit_phrases!.push('由{brand}友情支持');
    expect(disclosureVerdict({ text, partnerships: ZH, settings: disclosureSettings(l) }).status).toBe('disclosed');
  });
  it('a marker word added to the list is read in its label forms', () => {
    const l = lists();
    l.disclosure_phrases!.push('werbung');
    expect(disclosureVerdict({ text: 'Werbung: the Lumen lamp', partnerships: EN, settings: disclosureSettings(lists()) }).status).toBe(
      'undisclosed',
    );
    expect(disclosureVerdict({ text: 'Werbung: the Lumen lamp', partnerships: EN, settings: disclosureSettings(l) }).status).toBe(
      'disclosed',
    );
    expect(disclosureVerdict({ text: '#Werbung the Lumen lamp', partnerships: EN, settings: disclosureSettings(l) }).status).toBe(
      'disclosed',
    );
  });
  it('a non-marker added to the list stops a phrase counting', () => {
    const l = lists();
    const text = '商业合作请私信～ 青柚精华水真好用';
    expect(disclosureVerdict({ text: '品牌合作看这里～ 青柚精华水真好用', partnerships: ZH, settings: disclosureSettings(l) }).status).toBe(
      'disclosed',
    );
    l.disclosure_non_markers!.push('品牌合作看这里');
    expect(disclosureVerdict({ text: '品牌合作看这里～ 青柚精华水真好用', partnerships: ZH, settings: disclosureSettings(l) }).status).toBe(
      'undisclosed',
    );
    expect(disclosureVerdict({ text, partnerships: ZH, settings: disclosureSettings(l) }).status).toBe('undisclosed');
  });
  it('an affiliate network added to the list makes its links commercial', () => {
    const l = lists();
    const text = 'Best lamp ever https://go.newnetwork.example/x1';
    expect(disclosureVerdict({ text, settings: disclosureSettings(l) }).status).toBe('not_commercial');
    l.affiliate_link_patterns!.push('go.newnetwork.example | affiliate | test network');
    expect(disclosureVerdict({ text, settings: disclosureSettings(l) }).status).toBe('undisclosed');
  });
});

describe('development reader cases', () => {
  it('keep undisclosed precision and recall at 0.95 or above and exact four-way at 0.90 (eval/disclosure/EVALUATION.md)', async () => {
    const items = loadCases(READER_FILE);
    expect(items.length).toBe(260);
    const e = await evaluateDisclosure(items, null);
    expect(e.undisclosed.precision).toBeGreaterThanOrEqual(0.95);
    expect(e.undisclosed.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
