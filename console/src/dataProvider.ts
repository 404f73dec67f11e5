import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError } from 'react-admin';
import { csrfToken } from './csrf';
import { i18nProvider } from './i18n/i18nProvider';
import { translateServerText } from './common/serverText';

interface Problem {
  title?: string;
  detail?: string;
  /** Key of the detail, when it is the general one. */
  key?: string;
  errors?: Array<{ path: string; message: string; key?: string; params?: Record<string, string | number> }>;
}

/** A field's problem in the console's language: its key when the catalogue has it, else the server's English. */
function fieldMessage(e: NonNullable<Problem['errors']>[number]): string {
  return translateServerText(i18nProvider.translate, { key: e.key, params: e.params, text: e.message });
}

/**
 * Adds the CSRF header to every request and turns problem+json into errors react-admin shows:
 * the detail as the notification, the per-field errors on the form's inputs.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = csrfToken();
  if (token) headers.set('X-CSRF-Token', token);
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof HttpError && err.body && typeof err.body === 'object') {
      const problem = err.body as Problem;
      const fieldErrors = Object.fromEntries((problem.errors ?? []).map((e) => [e.path, fieldMessage(e)]));
      const summary = problem.errors?.length
        ? `${translateServerText(i18nProvider.translate, { key: problem.key, text: problem.detail ?? problem.title ?? '' })} ${problem.errors.map((e) => `${e.path}: ${fieldMessage(e)}`).join('; ')}`
        : (problem.detail ?? problem.title ?? err.message);
      throw new HttpError(summary, err.status, { ...problem, errors: fieldErrors });
    }
    throw err;
  }
}

export const dataProvider = simpleRestProvider('/api', httpClient);
