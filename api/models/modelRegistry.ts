import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import { appendAudit } from '../audit/auditLog';
import { problems } from '../http/problem';
import { readOnnxModel } from '../../models/runtime/onnxModel';
import { SHIPPED_MODEL } from '../../models/runtime/onnxScorer';
import { readTrainConfig } from '../../models/training/trainConfig';

export interface ModelActor {
  staffId: number;
  requestId?: string;
}

/** The columns every listing shows; the ONNX bytes are read only by the runtime and the retraining job. */
export const VERSION_COLUMNS = [
  'id',
  'version',
  'status',
  'featurizer_version',
  'thresholds',
  'training_config',
  'training_data',
  'metrics',
  'note',
  'created_by',
  'created_at',
  'shadow_since',
  'activated_at',
  'retired_at',
  'previous_active_id',
] as const;

/**
 * Registers the model shipped in models/ as version 1 of a new database, active. Runs only while
 * no version exists, so a promotion is never undone by a restart.
 */
export async function installShippedModel(
  db: Db,
  now: Date,
  file = SHIPPED_MODEL,
): Promise<{ installed: boolean; version: string | null }> {
  return db.transaction(async (trx) => {
    // Serialise concurrent starts of several replicas on the same database.
    await trx.raw('lock table model_versions in share row exclusive mode');
    const existing = await trx('model_versions').count({ c: '*' }).first();
    if (Number(existing?.c ?? 0) > 0) return { installed: false, version: null };
    const bytes = fs.readFileSync(file);
    const { metadata } = readOnnxModel(bytes);
    const summaryFile = path.join(path.dirname(file), 'metrics.json');
    const summary = fs.existsSync(summaryFile) ? (JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as Record<string, unknown>) : {};
    const sizes = (summary.sizes ?? {}) as Record<string, { rows: number; spam: number; promo: number }>;
    const [row] = await trx('model_versions')
      .insert({
        version: metadata.model_version,
        status: 'active',
        onnx: Buffer.from(bytes),
        featurizer_version: metadata.featurizer_version,
        thresholds: metadata.thresholds,
        training_config: JSON.stringify(readTrainConfig()),
        training_data: JSON.stringify({
          hash: metadata.training_data_hash,
          sources: Object.fromEntries(Object.entries(sizes).map(([s, n]) => [s, { rows: n.rows, spam: n.spam, promo: n.promo }])),
        }),
        metrics: JSON.stringify({ shipped: true, sourceFigures: summary.source_figures ?? [], spamBySource: summary.spam_by_source ?? [] }),
        note: 'shipped in models/ (npm run train)',
        created_at: now,
        activated_at: now,
      })
      .returning('id');
    await appendAudit(trx, {
      actor: { kind: 'system' },
      action: 'model.install_shipped',
      subjectType: 'model_version',
      subjectId: row.id,
      detail: { version: metadata.model_version },
      at: now,
    });
    return { installed: true, version: metadata.model_version };
  });
}

async function lockVersion(trx: Knex.Transaction, id: number) {
  const row = await trx('model_versions')
    .where({ id })
    .forUpdate()
    .first(...VERSION_COLUMNS);
  if (!row) throw problems.notFound(`No model version with id ${id}.`);
  return row;
}

/** The figures a promotion's confirmation names, kept in its audit row too. */
function headlineFigures(metrics: Record<string, unknown> | null): Record<string, unknown> {
  const heads = (metrics?.heads ?? []) as Array<{ head: string; candidate: { precision: number; recall: number; f1: number } }>;
  return Object.fromEntries(
    heads.map((h) => [h.head, { precision: h.candidate.precision, recall: h.candidate.recall, f1: h.candidate.f1 }]),
  );
}

/**
 * Status changes a person makes: each in one transaction with its audit row. The token trigger on
 * model_versions tells every replica's runtime to load the new active or shadow model.
 */
