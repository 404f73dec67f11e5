import { Chip } from '@mui/material';
import {
  DateField,
  FunctionField,
  ReferenceField,
  useCanAccess,
  useLocaleState,
  useRecordContext,
  useTranslate,
  type DateFieldProps,
} from 'react-admin';
import { DATE_LOCALES } from '../i18n/dateLocales';
import type { AppMessages } from '../i18n/en';

export type EnumName = keyof AppMessages['enums'];

/** Dates follow the interface language, not the browser's. */
export function LocaleDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField showTime {...props} locales={DATE_LOCALES[locale] ?? 'en-GB'} />;
}

/** A stored code shown in the reader's language. */
export function EnumField({
  source,
  enumName,
  chip = false,
}: {
  source: string;
  enumName: EnumName;
  label?: string;
  chip?: boolean;
  sortable?: boolean;
}) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source] as string | null | undefined;
  if (value == null) return null;
  const text = translate(`enums.${enumName}.${value}`, { _: value });
  return chip ? <Chip size="small" label={text} /> : <span>{text}</span>;
}

/** Choices for a SelectInput over an enum, labelled through i18n. */
export function enumChoices(enumName: EnumName, values: readonly string[]) {
  return values.map((id) => ({ id, name: `enums.${enumName}.${id}` }));
}

export function MoneyField({ source, label }: { source: string; label?: string }) {
  const [locale] = useLocaleState();
  return (
    <FunctionField
      source={source}
      label={label}
      render={(r: Record<string, unknown>) =>
        new Intl.NumberFormat(DATE_LOCALES[locale] ?? 'en-GB', { style: 'currency', currency: String(r.currency ?? 'CNY') }).format(
          Number(r[source]) / 100,
        )
      }
    />
  );
}

export function ScoreField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const value = record?.[source];
  if (value == null) return <span>–</span>;
  return <span>{(Number(value) * 100).toFixed(0)}%</span>;
}

/** Staff names link only for roles that may read the staff list; others see the id, not a 403. */
export function StaffField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const { canAccess } = useCanAccess({ resource: 'staff', action: 'list' });
  if (record?.[source] == null) return <span>–</span>;
  if (!canAccess) return <span>#{String(record[source])}</span>;
  return <ReferenceField source={source} reference="staff" link={false} />;
}
