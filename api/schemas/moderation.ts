import { z } from 'zod';
import { DECISION_ACTIONS } from '../../migrations/003_moderation';

export const decideSchema = z.object({
  action: z.enum(DECISION_ACTIONS),
  /** A reason template's code (spam, contact_info, undisclosed_ad …), the same across moderators. */
  reasonCode: z.string().trim().regex(/^[a-z][a-z0-9_]{1,63}$/, 'a reason code: lower-case letters, digits and _'),
  note: z.string().trim().max(2000).optional(),
}).strict();
export type DecideInput = z.infer<typeof decideSchema>;

export const reverseSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
