import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError, type DataProvider, type GetListParams, type GetListResult } from 'react-admin';
import { sameListRequest } from './flags/queueListPreload';
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

const rest = simpleRestProvider('/api', httpClient);

/** A list asked for before the console has drawn anything, kept for the list page that will ask for it. */
let preloaded: { resource: string; params: GetListParams; answer: Promise<GetListResult>; at: number } | null = null;
const PRELOAD_KEPT_MS = 10_000;

/**
 * Starts a list request at once, while the console is still loading: the queue list otherwise asks
 * for its rows only after the session check, the layout and the menu, one after another.
 */
export function preloadList(resource: string, params: GetListParams, asked?: { answer: Promise<GetListResult>; at: number }): void {
  const answer = asked?.answer ?? rest.getList(resource, params);
  // Unused or failed, it is simply asked for again.
  answer.catch(() => undefined);
  preloaded = { resource, params, answer, at: asked?.at ?? Date.now() };
}

export const dataProvider: DataProvider = {
  ...rest,
  getList(resource, params) {
    const p = preloaded;
    if (p && p.resource === resource && Date.now() - p.at < PRELOAD_KEPT_MS && sameListRequest(p.params, params)) {
      preloaded = null;
      return p.answer.catch(() => rest.getList(resource, params));
    }
    return rest.getList(resource, params);
  },
};
