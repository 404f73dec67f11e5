/** Benchmarks print their figures for people, then one JSON object as the last line for tools. */
export function report(lines: string[], summary: Record<string, unknown>): void {
  for (const line of lines) process.stdout.write(`${line}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));
