import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { hashPassword } from '../auth/password';
import type { Role } from '../../contract/access';

export const DEMO_STAFF: ReadonlyArray<{ email: string; displayName: string; role: Role; locale: 'en' | 'zh' }> = [
  { email: 'admin@trust.demo', displayName: 'Ada Admin', role: 'admin', locale: 'en' },
  { email: 'moderator@trust.demo', displayName: '莫小丁 (Moderator)', role: 'moderator', locale: 'zh' },
  { email: 'moderator2@trust.demo', displayName: 'Mo Reyes (Moderator)', role: 'moderator', locale: 'en' },
  { email: 'compliance@trust.demo', displayName: '康丽 (Compliance)', role: 'compliance', locale: 'zh' },
  { email: 'manager@trust.demo', displayName: 'Cam Manager', role: 'community_manager', locale: 'en' },
];

export interface DemoCredential {
  email: string;
  role: Role;
  password: string;
}

/**
 * Demo staff get fresh random passwords at every demo start, printed to the console: nothing
 * readable is stored, and a demo database copied elsewhere carries no usable password.
 */
export async function resetDemoStaff(db: Db, now: Date): Promise<DemoCredential[]> {
  const out: DemoCredential[] = [];
  await db.transaction(async (trx) => {
    for (const s of DEMO_STAFF) {
      const password = randomBytes(9).toString('base64url');
      const passwordHash = await hashPassword(password);
      const [row] = await trx('staff')
        .insert({
          email: s.email,
          display_name: s.displayName,
          role: s.role,
          locale: s.locale,
          password_hash: passwordHash,
          created_at: now,
        })
        .onConflict('email')
        .merge({ password_hash: passwordHash, active: true, role: s.role })
        .returning('id');
      await trx('staff_sessions').where({ staff_id: row.id }).delete();
      await appendAudit(trx, {
        actor: { kind: 'system' },
        action: 'staff.demo_password_reset',
        subjectType: 'staff',
        subjectId: row.id,
        at: now,
      });
      out.push({ email: s.email, role: s.role, password });
    }
  });
  return out;
}
