import type { Db } from '../db/connect';

export interface PolicyVersionSummary {
  id: number;
  version: number;
  mode: string;
  publishedAt: string;
  publishedBy: number | null;
  authorName: string | null;
  note: string | null;
  restoresVersion: number | null;
}

/** A policy's versions, newest first, with who published each and why: what the version picker shows. */
export async function listPolicyVersions(db: Db, policyId: number): Promise<PolicyVersionSummary[]> {
  const rows = await db('policy_versions as v')
    .leftJoin('staff as s', 's.id', 'v.published_by')
    .leftJoin('policy_versions as r', 'r.id', 'v.restores_version_id')
    .where('v.policy_id', policyId)
    .orderBy('v.version', 'desc')
    .select('v.id', 'v.version', 'v.mode', 'v.published_at', 'v.published_by', 's.display_name', 'v.note', 'r.version as restores_version');
  return rows.map((r) => ({
    id: Number(r.id),
    version: Number(r.version),
    mode: r.mode,
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: r.published_by === null ? null : Number(r.published_by),
    authorName: r.display_name ?? null,
    note: r.note ?? null,
    restoresVersion: r.restores_version === null ? null : Number(r.restores_version),
  }));
}
