import { describe, expect, it } from 'vitest';
import { disclosureSettings } from '../../rules/disclosure/verdict';

// Both caches are kept per list object; a list edited in place after it was first read must be read again.
describe('the disclosure lists’ caches', () => {
  it('rebuild the settings when a list grows or an item changes length in place', () => {
    const lists = { disclosure_phrases: ['#ad', '广告'] };
    const first = disclosureSettings(lists);
    expect(disclosureSettings(lists)).toBe(first);
    lists.disclosure_phrases.push('#sponsored');
    const second = disclosureSettings(lists);
    expect(second).not.toBe(first);
    lists.disclosure_phrases[0] = '#advert';
    expect(disclosureSettings(lists)).not.toBe(second);
  });
});
