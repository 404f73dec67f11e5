/**
 * Axis ticks people can read: counts on round steps (1, 2, 5 × 10ⁿ), and time on whole days,
 * weeks or months, so irregular dates sit where they happened and labels never crowd.
 */
const DAY = 86_400_000;

/** 0 and round steps up to at least `max`, at most `maxTicks` of them (0/1000/2000/3000, not 0/650/1300/2600). */
export function niceTicks(max: number, maxTicks = 5, integer = true): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / Math.max(1, maxTicks - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max) break;
  }
  return ticks;
}

const STEPS_DAYS = [1, 2, 7, 14];

/**
 * Tick times between `min` and `max` (ms), at most `maxTicks`: midnight UTC every 1, 2, 7 or 14
 * days, or the first of every 1, 2, 3 or 6 months for longer spans; hours for spans under two days.
 */
export function timeTicks(min: number, max: number, maxTicks = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return Number.isFinite(min) ? [min] : [];
  const span = max - min;
  if (span < 2 * DAY) {
    const hour = 3_600_000;
    const step = [1, 2, 3, 6, 12].map((h) => h * hour).find((s) => span / s <= maxTicks - 1) ?? 12 * hour;
    return stepped(Math.ceil(min / step) * step, max, step);
  }
  const days = STEPS_DAYS.find((d) => span / (d * DAY) <= maxTicks - 1);
  if (days !== undefined) return stepped(Math.ceil(min / (days * DAY)) * days * DAY, max, days * DAY);
  const months = [1, 2, 3, 6, 12].find((m) => span / (m * 30.44 * DAY) <= maxTicks - 1) ?? 12;
  const out: number[] = [];
  const start = new Date(min);
  const d = new Date(
    Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + (start.getUTCDate() > 1 || start.getUTCHours() > 0 ? 1 : 0), 1),
  );
  while (d.getUTCMonth() % months !== 0) d.setUTCMonth(d.getUTCMonth() + 1);
  for (; d.getTime() <= max; d.setUTCMonth(d.getUTCMonth() + months)) out.push(d.getTime());
  return out;
}

function stepped(first: number, max: number, step: number): number[] {
  const out: number[] = [];
  for (let t = first; t <= max; t += step) out.push(t);
  return out;
}

/** A day (YYYY-MM-DD) as the time of its midnight UTC, for a time-scaled axis. */
export const dayTime = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`).getTime();
