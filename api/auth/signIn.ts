import type { LoginInput } from '../../contract/schemas/auth';
import type { Role } from '../../contract/enums';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';
import { UNKNOWN_USER_HASH, verifyPassword } from './password';
import { createSession, deleteSession, type NewSession } from './sessions';

export interface SignedIn {
  profile: { id: number; email: string; displayName: string; role: Role; locale: string };
  session: NewSession;
}

/**
 * Checks the password (against a dummy hash for an unknown e-mail, so timing does not say which
 * addresses exist), audits a failure on a known account, drops the session the client already had,
 * and opens a new one.
 */
export async function signIn(
  db: Db,
  input: LoginInput,
  previousToken: string | undefined,
  ctx: { requestId: string; at: Date; ttlMs: number },
): Promise<SignedIn> {
  const staff = await db('staff').where({ email: input.email }).first();
  const ok = await verifyPassword(input.password, staff?.password_hash ?? UNKNOWN_USER_HASH);
  if (!staff || !ok || !staff.active) {
    if (staff) {
      await db.transaction((trx) =>
        appendAudit(trx, {
          actor: { kind: 'staff', staffId: staff.id },
          action: 'auth.login_failed',
          subjectType: 'staff',
          subjectId: staff.id,
          requestId: ctx.requestId,
          at: ctx.at,
        }),
      );
    }
    throw problems.unauthenticated('Wrong e-mail or password.');
  }
  if (previousToken) await deleteSession(db, previousToken);
  const session = await db.transaction(async (trx) => {
    const s = await createSession(trx, staff.id, ctx.at, ctx.ttlMs);
    await trx('staff').where({ id: staff.id }).update({ last_login_at: ctx.at });
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId: staff.id },
      action: 'auth.login',
      subjectType: 'staff',
      subjectId: staff.id,
      detail: { mode: input.mode },
      requestId: ctx.requestId,
      at: ctx.at,
    });
    return s;
  });
  return {
    profile: { id: staff.id, email: staff.email, displayName: staff.display_name, role: staff.role, locale: staff.locale },
    session,
  };
}

export async function signOut(db: Db, staffId: number, token: string | undefined, ctx: { requestId: string; at: Date }): Promise<void> {
  await db.transaction(async (trx) => {
    if (token) await deleteSession(trx, token);
    await appendAudit(trx, {
      actor: { kind: 'staff', staffId },
      action: 'auth.logout',
      subjectType: 'staff',
      subjectId: staffId,
      requestId: ctx.requestId,
      at: ctx.at,
    });
  });
}
