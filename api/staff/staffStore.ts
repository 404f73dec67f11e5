import type { StaffCreateInput, StaffUpdateInput } from '../../contract/schemas/auth';
import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';

export async function createStaff(db: Db, input: StaffCreateInput, act: StaffAction): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (trx) => {
    const [row] = await trx('staff')
      .insert({
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        locale: input.locale,
        password_hash: passwordHash,
        created_at: act.at,
      })
      .onConflict('email')
      .ignore()
      .returning('id');
    if (!row) throw problems.conflict(`A staff member with e-mail ${input.email} exists.`);
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: row.id,
      detail: { email: input.email, role: input.role },
      requestId: act.requestId,
      at: act.at,
    });
    return row.id as number;
  });
}

/** Changes what differs, ends the member's sessions when their rights change, and audits it; a no-op writes nothing. */
export async function updateStaff(db: Db, id: number, input: StaffUpdateInput, act: StaffAction): Promise<void> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await db.transaction(async (trx) => {
    const before = await trx('staff').where({ id }).forUpdate().first('id', 'role', 'active', 'display_name', 'locale');
    if (!before) throw problems.notFound(`No staff member with id ${id}.`);
    if (id === act.staffId && ((input.role && input.role !== 'admin') || input.active === false)) {
      throw problems.validation([
        { path: input.role ? 'role' : 'active', message: 'you cannot demote or deactivate yourself; ask another admin' },
      ]);
    }
    const changes: Record<string, unknown> = {};
    if (input.displayName !== undefined && input.displayName !== before.display_name) changes.display_name = input.displayName;
    if (input.role !== undefined && input.role !== before.role) changes.role = input.role;
    if (input.locale !== undefined && input.locale !== before.locale) changes.locale = input.locale;
    if (input.active !== undefined && input.active !== before.active) changes.active = input.active;
    if (passwordHash) changes.password_hash = passwordHash;
    if (Object.keys(changes).length === 0) return;
    await trx('staff').where({ id }).update(changes);
    // A role change or deactivation ends the member's sessions so it takes effect at once.
    if (changes.role !== undefined || changes.active === false || passwordHash)
      await trx('staff_sessions').where({ staff_id: id }).delete();
    const { password_hash: _omit, ...auditable } = changes;
    await appendAudit(trx, {
      actor: auditActor(act),
      action: changes.role !== undefined ? 'staff.role_change' : changes.active === false ? 'staff.deactivate' : 'staff.update',
      subjectType: 'staff',
      subjectId: id,
      detail: { before: { role: before.role, active: before.active }, changes: auditable, passwordChanged: !!passwordHash },
      requestId: act.requestId,
      at: act.at,
    });
  });
}
