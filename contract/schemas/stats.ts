import { z } from 'zod';

export const statsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }).strict();

const bins = z.array(z.object({ from: z.number(), n: z.number() }));

/** The dashboard's figures for the last `days` days. */
export const dashboardSchema = z.object({
  asOf: z.string(),
  days: z.number(),
  flagsPerDay: z.array(z.object({ day: z.string(), queue: z.string(), n: z.number() })),
  backlog: z.array(z.object({ queue: z.string(), open: z.number(), oldest: z.string(), oldestAgeHours: z.number() })),
  decisionLatency: z.array(z.object({ queue: z.string(), decided: z.number(), medianMinutes: z.number(), p90Minutes: z.number() })),
  rules: z.array(
    z.object({ rule: z.string(), hits: z.number(), upheld: z.number(), approved: z.number(), precision: z.number().nullable() }),
  ),
  scores: z.object({ spam: bins, promo: bins }),
  reputation: bins,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
