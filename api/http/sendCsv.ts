import type { Response } from 'express';

/** Answers a CSV download (text made by contract/csv.ts, which neutralises formula cells). */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}
