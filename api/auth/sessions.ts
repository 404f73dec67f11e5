import type { Db } from '../db/connect';
import type { StaffPrincipal } from './principal';
import type { Role } from '../../contract/access';
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
  await db('staff_sessions').insert({
    token_hash: sha256Hex(token),
    staff_id: staffId,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export interface FoundSession {
  staff: Omit<StaffPrincipal, 'via'>;
  csrfToken: string;
  tokenHash: string;
  /** Set after the session's last write when a standby serves reads (migration 019). */
  readFence: { lsn: string; at: Date } | null;
}

export async function findSession(db: Db, token: string, now: Date): Promise<FoundSession | null> {
  const row = await db('staff_sessions as s')
    .join('staff as st', 'st.id', 's.staff_id')
    .where('s.token_hash', sha256Hex(token))
    .andWhere('s.expires_at', '>', now)
    .andWhere('st.active', true)
    .first(
      'st.id',
      'st.email',
      'st.display_name',
      'st.role',
      'st.locale',
      's.csrf_token',
      's.token_hash',
      's.read_fence_lsn',
      's.read_fence_at',
    );
  if (!row) return null;
  return {
    staff: { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, locale: row.locale },
    csrfToken: row.csrf_token,
    tokenHash: row.token_hash,
    readFence: row.read_fence_lsn ? { lsn: row.read_fence_lsn, at: new Date(row.read_fence_at) } : null,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db('staff_sessions').where('token_hash', sha256Hex(token)).delete();
}

/** Remembers where the primary's WAL stood after this session's write; reads wait on the standby replaying past it. */
export async function setReadFence(db: Db, tokenHash: string, lsn: string, now: Date): Promise<void> {
  await db('staff_sessions').where({ token_hash: tokenHash }).update({ read_fence_lsn: lsn, read_fence_at: now });
}
