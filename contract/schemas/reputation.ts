import { z } from 'zod';
import { REPUTATION_COMPONENTS } from '../enums';

const component = z.object({ score: z.number(), confidence: z.number(), positive: z.number(), negative: z.number() });

/** An account's reputation now and the events that built it (api/reputation/reputationView.ts). */
export const reputationViewSchema = z.object({
  accountId: z.number().int(),
  type: z.string(),
  asOf: z.string(),
  halfLifeDays: z.number(),
  score: z.number(),
  confidence: z.number(),
  components: z.object({ discussion: component, commerce: component }),
  history: z.array(
    z.object({
      id: z.number().int(),
      component: z.enum(REPUTATION_COMPONENTS),
      weight: z.number(),
      causeType: z.string(),
      causeId: z.number().int().nullable(),
      occurredAt: z.string(),
      retractedAt: z.string().nullable(),
      score: z.number(),
      confidence: z.number(),
      discussion: z.number(),
      commerce: z.number(),
    }),
  ),
});
export type ReputationView = z.infer<typeof reputationViewSchema>;
