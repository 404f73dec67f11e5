import { useState } from 'react';
import { TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { daysBefore, periodOfDays } from './dayRange';

/** A period of whole days, both ends included; by default the last `days` days through today. */
export function useDayRange(days = 30) {
  const [firstDay, setFirstDay] = useState(() => daysBefore(new Date(), days - 1));
  const [lastDay, setLastDay] = useState(() => daysBefore(new Date(), 0));
  return { firstDay, lastDay, setFirstDay, setLastDay, period: () => periodOfDays(firstDay, lastDay) };
}

export function DayRangeInputs({ range, fromLabel, toLabel }: { range: ReturnType<typeof useDayRange>; fromLabel: string; toLabel: string }) {
  return (
    <>
      <TextField type="date" label={fromLabel} value={range.firstDay} onChange={(e) => range.setFirstDay(e.target.value)} size="small" fullWidth={false} sx={{ width: 190 }} slotProps={{ inputLabel: { shrink: true } }} />
      <TextField type="date" label={toLabel} value={range.lastDay} onChange={(e) => range.setLastDay(e.target.value)} size="small" fullWidth={false} sx={{ width: 190 }} slotProps={{ inputLabel: { shrink: true } }} />
    </>
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
