import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { resolveBrowserLocale, type TranslationMessages } from 'react-admin';
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
  en: { ...englishMessages, ...withSection(appEnglish, modelsEnglish) } as TranslationMessages,
  zh: { ...raChineseMessages, ...withSection(appChinese, modelsChinese) } as TranslationMessages,
};

/** BCP 47 tags for dates and numbers in each interface language. */
export const DATE_LOCALES: Record<string, string> = { en: 'en-GB', zh: 'zh-CN' };

export const i18nProvider = polyglotI18nProvider(
  (locale) => MESSAGES[locale as 'en' | 'zh'] ?? MESSAGES.en,
  resolveBrowserLocale('en') === 'zh' ? 'zh' : 'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'zh', name: '简体中文' },
  ],
  { allowMissing: false },
);
