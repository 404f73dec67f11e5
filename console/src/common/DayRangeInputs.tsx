import { useState } from 'react';
import { Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { enUS as pickerEnglish, zhCN as pickerChinese } from '@mui/x-date-pickers/locales';
import { enGB, zhCN } from 'date-fns/locale';
import { format, isValid, parse } from 'date-fns';
import { daysBefore, periodOfDays } from './dayRange';

/*
 * The browser's own date input writes dates the browser's way (Chromium follows its UI language,
 * not the page's lang), so the period fields are MUI pickers that follow the console's language:
 * day/month/year in English (en-GB, as every other date the console shows), year/month/day in Chinese.
 */
const PICKER_LOCALES = {
  en: { adapter: enGB, format: 'dd/MM/yyyy', text: pickerEnglish.components.MuiLocalizationProvider.defaultProps.localeText },
  zh: { adapter: zhCN, format: 'yyyy/MM/dd', text: pickerChinese.components.MuiLocalizationProvider.defaultProps.localeText },
};

const toDate = (day: string): Date | null => (day ? parse(day, 'yyyy-MM-dd', new Date()) : null);
/** A half-typed or cleared field becomes '' so the API's problem names it. */
const toDay = (date: Date | null): string => (date && isValid(date) ? format(date, 'yyyy-MM-dd') : '');

function DayPicker({ label, value, onChange }: { label: string; value: string; onChange: (day: string) => void }) {
  return <DatePicker label={label} value={toDate(value)} onChange={(d) => onChange(toDay(d))} slotProps={{ textField: { size: 'small', sx: { width: 190 } } }} />;
}

/** A period of whole days, both ends included; by default the last `days` days through today. */
export function useDayRange(days = 30) {
  const [firstDay, setFirstDay] = useState(() => daysBefore(new Date(), days - 1));
  const [lastDay, setLastDay] = useState(() => daysBefore(new Date(), 0));
  return { firstDay, lastDay, setFirstDay, setLastDay, period: () => periodOfDays(firstDay, lastDay) };
}

export function DayRangeInputs({ range, fromLabel, toLabel }: { range: ReturnType<typeof useDayRange>; fromLabel: string; toLabel: string }) {
  const [locale] = useLocaleState();
  const l = PICKER_LOCALES[locale === 'zh' ? 'zh' : 'en'];
  return (
    <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={l.adapter} localeText={l.text} dateFormats={{ keyboardDate: l.format }}>
      <DayPicker label={fromLabel} value={range.firstDay} onChange={range.setFirstDay} />
      <DayPicker label={toLabel} value={range.lastDay} onChange={range.setLastDay} />
    </LocalizationProvider>
  );
}

/** Says what the picked days mean, since a report's period is what a regulator reads first. */
export function DayRangeHint() {
  const translate = useTranslate();
  return (
    <Typography variant="caption" color="text.secondary" sx={{ display: 'block', displayPrint: 'none' }}>
      {translate('app.compliance.days_hint')}
    </Typography>
  );
}
