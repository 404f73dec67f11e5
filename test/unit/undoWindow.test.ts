import { describe, expect, it } from 'vitest';
import { UNDO_MS, UNDO_TICK_MS, shownAfterTick } from '../../console/src/flags/undoWindow';

describe('the Undo offer counts the time it could be seen', () => {
  it('ticks on time add up to the window', () => {
    let shown = 0;
    let ticks = 0;
    while (shown < UNDO_MS) {
      shown = shownAfterTick(shown, UNDO_TICK_MS, false);
      ticks++;
    }
    expect(ticks).toBe(UNDO_MS / UNDO_TICK_MS);
  });

  it('a frozen page (a late tick) counts only a little of the time it was frozen', () => {
    // Three seconds rendering the next item, then on-time ticks: the offer still has most of its time.
    let shown = shownAfterTick(0, 3_000, false);
    expect(shown).toBeLessThanOrEqual(UNDO_MS / 10);
    let ticks = 0;
    while (shown < UNDO_MS) {
      shown = shownAfterTick(shown, UNDO_TICK_MS, false);
      ticks++;
    }
    expect(ticks * UNDO_TICK_MS).toBeGreaterThanOrEqual(UNDO_MS - UNDO_MS / 10);
  });

  it('a hidden page counts real time, so the decision is not held back until the tab returns', () => {
    expect(shownAfterTick(0, 1_000, true)).toBe(1_000);
    expect(shownAfterTick(0, UNDO_MS, true)).toBeGreaterThanOrEqual(UNDO_MS);
  });

  it('a clock set back counts nothing rather than giving time back', () => {
    expect(shownAfterTick(1_000, -5_000, false)).toBe(1_000);
  });
});
