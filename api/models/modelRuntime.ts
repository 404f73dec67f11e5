import type { Knex } from 'knex';
import type { Scorer } from '../../models/runtime/scorer';
import { createOnnxScorer, type Thresholds } from '../../models/runtime/onnxScorer';

export interface LoadedModel {
  /** The registry's id; null for a scorer given to the app that the registry does not hold. */
  id: number | null;
  version: string;
  scorer: Scorer;
  thresholds: Thresholds | null;
}

export interface LoadedModels {
  signature: string;
  active: LoadedModel | null;
  shadow: LoadedModel | null;
}

/**
 * The active and shadow models of the registry, loaded once and reused until the policy cache
 * token changes: migration 019 renews it whenever a version's status or thresholds change, so
 * every replica switches models on its next batch, as it does for a publish. A version's
 * session is kept by id, so flipping a version between shadow and active does not reload it.
 *
 * With no active version in the registry (a database nothing was installed in), the scorer the
 * app was given, if any, is the active one.
 */
export function createModelRuntime(options: { fallback?: Scorer } = {}) {
  let cached: LoadedModels | null = null;
  const sessions = new Map<number, { version: string; thresholds: string; scorer: Scorer }>();

  async function session(db: Knex, row: { id: number; version: string; thresholds: Thresholds }): Promise<LoadedModel> {
    const key = JSON.stringify(row.thresholds);
    let s = sessions.get(row.id);
    if (!s || s.thresholds !== key) {
      const { onnx } = await db('model_versions').where({ id: row.id }).first('onnx');
      s = {
        version: row.version,
        thresholds: key,
        scorer: await createOnnxScorer(onnx as Uint8Array, { thresholds: row.thresholds, name: row.version }),
      };
      sessions.set(row.id, s);
    }
    return { id: row.id, version: row.version, scorer: s.scorer, thresholds: row.thresholds };
  }

  async function load(db: Knex, token?: string): Promise<LoadedModels> {
    const signature = token ?? ((await db('policy_cache_token').first('token')) as { token: string } | undefined)?.token ?? '';
    if (cached?.signature === signature) return cached;
    const rows: Array<{ id: number; version: string; status: 'active' | 'shadow'; thresholds: Thresholds }> = await db('model_versions')
      .whereIn('status', ['active', 'shadow'])
      .select('id', 'version', 'status', 'thresholds');
    const activeRow = rows.find((r) => r.status === 'active');
    const shadowRow = rows.find((r) => r.status === 'shadow');
    const active = activeRow
      ? await session(db, activeRow)
      : options.fallback
        ? { id: null, version: options.fallback.version, scorer: options.fallback, thresholds: null }
        : null;
    const shadow = shadowRow ? await session(db, shadowRow) : null;
    // Sessions of versions no longer in use are let go.
    for (const id of [...sessions.keys()]) if (id !== activeRow?.id && id !== shadowRow?.id) sessions.delete(id);
    cached = { signature, active, shadow };
    return cached;
  }

  return {
    /** What the last load found, for scoring while the token is still being read; null before the first load. */
    cached: (): LoadedModels | null => cached,
    current: (db: Knex): Promise<LoadedModels> => load(db),
    /** The same, for a caller that read the token itself in one of its own statements. */
    currentFor: (db: Knex, token: string | null): Promise<LoadedModels> =>
      cached && token !== null && cached.signature === token ? Promise.resolve(cached) : load(db),
  };
}

export type ModelRuntime = ReturnType<typeof createModelRuntime>;
