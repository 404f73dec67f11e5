import { z } from 'zod';
import { dbId, isoDateTime } from './common';
import { periodInOrder } from './period';

export const complianceReportSchema = z
  .object({ from: isoDateTime, to: isoDateTime, brandId: dbId.optional(), creatorId: dbId.optional() })
  .strict()
  .refine(periodInOrder, { path: ['to'], message: 'to must be after from' });
export type ComplianceReportRequest = z.infer<typeof complianceReportSchema>;

export const transparencyRequestSchema = z
  .object({ from: isoDateTime, to: isoDateTime })
  .strict()
  .refine(periodInOrder, { path: ['to'], message: 'to must be after from' });
export type TransparencyRequest = z.infer<typeof transparencyRequestSchema>;
