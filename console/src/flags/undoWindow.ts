/**
 * How long a decision's Undo offer stays: time the moderator could see and use it, not time since
 * the key was pressed. The offer is checked every tick; a tick that comes late means the page was
 * frozen (rendering the next item, a stalled machine), and only MAX_TICK_MS of it is counted, so
 * the offer is never gone before the moderator could reach it. A hidden page counts real time:
 * the decision must not wait, holding its claim, for the tab to come back.
 */
export const UNDO_MS = 5000;
export const UNDO_TICK_MS = 100;
const MAX_TICK_MS = 500;

/** The offer's shown time after one tick that came `elapsed` ms after the last one. */
export function shownAfterTick(shown: number, elapsed: number, hidden: boolean): number {
  const step = Math.max(0, elapsed);
  return shown + (hidden ? step : Math.min(step, MAX_TICK_MS));
}
