import { z } from 'zod';

export const IMPORT_FORMATS = ['jsonl', 'csv'] as const;

/** What a retraining run uses when the request leaves a setting out. */
export const DEFAULT_RETRAIN_SETTINGS = { labelWeight: 3, holdoutFraction: 0.2 } as const;

export const trainSchema = z
  .object({
    labelWeight: z.number().min(0).max(100).default(DEFAULT_RETRAIN_SETTINGS.labelWeight),
    holdoutFraction: z.number().min(0.02).max(0.5).default(DEFAULT_RETRAIN_SETTINGS.holdoutFraction),
  })
  .strict();
export const confirmSchema = z.object({ confirmVersion: z.string().min(1).max(100) }).strict();
export const formatSchema = z.object({ format: z.enum(IMPORT_FORMATS).optional() });
