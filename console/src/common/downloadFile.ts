import { csrfToken } from '../csrf';

/** Fetches a file with the session (and CSRF header) and hands it to the browser as a download. */
export async function downloadFile(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken() ?? '' } });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = filename;
  a.click();
  URL.revokeObjectURL(a.href);
}
