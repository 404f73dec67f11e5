import { z } from 'zod';
import { isoDateTime } from './common';
import { ACCOUNT_TYPES, POST_KINDS, TRANSACTION_STATUSES } from '../enums';

export const MAX_BATCH = 500;
export const MAX_BODY_CHARS = 20_000;

/** The platform's own id for something: opaque, printable, bounded. */
export const externalId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
export const timestamp = isoDateTime;

/** An account as the platform knows it; unknown ones are created (as members unless a type is given). */
export const accountRefSchema = z
  .object({
    id: externalId,
    handle: z.string().min(1).max(100).optional(),
    displayName: z.string().max(200).optional(),
    type: z.enum(ACCOUNT_TYPES).optional(),
    locale: z.enum(['zh', 'en']).optional(),
    joinedAt: timestamp.optional(),
  })
  .strict();
export type AccountRef = z.infer<typeof accountRefSchema>;

export const productRefSchema = z
  .object({
    id: externalId,
    name: z.string().min(1).max(300),
    category: z.string().max(100).optional(),
    priceCents: z.number().int().min(0).max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    brand: accountRefSchema.optional(),
  })
  .strict();
export type ProductRef = z.infer<typeof productRefSchema>;

export const postInputSchema = z
  .object({
    id: externalId,
    kind: z.enum(POST_KINDS),
    author: accountRefSchema,
    /** External id of the thread a reply, review or live comment belongs to (sent earlier or earlier in this batch). */
    threadId: externalId.optional(),
    parentId: externalId.optional(),
    board: z.string().min(1).max(64).optional(),
    title: z.string().max(500).optional(),
    body: z.string().max(MAX_BODY_CHARS),
    lang: z
      .string()
      .regex(/^[a-z]{2}(-[A-Za-z0-9]{2,8})?$/)
      .optional(),
    product: productRefSchema.optional(),
    rating: z.number().int().min(1).max(5).optional(),
    platformLabel: z.boolean().optional(),
    reach: z.number().int().min(0).max(2_000_000_000).optional(),
    postedAt: timestamp,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'thread' && (p.threadId || p.parentId))
      ctx.addIssue({ code: 'custom', path: ['threadId'], message: 'a thread does not belong to another thread' });
    if (p.kind === 'reply' && !p.threadId)
      ctx.addIssue({ code: 'custom', path: ['threadId'], message: 'a reply needs the thread it answers' });
    if (p.kind !== 'review' && p.rating !== undefined)
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'only reviews carry a rating' });
    if (p.threadId !== undefined && p.threadId === p.id)
      ctx.addIssue({ code: 'custom', path: ['threadId'], message: 'a post cannot be its own thread' });
  });
export type PostInput = z.infer<typeof postInputSchema>;

export const transactionInputSchema = z
  .object({
    id: externalId,
    buyer: accountRefSchema,
    vendor: accountRefSchema,
    product: productRefSchema.optional(),
    amountCents: z.number().int().min(0).max(1e12),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('CNY'),
    status: z.enum(TRANSACTION_STATUSES),
    /** External id of the post that referred the buyer, if the platform attributes one. */
    referralPostId: externalId.optional(),
    affiliate: accountRefSchema.optional(),
    orderedAt: timestamp,
  })
  .strict()
  .superRefine((t, ctx) => {
    // Runs even when fields failed: read them defensively.
    if (t.buyer?.id !== undefined && t.buyer.id === t.vendor?.id)
      ctx.addIssue({ code: 'custom', path: ['vendor', 'id'], message: 'buyer and vendor must differ' });
  });
export type TransactionInput = z.infer<typeof transactionInputSchema>;

/**
 * A request holds one item, or `{ "items": [...] }` with up to MAX_BATCH items. The two shapes are
 * told apart before parsing so that errors name the failing field (`items[3].body`), which a
 * zod union would blur into "no variant matched".
 */
export function batchSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item).min(1).max(MAX_BATCH) }).strict();
}

export function isBatchBody(body: unknown): body is { items: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.prototype.hasOwnProperty.call(body, 'items');
}

/** What a platform sends (timestamps as ISO strings), before parsing. */
export type AccountRefPayload = z.input<typeof accountRefSchema>;
export type PostPayload = z.input<typeof postInputSchema>;
export type TransactionPayload = z.input<typeof transactionInputSchema>;
