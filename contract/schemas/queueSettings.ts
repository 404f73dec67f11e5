import { z } from 'zod';
import { QUEUES, SLA_MAX_MINUTES } from '../enums';

export const queueParamSchema = z.object({ queue: z.enum(QUEUES) });

/**
 * A queue's target time to decision, in minutes; null clears it. Other fields of the record the
 * console sends back (queue, updatedAt …) are ignored.
 */
export const queueSettingsUpdateSchema = z.object({
  slaMinutes: z
    .number()
    .int('a whole number of minutes')
    .positive('at least 1 minute')
    .max(SLA_MAX_MINUTES, `at most ${SLA_MAX_MINUTES} minutes (30 days)`)
    .nullable(),
});
export type QueueSettingsUpdate = z.infer<typeof queueSettingsUpdateSchema>;
