import { z } from 'zod';

export const eraseSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
