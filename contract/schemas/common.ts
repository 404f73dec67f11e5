import { z } from 'zod';

export const idParamSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'must be a positive integer id')
    .transform(Number),
});

/*
 * Edge values PostgreSQL refuses, caught here so they are a 400 naming the field rather than a
 * 500 from the database: NUL (text and jsonb cannot hold it), unpaired UTF-16 surrogates (not
 * Unicode; the driver would store U+FFFD instead of what was sent), timestamps outside what we
 * can store and compare sensibly, and numbers beyond the column they are compared with.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode (it holds an unpaired surrogate)';
  return null;
}

/** A string that PostgreSQL can store as it was sent. */
export const safeString = () =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

export function yearInRange(d: Date): boolean {
  const y = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && y >= MIN_YEAR && y <= MAX_YEAR;
}

/** An ISO 8601 timestamp with offset, between 1970 and 9999, as a Date. */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine(yearInRange, `must be between ${MIN_YEAR} and ${MAX_YEAR}`);

/** A row id as JSON sends it: bigint columns, kept to what a JS number holds exactly. */
export const dbId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Ranges of the integer column types a request value may be compared with or stored in. */
export const INT_RANGES = {
  smallint: [-32_768, 32_767],
  integer: [-2_147_483_648, 2_147_483_647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;
