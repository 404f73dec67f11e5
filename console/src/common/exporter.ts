import { downloadCSV, type Exporter } from 'react-admin';
import { columnsOf, toCsv } from '../../../contract/csv';

/**
 * Every list's Export button writes through the product's one CSV writer, so a member's text
 * that starts like a formula is neutralised here as in the reports.
 */
export const csvExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) => {
  const rows = records as Array<Record<string, unknown>>;
  // toCsv adds the BOM; downloadCSV writes the text as given.
  downloadCSV(toCsv(rows as Parameters<typeof toCsv>[0], columnsOf(rows)), resource ?? 'export');
};
