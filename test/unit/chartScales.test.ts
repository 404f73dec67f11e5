import { describe, expect, it } from 'vitest';
import { niceTicks, timeTicks } from '../../console/src/common/chartScales';

const DAY = 86_400_000;

describe('chart ticks', () => {
  it('counts step by 1, 2 or 5 × 10ⁿ and reach the maximum', () => {
    expect(niceTicks(2600)).toEqual([0, 1000, 2000, 3000]);
    expect(niceTicks(1300)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(0.8, 5, false)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    for (const max of [1, 9, 11, 99, 101, 649, 2601, 123456]) {
      const t = niceTicks(max);
      expect(t.length).toBeLessThanOrEqual(6);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      const step = t[1]! - t[0]!;
      expect(Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3))).toBeOneOf([1, 2, 5]);
    }
  });

  it('time ticks fall on midnights or month starts, evenly in time, never more than asked', () => {
    const start = Date.UTC(2026, 8, 3, 15);
    const t30 = timeTicks(start, start + 30 * DAY, 6);
    expect(t30.length).toBeLessThanOrEqual(6);
    expect(t30.every((t) => t % DAY === 0)).toBe(true);
    expect(new Set(t30.slice(1).map((t, i) => t - t30[i]!)).size).toBe(1);
    const t200 = timeTicks(start, start + 200 * DAY, 6);
    expect(t200.length).toBeLessThanOrEqual(6);
    expect(t200.every((t) => new Date(t).getUTCDate() === 1)).toBe(true);
    const hours = timeTicks(start, start + DAY, 6);
    expect(hours.length).toBeLessThanOrEqual(6);
    expect(hours.every((t) => t >= start && t <= start + DAY)).toBe(true);
  });
});
