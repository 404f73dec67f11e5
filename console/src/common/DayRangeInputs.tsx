import { useState } from 'react';
import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { format, isValid, parse } from 'date-fns';
import { ConsolePickerLocale } from './ConsolePickerLocale';
import { daysBefore, periodOfDays } from './dayRange';

const toDate = (day: string): Date | null => (day ? parse(day, 'yyyy-MM-dd', new Date()) : null);
/** A half-typed or cleared field becomes '' so the API's problem names it. */
const toDay = (date: Date | null): string => (date && isValid(date) ? format(date, 'yyyy-MM-dd') : '');

function DayPicker({ label, value, onChange }: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <DatePicker
      label={label}
      value={toDate(value)}
      onChange={(d) => onChange(toDay(d))}
      slotProps={{ textField: { size: 'small', sx: { width: 190 } } }}
    />
  );
}

/** A period of whole days, both ends included; by default the last `days` days through today. */
export function useDayRange(days = 30) {
  const [firstDay, setFirstDay] = useState(() => daysBefore(new Date(), days - 1));
  const [lastDay, setLastDay] = useState(() => daysBefore(new Date(), 0));
  return { firstDay, lastDay, setFirstDay, setLastDay, period: () => periodOfDays(firstDay, lastDay) };
}

export function DayRangeInputs({
  range,
  fromLabel,
  toLabel,
}: {
  range: ReturnType<typeof useDayRange>;
  fromLabel: string;
  toLabel: string;
}) {
  return (
    <ConsolePickerLocale>
      <DayPicker label={fromLabel} value={range.firstDay} onChange={range.setFirstDay} />
      <DayPicker label={toLabel} value={range.lastDay} onChange={range.setLastDay} />
    </ConsolePickerLocale>
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
