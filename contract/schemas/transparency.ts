import { z } from 'zod';
import { isoDateTime } from './common';
import { periodInOrder } from './period';

export const transparencyRequestSchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
  })
  .strict()
  .refine(periodInOrder, { path: ['to'], message: 'to must be after from' });

const counts = z.record(z.string(), z.number());

/** What a platform publishes about its moderation for a period (see api/transparency/transparencyReport.ts). */
export const transparencyReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  reports: z.object({ total: z.number(), byReason: counts }),
  decisions: z.object({
    total: z.number(),
    human: z.number(),
    automated: z.number(),
    byAction: counts,
    byGround: z.array(z.object({ ground: z.string(), automated: z.boolean(), n: z.number() })),
  }),
  timeToDecision: z.object({ decided: z.number(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() }),
  appeals: z.object({
    filed: z.number(),
    upheld: z.number(),
    rejected: z.number(),
    open: z.number(),
    reversals: z.number(),
    reversalShareOfHumanDecisions: z.number().nullable(),
  }),
  undisclosedAds: z.object({
    casesFound: z.number(),
    remediated: z.number(),
    postsJudgedUndisclosed: z.number(),
    ordersFromUndisclosed: z.number(),
  }),
  generatedAt: z.string(),
});
export type TransparencyReport = z.infer<typeof transparencyReportSchema>;

/** A kept report: queued or running (result null) or done. */
export const transparencyReportRowSchema = z.looseObject({
  id: z.number().int(),
  status: z.string(),
  result: transparencyReportSchema.nullable(),
});
export type TransparencyReportRow = z.infer<typeof transparencyReportRowSchema>;
