import { Router } from 'express';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { hashPassword } from '../auth/password';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { staffCreateSchema, staffUpdateSchema } from '../../contract/schemas/auth';
import { ROUTES } from '../../contract/routes';

export function staffRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const def = RESOURCES.staff!;

  table.route(router, '/api', ROUTES.staffCreate, async (req, res) => {
    const input = parseOrThrow(staffCreateSchema, req.body);
    const now = deps.clock.now();
    const passwordHash = await hashPassword(input.password);
    const id = await deps.db.transaction(async (trx) => {
      const [row] = await trx('staff')
        .insert({ email: input.email, display_name: input.displayName, role: input.role, locale: input.locale, password_hash: passwordHash, created_at: now })
        .onConflict('email')
        .ignore()
        .returning('id');
      if (!row) throw problems.conflict(`A staff member with e-mail ${input.email} exists.`);
      await appendAudit(trx, { actor: { kind: 'staff', staffId: req.staff!.id }, action: 'staff.create', subjectType: 'staff', subjectId: row.id, detail: { email: input.email, role: input.role }, requestId: req.id as string, at: now });
      return row.id as number;
    });
    res.status(201).json(await getRow(deps.db, def, id));
  });

  table.route(router, '/api', ROUTES.staffUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(staffUpdateSchema, req.body);
    const now = deps.clock.now();
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    await deps.db.transaction(async (trx) => {
      const before = await trx('staff').where({ id }).forUpdate().first('id', 'role', 'active', 'display_name', 'locale');
      if (!before) throw problems.notFound(`No staff member with id ${id}.`);
      if (id === req.staff!.id && ((input.role && input.role !== 'admin') || input.active === false)) {
        throw problems.validation([{ path: input.role ? 'role' : 'active', message: 'you cannot demote or deactivate yourself; ask another admin' }]);
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
      if (changes.role !== undefined || changes.active === false || passwordHash) await trx('staff_sessions').where({ staff_id: id }).delete();
      const { password_hash: _omit, ...auditable } = changes;
      await appendAudit(trx, {
        actor: { kind: 'staff', staffId: req.staff!.id },
        action: changes.role !== undefined ? 'staff.role_change' : 'staff.update',
        subjectType: 'staff',
        subjectId: id,
        detail: { before: { role: before.role, active: before.active }, changes: auditable, passwordChanged: !!passwordHash },
        requestId: req.id as string,
        at: now,
      });
    });
    res.json(await getRow(deps.db, def, id));
  });

  return router;
}
