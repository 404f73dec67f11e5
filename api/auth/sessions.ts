import type { Db } from '../db/connect';
import type { StaffPrincipal } from './principal';
import type { Role } from './roles';
import { randomToken, sha256Hex } from './tokens';

export const SESSION_COOKIE = 'tc_session';
export const CSRF_COOKIE = 'tc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A fresh token on every login, never one the client offered: that is what defeats session fixation. */
export async function createSession(db: Db, staffId: number, now: Date, ttlMs: number): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db('staff_sessions').insert({ token_hash: sha256Hex(token), staff_id: staffId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string, now: Date): Promise<{ staff: Omit<StaffPrincipal, 'via'>; csrfToken: string } | null> {
  const row = await db('staff_sessions as s')
    .join('staff as st', 'st.id', 's.staff_id')
    .where('s.token_hash', sha256Hex(token))
    .andWhere('s.expires_at', '>', now)
    .andWhere('st.active', true)
    .first('st.id', 'st.email', 'st.display_name', 'st.role', 'st.locale', 's.csrf_token');
  if (!row) return null;
  return {
    staff: { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, locale: row.locale },
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db('staff_sessions').where('token_hash', sha256Hex(token)).delete();
}
