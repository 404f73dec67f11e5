import { describe, expect, it } from 'vitest';
import { featurize, featurizeWithCues } from '../../models/runtime/featurizer';
import { loadCorpora } from '../../models/training/corpora';
import { normalizeForMatch } from '../../rules/text/normalize';
import { promoCueMask, promoCueMaskReusing } from '../../rules/text/promoCues';
import { computePostFacts, type PostContext } from '../../rules/facts/postFacts';

describe('a post’s promotion cues, scanned once', () => {
  it('reuses an earlier scan only for the very text it was made on', () => {
    const text = 'grab yours now, free shipping';
    // A mask no scan would give, so the test sees whether it was reused or recomputed.
    const earlier = { normalized: text, mask: 1 << 30 };
    expect(promoCueMaskReusing(text, earlier)).toBe(1 << 30);
    expect(promoCueMaskReusing(`${text}!`, earlier)).toBe(promoCueMask(`${text}!`));
    expect(promoCueMaskReusing(text, undefined)).toBe(promoCueMask(text));
  });

  it('hands on, from the featurizer, the scan of the text it names, and the same features as featurize', () => {
    let reusable = 0;
    for (const { text } of loadCorpora().filter((_, i) => i % 7 === 0)) {
      const { features, cues } = featurizeWithCues(text);
      expect(cues.mask).toBe(promoCueMask(cues.normalized));
      const plain = featurize(text);
      expect(features.indices).toEqual(plain.indices);
      expect(features.values).toEqual(plain.values);
      if (cues.normalized === normalizeForMatch(text)) reusable++;
    }
    // Most texts have no URL and fit in the featurizer's window, so the facts reuse their scan.
    expect(reusable).toBeGreaterThan(1000);
  });

  it('gives a post the same facts whether its cues come from the featurizer or from a scan of its own', () => {
    const base: Omit<PostContext, 'scores'> = {
      author: { type: 'member', joinedAt: new Date('2026-01-01T00:00:00Z'), reputation: 50, violationsUpheld: 0 },
      authorPartnerships: [],
      thread: null,
      brands: [],
      velocity: { authorPostsLast10m: 0, authorPostsLastHour: 0, identicalTextAccounts10m: 0, productReviewsByNewAccounts24h: 0 },
      board: null,
    };
    const examples = [...loadCorpora().filter((_, i) => i % 41 === 0), { text: `see https://shop.example/p/1 ${'限时 '.repeat(400)}` }];
    for (const { text } of examples) {
      const post = {
        kind: 'thread',
        board: null,
        title: null,
        body: text,
        rating: null,
        platformLabel: false,
        reach: 0,
        hasProduct: false,
        postedAt: new Date('2026-11-01T00:00:00Z'),
      };
      const { cues } = featurizeWithCues(text);
      const shared = computePostFacts(post, { ...base, scores: { spam: 0.5, promo: 0.5, cues } }, {});
      const own = computePostFacts(post, { ...base, scores: { spam: 0.5, promo: 0.5 } }, {});
      expect(shared, text).toEqual(own);
    }
  });
});
