import { DATE_LOCALES } from '../i18n/dateLocales';
import { numberFormat } from './formatters';

const UNITS: Array<[Intl.NumberFormatOptions['unit'], number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A length of time in the largest unit that fits ("3 hours", "3小时"), in the interface language. */
export function durationText(ms: number, locale: string): string {
  const abs = Math.max(0, ms);
  const [unit, size] = UNITS.find(([, size]) => abs >= size) ?? UNITS[UNITS.length - 1]!;
  return numberFormat(DATE_LOCALES[locale] ?? 'en-GB', { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(
    Math.floor(abs / size),
  );
}
