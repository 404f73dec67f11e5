import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { canonicalJson } from '../audit/canonicalJson';
import { problems, type FieldError } from '../http/problem';
import { validatePolicy } from '../../rules/policy/validate';
import { policyEditorSchema, type JsonSchema } from '../../rules/policy/editorSchema';
import type { Subject } from '../../rules/facts/catalog';
import type { PolicyDocument } from '../../rules/policy/document';

export interface Actor {
  staffId: number;
  requestId?: string;
  /** Needed where an admin may override a rule that binds everyone else (four-eyes publication). */
  role?: string;
}

export interface PolicyServiceOptions {
  /** Publication needs someone other than the draft's last editor (POLICY_PUBLISH_FOUR_EYES). */
  fourEyesPublish?: boolean;
}

async function listNames(db: Knex): Promise<Set<string>> {
  return new Set((await db('policy_lists').select('name')).map((r: { name: string }) => r.name));
}

/** The document's JSON Schema for the editor, with the names of the lists that exist now. */
export async function editorSchema(db: Knex, subject: Subject): Promise<JsonSchema> {
  return policyEditorSchema(subject, [...(await listNames(db))].sort());
}

/** Throws a 400 naming every problem in the document, prefixed with where the document sits in the request. */
export async function assertValidDocument(db: Knex, doc: unknown, subject: Subject, prefix: string): Promise<PolicyDocument> {
  const found = validatePolicy(doc, { subject, listNames: await listNames(db) });
  if (found.length) {
    const errors: FieldError[] = found.map((p) => ({ path: p.path === '(root)' ? prefix : `${prefix}.${p.path}`, message: p.message }));
    throw problems.validation(errors, `The policy document has ${found.length} problem${found.length === 1 ? '' : 's'}.`);
  }
  return doc as PolicyDocument;
}

export async function validateDocument(db: Knex, doc: unknown, subject: Subject) {
  return validatePolicy(doc, { subject, listNames: await listNames(db) });
}

async function nextVersion(trx: Knex.Transaction, policyId: number): Promise<number> {
  const row = await trx('policy_versions').where({ policy_id: policyId }).max({ v: 'version' }).first();
  return Number(row?.v ?? 0) + 1;
}

/** Creates an immutable version from a document and makes it the one in force. */
async function publishDocument(
  trx: Knex.Transaction,
  policy: { id: number; applies_to: Subject },
  doc: PolicyDocument,
  mode: 'enforce' | 'shadow',
  actor: Actor,
  now: Date,
  extra: { restoresVersionId?: number; note?: string },
) {
  const version = await nextVersion(trx, policy.id);
  const [row] = await trx('policy_versions')
    .insert({
      policy_id: policy.id,
      version,
      document: JSON.stringify(doc),
      mode,
      applies_to: policy.applies_to,
      published_by: actor.staffId,
      published_at: now,
      restores_version_id: extra.restoresVersionId ?? null,
      note: extra.note ?? null,
    })
    .returning('id');
  await trx('policies')
    .where({ id: policy.id })
    .update({ published_version_id: row.id, status: 'published', mode, updated_at: now, revision: trx.raw('revision + 1') });
  return { versionId: row.id as number, version, mode };
}

async function lockPolicy(trx: Knex.Transaction, id: number) {
  const policy = await trx('policies').where({ id }).forUpdate().first();
  if (!policy) throw problems.notFound(`No policy with id ${id}.`);
  return policy;
}

