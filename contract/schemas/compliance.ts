import { z } from 'zod';
import { dbId, isoDateTime } from './common';
import { periodInOrder } from './period';

export const complianceReportSchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    brandId: dbId.optional(),
    creatorId: dbId.optional(),
  })
  .strict()
  .refine(periodInOrder, { path: ['to'], message: 'to must be after from' });

export const complianceReportRowSchema = z.looseObject({ id: z.number().int(), status: z.string() });
