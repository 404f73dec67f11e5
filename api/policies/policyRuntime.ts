import type { Knex } from 'knex';
import { compilePolicy } from '../../rules/policy/compile';
import { createReferenceEvaluator } from '../../rules/policy/referenceEngine';
import type { PolicyDocument } from '../../rules/policy/document';
import type { PolicyEvaluator } from '../../rules/policy/evaluation';
import type { PolicyLists } from '../../rules/policy/operators';
import type { Subject } from '../../rules/facts/catalog';

export interface ActivePolicy {
  policyId: number;
  versionId: number;
  name: string;
  mode: 'enforce' | 'shadow';
  evaluator: PolicyEvaluator;
}

export interface ActivePolicies {
  lists: PolicyLists;
  policies: ActivePolicy[];
  brands: Array<{ handle: string; names: string[] }>;
  /** Board thresholds by board, when the caller has them cached; absent, they are read per batch. */
  thresholds?: ReadonlyMap<string, { share: number; minPosts: number }>;
}

/** Compiles a policy; anything the compiler cannot handle runs on json-rules-engine instead. */
export function buildEvaluator(doc: PolicyDocument, lists: PolicyLists): PolicyEvaluator {
  try {
    return compilePolicy(doc, lists);
  } catch {
    return createReferenceEvaluator(doc, lists);
  }
}

export async function loadLists(db: Knex): Promise<PolicyLists> {
  const rows: Array<{ name: string; items: string[] }> = await db('policy_lists').select('name', 'items');
  return Object.fromEntries(rows.map((r) => [r.name, r.items]));
}

/** Brand accounts and the names a post may call them by. */
export async function loadBrands(db: Knex): Promise<ActivePolicies['brands']> {
  const rows: Array<{ handle: string; display_name: string | null }> = await db('accounts')
    .where({ type: 'brand' })
    .select('handle', 'display_name');
  return rows.map((r) => ({ handle: r.handle, names: (r.display_name ?? '').split(/\s+/).filter((n) => n.length >= 2) }));
}

/**
 * The published policies, compiled once and reused until a policy, version or list changes.
 * One single-row query per batch tells whether anything changed, so every API replica picks up a
 * publish or rollback on its next batch.
 */
export function createPolicyRuntime() {
  let cached: {
    signature: string;
    bySubject: Map<Subject, ActivePolicy[]>;
    lists: PolicyLists;
    brands: ActivePolicies['brands'];
    thresholds: Map<string, { share: number; minPosts: number }>;
  } | null = null;

  // Renewed by triggers (migration 014) whenever anything cached here changes.
  async function signature(db: Knex): Promise<string> {
    const row: { token: string } | undefined = await db('policy_cache_token').first('token');
    return row?.token ?? '';
  }

  async function load(db: Knex) {
    const sig = await signature(db);
    if (cached?.signature === sig) return cached;
    const lists = await loadLists(db);
    const rows: Array<{
      policy_id: number;
      version_id: number;
      name: string;
      mode: 'enforce' | 'shadow';
      applies_to: Subject;
      document: PolicyDocument;
    }> = await db('policies as p')
      .join('policy_versions as v', 'v.id', 'p.published_version_id')
      .where('p.status', 'published')
      .orderBy('p.id')
      .select('p.id as policy_id', 'v.id as version_id', 'p.name', 'v.mode', 'v.applies_to', 'v.document');
    const bySubject = new Map<Subject, ActivePolicy[]>([
      ['post', []],
      ['transaction', []],
    ]);
    for (const r of rows)
      bySubject
        .get(r.applies_to)!
        .push({ policyId: r.policy_id, versionId: r.version_id, name: r.name, mode: r.mode, evaluator: buildEvaluator(r.document, lists) });
    const brands = await loadBrands(db);
    const thresholdRows: Array<{ board: string; commercial_share: number; min_posts: number }> = await db('board_thresholds').select(
      'board',
      'commercial_share',
      'min_posts',
    );
    const thresholds = new Map(thresholdRows.map((t) => [t.board, { share: t.commercial_share, minPosts: t.min_posts }]));
    cached = { signature: sig, bySubject, lists, brands, thresholds };
    return cached;
  }

  const pick = ({ bySubject, lists, brands, thresholds }: NonNullable<typeof cached>, subject: Subject): ActivePolicies => ({
    lists,
    policies: bySubject.get(subject)!,
    brands: subject === 'post' ? brands : [],
    thresholds,
  });

  return {
    async active(db: Knex, subject: Subject): Promise<ActivePolicies> {
      return pick(await load(db), subject);
    },
    /** The same, for a caller that read the token itself in one of its own statements. */
    async activeFor(db: Knex, subject: Subject, token: string | null): Promise<ActivePolicies> {
      return pick(cached && token !== null && cached.signature === token ? cached : await load(db), subject);
    },
  };
}

export type PolicyRuntime = ReturnType<typeof createPolicyRuntime>;
