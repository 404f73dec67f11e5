import { useLocaleState } from 'react-admin';
import { DATE_LOCALES } from '../i18n/i18nProvider';
import { dateFormat, numberFormat } from './formatters';

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

export function useDuration() {
  const [locale] = useLocaleState();
  return (from: string | Date | null | undefined, to: Date = new Date()) =>
    from ? durationText(to.getTime() - new Date(from).getTime(), locale) : '–';
}

export function useDateText() {
  const [locale] = useLocaleState();
  return (iso: string | Date | null | undefined, withTime = true) =>
    iso
      ? dateFormat(
          DATE_LOCALES[locale] ?? 'en-GB',
          withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
        ).format(new Date(iso))
      : '–';
}
