import { describe, expect, it } from 'vitest';
import { findContactHandles, hasContactInvite } from '../../rules/facts/contactHandles';
import { findLinks, findPrices } from '../../rules/facts/links';
import { analyzeText, textFingerprint } from '../../rules/facts/textFacts';
import { computePostFacts } from '../../rules/facts/postFacts';
import { computeTransactionFacts } from '../../rules/facts/transactionFacts';
import { factsFor } from '../../rules/facts/catalog';
import { normalizeForMatch } from '../../rules/text/normalize';

const handles = (text: string) => findContactHandles(text.normalize('NFKC')).map((h) => `${h.kind}:${h.value}`);

describe('contact handles', () => {
  it.each([
    ['加我微信 abc_12345 私聊', 'wechat:abc_12345'],
    ['威信：happybuy_9821', 'wechat:happybuy_9821'],
    ['薇信号是 sunny8888', 'wechat:sunny8888'],
    ['V信 dealz_1569 详聊', 'wechat:dealz_1569'],
    ['加V goodgoods_2233', 'wechat:goodgoods_2233'],
    ['＋Ｖ ｘｉａｏｌｕ＿８８２１', 'wechat:xiaolu_8821'],
    ['vx:shop_online1', 'wechat:shop_online1'],
    ['🛰 abcdef123', 'wechat:abcdef123'],
    ['扣扣 12345678 备注论坛', 'qq:12345678'],
    ['企鹅：987654321', 'qq:987654321'],
    ['打我电话 138 1234 5678', 'phone:13812345678'],
    ['电话１３９－１２３４－５６７８', 'phone:13912345678'],
    ['一三八一二三四五六七八', 'phone:13812345678'],
    ['Add me on WhatsApp +1 415 555 0199', 'whatsapp:+14155550199'],
    ['Telegram @dealmaster99 for the real price', 'telegram:dealmaster99'],
    ['see t.me/cheap_stuff_now', 'telegram:cheap_stuff_now'],
    ['mail me: seller.bob@mail.example', 'email:seller.bob@mail.example'],
  ])('%s → %s', (text, expected) => {
    expect(handles(text)).toContain(expected);
  });

  it.each(['这个耳机音质怎么样？', 'Battery lasts 12 hours, 5 stars', '价格 599 元，2024 年款', '订单号 20261125001'])(
    'finds nothing in "%s"',
    (text) => {
      expect(handles(text)).toEqual([]);
    },
  );

  it('recognises invitations to take it private', () => {
    expect(hasContactInvite(normalizeForMatch('有货，加我私聊'))).toBe(true);
    expect(hasContactInvite(normalizeForMatch('DM me for details'))).toBe(true);
    expect(hasContactInvite(normalizeForMatch('Support replied to my ticket quickly'))).toBe(false);
    expect(hasContactInvite(normalizeForMatch('想了解的打我电话 138 1234 5678'))).toBe(true);
    expect(hasContactInvite(normalizeForMatch('Call me at +1 415 555 0100 for the price'))).toBe(true);
    expect(hasContactInvite(normalizeForMatch('Call me crazy, but the older model was better'))).toBe(false);
    expect(hasContactInvite(normalizeForMatch('来电显示坏了，售后说要寄修'))).toBe(false);
  });
});

describe('links and prices', () => {
  it('extracts URLs, their hosts and affiliate parameters', () => {
    const l = findLinks('看这里 https://www.shop.example/p/1?aff=c-zh-1，还有 www.bad.example/x.');
    expect(l.links).toEqual(['https://www.shop.example/p/1?aff=c-zh-1', 'www.bad.example/x']);
    expect(l.linkDomains).toEqual(['shop.example', 'bad.example']);
    expect(l.hasAffiliateLink).toBe(true);
    expect(findLinks('use my code MIA20 at checkout').hasAffiliateLink).toBe(true);
    expect(findLinks('nothing to buy here').hasAffiliateLink).toBe(false);
  });

  it('finds prices as written', () => {
    expect(findPrices('只要¥199，原价 299元；US$20 too').sort()).toEqual(['299元', 'US$20', '¥199'].sort());
  });
});

describe('fingerprints', () => {
  it('ignore case, width, script variant, spacing and punctuation', () => {
    expect(textFingerprint('買它買它！！')).toBe(textFingerprint('买它 买它'));
    expect(textFingerprint('Best deal ever, BUY NOW!!!')).toBe(textFingerprint('best deal ever buy now'));
    expect(textFingerprint('best deal ever')).not.toBe(textFingerprint('worst deal ever'));
  });
});

