import { z } from 'zod';

/** An RFC 9457 problem document, as api/http/problem.ts writes it. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** Title and detail together, for clients that show one string (ra-core's fetchJson). */
  message: z.string(),
  /** Message key and parameters of the detail, for a console that speaks another language. */
  key: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  instance: z.string(),
  requestId: z.string().optional(),
  /** One entry per failing field of the request. */
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        key: z.string().optional(),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
