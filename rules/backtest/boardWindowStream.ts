const HOUR = 3_600_000;
const WINDOW_HOURS = 24;

/**
 * A board's posts in the 24 full hours before each post's hour, counted from memory in a
 * backtest. Means the same as the live query over the hourly board counters: whole hours before
 * the item's hour, commercial by the verdict stored for each post.
 */
export function createBoardWindowStream() {
  const hours = new Map<string, Map<number, { posts: number; commercial: number }>>();
  return {
    measure(board: string, at: Date): { posts24h: number; commercial24h: number } {
      const hour = Math.floor(at.getTime() / HOUR);
      const byHour = hours.get(board);
      let posts = 0;
      let commercial = 0;
      if (byHour) {
        for (let h = hour - WINDOW_HOURS; h < hour; h++) {
          const c = byHour.get(h);
          if (c) {
            posts += c.posts;
            commercial += c.commercial;
          }
        }
      }
      return { posts24h: posts, commercial24h: commercial };
    },
    record(board: string, at: Date, commercial: boolean): void {
      const hour = Math.floor(at.getTime() / HOUR);
      const byHour = hours.get(board) ?? new Map<number, { posts: number; commercial: number }>();
      const c = byHour.get(hour) ?? { posts: 0, commercial: 0 };
      c.posts += 1;
      if (commercial) c.commercial += 1;
      byHour.set(hour, c);
      // Hours older than any window still to come are dropped.
      for (const h of byHour.keys()) if (h < hour - WINDOW_HOURS) byHour.delete(h);
      hours.set(board, byHour);
    },
  };
}

export const COMMERCIAL_VERDICTS: ReadonlySet<string> = new Set(['disclosed', 'weakly_disclosed', 'undisclosed']);