describe('fact builders', () => {
  const author = { type: 'creator', joinedAt: new Date('2026-01-01T00:00:00Z'), reputation: 72, violationsUpheld: 1 };
  const ctx = {
    author,
    authorPartnerships: [{ brandHandle: 'soundjoy', kind: 'sponsorship', startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: null }],
    thread: null,
    brands: [{ handle: 'soundjoy', names: ['声悦', 'SoundJoy'] }],
    velocity: { authorPostsLast10m: 0, authorPostsLastHour: 2, identicalTextAccounts10m: 0, productReviewsByNewAccounts24h: 0 },
    scores: { spam: 0.1, promo: 0.9 },
    board: { posts24h: 40, commercial24h: 12, threshold: { share: 0.25, minPosts: 20 } },
  };
  const post = {
    kind: 'thread',
    board: 'digital',
    title: '声悦 Air3 使用体验',
    body: '真心安利 https://shop.example/p/1?aff=me',
    rating: null,
    platformLabel: false,
    reach: 1000,
    hasProduct: true,
    postedAt: new Date('2026-11-01T00:00:00Z'),
  };

  it('produces exactly the catalogue’s post facts', () => {
    const facts = computePostFacts(post, ctx, {});
    expect(Object.keys(facts).sort()).toEqual(
      factsFor('post')
        .map((f) => f.name)
        .sort(),
    );
    // Unknown facts are undefined, which the rules read exactly as missing.
    expect(facts.rating).toBeUndefined();
    expect(facts).toMatchObject({
      partneredBrandMentioned: true,
      hasDisclosure: false,
      hasAffiliateLink: true,
      mentionedBrands: ['soundjoy'],
      authorPartnerBrands: ['soundjoy'],
      disclosureVerdict: 'undisclosed',
    });
    expect(facts).toMatchObject({
      boardPosts24h: 40,
      boardCommercialShare24h: 0.3,
      boardCommercialThreshold: 0.25,
      boardOverThreshold: true,
    });
  });

  it('says a board is over its threshold only with enough posts, and nothing without a board', () => {
    expect(
      computePostFacts(post, { ...ctx, board: { posts24h: 10, commercial24h: 9, threshold: { share: 0.25, minPosts: 20 } } }, {})
        .boardOverThreshold,
    ).toBe(false);
    expect(computePostFacts(post, { ...ctx, board: { posts24h: 0, commercial24h: 0, threshold: null } }, {})).toMatchObject({
      boardPosts24h: 0,
      boardCommercialShare24h: undefined,
      boardOverThreshold: false,
    });
    const none = computePostFacts({ ...post, board: null }, { ...ctx, board: null }, {});
    expect(none.boardPosts24h).toBeUndefined();
    expect(none.boardOverThreshold).toBeUndefined();
  });

  it('counts a partnership only while it is active', () => {
    const before = computePostFacts({ ...post, postedAt: new Date('2026-09-01T00:00:00Z') }, ctx, {});
    expect(before.partneredBrandMentioned).toBe(false);
  });

  it('takes disclosure phrases from the list when one exists', () => {
    const facts = computePostFacts({ ...post, body: '恰饭 #合作推广' }, ctx, { disclosure_phrases: ['#合作推广'] });
    expect(facts.disclosureMarkers).toEqual(['#合作推广']);
  });

  it('produces exactly the catalogue’s order facts', () => {
    const facts = computeTransactionFacts(
      {
        amountCents: 129900,
        currency: 'CNY',
        status: 'completed',
        orderedAt: new Date('2026-11-01T00:00:00Z'),
        hasReferralPost: true,
        hasAffiliate: true,
        productBrandHandle: 'soundjoy',
      },
      {
        buyer: author,
        buyerHistory: { orders90d: 3, refunds90d: 1, disputes90d: 0, ordersLastHour: 0 },
        vendorHistory: { orders90d: 10, refunds90d: 1, disputes90d: 1, ordersLastHour: 2 },
        referralPostDisclosed: false,
        affiliatePartnerships: ctx.authorPartnerships,
      },
    );
    expect(Object.keys(facts).sort()).toEqual(
      factsFor('transaction')
        .map((f) => f.name)
        .sort(),
    );
    expect(facts).toMatchObject({ amount: 1299, vendorRefundRate90d: 0.2, affiliatePartneredWithBrand: true });
  });

  it('survives empty, huge and malformed text', () => {
    for (const body of ['', 'a'.repeat(100_000), '\ud800 broken surrogate \udfff', '🛰'.repeat(5000)]) {
      expect(() => analyzeText(body)).not.toThrow();
    }
  });
});