export function modelRegistry(db: Db) {
  return {
    async get(id: number) {
      const row = await db('model_versions')
        .where({ id })
        .first(...VERSION_COLUMNS, 'evaluation');
      if (!row) throw problems.notFound(`No model version with id ${id}.`);
      return row;
    },

    /** Puts a version in shadow: it scores new posts beside the active one and acts on nothing. The shadow it replaces goes back to candidate. */
    async shadow(id: number, actor: ModelActor, now: Date) {
      return db.transaction(async (trx) => {
        const row = await lockVersion(trx, id);
        if (row.status === 'active') throw problems.conflict('The active model cannot also be its own shadow.');
        if (row.status === 'shadow') throw problems.conflict(`Version ${row.version} is already in shadow.`);
        const replaced = await trx('model_versions')
          .where({ status: 'shadow' })
          .update({ status: 'candidate', shadow_since: null })
          .returning('id');
        await trx('model_versions').where({ id }).update({ status: 'shadow', shadow_since: now, retired_at: null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'model.shadow',
          subjectType: 'model_version',
          subjectId: id,
          detail: { version: row.version, from: row.status, replacedShadow: replaced[0]?.id ?? null },
          requestId: actor.requestId,
          at: now,
        });
      });
    },

    /** Takes a candidate or shadow version out of use. The active one is replaced by promoting or rolling back, never retired alone. */
    async retire(id: number, actor: ModelActor, now: Date) {
      return db.transaction(async (trx) => {
        const row = await lockVersion(trx, id);
        if (row.status === 'active')
          throw problems.conflict('The active model is replaced by promoting another version or rolling back, not retired.');
        if (row.status === 'retired') throw problems.conflict(`Version ${row.version} is already retired.`);
        await trx('model_versions').where({ id }).update({ status: 'retired', retired_at: now, shadow_since: null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'model.retire',
          subjectType: 'model_version',
          subjectId: id,
          detail: { version: row.version, from: row.status },
          requestId: actor.requestId,
          at: now,
        });
      });
    },

    /**
     * Makes a version the active one. The caller names the version it confirmed (the console's
     * dialog shows its figures), so a stale page cannot promote something else.
     */
    async promote(id: number, confirmVersion: string, actor: ModelActor, now: Date) {
      return db.transaction(async (trx) => {
        await trx.raw('lock table model_versions in share row exclusive mode');
        const row = await lockVersion(trx, id);
        if (row.version !== confirmVersion)
          throw problems.validation([
            { path: 'confirmVersion', message: `the confirmation names ${confirmVersion}, this is ${row.version}` },
          ]);
        if (row.status === 'active') throw problems.conflict(`Version ${row.version} is already active.`);
        const previous = await trx('model_versions').where({ status: 'active' }).first('id', 'version');
        if (previous) await trx('model_versions').where({ id: previous.id }).update({ status: 'retired', retired_at: now });
        await trx('model_versions')
          .where({ id })
          .update({ status: 'active', activated_at: now, retired_at: null, shadow_since: null, previous_active_id: previous?.id ?? null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'model.promote',
          subjectType: 'model_version',
          subjectId: id,
          detail: {
            version: row.version,
            from: row.status,
            replaces: previous ? { id: previous.id, version: previous.version } : null,
            thresholds: row.thresholds,
            figures: headlineFigures(row.metrics),
          },
          requestId: actor.requestId,
          at: now,
        });
      });
    },

    /** Puts back the version the active one replaced; the one rolled back from is retired. */
    async rollback(confirmVersion: string, actor: ModelActor, now: Date) {
      return db.transaction(async (trx) => {
        await trx.raw('lock table model_versions in share row exclusive mode');
        const current = await trx('model_versions').where({ status: 'active' }).forUpdate().first('id', 'version', 'previous_active_id');
        if (!current) throw problems.conflict('No model is active.');
        if (current.previous_active_id === null)
          throw problems.conflict(`Version ${current.version} replaced nothing: there is nothing to roll back to.`);
        const target = await lockVersion(trx, current.previous_active_id);
        if (target.version !== confirmVersion)
          throw problems.validation([
            { path: 'confirmVersion', message: `the confirmation names ${confirmVersion}, the rollback goes to ${target.version}` },
          ]);
        await trx('model_versions').where({ id: current.id }).update({ status: 'retired', retired_at: now });
        // The target keeps its own previous_active_id, so a second rollback goes one step further back.
        await trx('model_versions')
          .where({ id: target.id })
          .update({ status: 'active', activated_at: now, retired_at: null, shadow_since: null });
        await appendAudit(trx, {
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'model.rollback',
          subjectType: 'model_version',
          subjectId: target.id,
          detail: {
            from: { id: current.id, version: current.version },
            to: { id: target.id, version: target.version },
            thresholds: target.thresholds,
          },
          requestId: actor.requestId,
          at: now,
        });
        return target.id as number;
      });
    },
  };
}
