import { describe, expect, it } from 'vitest';
import { fractionToPercentText, parsePercent } from '../../console/src/common/percent';

describe('percent inputs', () => {
  it('store the fraction of what a person types as a percentage', () => {
    expect(parsePercent('25')).toEqual({ fraction: 0.25 });
    expect(parsePercent(' 29 % ')).toEqual({ fraction: 0.29 });
    expect(parsePercent('12,5')).toEqual({ fraction: 0.125 });
    expect(parsePercent('100')).toEqual({ fraction: 1 });
    expect(fractionToPercentText(0.29)).toBe('29');
    expect(parsePercent(fractionToPercentText(0.125))).toEqual({ fraction: 0.125 });
  });

  it('name what is wrong instead of passing the API a fraction it refuses', () => {
    expect(parsePercent('250')).toEqual({ problem: 'percent_range' });
    expect(parsePercent('0', { min: 0, max: 100, minExclusive: true })).toEqual({ problem: 'percent_range' });
    expect(parsePercent('-3')).toEqual({ problem: 'percent_range' });
    expect(parsePercent('abc')).toEqual({ problem: 'percent_not_number' });
    expect(parsePercent('')).toEqual({ problem: 'percent_required' });
  });
});
