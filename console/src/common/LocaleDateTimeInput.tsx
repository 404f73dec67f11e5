import { FieldTitle, useInput, useResourceContext } from 'react-admin';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { isValid } from 'date-fns';
import { ConsolePickerLocale } from './ConsolePickerLocale';

/** A react-admin date-and-time input (a list filter) written in the console's language; the value is an ISO instant. */
export default function LocaleDateTimeInput({ source, label }: { source: string; label?: string; alwaysOn?: boolean }) {
  const resource = useResourceContext();
  const { field } = useInput({ source });
  const value = typeof field.value === 'string' && field.value ? new Date(field.value) : null;
  return (
    <ConsolePickerLocale>
      <DateTimePicker
        label={<FieldTitle label={label} source={source} resource={resource} />}
        value={value && isValid(value) ? value : null}
        onChange={(d) => field.onChange(d && isValid(d) ? d.toISOString() : null)}
        ampm={false}
        slotProps={{ textField: { size: 'small', onBlur: field.onBlur, sx: { width: 230 } } }}
      />
    </ConsolePickerLocale>
  );
}
