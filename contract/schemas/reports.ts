import { z } from 'zod';
import { REPORT_REASONS } from '../enums';
import { accountRefSchema, externalId, timestamp } from './ingest';

/** A member's report as the platform sends it; the subject is named by the platform's own id. */
export const reportInputSchema = z
  .object({
    id: externalId,
    reporter: accountRefSchema,
    subject: z
      .object({
        type: z.enum(['post', 'account', 'transaction']),
        id: externalId,
      })
      .strict(),
    reason: z.enum(REPORT_REASONS),
    text: z.string().max(2000).optional(),
    reportedAt: timestamp,
  })
  .strict()
  .superRefine((r, ctx) => {
    // Runs even when fields failed: read them defensively.
    if (r.subject?.type === 'account' && r.subject.id === r.reporter?.id)
      ctx.addIssue({ code: 'custom', path: ['subject', 'id'], message: 'a member cannot report their own account' });
  });
export type ReportInput = z.infer<typeof reportInputSchema>;
export type ReportPayload = z.input<typeof reportInputSchema>;

export const reportIdParamSchema = z.object({ externalId });
