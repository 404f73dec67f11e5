import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { likePattern, type FilterClause, type ListQuery } from '../http/listQuery';
import { toApiRow } from '../db/rows';
import type { ResourceDefinition } from './definitions';

const SQL_OPS: Record<Exclude<FilterClause['op'], 'in' | 'eq' | 'null' | 'notnull'>, string> = {
  neq: '<>',
  gte: '>=',
  lte: '<=',
  gt: '>',
  lt: '<',
};

/** Who is asking matters for search: without the unmask right, text is searched as it is shown (masked). */
export interface ListViewer {
  unmasked: boolean;
}

function applyFilters(qb: Knex.QueryBuilder, def: ResourceDefinition, query: ListQuery, viewer: ListViewer): Knex.QueryBuilder {
  for (const f of query.filters) {
    if (f.op === 'eq') qb.where(f.column, f.value as Knex.Value);
    else if (f.op === 'in') qb.whereIn(f.column, f.value as Knex.Value[]);
    else if (f.op === 'null') qb.whereNull(f.column);
    else if (f.op === 'notnull') qb.whereNotNull(f.column);
    else qb.where(f.column, SQL_OPS[f.op], f.value as Knex.Value);
  }
  if (query.q && def.searchColumns.length) {
    const pattern = likePattern(query.q);
    qb.where((w) => {
      for (const column of def.searchColumns)
        w.orWhere(viewer.unmasked ? column : (def.maskedSearch?.[column] ?? column), 'ilike', pattern);
    });
  }
  return qb;
}

export interface ListResult {
  rows: Record<string, unknown>[];
  total: number;
  start: number;
}

export async function listRows(db: Db, def: ResourceDefinition, query: ListQuery, viewer: ListViewer): Promise<ListResult> {
  const base = () => applyFilters(db(def.table), def, query, viewer);
  const order = [
    { column: query.sort.column, order: query.sort.order },
    ...(query.sort.column === 'id' ? [] : (def.tiebreak ?? [{ column: 'id', order: query.sort.order }])),
  ];
  const start = query.range?.start ?? 0;
  // Without a range (react-admin's getMany) the id filter bounds the answer; cap it all the same.
  const limit = query.range ? query.range.end - query.range.start + 1 : 1000;
  // Deferred join: the page's ids come from the index alone, and only those rows are read, so a
  // deep page does not fetch every row it skips.
  const pageIds = base().select('id').orderBy(order).offset(start).limit(limit);
  const rowsQuery = db(def.table).select(def.columns).whereIn('id', pageIds).orderBy(order);
  const [rows, countRow] = await Promise.all([rowsQuery, base().count({ total: '*' }).first()]);
  return { rows: rows.map(toApiRow), total: Number((countRow as { total: number } | undefined)?.total ?? 0), start };
}

export async function getRow(db: Db, def: ResourceDefinition, id: number): Promise<Record<string, unknown> | null> {
  const row = await db(def.table).select(def.columns).where('id', id).first();
  return row ? toApiRow(row) : null;
}

/** `Content-Range: posts 0-24/319`, the header ra-data-simple-rest reads for the total. */
export function contentRange(resource: string, result: ListResult): string {
  if (result.rows.length === 0) return `${resource} */${result.total}`;
  return `${resource} ${result.start}-${result.start + result.rows.length - 1}/${result.total}`;
}
