import { z } from 'zod';
import { resourceRowSchema } from './resources';

/** What ingestion answers per item: the id it got, whether it was new, and what to do with it now. */
export const ingestAnswerSchema = z.object({
  items: z.array(z.looseObject({ externalId: z.string(), id: z.number().int(), created: z.boolean() })),
});

/** The claimed flag with its item page (as GET /flags/{id}/workbench gives it), so it shows without a second request. */
export const nextFlagAnswerSchema = z.object({
  id: z.number().int().nullable(),
  flag: resourceRowSchema.nullable(),
  workbench: z.looseObject({}).nullable().optional(),
});

/** A policy document's problems, one per path (rules/policy/validate.ts). */
export const policyValidationSchema = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type PolicyValidation = z.infer<typeof policyValidationSchema>;

export const replayFailedAnswerSchema = z.object({ replayed: z.number().int(), ids: z.array(z.number().int()) });

export const appealStatusSchema = z.object({ id: z.string(), status: z.string(), created: z.boolean() });
