import { guessLanguage } from '../../rules/language';
import { MAX_TEXT_CHARS } from './featurizer';

/** The language whose spam head judges a text: Chinese if it has Han characters, else English. */
export function languageOf(text: string): 'zh' | 'en' {
  return guessLanguage(text.slice(0, MAX_TEXT_CHARS));
}

/** Output column of that head (see LABELS in onnxModel.ts). */
export function spamHeadFor(text: string): 0 | 1 {
  return languageOf(text) === 'zh' ? 0 : 1;
}
