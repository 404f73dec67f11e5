import { z } from 'zod';
import { externalId, timestamp } from './ingest';

/** A member's appeal as the platform sends it, against the statement of reasons they received. */
export const appealInputSchema = z
  .object({
    id: externalId,
    statementId: z.string().regex(/^sor_[0-9a-f]{20}$/, 'a statement id as sent to the member (sor_…)'),
    text: z.string().max(5000).optional(),
    appealedAt: timestamp.optional(),
  })
  .strict();
export type AppealInput = z.infer<typeof appealInputSchema>;

export const appealDecisionSchema = z
  .object({
    outcome: z.enum(['upheld', 'rejected']),
    note: z.string().trim().min(3).max(2000),
  })
  .strict();

export const statementIdParamSchema = z.object({ statementId: z.string().regex(/^sor_[0-9a-f]{20}$/) });
