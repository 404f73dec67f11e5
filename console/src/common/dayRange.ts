/*
 * Report and backtest periods are picked as whole UTC days, both ends included, the way people
 * name a period ("1 to 31 October"). The API takes a half-open instant range [from, to), so the
 * last day picked becomes midnight of the day after it.
 */

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant, in UTC. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The UTC day `days` days before `now`'s (0 = today). */
export const daysBefore = (now: Date, days: number): string => isoDay(new Date(now.getTime() - days * DAY_MS));

/**
 * The half-open instant range the API takes for the days `firstDay` through `lastDay`. A day that
 * is not a date (a cleared field) goes through as it is, so the API's problem names the field.
 */
export function periodOfDays(firstDay: string, lastDay: string): { from: string; to: string } {
  const last = Date.parse(`${lastDay}T00:00:00Z`);
  return { from: `${firstDay}T00:00:00Z`, to: Number.isNaN(last) ? lastDay : `${isoDay(new Date(last + DAY_MS))}T00:00:00Z` };
}

/** The last day a half-open period covers, for saying "from … to …" with both ends included. */
export function lastDayOfPeriod(to: string): string {
  return isoDay(new Date(Date.parse(to) - 1));
}
