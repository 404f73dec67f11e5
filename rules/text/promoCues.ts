import { normalizeForMatch } from './normalize';

/**
 * Named promotion cues in Chinese and English: the signs a reader takes for "this post is
 * selling". The classifier gets each as a feature, so what it learned about a cue on one source
 * carries to phrasings it never saw; policies get the same names as the `promoCues` fact.
 *
 * Each pattern runs on normalizeForMatch's form (NFKC, lower case, simplified characters). They
 * are written from what sellers say, not from any corpus's wording, and kept broad: one cue is
 * evidence, not a verdict (organic posts quote prices too).
 */
export const PROMO_CUES = {
  price:
    /(?:[¥￥$€£]\s?\d|\d\s?(?:元|块|rmb|usd|美元|刀|dollars?|bucks|quid)|(?:到手|券后|原价|现价|特价|售价|团购价|秒杀价)\s?[¥￥$€£]?\s?\d|(?:only|just|now)\s?[¥￥$€£]\s?\d)/u,
  discount:
    /(?:\d+\s?%\s?off|\d+(?:\.\d)?\s?折|打折|折扣|满\d+减\d*|立减|减\d+|优惠|特惠|特价|半价|买一送一|第二件|bogo|\bsale\b|on sale|discount|\bdeal\b|\bdeals\b|clearance|清仓|降价|直降|\bsave\s?(?:\d|up to)|half price|markdown)/u,
  free_shipping:
    /(?:包邮|免运费|运费险|顺丰包|全国包|free (?:shipping|delivery|postage)|ships? free|worldwide shipping|ship(?:s|ping)? (?:worldwide|nationwide|same day|next day|within))/u,
  call_to_action:
    /(?:下单|拍下|冲鸭|冲冲|快抢|抢购|手慢无|速来|速抢|戳|点击|点链接|扣\s?1|评论区扣|私信(?:我|下单)?|购买|入手|预订|预约|报名|咨询|\bbuy (?:now|here|it|yours)|order (?:now|today|yours|here)|shop (?:now|the|my|our)|grab (?:it|yours|one)|get (?:yours|it now)|add to cart|check ?out|tap (?:the )?link|click (?:the )?link|book (?:now|today|your)|sign up|dm (?:me|us) to (?:order|buy|book)|don'?t miss)/u,
  shop: /(?:小店|店铺|本店|我家店|网店|淘宝店|旗舰店|专卖|橱窗|小黄车|直播间|主页|商城|门店|工作室|\bshop\b|\bstore\b|storefront|showcase|boutique|our (?:studio|salon|bakery|farm|kitchen)|link in (?:my )?bio|in my bio|etsy|amazon store)/u,
  presale: /(?:预售|定金|尾款|付定|预定|预付|pre-?order|pre-?sale|deposit|reserve yours|waitlist)/u,
  code: /(?:优惠码|折扣码|邀请码|口令|暗号|券|use (?:my |the )?code|promo ?code|discount code|coupon|voucher|\bcode\s?[:：]?\s?[a-z]+\d+)/u,
  limited_time:
    /(?:限时|限量|仅限|仅今天|今天截止|今晚截止|今日特价|截止|倒计时|最后\d|最后一|只有\d+|仅剩|仅\d+|名额|手慢|limited|only \d+ left|last chance|today only|ends (?:tonight|today|soon|sunday|friday)|for the next \d+|while (?:stocks?|supplies) last|24 hours|this weekend only|flash)/u,
  restock: /(?:补货|到货|现货|回归|返场|上新|back in stock|restock|in stock|just landed|new stock|arrived|back by popular)/u,
  launch:
    /(?:新品|上市|首发|新款|发布|开售|开业|试营业|launch|new (?:collection|arrivals?|drop|release|menu|flavou?r)|just dropped|now available|available now|out now|grand opening|opening (?:day|soon))/u,
  link: /(?:https?:\/\/|www\.|\.com\/|\.cn\/|链接|link)/u,
  giveaway: /(?:抽奖|福袋|送\d|赠品|送礼|免费送|关注.{0,6}送|giveaway|give away|free gift|win a|enter to win|raffle)/u,
  subscription:
    /(?:会员|订阅|包月|年卡|月卡|试用|免费试|续费|subscribe|subscription|membership|free trial|per month|\/mo\b|a month|plans? (?:start|from))/u,
  livestream: /(?:直播|开播|号链接|\d+号|上车|家人们|宝宝们|老铁|\blive\b|livestream|going live|link (?:no\.?\s?)?\d)/u,
  contact_to_buy:
    /(?:加(?:我)?(?:微|v|vx|wx|qq)|联系(?:我|客服)|私聊|私我|滴滴|dm (?:me|us)|message me|inbox me|whatsapp|text me|call (?:us|me))/u,
} as const;

export type PromoCue = keyof typeof PROMO_CUES;
export const PROMO_CUE_NAMES = Object.keys(PROMO_CUES) as PromoCue[];

const CUE_COUNT = PROMO_CUE_NAMES.length;
const ALL_CUES = (1 << CUE_COUNT) - 1;

/*
 * All cues in one scan instead of fifteen: one alternation of the fifteen patterns, cue i as
 * group i + 1. A cue matches a text exactly when it matches starting at some position, and at
 * every position where any cue starts a match the scan stops (it resumes one position later, so
 * overlapping matches are not skipped). There it reports the first cue in the alternation that
 * matches; cues before it do not match at that position, and each cue after it not yet found is
 * tried there with a sticky copy of its own pattern. So the result is each pattern's own test.
 */
const ANY_CUE = new RegExp(PROMO_CUE_NAMES.map((name) => `(${PROMO_CUES[name].source})`).join('|'), 'gu');
const CUE_AT = PROMO_CUE_NAMES.map((name) => new RegExp(PROMO_CUES[name].source, 'uy'));

/** The cues a normalised text shows, as a bit set: bit i for PROMO_CUE_NAMES[i]. */
export function promoCueMask(normalized: string): number {
  let found = 0;
  // A private copy of the global regex per call would cost more than the scan; lastIndex is
  // always set before use, so calls cannot see each other's state.
  ANY_CUE.lastIndex = 0;
  for (let m = ANY_CUE.exec(normalized); m !== null; m = ANY_CUE.exec(normalized)) {
    const at = m.index;
    let first = 0;
    while (m[first + 1] === undefined) first++;
    found |= 1 << first;
    for (let i = first + 1; i < CUE_COUNT; i++) {
      if (found & (1 << i)) continue;
      const cue = CUE_AT[i]!;
      cue.lastIndex = at;
      if (cue.test(normalized)) found |= 1 << i;
    }
    if (found === ALL_CUES) break;
    // One code point on: no pattern can start inside a surrogate pair.
    const c = normalized.charCodeAt(at);
    ANY_CUE.lastIndex = at + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
  }
  return found;
}

/**
 * A cue scan handed from one consumer to the next (the classifier's featurizer to the policy
 * facts), so a post's cues are computed once. It names the normalised text it was computed on:
 * a consumer whose own normalised text differs (a URL stripped, a text cut short) scans its own.
 */
export interface PromoCueScan {
  normalized: string;
  mask: number;
}

/** The cue mask of a normalised text, taken from an earlier scan of that same text when there is one. */
export function promoCueMaskReusing(normalized: string, earlier: PromoCueScan | undefined): number {
  return earlier !== undefined && earlier.normalized === normalized ? earlier.mask : promoCueMask(normalized);
}

/** The names in a bit set from promoCueMask, in the order of PROMO_CUE_NAMES. */
export function promoCueNames(mask: number): PromoCue[] {
  const out: PromoCue[] = [];
  for (let i = 0; i < CUE_COUNT; i++) if (mask & (1 << i)) out.push(PROMO_CUE_NAMES[i]!);
  return out;
}

/** The cues a normalised text shows, in the order of PROMO_CUE_NAMES. */
export function promoCuesOfNormalized(normalized: string): PromoCue[] {
  return promoCueNames(promoCueMask(normalized));
}

/** Each pattern tested on its own: the definition promoCueMask is held to by a property test. */
export function promoCuesOneByOne(normalized: string): PromoCue[] {
  return PROMO_CUE_NAMES.filter((name) => PROMO_CUES[name].test(normalized));
}

export function promoCues(text: string): PromoCue[] {
  return promoCuesOfNormalized(normalizeForMatch(text));
}
