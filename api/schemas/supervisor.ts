import { z } from 'zod';

/** Gives a held item to another staff member, who then holds it for a fresh claim period. */
export const reassignSchema = z.object({ staffId: z.number().int().positive() }).strict();
