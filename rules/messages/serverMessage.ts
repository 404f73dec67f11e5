/**
 * Text the server makes for people, as a stable message key with parameters beside the English
 * it always sent. The console renders `key` in its own language and falls back to `text` when
 * it does not know the key; older clients keep reading the English field they read before.
 */
export type MessageParams = Record<string, string | number>;

export interface ServerMessage {
  key: string;
  params?: MessageParams;
  text: string;
}

/** Fills `%{name}` placeholders, the syntax of the console's catalogues (polyglot). */
export function fillTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/%\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
