const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The product's two languages: any Han character makes a text Chinese. Good enough to pick a locale, not a detector. */
export function guessLanguage(text: string): 'zh' | 'en' {
  return HAN.test(text) ? 'zh' : 'en';
}
