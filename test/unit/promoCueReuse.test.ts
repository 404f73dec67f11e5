import { describe, expect, it } from 'vitest';
import { featurize, featurizeWithCues } from '../../models/featurizer';
import { loadCorpora } from '../../models/corpora';
import { normalizeForMatch } from '../../rules/text/normalize';
import { promoCueMask, promoCueMaskReusing } from '../../rules/text/promoCues';

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
});
