import { z } from 'zod';

const counts = { posts: z.number(), commercial: z.number(), disclosed: z.number(), byVendor: z.number(), byPartnered: z.number() };
const shares = {
  commercialShare: z.number().nullable(),
  disclosedShare: z.number().nullable(),
  vendorShare: z.number().nullable(),
  partneredShare: z.number().nullable(),
};
const sharesSchema = z.object({ ...counts, ...shares });
export type Shares = z.infer<typeof sharesSchema>;
const granularity = z.enum(['hour', 'day']);

/** Commercial share per board, promoters, large threads and alerts (api/community/healthReport.ts). */
export const communityHealthSchema = z.object({
  granularity,
  from: z.string(),
  to: z.string(),
  boards: z.array(
    z.object({
      board: z.string(),
      threshold: z.object({ commercialShare: z.number(), minPosts: z.number(), alerted: z.boolean(), updatedAt: z.string() }).nullable(),
      period: sharesSchema,
      last24h: z.object({ ...counts, ...shares, windowStart: z.string(), windowEnd: z.string() }).nullable(),
      series: z.array(z.object({ bucket: z.string(), ...counts, ...shares })),
    }),
  ),
  topPromoters: z.array(
    z.object({
      accountId: z.number(),
      handle: z.string(),
      type: z.string(),
      commercialPosts: z.number(),
      undisclosedPosts: z.number(),
      boards: z.number(),
    }),
  ),
  largeThreads: z.array(
    z.object({ threadId: z.number(), title: z.string().nullable(), board: z.string().nullable(), ...counts, ...shares }),
  ),
  alerts: z.array(
    z.object({
      id: z.number(),
      board: z.string(),
      flagId: z.number().nullable(),
      share: z.number(),
      threshold: z.number(),
      windowPosts: z.number(),
      windowStart: z.string(),
      windowEnd: z.string(),
      raisedAt: z.string(),
      resetAt: z.string().nullable(),
    }),
  ),
});
export type CommunityHealth = z.infer<typeof communityHealthSchema>;

export const threadHealthSchema = z.object({
  threadId: z.number(),
  granularity,
  series: z.array(z.object({ bucket: z.string(), ...counts, ...shares })),
});
