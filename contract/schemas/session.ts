import { z } from 'zod';
import { STAFF_ROLES } from '../enums';

const profile = {
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  locale: z.string(),
};

/** Sign-in: a bearer token (mode token) or the CSRF token that goes with the session cookie. */
export const loginAnswerSchema = z.object({
  ...profile,
  token: z.string().optional(),
  csrfToken: z.string().optional(),
  expiresAt: z.string(),
});
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

/** What a signed-in role may do (contract/access.ts permissionsOf), so the console hides what would answer 403. */
export const permissionsSchema = z.object({
  queues: z.array(z.string()),
  resources: z.record(z.string(), z.object({ read: z.boolean(), write: z.boolean() })),
  supervise: z.boolean(),
  complianceReports: z.boolean(),
  editQueueSettings: z.boolean(),
});

export const meSchema = z.object({ ...profile, permissions: permissionsSchema });
export type Me = z.infer<typeof meSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'migrations_pending', 'database_unreachable']),
  database: z.object({
    reachable: z.boolean(),
    engine: z.enum(['pglite', 'postgresql']).optional(),
    migration: z.string().nullable().optional(),
    pending: z.array(z.string()).optional(),
  }),
  model: z.object({ version: z.string() }).nullable().optional(),
  replica: z.looseObject({}).optional(),
  time: z.string().optional(),
});
