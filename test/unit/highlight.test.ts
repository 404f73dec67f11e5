import { describe, expect, it } from 'vitest';
import { evidenceSpans } from '../../console/src/evidence/highlight';

const marked = (text: string, terms: string[] = [], brands: string[] = []) =>
  evidenceSpans(text, terms, brands).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('the console’s evidence marks', () => {
  it('mark a Latin term only as a whole word, and a Chinese term wherever it stands', () => {
    expect(marked('Finally got the earbuds I had been eyeing')).toEqual([]);
    expect(marked('Love these #ad')).toContain('disclosure:ad');
    expect(marked('广告 这款很好用')).toContain('disclosure:广告');
    expect(marked('SoundJoy earbuds, and SoundJoyful is another shop', [], ['SoundJoy'])).toEqual(['brand:SoundJoy']);
    expect(marked('这款声悦耳机', [], ['声悦'])).toEqual(['brand:声悦']);
  });

  it('mark the discount code a post gives, not the word before it, and not "code" followed by a plain word', () => {
    expect(marked('山野的冲锋衣真不错，用码CZH395立减20元')).toEqual(expect.arrayContaining(['code:CZH395']));
    expect(marked('Use my code CEN069 at checkout')).toContain('code:CEN069');
    expect(marked('Dress code red for the party')).toEqual([]);
  });
});
