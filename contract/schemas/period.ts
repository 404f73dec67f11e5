/**
 * Checks on a parsed period. zod runs object refinements even when a field failed, so the
 * values may still be the raw strings: only real dates are compared.
 */
export function periodInOrder(p: { from: unknown; to: unknown }): boolean {
  return !(p.from instanceof Date && p.to instanceof Date) || p.to.getTime() > p.from.getTime();
}

export function periodAtMost(days: number) {
  return (p: { from: unknown; to: unknown }): boolean =>
    !(p.from instanceof Date && p.to instanceof Date) || p.to.getTime() - p.from.getTime() <= days * 86_400_000;
}
