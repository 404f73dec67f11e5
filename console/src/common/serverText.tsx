import { useRecordContext, useTranslate, type TranslateFunction } from 'react-admin';
import type { EnumName } from './fields';

/** Text the server sent as a key with parameters beside its English (rules/messages/serverMessage.ts). */
export interface ServerText {
  key?: string | null;
  params?: Record<string, string | number>;
  text: string;
}

/** Parameters that are codes: shown through the enum of the same meaning, not as the raw code. */
const PARAM_ENUMS: Record<string, EnumName> = { report_reason: 'report_reason', expected: 'value_type' };

/** The server's message in the console's language; an unknown key shows the server's English. */
export function translateServerText(translate: TranslateFunction, message: ServerText): string {
  if (!message.key) return message.text;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    const enumName = PARAM_ENUMS[name];
    params[name] = enumName ? translate(`enums.${enumName}.${value}`, { _: String(value) }) : value;
  }
  return translate(message.key, { ...params, _: message.text });
}

/** A flag's reasons as the list and item page show them: each in the console's language, joined as stored. */
export function flagReasonText(translate: TranslateFunction, record: object): string {
  const flag = record as { reason?: unknown; reasons?: unknown };
  if (Array.isArray(flag.reasons) && flag.reasons.length)
    return (flag.reasons as ServerText[]).map((m) => translateServerText(translate, m)).join('; ');
  return typeof flag.reason === 'string' ? flag.reason : '';
}

export function FlagReasonField(_props: { source?: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{flagReasonText(translate, record) || '–'}</span>;
}

/** A field whose text is the server's English with an optional key beside it (`<source>Key`), e.g. a starter policy's name. */
export function KeyedTextField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const text = record?.[source];
  if (typeof text !== 'string' || !text) return <span>–</span>;
  return <span>{translateServerText(translate, { key: record?.[`${source}Key`] as string | null | undefined, text })}</span>;
}
