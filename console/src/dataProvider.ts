import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError } from 'react-admin';
import { csrfToken } from './csrf';

interface Problem {
  title?: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
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
      const fieldErrors = Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message]));
      const summary = problem.errors?.length ? `${problem.detail ?? problem.title} ${problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : (problem.detail ?? problem.title ?? err.message);
      throw new HttpError(summary, err.status, { ...problem, errors: fieldErrors });
    }
    throw err;
  }
}

export const dataProvider = simpleRestProvider('/api', httpClient);
