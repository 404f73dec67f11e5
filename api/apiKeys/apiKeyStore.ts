import type { ApiKeyCreateInput } from '../../contract/schemas/auth';
import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import { newApiKey } from '../auth/tokens';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';

/** Makes a key; the whole key is returned this once and only its hash is kept. */
export async function createApiKey(db: Db, input: ApiKeyCreateInput, act: StaffAction): Promise<{ id: number; key: string }> {
  const key = newApiKey();
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('api_keys')
      .insert({
        name: input.name,
        source: input.source,
        prefix: key.prefix,
        key_hash: key.hash,
        created_by: act.staffId,
        created_at: act.at,
      })
      .returning('id');
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'api_key.create',
      subjectType: 'api_key',
      subjectId: row.id,
      detail: { name: input.name, source: input.source, prefix: key.prefix },
      requestId: act.requestId,
      at: act.at,
    });
    return row.id as number;
  });
  return { id, key: key.key };
}

/** Only the name can change: the source is what the key's posts are filed under, and the secret is fixed. */
export async function renameApiKey(db: Db, id: number, name: string, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('api_keys').where({ id }).forUpdate().first('id', 'name');
    if (!row) throw problems.notFound(`No API key with id ${id}.`);
    if (row.name === name) return;
    await trx('api_keys').where({ id }).update({ name });
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'api_key.rename',
      subjectType: 'api_key',
      subjectId: id,
      detail: { before: row.name, name },
      requestId: act.requestId,
      at: act.at,
    });
  });
}

/** Revokes rather than deletes, so the audit trail can still name the key. */
export async function revokeApiKey(db: Db, id: number, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('api_keys').where({ id }).forUpdate().first('id', 'revoked_at');
    if (!row) throw problems.notFound(`No API key with id ${id}.`);
    if (row.revoked_at) return;
    await trx('api_keys').where({ id }).update({ revoked_at: act.at });
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'api_key.revoke',
      subjectType: 'api_key',
      subjectId: id,
      requestId: act.requestId,
      at: act.at,
    });
  });
}
