import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysBefore, lastDayOfPeriod, periodOfDays } from '../../console/src/common/dayRange';

describe('periods picked as whole days', () => {
  it('includes the last day picked: October is 1 to 31 October, sent as [1 Oct, 1 Nov)', () => {
    expect(periodOfDays('2026-10-01', '2026-10-31')).toEqual({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    expect(periodOfDays('2028-02-29', '2028-02-29')).toEqual({ from: '2028-02-29T00:00:00Z', to: '2028-03-01T00:00:00Z' });
    expect(periodOfDays('2026-12-01', '2026-12-31').to).toBe('2027-01-01T00:00:00Z');
  });

  it('says a period back as the days it covers, for any day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(lastDayOfPeriod(periodOfDays(day, day).to)).toBe(day);
      }),
    );
    // A period that ends inside a day covers that day.
    expect(lastDayOfPeriod('2026-11-26T12:30:00.000Z')).toBe('2026-11-26');
  });

  it('passes a cleared field through, so the API names it instead of the page throwing', () => {
    expect(periodOfDays('2026-10-01', '')).toEqual({ from: '2026-10-01T00:00:00Z', to: '' });
  });

  it('counts default periods back from today in UTC', () => {
    const now = new Date('2026-11-26T23:59:00Z');
    expect(daysBefore(now, 0)).toBe('2026-11-26');
    expect(daysBefore(now, 29)).toBe('2026-10-28');
  });
});
