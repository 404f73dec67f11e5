import type { Knex } from 'knex';

/** An array bound as one SQL array parameter (both drivers send JS arrays as PostgreSQL arrays). */
export const sqlArray = (values: unknown[]) => values as unknown as Knex.Value;
