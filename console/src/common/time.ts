import { useLocaleState } from 'react-admin';
import { DATE_LOCALES } from '../i18n/dateLocales';
import { dateFormat } from './formatters';
import { durationText } from './durationText';

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
