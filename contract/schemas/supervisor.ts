import { z } from 'zod';
import { dbId } from './common';

/** Gives a held item to another staff member, who then holds it for a fresh claim period. */
export const reassignSchema = z.object({ staffId: dbId }).strict();
