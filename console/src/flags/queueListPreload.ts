import type { GetListParams } from 'react-admin';

/**
 * The rows a queue list's address asks for, read from the address as react-admin's list reads it
 * (filter, sort and order, page, perPage; the list's defaults otherwise: priority first, 25 a page).
 * Null for any other page, or a list address without a filter (its defaults depend on the role).
 */
export function queueListParams(hash: string): GetListParams | null {
  const match = /^#\/flags\/?(?:\?(.*))?$/.exec(hash);
  if (!match?.[1]) return null;
  const query = new URLSearchParams(match[1]);
  const rawFilter = query.get('filter');
  if (!rawFilter) return null;
  let filter: unknown;
  try {
    filter = JSON.parse(rawFilter);
  } catch {
    return null;
  }
  if (!filter || typeof filter !== 'object' || Array.isArray(filter) || Object.keys(filter).length === 0) return null;
  const page = Number(query.get('page') ?? 1);
  const perPage = Number(query.get('perPage') ?? 25);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) return null;
  const order = query.get('order') === 'ASC' ? 'ASC' : 'DESC';
  return { filter, sort: { field: query.get('sort') ?? 'priority', order }, pagination: { page, perPage } };
}

/** Two list requests are the same when they ask for the same filter, sort and page (key order aside). */
export function sameListRequest(a: GetListParams, b: GetListParams): boolean {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (!v || typeof v !== 'object') return v;
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return Object.fromEntries(entries.sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canonical(x)]));
  };
  const key = (p: GetListParams) => JSON.stringify(canonical({ filter: p.filter, sort: p.sort, pagination: p.pagination }));
  return key(a) === key(b);
}
