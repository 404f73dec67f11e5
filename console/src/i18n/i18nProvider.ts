import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { resolveBrowserLocale, type I18nProvider, type TranslationMessages } from 'react-admin';
import { appEnglish } from './en';
import { appChinese } from './zh';
import { raChineseMessages } from './raChinese';
import { modelsChinese, modelsEnglish } from '../models/messages';

/** Adds a page's own catalogue to the console's, section by section. */
function withSection<T extends Record<string, unknown>>(base: T, extra: Record<string, Record<string, unknown>>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) out[key] = { ...(out[key] as Record<string, unknown> | undefined), ...value };
  return out as T;
}

export const MESSAGES: Record<'en' | 'zh', TranslationMessages> = {
  en: { ...englishMessages, ...withSection(appEnglish, modelsEnglish) },
  zh: { ...raChineseMessages, ...withSection(appChinese, modelsChinese) },
};

const polyglot = polyglotI18nProvider(
  (locale) => MESSAGES[locale as 'en' | 'zh'] ?? MESSAGES.en,
  resolveBrowserLocale('en') === 'zh' ? 'zh' : 'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'zh', name: '简体中文' },
  ],
  { allowMissing: false },
);

/** The page says which language it is in (<html lang>), so screen readers and fonts follow the console's choice. */
function markDocument(locale: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'zh' ? 'zh' : 'en';
}
markDocument(polyglot.getLocale());

export const i18nProvider: I18nProvider = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    markDocument(locale);
  },
};
