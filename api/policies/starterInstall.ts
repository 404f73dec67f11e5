import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { STARTER_LISTS } from '../../rules/starter/lists';
import { STARTER_POLICIES } from '../../rules/starter/policies';

/**
 * Gives a new community the starter lists and policies, published in their intended mode. Policies
 * are installed only while none exists, so a community manager's own choices are never
 * overwritten; an existing community only gains the starter lists it lacks. One transaction, so a
 * half-installed starter set cannot happen.
 */
export async function installStarterPolicies(db: Db, now: Date): Promise<{ installed: boolean; policies: number; lists: number }> {
  return db.transaction(async (trx) => {
    // Serialise concurrent starts of several replicas on the same database.
    await trx.raw('lock table policies in share row exclusive mode');
    const existing = await trx('policies').count({ c: '*' }).first();
    if (Number(existing?.c ?? 0) > 0) {
      // A community that predates a starter list (the disclosure grammar's, the affiliate
      // networks) gets it by name, so it can edit it; lists it already has are left as they are.
      const have = new Set((await trx('policy_lists').select('name')).map((r: { name: string }) => r.name));
      const missing = STARTER_LISTS.filter((l) => !have.has(l.name));
      for (const l of missing)
        await trx('policy_lists')
          .insert({ name: l.name, description: l.description, items: JSON.stringify(l.items), created_at: now, updated_at: now })
          .onConflict('name')
          .ignore();
      if (missing.length)
        await appendAudit(trx, {
          actor: { kind: 'system' },
          action: 'policy.install_starter_lists',
          detail: { lists: missing.map((l) => l.name) },
          at: now,
        });
      return { installed: false, policies: 0, lists: missing.length };
    }
    let lists = 0;
    for (const l of STARTER_LISTS) {
      const inserted = await trx('policy_lists')
        .insert({ name: l.name, description: l.description, items: JSON.stringify(l.items), created_at: now, updated_at: now })
        .onConflict('name')
        .ignore()
        .returning('id');
      lists += inserted.length;
    }
    for (const p of STARTER_POLICIES) {
      const [policy] = await trx('policies')
        .insert({
          name: p.name,
          description: p.description,
          applies_to: p.appliesTo,
          mode: p.mode,
          status: 'published',
          draft: JSON.stringify(p.document),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      const [version] = await trx('policy_versions')
        .insert({
          policy_id: policy.id,
          version: 1,
          document: JSON.stringify(p.document),
          mode: p.mode,
          applies_to: p.appliesTo,
          published_at: now,
          note: 'starter policy',
        })
        .returning('id');
      await trx('policies').where({ id: policy.id }).update({ published_version_id: version.id });
    }
    await appendAudit(trx, {
      actor: { kind: 'system' },
      action: 'policy.install_starter',
      detail: { policies: STARTER_POLICIES.map((p) => p.name), lists },
      at: now,
    });
    return { installed: true, policies: STARTER_POLICIES.length, lists };
  });
}
