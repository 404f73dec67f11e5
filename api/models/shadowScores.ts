import type { Knex } from 'knex';
import type { Db } from '../db/connect';
import type { TextScores } from '../../models/runtime/scorer';
import type { PolicyRuntime } from '../policies/policyRuntime';
import { judgePostsPure, type PolicyHit } from '../policies/judge';
import { maskPersonalData } from '../../rules/privacy/mask';
import { problems } from '../http/problem';
import type { Thresholds } from '../../models/runtime/onnxScorer';
import { languageOf } from '../../models/runtime/language';

/** A shadow model's scores, kept apart from the post's own: no rule reads this table. */
export async function storeShadowScores(
  trx: Knex.Transaction,
  versionId: number,
  rows: Array<{ postId: number; scores: TextScores }>,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await trx('model_shadow_scores')
    .insert(
      rows.map((r) => ({ model_version_id: versionId, post_id: r.postId, spam: r.scores.spam, promo: r.scores.promo, scored_at: now })),
    )
    .onConflict(['model_version_id', 'post_id'])
    .ignore();
}

/** The most recent shadow-scored posts a comparison re-judges. */
export const COMPARISON_LIMIT = 2000;
const SAMPLES = 10;

interface StoredPost {
  id: number;
  kind: string;
  board: string | null;
  title: string | null;
  body: string;
  rating: number | null;
  platform_label: boolean;
  reach: number;
  product_id: number | null;
  posted_at: Date;
  author_id: number;
  thread_id: number | null;
  text_hash: string | null;
  spam_score: number | null;
  promo_score: number | null;
  shadow_spam: number;
  shadow_promo: number;
}

export interface FlagChange {
  postId: number;
  excerpt: string;
  rule: string;
  active: TextScores;
  shadow: TextScores;
}

export interface QueueDifference {
  queue: string;
  mode: 'enforce' | 'shadow';
  /** Posts the active model's scores flag here. */
  flaggedByActive: number;
  appear: number;
  vanish: number;
  samples: { appear: FlagChange[]; vanish: FlagChange[] };
}

/** Flags raised per post and queue, with the first rule that raised each. */
function flagsOf(hits: PolicyHit[]): Map<string, { mode: 'enforce' | 'shadow'; rule: string }> {
  const out = new Map<string, { mode: 'enforce' | 'shadow'; rule: string }>();
  for (const h of hits) {
    if (h.event.type !== 'flag') continue;
    const queue = String((h.event.params as { queue?: unknown }).queue ?? '');
    const key = `${h.mode}:${queue}`;
    if (!out.has(key)) out.set(key, { mode: h.mode, rule: h.rule });
  }
  return out;
}

/**
 * How the shadow model would have changed what the published policies flag, over the posts it
 * scored: each post is judged twice with the same context, once with the scores the active model
 * gave it and once with the shadow's, so every difference is the classifier's.
 */
