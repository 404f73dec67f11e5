import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Head } from './trainingRows';

/** What `npm run train:select` measured and chose; the model card prints it. */
export interface Selection {
  /** Each cell: the mean over held-out sources of F1 at a cut chosen without that source. */
  results: Array<{
    head: Head;
    l2: number;
    templateWeight: number;
    hamAsPromoNegativeWeight: number;
    meanF1: number;
    perSource: Record<string, number>;
  }>;
  chosen: { l2: Record<Head, number>; templateWeight: number; hamAsPromoNegativeWeight: number };
}

export const SELECTION_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'selection.json');

export function readSelection(file = SELECTION_FILE): Selection | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Selection) : null;
}
