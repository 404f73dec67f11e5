const DAY = 86_400_000;

/**
 * A board's posts over the 24 hours before each post, counted from memory in a backtest. Means
 * the same as the live query: posts strictly before the item, and commercial by the verdict
 * stored for them. Record in time order, measuring all posts of one timestamp before recording any.
 */
export function createBoardWindowStream() {
  const byBoard = new Map<string, Array<{ t: number; commercial: boolean }>>();
  return {
    measure(board: string, at: Date): { posts24h: number; commercial24h: number } {
      const t = at.getTime();
      let posts = 0;
      let commercial = 0;
      for (const x of byBoard.get(board) ?? []) {
        if (x.t >= t - DAY && x.t < t) {
          posts++;
          if (x.commercial) commercial++;
        }
      }
      return { posts24h: posts, commercial24h: commercial };
    },
    record(board: string, at: Date, commercial: boolean): void {
      const t = at.getTime();
      const list = byBoard.get(board) ?? [];
      list.push({ t, commercial });
      let drop = 0;
      while (drop < list.length && list[drop]!.t < t - DAY) drop++;
      if (drop) list.splice(0, drop);
      byBoard.set(board, list);
    },
  };
}

export const COMMERCIAL_VERDICTS: ReadonlySet<string> = new Set(['disclosed', 'weakly_disclosed', 'undisclosed']);