export function policyService(db: Db, options: PolicyServiceOptions = {}) {
  return {
    async create(
      input: { name: string; description?: string | null; appliesTo: Subject; mode: 'enforce' | 'shadow'; draft: unknown },
      actor: Actor,
      now: Date,
    ): Promise<number> {
      const draft = await assertValidDocument(db, input.draft, input.appliesTo, 'draft');
      return db.transaction(async (trx) => {
        const [row] = await trx('policies')
          .insert({
            name: input.name,
            description: input.description ?? null,
            applies_to: input.appliesTo,
            mode: input.mode,
            status: 'draft',
            draft: JSON.stringify(draft),
            created_by: actor.staffId,
            draft_updated_by: actor.staffId,
            created_at: now,
            updated_at: now,
          })
          .onConflict('name')
          .ignore()
          .returning('id');
        if (!row) throw problems.conflict(`A policy named "${input.name}" exists.`);
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'policy.create',
          subjectType: 'policy',
          subjectId: row.id,
          detail: { name: input.name, appliesTo: input.appliesTo },
          requestId: actor.requestId,
          at: now,
        });
        return row.id as number;
      });
    },

    async update(
      id: number,
      input: { name?: string; description?: string | null; appliesTo?: Subject; mode?: 'enforce' | 'shadow'; draft?: unknown },
      actor: Actor,
      now: Date,
    ): Promise<void> {
      await db.transaction(async (trx) => {
        const policy = await lockPolicy(trx, id);
        if (input.appliesTo && input.appliesTo !== policy.applies_to)
          throw problems.validation([
            { path: 'appliesTo', message: 'a policy keeps the subject it was created for; create a new policy instead' },
          ]);
        const changes: Record<string, unknown> = {};
        if (input.draft !== undefined) {
          const draft = await assertValidDocument(trx, input.draft, policy.applies_to, 'draft');
          // react-admin sends the whole record back: only a real change to the rules makes this person
          // its author (jsonb reorders keys, hence the canonical form).
          if (canonicalJson(draft) !== canonicalJson(policy.draft)) {
            changes.draft = JSON.stringify(draft);
            changes.draft_updated_by = actor.staffId;
          }
        }
        if (input.name !== undefined && input.name !== policy.name) {
          const taken = await trx('policies').where({ name: input.name }).whereNot({ id }).first('id');
          if (taken) throw problems.conflict(`A policy named "${input.name}" exists.`);
          changes.name = input.name;
        }
        if (input.description !== undefined && input.description !== policy.description) changes.description = input.description;
        // The mode of a published policy changes by publishing; on a draft it is just the intended mode.
        if (input.mode !== undefined && input.mode !== policy.mode && policy.status !== 'published') changes.mode = input.mode;
        if (Object.keys(changes).length === 0) return;
        await trx('policies')
          .where({ id })
          .update({ ...changes, updated_at: now, revision: trx.raw('revision + 1') });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'policy.update',
          subjectType: 'policy',
          subjectId: id,
          detail: { fields: Object.keys(changes) },
          requestId: actor.requestId,
          at: now,
        });
      });
    },

    async publish(id: number, input: { mode?: 'enforce' | 'shadow'; note?: string }, actor: Actor, now: Date) {
      return db.transaction(async (trx) => {
        const policy = await lockPolicy(trx, id);
        const doc = await assertValidDocument(trx, policy.draft, policy.applies_to, 'draft');
        const mode = input.mode ?? policy.mode;
        const author = policy.draft_updated_by ?? policy.created_by;
        const ownDraft = options.fourEyesPublish === true && author !== null && Number(author) === actor.staffId;
        if (ownDraft && actor.role !== 'admin')
          throw problems.forbidden('This policy is published by someone other than the person who last edited its draft.');
        const published = await publishDocument(trx, policy, doc, mode, actor, now, { note: input.note });
        const override = ownDraft ? { override: 'four_eyes', overrideBy: 'admin' } : {};
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'policy.publish',
          subjectType: 'policy',
          subjectId: id,
          detail: {
            version: published.version,
            versionId: published.versionId,
            mode,
            rules: doc.rules.length,
            note: input.note,
            ...override,
          },
          requestId: actor.requestId,
          at: now,
        });
        return published;
      });
    },

    async rollback(id: number, input: { versionId: number; mode?: 'enforce' | 'shadow'; note?: string }, actor: Actor, now: Date) {
      return db.transaction(async (trx) => {
        const policy = await lockPolicy(trx, id);
        const target = await trx('policy_versions').where({ id: input.versionId, policy_id: id }).first();
        if (!target)
          throw problems.validation([{ path: 'versionId', message: `version ${input.versionId} is not a version of this policy` }]);
        // Lists may have changed since: the restored document must still be valid.
        const doc = await assertValidDocument(trx, target.document, policy.applies_to, 'versionId');
        const mode = input.mode ?? target.mode;
        const published = await publishDocument(trx, policy, doc, mode, actor, now, { restoresVersionId: target.id, note: input.note });
        await trx('policies')
          .where({ id })
          .update({ draft: JSON.stringify(doc) });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'policy.rollback',
          subjectType: 'policy',
          subjectId: id,
          detail: { restored: target.version, version: published.version, versionId: published.versionId, mode, note: input.note },
          requestId: actor.requestId,
          at: now,
        });
        return published;
      });
    },

    async archive(id: number, actor: Actor, now: Date): Promise<void> {
      await db.transaction(async (trx) => {
        const policy = await lockPolicy(trx, id);
        if (policy.status === 'archived') return;
        await trx('policies')
          .where({ id })
          .update({ status: 'archived', updated_at: now, revision: trx.raw('revision + 1') });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'policy.archive',
          subjectType: 'policy',
          subjectId: id,
          detail: { previousStatus: policy.status },
          requestId: actor.requestId,
          at: now,
        });
      });
    },
  };
}
