import type { GetListParams, RaRecord } from 'react-admin';

/** The queue rows the first paint asked for, handed to the console's data provider (it asks for them only when they differ). */
export interface FirstPaintList {
  params: GetListParams;
  answer: Promise<{ data: RaRecord[]; total: number | undefined }>;
  at: number;
}

// Two scripts of the same page meet here: the first paint's entry and the console's.
const KEY = '__trustConsoleFirstPaintList';

export function adoptFirstPaintList(list: FirstPaintList): void {
  (window as unknown as Record<string, FirstPaintList | undefined>)[KEY] = list;
}

/** The first paint's answer, once: a later request for the same rows is asked anew. */
export function takeFirstPaintList(): FirstPaintList | null {
  const w = window as unknown as Record<string, FirstPaintList | undefined>;
  const list = w[KEY] ?? null;
  delete w[KEY];
  return list;
}