export async function shadowComparison(db: Db, runtime: PolicyRuntime, versionId: number) {
  const version = await db('model_versions').where({ id: versionId }).first('id', 'version', 'status', 'thresholds', 'shadow_since');
  if (!version) throw problems.notFound(`No model version with id ${versionId}.`);
  const activeVersion = await db('model_versions').where({ status: 'active' }).first('id', 'version', 'thresholds');
  const period = await db('model_shadow_scores')
    .where({ model_version_id: versionId })
    .first(db.raw('count(*)::int as n'), db.raw('min(scored_at) as first'), db.raw('max(scored_at) as last'));
  const rows: StoredPost[] = await db('model_shadow_scores as s')
    .join('posts as p', 'p.id', 's.post_id')
    .where('s.model_version_id', versionId)
    .whereNotNull('p.spam_score')
    .orderBy('s.post_id', 'desc')
    .limit(COMPARISON_LIMIT)
    .select(
      'p.id',
      'p.kind',
      'p.board',
      'p.title',
      'p.body',
      'p.rating',
      'p.platform_label',
      'p.reach',
      'p.product_id',
      'p.posted_at',
      'p.author_id',
      'p.thread_id',
      'p.text_hash',
      'p.spam_score',
      'p.promo_score',
      's.spam as shadow_spam',
      's.promo as shadow_promo',
    );
  rows.reverse();
  const posts = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    board: r.board,
    title: r.title,
    body: r.body,
    rating: r.rating,
    platformLabel: r.platform_label,
    reach: r.reach,
    hasProduct: r.product_id !== null,
    postedAt: r.posted_at,
    authorId: r.author_id,
    threadId: r.thread_id,
    productId: r.product_id,
    textHash: r.text_hash ?? '',
  }));
  const activeScores = rows.map((r) => ({ spam: r.spam_score!, promo: r.promo_score! }));
  const shadowScores = rows.map((r) => ({ spam: r.shadow_spam, promo: r.shadow_promo }));
  // judgePostsPure asks its scorer for every post's scores in one call, in order: these stand-ins
  // answer with the scores already stored, so nothing is scored again.
  const stored = (scores: TextScores[]) => ({ version: 'stored', scoreTexts: () => scores });
  const policies = await runtime.active(db, 'post');
  const asActive = posts.length ? await judgePostsPure(db, policies, posts, stored(activeScores)) : [];
  const asShadow = posts.length ? await judgePostsPure(db, policies, posts, stored(shadowScores)) : [];

  const queues = new Map<string, QueueDifference>();
  const entry = (mode: 'enforce' | 'shadow', queue: string) => {
    const key = `${mode}:${queue}`;
    if (!queues.has(key)) queues.set(key, { queue, mode, flaggedByActive: 0, appear: 0, vanish: 0, samples: { appear: [], vanish: [] } });
    return queues.get(key)!;
  };
  rows.forEach((r, i) => {
    const before = flagsOf(asActive[i]!.hits);
    const after = flagsOf(asShadow[i]!.hits);
    const change = (rule: string): FlagChange => ({
      postId: r.id,
      excerpt: maskPersonalData((r.title ? `${r.title} — ${r.body}` : r.body).slice(0, 160)),
      rule,
      active: activeScores[i]!,
      shadow: shadowScores[i]!,
    });
    for (const [key, f] of before) {
      const e = entry(f.mode, key.slice(f.mode.length + 1));
      e.flaggedByActive++;
      if (!after.has(key)) {
        e.vanish++;
        if (e.samples.vanish.length < SAMPLES) e.samples.vanish.push(change(f.rule));
      }
    }
    for (const [key, f] of after) {
      if (before.has(key)) continue;
      const e = entry(f.mode, key.slice(f.mode.length + 1));
      e.appear++;
      if (e.samples.appear.length < SAMPLES) e.samples.appear.push(change(f.rule));
    }
  });

  // Beside the flags, how many posts each model puts over its own thresholds.
  const over = (scores: TextScores[], t: Thresholds | null) =>
    t
      ? {
          spam: rows.filter((r, i) => scores[i]!.spam >= t[languageOf(`${r.title ?? ''}\n${r.body}`) === 'zh' ? 'spam_zh' : 'spam_en'])
            .length,
          promo: scores.filter((s) => s.promo >= t.promo).length,
        }
      : null;
  return {
    version: { id: version.id, version: version.version, status: version.status, shadowSince: version.shadow_since },
    active: activeVersion ? { id: activeVersion.id, version: activeVersion.version } : null,
    period: { scored: period?.n ?? 0, compared: rows.length, first: period?.first ?? null, last: period?.last ?? null },
    overThreshold: { active: over(activeScores, activeVersion?.thresholds ?? null), shadow: over(shadowScores, version.thresholds) },
    queues: [...queues.values()].sort((a, b) => a.mode.localeCompare(b.mode) || a.queue.localeCompare(b.queue)),
  };
}
