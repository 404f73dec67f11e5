import { InputAdornment, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PercentParse } from './percent';

/**
 * A field that asks for a percentage and says so: the % sign beside the number, the allowed range
 * below it, and, for a value out of range, a message of its own instead of the API's fraction check.
 */
export function PercentInput({
  label,
  text,
  onChange,
  parsed,
  range,
  serverError,
  width = 170,
}: {
  label: string;
  text: string;
  onChange: (text: string) => void;
  parsed: PercentParse;
  range: { min: number; max: number };
  serverError?: string | null;
  width?: number;
}) {
  const translate = useTranslate();
  const problem = text.trim() === '' ? null : (parsed.problem ?? null);
  const error = problem ? translate(`app.percent.${problem}`, range) : (serverError ?? null);
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? translate('app.percent.hint', range)}
      sx={{ width }}
      slotProps={{
        input: { endAdornment: <InputAdornment position="end">%</InputAdornment> },
        htmlInput: { inputMode: 'decimal', 'data-testid': 'percent-input' },
      }}
    />
  );
}
