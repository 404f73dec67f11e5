import { z } from 'zod';
import { isoDateTime, safeString } from './common';

const isoDate = isoDateTime;

export const healthQuerySchema = z
  .object({
    granularity: z.enum(['hour', 'day']).default('day'),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

export const boardParamSchema = z.object({ board: safeString().min(1).max(64) });

export const thresholdSchema = z
  .object({
    /** Share of the last 24 hours' posts that may be commercial, as a fraction: 0.25 is 25 %. */
    commercialShare: z.number().gt(0).max(1),
    /** Fewer posts than this in the window say nothing either way. */
    minPosts: z.number().int().min(1).max(100_000).default(20),
  })
  .strict();
