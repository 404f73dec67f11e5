import { z } from 'zod';
import { STAFF_ROLES } from '../enums';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
  /** `token` returns a bearer token for scripts; the console uses the cookie. */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});
export type LoginInput = z.infer<typeof loginSchema>;

const password = z.string().min(12, 'at least 12 characters').max(200);

export const staffCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(STAFF_ROLES),
    locale: z.enum(['en', 'zh']).default('en'),
    password,
  })
  .strict();
export type StaffCreateInput = z.infer<typeof staffCreateSchema>;

/** react-admin sends the whole record on update; read-only fields are accepted and ignored. */
export const staffUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  locale: z.enum(['en', 'zh']).optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});
export type StaffUpdateInput = z.infer<typeof staffUpdateSchema>;

export const apiKeyCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    source: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'lower-case letters, digits, dot, dash or underscore; at most 40'),
  })
  .strict();
export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateSchema>;

/** react-admin sends the whole record; only the name can change (see api/apiKeys/apiKeyStore.ts). */
export const apiKeyUpdateSchema = z.object({ name: z.string().trim().min(1).max(100) });
