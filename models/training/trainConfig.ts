import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const TRAIN_CONFIG_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'trainConfig.json');

const positive = z.number().positive();

export const trainConfigSchema = z.object({
  seed: z.number().int(),
  trainedOn: z.iso.date(),
  epochs: z.number().int().positive(),
  learningRate: positive,
  /** Per head; `npm run train:select` chooses them by leave-one-source-out validation and writes them here. */
  l2: z.object({ spam_zh: positive, spam_en: positive, promo: positive }),
  hamAsPromoNegativeWeight: z.number().min(0),
  /** Weight of the template set's rows; 0 leaves it out. Chosen with L2 by `npm run train:select`. */
  templateWeight: z.number().min(0),
});
export type TrainConfig = z.infer<typeof trainConfigSchema>;

export function readTrainConfig(file = TRAIN_CONFIG_FILE): TrainConfig {
  return trainConfigSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeTrainConfig(config: TrainConfig, file = TRAIN_CONFIG_FILE): void {
  fs.writeFileSync(file, JSON.stringify(trainConfigSchema.parse(config), null, 2) + '\n');
}
