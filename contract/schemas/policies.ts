import { z } from 'zod';
import { isoDateTime, dbId } from './common';
import { periodAtMost, periodInOrder } from './period';

const name = z.string().trim().min(1).max(120);
const description = z.string().trim().max(2000).nullish();
const subject = z.enum(['post', 'transaction']);
const mode = z.enum(['enforce', 'shadow']);

export const policyCreateSchema = z
  .object({
    name,
    description,
    appliesTo: subject,
    mode: mode.default('shadow'),
    /** The rules document; validated separately so errors name paths inside it. */
    draft: z.unknown(),
  })
  .strict();
export type PolicyCreateInput = z.infer<typeof policyCreateSchema>;

/** react-admin sends the whole record back on save; fields the server owns are accepted and ignored. */
export const policyUpdateSchema = z.object({
  name: name.optional(),
  description,
  appliesTo: subject.optional(),
  mode: mode.optional(),
  draft: z.unknown().optional(),
});
export type PolicyUpdateInput = z.infer<typeof policyUpdateSchema>;

export const publishSchema = z.object({ mode: mode.optional(), note: z.string().trim().max(500).optional() }).strict();
export const rollbackSchema = z.object({ versionId: dbId, mode: mode.optional(), note: z.string().trim().max(500).optional() }).strict();
export const validateSchema = z.object({ appliesTo: subject, document: z.unknown() }).strict();

export const listItemsSchema = z.array(z.string().trim().min(1).max(200)).max(10_000);
export const listCreateSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,62}$/, 'lower-case letters, digits and _, starting with a letter'),
    description,
    items: listItemsSchema.default([]),
  })
  .strict();
export const listUpdateSchema = z.object({ description, items: listItemsSchema.optional() });

export const dryRunSchema = z
  .object({
    /** A document to try instead of the stored draft. */
    document: z.unknown().optional(),
    /** Items inline (as a platform would send them) or stored ones by id. */
    items: z
      .array(z.union([z.object({ id: dbId }).strict(), z.record(z.string(), z.unknown())]))
      .min(1)
      .max(100),
  })
  .strict();

export const backtestSchema = z
  .object({
    policyId: dbId,
    /** A document to test instead of the stored draft. */
    document: z.unknown().optional(),
    from: isoDateTime,
    to: isoDateTime,
  })
  .strict()
  .refine(periodInOrder, { path: ['to'], message: 'to must be after from' })
  .refine(periodAtMost(400), { path: ['to'], message: 'a backtest covers at most 400 days' });
