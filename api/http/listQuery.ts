import { z } from 'zod';
import { problems, type FieldError } from './problem';
import { INT_RANGES, textProblem, yearInRange } from '../../contract/schemas/common';

/** How a filterable field's values are checked and compared. */
export type FieldKind = 'id' | 'int' | 'number' | 'text' | 'enum' | 'bool' | 'date' | 'json';

export interface FieldSpec {
  column: string;
  kind: FieldKind;
  sortable?: boolean;
  filterable?: boolean;
  values?: readonly string[];
  /** An int field's column type, so a compared value never overflows it (PostgreSQL would refuse the query). */
  intType?: keyof typeof INT_RANGES;
  /** A bool field that asks whether `column` is set (`revoked` over `revoked_at`). */
  presence?: boolean;
}

export interface ListableSpec {
  resource: string;
  fields: Record<string, FieldSpec>;
  /** Columns searched by the `q` filter (substring, case-insensitive). */
  searchColumns: string[];
  defaultSort: [string, 'ASC' | 'DESC'];
  /**
   * Rows a DELETE retires (revoked, disabled, archived) leave the default list, as react-admin expects
   * after a delete; a filter on `field` (any value) or on ids shows them again.
   */
  retired?: { field: string; hide: FilterClause };
}

export type Comparison = 'eq' | 'neq' | 'in' | 'gte' | 'lte' | 'gt' | 'lt' | 'null' | 'notnull';

export interface FilterClause {
  column: string;
  op: Comparison;
  value: unknown;
}

export interface ListQuery {
  sort: { column: string; order: 'asc' | 'desc' };
  range: { start: number; end: number } | null;
  filters: FilterClause[];
  q: string | null;
}

export const MAX_PAGE_SIZE = 1000;
const MAX_IDS = 1000;

const sortSchema = z.tuple([z.string().min(1).max(64), z.enum(['ASC', 'DESC', 'asc', 'desc'])]);
// Offsets are bigint in PostgreSQL; nobody pages a trillion rows deep.
const MAX_OFFSET = 1e12;
const rangeSchema = z
  .tuple([z.number().int().min(0).max(MAX_OFFSET), z.number().int().min(0).max(MAX_OFFSET)])
  .refine(([a, b]) => b >= a, 'range end must not be before its start')
  .refine(([a, b]) => b - a < MAX_PAGE_SIZE, `a page holds at most ${MAX_PAGE_SIZE} rows`);

/** Own fields only: a key like `__proto__` or `constructor` must not resolve through the prototype. */
function fieldOf(spec: ListableSpec, name: string): FieldSpec | undefined {
  return Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
}

const RANGE_SUFFIXES: Record<string, Comparison> = { _gte: 'gte', _lte: 'lte', _gt: 'gt', _lt: 'lt', _neq: 'neq' };

function parseJsonParam(raw: unknown, name: string, errors: FieldError[]): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    errors.push({ path: name, message: `${name} must be given once, as JSON text` });
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch {
    errors.push({ path: name, message: `${name} is not valid JSON` });
    return undefined;
  }
}

