import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeForMatch, normalizeSlowly } from '../../rules/text/normalize';

// The character-by-character path must give what NFKC + lower case + the traditional fold give.
const range = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
const char = fc.oneof(
  range(0x00, 0x7f),
  range(0x3000, 0x303f),
  range(0x4e00, 0x9fff),
  range(0xff00, 0xffef),
  fc.constantFrom(
    '\u0301',
    '\u0308',
    '\u302a',
    '\u3099',
    '\u309a',
    'Σ',
    'ς',
    'İ',
    'ﬁ',
    '㈱',
    '①',
    '\u1100',
    '\u1161',
    '가',
    '廣',
    '告',
    '與',
    '１',
    'Ａ',
    '＃',
  ),
  range(0x80, 0x2fff),
);

describe('normalizeForMatch', () => {
  it('gives the full normalisation on every text', () => {
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 30 }).map((cs) => cs.join('')),
        (text) => {
          expect(normalizeForMatch(text)).toBe(normalizeSlowly(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('folds full-width forms, case and traditional characters', () => {
    expect(normalizeForMatch('廣告，ＡＢＣ＃ad！')).toBe('广告,abc#ad!');
    expect(normalizeForMatch('e\u0301 café')).toBe('é café');
  });
});
