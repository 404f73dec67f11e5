import type { ReactNode } from 'react';
import { useLocaleState } from 'react-admin';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { enUS as pickerEnglish, zhCN as pickerChinese } from '@mui/x-date-pickers/locales';
import { enGB, zhCN } from 'date-fns/locale';

/*
 * The browser's own date input writes dates the browser's way (Chromium follows its UI language,
 * not the page's lang), so the console's date fields are MUI pickers in the console's language:
 * day/month/year in English (en-GB, as every other date the console shows), year/month/day in Chinese.
 */
const PICKER_LOCALES = {
  en: {
    adapter: enGB,
    date: 'dd/MM/yyyy',
    dateTime: 'dd/MM/yyyy HH:mm',
    text: pickerEnglish.components.MuiLocalizationProvider.defaultProps.localeText,
  },
  zh: {
    adapter: zhCN,
    date: 'yyyy/MM/dd',
    dateTime: 'yyyy/MM/dd HH:mm',
    text: pickerChinese.components.MuiLocalizationProvider.defaultProps.localeText,
  },
};

export function ConsolePickerLocale({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  const l = PICKER_LOCALES[locale === 'zh' ? 'zh' : 'en'];
  return (
    <LocalizationProvider
      dateAdapter={AdapterDateFns}
      adapterLocale={l.adapter}
      localeText={l.text}
      dateFormats={{ keyboardDate: l.date, keyboardDateTime24h: l.dateTime }}
    >
      {children}
    </LocalizationProvider>
  );
}
