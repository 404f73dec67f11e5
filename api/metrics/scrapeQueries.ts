import type { Db } from '../db/connect';

/**
 * The state /metrics reports as gauges, read when Prometheus scrapes (every 15–60 s), so the
 * numbers are the database's own rather than counters a restart or a second replica would skew.
 */

export async function openFlagsByQueue(db: Db): Promise<Map<string, number>> {
  const rows: Array<{ queue: string; n: string | number }> = await db('flags')
    .where({ status: 'open' })
    .groupBy('queue')
    .select('queue')
    .count({ n: '*' });
  return new Map(rows.map((r) => [r.queue, Number(r.n)]));
}

interface PublishedPolicyVersion {
  policy: string;
  version: number;
  mode: string;
}

export async function publishedPolicyVersions(db: Db): Promise<PublishedPolicyVersion[]> {
  const rows: Array<{ name: string; version: number; mode: string }> = await db('policies as p')
    .join('policy_versions as v', 'v.id', 'p.published_version_id')
    .where('p.status', 'published')
    .orderBy('p.name')
    .select('p.name', 'v.version', 'v.mode');
  return rows.map((r) => ({ policy: r.name, version: Number(r.version), mode: r.mode }));
}

/** The registry's active and shadow classifiers. */
export async function liveModelVersions(db: Db): Promise<Array<{ version: string; status: string }>> {
  return db('model_versions').whereIn('status', ['active', 'shadow']).orderBy('status').select('version', 'status');
}
