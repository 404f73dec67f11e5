import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import type { Actor } from './policyService';

/** Trimmed, without repeats, in the order given. */
function cleanItems(items: string[]): string[] {
  return [...new Set(items.map((i) => i.trim()).filter((i) => i !== ''))];
}

/** Policies whose draft or published version names the list. */
async function policiesUsing(db: Db, name: string): Promise<string[]> {
  const needle = JSON.stringify(name);
  const rows: Array<{ name: string }> = await db('policies as p')
    .leftJoin('policy_versions as v', 'v.id', 'p.published_version_id')
    .whereNot('p.status', 'archived')
    .andWhere((w) => w.whereRaw('p.draft::text like ?', [`%${needle}%`]).orWhereRaw('v.document::text like ?', [`%${needle}%`]))
    .select('p.name');
  return rows.map((r) => r.name);
}

export function listService(db: Db) {
  return {
    async create(input: { name: string; description?: string | null; items: string[] }, actor: Actor, now: Date): Promise<number> {
      return db.transaction(async (trx) => {
        const items = cleanItems(input.items);
        const [row] = await trx('policy_lists')
          .insert({
            name: input.name,
            description: input.description ?? null,
            items: JSON.stringify(items),
            updated_by: actor.staffId,
            created_at: now,
            updated_at: now,
          })
          .onConflict('name')
          .ignore()
          .returning('id');
        if (!row) throw problems.conflict(`A list named "${input.name}" exists.`);
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'list.create',
          subjectType: 'policy_list',
          subjectId: row.id,
          detail: { name: input.name, items: items.length },
          requestId: actor.requestId,
          at: now,
        });
        return row.id as number;
      });
    },

    /** Records what was added and removed, so the audit trail shows who put a domain on the block list. */
    async update(id: number, input: { description?: string | null; items?: string[] }, actor: Actor, now: Date): Promise<void> {
      await db.transaction(async (trx) => {
        const list = await trx('policy_lists').where({ id }).forUpdate().first();
        if (!list) throw problems.notFound(`No list with id ${id}.`);
        const changes: Record<string, unknown> = {};
        let added: string[] = [];
        let removed: string[] = [];
        if (input.items !== undefined) {
          const items = cleanItems(input.items);
          const before = new Set<string>(list.items);
          added = items.filter((i) => !before.has(i));
          removed = (list.items as string[]).filter((i) => !items.includes(i));
          if (added.length || removed.length || items.join('\n') !== (list.items as string[]).join('\n'))
            changes.items = JSON.stringify(items);
        }
        if (input.description !== undefined && input.description !== list.description) changes.description = input.description;
        if (Object.keys(changes).length === 0) return;
        await trx('policy_lists')
          .where({ id })
          .update({ ...changes, updated_by: actor.staffId, updated_at: now, revision: trx.raw('revision + 1') });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'list.update',
          subjectType: 'policy_list',
          subjectId: id,
          detail: {
            name: list.name,
            added: added.slice(0, 200),
            removed: removed.slice(0, 200),
            addedCount: added.length,
            removedCount: removed.length,
          },
          requestId: actor.requestId,
          at: now,
        });
      });
    },

    async remove(id: number, actor: Actor, now: Date): Promise<void> {
      await db.transaction(async (trx) => {
        const list = await trx('policy_lists').where({ id }).forUpdate().first();
        if (!list) throw problems.notFound(`No list with id ${id}.`);
        const users = await policiesUsing(trx, list.name);
        if (users.length)
          throw problems.conflict(`The list "${list.name}" is used by: ${users.join(', ')}. Remove it from those policies first.`, {
            usedBy: users,
          });
        await trx('policy_lists').where({ id }).delete();
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'list.delete',
          subjectType: 'policy_list',
          subjectId: id,
          detail: { name: list.name, items: (list.items as string[]).length },
          requestId: actor.requestId,
          at: now,
        });
      });
    },
  };
}