const scalarCheckers: Record<FieldKind, (v: unknown, spec: FieldSpec) => unknown | undefined> = {
  id: (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v > 0
      ? v
      : typeof v === 'string' && /^[1-9][0-9]{0,14}$/.test(v)
        ? Number(v)
        : undefined,
  int: (v, spec) => {
    const n =
      typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^-?[0-9]{1,15}$/.test(v) ? Number(v) : undefined;
    const [min, max] = INT_RANGES[spec.intType ?? 'integer'];
    return n !== undefined && n >= min && n <= max ? n : undefined;
  },
  number: (v) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        ? Number(v)
        : undefined,
  text: (v) => (typeof v === 'string' && v.length <= 500 && textProblem(v) === null ? v : undefined),
  enum: (v, spec) => (typeof v === 'string' && (spec.values ?? []).includes(v) ? v : undefined),
  bool: (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined),
  json: () => undefined,
  date: (v) => {
    if (typeof v !== 'string' || v.length > 40) return undefined;
    const d = new Date(v);
    return yearInRange(d) ? d : undefined;
  },
};

const KIND_NAMES: Record<FieldKind, string> = {
  id: 'a positive integer id',
  int: "an integer within the column's range",
  number: 'a number',
  text: 'a string of at most 500 characters, valid Unicode without NUL',
  enum: 'one of the allowed values',
  bool: 'true or false',
  date: 'an ISO 8601 date between 1970 and 9999',
  json: 'not filterable',
};

function checkValue(spec: FieldSpec, value: unknown, path: string, errors: FieldError[]): unknown {
  const checked = scalarCheckers[spec.kind](value, spec);
  if (checked === undefined) {
    const allowed = spec.kind === 'enum' ? ` (${(spec.values ?? []).join(', ')})` : '';
    errors.push({ path, message: `must be ${KIND_NAMES[spec.kind]}${allowed}` });
  }
  return checked;
}

/**
 * Reads the ra-data-simple-rest dialect: `sort=["field","ASC"]`, `range=[0,24]`, `filter={...}`.
 * Only declared fields can be sorted or filtered, so nothing from the query string reaches SQL
 * as an identifier. Filter keys: `field` (equality, or IN for an array), `field_gte` / `_lte` /
 * `_gt` / `_lt` / `_neq`, and `q` for text search.
 */
export function parseListQuery(spec: ListableSpec, query: Record<string, unknown>): ListQuery {
  const errors: FieldError[] = [];
  const rawSort = parseJsonParam(query.sort, 'sort', errors);
  const rawRange = parseJsonParam(query.range, 'range', errors);
  const rawFilter = parseJsonParam(query.filter, 'filter', errors);

  let sort: ListQuery['sort'] = { column: spec.fields[spec.defaultSort[0]]!.column, order: spec.defaultSort[1] === 'ASC' ? 'asc' : 'desc' };
  if (rawSort !== undefined) {
    const parsed = sortSchema.safeParse(rawSort);
    if (!parsed.success) errors.push({ path: 'sort', message: 'sort must be ["field", "ASC" | "DESC"]' });
    else {
      const field = fieldOf(spec, parsed.data[0]);
      if (!field || !field.sortable) {
        const allowed = Object.entries(spec.fields)
          .filter(([, f]) => f.sortable)
          .map(([n]) => n);
        errors.push({
          path: 'sort[0]',
          message: `cannot sort ${spec.resource} by "${parsed.data[0]}"; sortable fields: ${allowed.join(', ')}`,
        });
      } else sort = { column: field.column, order: parsed.data[1].toLowerCase() as 'asc' | 'desc' };
    }
  }

  let range: ListQuery['range'] = null;
  if (rawRange !== undefined) {
    const parsed = rangeSchema.safeParse(rawRange);
    if (!parsed.success) errors.push({ path: 'range', message: parsed.error.issues[0]?.message ?? 'range must be [start, end]' });
    else range = { start: parsed.data[0], end: parsed.data[1] };
  }

  const filters: FilterClause[] = [];
  let q: string | null = null;
  if (rawFilter !== undefined && rawFilter !== null) {
    if (typeof rawFilter !== 'object' || Array.isArray(rawFilter)) {
      errors.push({ path: 'filter', message: 'filter must be a JSON object' });
    } else {
      for (const [key, value] of Object.entries(rawFilter as Record<string, unknown>)) {
        const path = `filter.${key}`;
        if (value === undefined || value === null || value === '') continue;
        if (key === 'q') {
          if (typeof value !== 'string' || value.length > 200)
            errors.push({ path, message: 'q must be a string of at most 200 characters' });
          else if (textProblem(value)) errors.push({ path, message: `q ${textProblem(value)}` });
          else q = value.trim() || null;
          continue;
        }
        const suffix = Object.keys(RANGE_SUFFIXES).find((s) => key.endsWith(s) && fieldOf(spec, key.slice(0, -s.length)));
        const fieldName = suffix ? key.slice(0, -suffix.length) : key;
        const field = fieldOf(spec, fieldName);
        if (!field || field.filterable === false) {
          errors.push({ path, message: `cannot filter ${spec.resource} by "${key}"` });
          continue;
        }
        if (field.presence && (suffix || Array.isArray(value))) {
          // A presence field asks one question (is the column set?): true or false, nothing else.
          errors.push({ path, message: `"${fieldName}" is true or false; it takes no list and no comparison` });
          continue;
        }
        if (suffix) {
          const op = RANGE_SUFFIXES[suffix]!;
          if (op !== 'neq' && !['id', 'int', 'number', 'date'].includes(field.kind)) {
            errors.push({ path, message: `"${fieldName}" does not support range comparisons` });
            continue;
          }
          filters.push({ column: field.column, op, value: checkValue(field, value, path, errors) });
        } else if (Array.isArray(value)) {
          if (value.length > MAX_IDS) errors.push({ path, message: `at most ${MAX_IDS} values` });
          else filters.push({ column: field.column, op: 'in', value: value.map((v, i) => checkValue(field, v, `${path}[${i}]`, errors)) });
        } else if (field.presence) {
          filters.push({ column: field.column, op: checkValue(field, value, path, errors) ? 'notnull' : 'null', value: null });
        } else {
          filters.push({ column: field.column, op: 'eq', value: checkValue(field, value, path, errors) });
        }
      }
    }
  }
  for (const key of Object.keys(query)) {
    if (!['sort', 'range', 'filter', 'embed'].includes(key)) errors.push({ path: key, message: 'unknown query parameter' });
  }
  if (errors.length) throw problems.validation(errors, 'The list query is not valid for this resource.');
  // Naming the field in any form shows retired rows; so does asking for ids as such (react-admin's getMany of
  // references), but not a range over ids.
  const keys = rawFilter && typeof rawFilter === 'object' ? Object.keys(rawFilter) : [];
  const named = keys.map((k) => k.replace(/_(gte|lte|gt|lt|neq)$/, ''));
  if (spec.retired && !named.includes(spec.retired.field) && !keys.includes('id')) filters.push(spec.retired.hide);
  return { sort, range, filters, q };
}

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
