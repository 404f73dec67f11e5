import { describe, expect, it } from 'vitest';
import { disclosureSettings } from '../../rules/disclosure/verdict';
import { findDisclosureMarkers } from '../../rules/facts/disclosure';

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

  it('find a phrase edited in place, in its lower-case form', () => {
    const phrases = ['#ad'];
    expect(findDisclosureMarkers('thanks #partner', phrases)).toEqual([]);
    phrases[0] = '#Partner';
    expect(findDisclosureMarkers('thanks #partner', phrases)).toEqual([{ phrase: '#Partner', index: 7, negated: false }]);
  });
});
