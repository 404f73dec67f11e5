import { z } from 'zod';
import { dbId } from './common';
import { WEBHOOK_EVENT_TYPES } from '../enums';

/** Where deliveries go: http(s) only, no credentials in the address (they would end up in logs). */
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((s) => /^https?:\/\//i.test(s), 'must be an http or https address')
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must not carry a user name or password');

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'choose at least one event type')
  .refine((a) => new Set(a).size === a.length, 'each event type once');

const source = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'a platform source name, as on its API key')
  .nullish();
const description = z.string().trim().max(500).nullish();

export const subscriptionCreateSchema = z
  .object({ url: webhookUrl, description, source, eventTypes, active: z.boolean().default(true) })
  .strict();
export type SubscriptionCreateInput = z.infer<typeof subscriptionCreateSchema>;

/** react-admin sends the whole record back on save; fields the server owns are accepted and ignored. */
export const subscriptionUpdateSchema = z.object({
  url: webhookUrl.optional(),
  description,
  source,
  eventTypes: eventTypes.optional(),
  active: z.boolean().optional(),
});
export type SubscriptionUpdateInput = z.infer<typeof subscriptionUpdateSchema>;

export const replayFailedSchema = z.object({ subscriptionId: dbId.optional() }).strict();
