/** BCP 47 tags for dates and numbers in each interface language. */
export const DATE_LOCALES: Record<string, string> = { en: 'en-GB', zh: 'zh-CN' };
