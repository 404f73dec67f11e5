import { z } from 'zod';
import { DECISION_ACTIONS, QUEUES } from '../enums';
import { dbId } from './common';

export const decideSchema = z
  .object({
    action: z.enum(DECISION_ACTIONS),
    /** A reason template's code (spam, contact_info, undisclosed_ad …), the same across moderators. */
    reasonCode: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,63}$/, 'a reason code: lower-case letters, digits and _'),
    note: z.string().trim().max(2000).optional(),
    /** The canned note the text started from (see note_templates); it must belong to the flag's queue. */
    noteTemplateId: dbId.optional(),
  })
  .strict();
export type DecideInput = z.infer<typeof decideSchema>;

export const reverseSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();

/** The next item in a queue; `skip` names items the caller has just decided and are still in their undo window. */
export const nextFlagSchema = z
  .object({
    queue: z.enum(QUEUES),
    skip: z.array(z.number().int().positive()).max(100).optional(),
  })
  .strict();
