import { z } from 'zod';

/** One line of `npm run --silent disclosure` input. */
export const disclosureLineSchema = z.object({
  text: z.string(),
  platformLabel: z.boolean().optional(),
  partnerships: z.array(z.object({ brand: z.string().min(1), kind: z.enum(['sponsorship', 'gifted', 'affiliate']) })).optional(),
  links: z.array(z.string()).optional(),
});
export type DisclosureLine = z.infer<typeof disclosureLineSchema>;
