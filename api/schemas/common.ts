import { z } from 'zod';

export const idParamSchema = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,14}$/, 'must be a positive integer id').transform(Number),
});
