import { z } from 'zod';

/**
 * A console resource's row: camelCase columns with a numeric id. The columns each resource
 * returns are chosen in api/resources/definitions.ts; the contract holds only what every row shares.
 */
export const resourceRowSchema = z.looseObject({ id: z.number().int() });
export type ResourceRow = z.infer<typeof resourceRowSchema>;

/** A list page in the ra-data-simple-rest dialect: JSON-encoded sort, range and filter. */
export const listQuerySchema = z.object({
  sort: z.string().optional().meta({ description: 'JSON ["field", "ASC" | "DESC"]' }),
  range: z.string().optional().meta({ description: 'JSON [start, end], both inclusive' }),
  filter: z.string().optional().meta({ description: 'JSON object of field → value (or list of values); q searches' }),
  embed: z.string().optional(),
});

export const resourceListSchema = z.array(resourceRowSchema);
