import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrossValidated } from './crossValidation';
import type { Head } from './trainingRows';

/** What `npm run train:select` measured and chose; the model card prints it. */
export interface L2Selection {
  folds: number;
  grid: number[];
  results: Record<Head, Array<{ l2: number } & CrossValidated>>;
  chosen: Record<Head, number>;
}

export const L2_SELECTION_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'l2Selection.json');

export function readL2Selection(file = L2_SELECTION_FILE): L2Selection | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as L2Selection) : null;
}
