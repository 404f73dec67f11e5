/** The double-submit token the API set at login, readable by this page only (same origin). */
export function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith('tc_csrf='))
    ?.slice('tc_csrf='.length);
}
