/*
 * The one CSV writer: every CSV the product hands out (compliance and transparency reports, the
 * console's list exports) goes through here; it is pure, so the console imports it as well.
 */

// The browser build: the Node one creates a Buffer at import, which would stop the console loading.
import { stringify } from 'csv-stringify/browser/esm/sync';

/** A cell a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-looking text with an apostrophe, so the spreadsheet shows it instead of running it. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | null | undefined | Date | object;

/**
 * Rows (objects keyed by column, or arrays in column order) as UTF-8 CSV text with a BOM, so
 * spreadsheet programs read Chinese text correctly. Nested values are written as JSON.
 */
export function toCsv(rows: ReadonlyArray<Record<string, CsvCell> | ReadonlyArray<CsvCell>>, columns: readonly string[]): string {
  const cell = (v: CsvCell): string | number | boolean | null => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'object') return neutraliseCell(JSON.stringify(v));
    if (typeof v === 'string') return neutraliseCell(v);
    return v;
  };
  const data = rows.map((r) =>
    Array.isArray(r) ? (r as ReadonlyArray<CsvCell>).map(cell) : columns.map((c) => cell((r as Record<string, CsvCell>)[c])),
  );
  return '\ufeff' + stringify(data, { header: true, columns: [...columns] });
}

/** The columns of a set of records, in first-seen order (a console list export). */
export function columnsOf(records: ReadonlyArray<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
