import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpora } from '../../models/training/corpora';
import { normalizeForMatch } from '../../rules/text/normalize';
import {
  PROMO_CUE_NAMES,
  PROMO_CUES,
  promoCues,
  promoCuesOfNormalized,
  promoCuesOneByOne,
  type PromoCue,
} from '../../rules/text/promoCues';

// One Chinese and one English text per cue, written from what sellers say.
const EXAMPLES: Record<PromoCue, [string, string]> = {
  price: ['到手价 59 元', 'now only $24.99'],
  discount: ['全场满200减30', '30% off everything this week'],
  free_shipping: ['全国包邮', 'free shipping on orders over £20'],
  call_to_action: ['喜欢的姐妹直接拍下', 'grab yours before they are gone'],
  shop: ['橱窗第一个就是', 'link in bio for the full range'],
  presale: ['付定金立减五十', 'pre-order opens friday'],
  code: ['下单输入优惠码 MIA15', 'use my code LUNA20'],
  limited_time: ['限时三天', 'today only'],
  restock: ['断货的那款补货了', 'back in stock in all sizes'],
  launch: ['秋冬新品首发', 'new collection just dropped'],
  link: ['链接放评论区了', 'https://shop.example/p/1'],
  giveaway: ['关注就送小样', 'giveaway: win a full set'],
  subscription: ['开通会员首月9.9', 'start your free trial'],
  livestream: ['三号链接上车', 'going live at 8'],
  contact_to_buy: ['要的加我vx', 'dm me to order'],
};

describe('promotion cues', () => {
  it('find each cue in Chinese (simplified or traditional, any width) and English', () => {
    for (const name of PROMO_CUE_NAMES) {
      const [zh, en] = EXAMPLES[name];
      expect(promoCues(zh), `${name}: ${zh}`).toContain(name);
      expect(promoCues(en), `${name}: ${en}`).toContain(name);
    }
    expect(promoCues('斷貨的那款補貨了')).toContain('restock');
    expect(promoCues('ＵＳＥ ＭＹ ＣＯＤＥ ＬＵＮＡ２０')).toContain('code');
  });

  it('find none in plain talk', () => {
    expect(promoCues('今天下雨，孩子在家看书')).toEqual([]);
    expect(promoCues('Had my tent for three years, the zip finally broke.')).toEqual([]);
  });
});

describe('the one-scan cue pass', () => {
  // The literal pieces of every pattern (split at its operators), so random texts hit cues often,
  // overlap them and cut them short, among digits, currency signs, spaces and arbitrary characters.
  const pieces = [
    ...new Set(
      PROMO_CUE_NAMES.flatMap((name) => PROMO_CUES[name].source.split(/[()|?:\\[\]{}+*.^$]+|\\[sdb]/)).filter((p) => p.length > 0),
    ),
  ];
  const fragment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pieces) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(' ', '1', '20', '%', '$', '¥', '.', '-', "'", ':', '：', 'a', '号', '送', '𠀀', '\uD800', '😀'),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  const text = fc.array(fragment, { maxLength: 16 }).map((parts) => parts.join(''));

  it('finds exactly the cues each pattern finds on its own, on random texts', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const normalized = normalizeForMatch(raw);
        expect(promoCuesOfNormalized(normalized)).toEqual(promoCuesOneByOne(normalized));
        // The raw form too: the scan must not rely on the text being normalised.
        expect(promoCuesOfNormalized(raw)).toEqual(promoCuesOneByOne(raw));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds exactly the cues each pattern finds on its own, on every corpus text', () => {
    const texts = loadCorpora().map((e) => normalizeForMatch(e.text));
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((t) => promoCuesOfNormalized(t).join() !== promoCuesOneByOne(t).join());
    expect(differing).toEqual([]);
    // Every cue is found somewhere in the corpora, so each one's path through the scan is exercised.
    expect(new Set(texts.flatMap((t) => promoCuesOfNormalized(t)))).toEqual(new Set(PROMO_CUE_NAMES));
  });
});
