import type { Knex } from 'knex';
import { recordCommunityActivity } from '../community/communityActivity';
import type { Subject } from '../../rules/facts/catalog';
import { computePostFacts, type PostContext, type PostForFacts } from '../../rules/facts/postFacts';
import { computeTransactionFacts, type TransactionForFacts } from '../../rules/facts/transactionFacts';
import type { Facts, RuleHit } from '../../rules/policy/evaluation';
import type { FlagParams, LabelParams, ReputationEvidenceParams } from '../../rules/policy/events';
import type { Scorer, TextScores } from '../../models/runtime/scorer';
import type { ActivePolicies, PolicyRuntime } from './policyRuntime';
import type { ModelRuntime } from '../models/modelRuntime';
import { buildPostContexts, loadPostContexts, queryPostContexts, type PostSubject } from './postContexts';
import { sqlArray } from '../db/sqlArray';
import { loadTransactionContexts, type TransactionSubject } from './transactionContexts';
import { recordReputationEvents, type NewReputationEvent } from '../reputation/reputationStore';
import { compliancePriority } from '../../rules/disclosure/compliancePriority';
import { FLAG_REASON_SEPARATOR } from '../../rules/flags/flagReasons';

export interface PolicyHit extends RuleHit {
  policyId: number;
  versionId: number;
  mode: 'enforce' | 'shadow';
}

export interface Judgement {
  facts: Facts;
  hits: PolicyHit[];
}

export interface ItemOutcome {
  held: boolean;
  labels: string[];
  disclosureRequired: boolean;
  /** The flags raised, with the priority stored (reach, confidence and reputation applied). */
  flags: Array<{ queue: string; priority: number }>;
  /** Rule hits recorded, enforce and shadow. */
  ruleHits: number;
}

export type JudgeablePost = PostForFacts & PostSubject & { id: number };
export type JudgeableTransaction = TransactionForFacts & TransactionSubject & { id: number; accountForEvidence: number };

/** Runs every active policy over the facts of each item; async only when a policy fell back to json-rules-engine. */
export async function evaluateAll(active: ActivePolicies, facts: Facts[]): Promise<PolicyHit[][]> {
  const out: PolicyHit[][] = [];
  for (const f of facts) {
    const hits: PolicyHit[] = [];
    for (const p of active.policies) {
      const result = await p.evaluator.evaluate(f);
      for (const h of result.hits)
        hits.push({
          rule: h.rule,
          priority: h.priority,
          event: h.event,
          explanation: h.explanation,
          policyId: p.policyId,
          versionId: p.versionId,
          mode: p.mode,
        });
    }
    out.push(hits);
  }
  return out;
}

/** Facts and hits for posts, stored or not (dry runs call this too). Writes nothing. */
export async function judgePostsPure(
  db: Knex,
  active: ActivePolicies,
  posts: Array<PostForFacts & PostSubject>,
  scorer: Scorer | undefined,
): Promise<Judgement[]> {
  const scores = await scoresOf(posts, scorer);
  const contexts = await loadPostContexts(db, posts, active.brands, scores, active.thresholds);
  return judgeInContext(active, posts, contexts);
}

/** What the classifier makes of each post's title and body; null without a classifier. */
async function scoresOf(posts: PostForFacts[], scorer: Scorer | undefined): Promise<TextScores[] | null> {
  return scorer && posts.length ? scorer.scoreTexts(posts.map((p) => (p.title ? `${p.title}\n${p.body}` : p.body))) : null;
}

async function judgeInContext(active: ActivePolicies, posts: PostForFacts[], contexts: PostContext[]): Promise<Judgement[]> {
  const facts = posts.map((p, i) => computePostFacts(p, contexts[i]!, active.lists));
  const hits = await evaluateAll(active, facts);
  return facts.map((f, i) => ({ facts: f, hits: hits[i]! }));
}

export async function judgeTransactionsPure(
  db: Knex,
  active: ActivePolicies,
  items: Array<TransactionForFacts & TransactionSubject>,
): Promise<Judgement[]> {
  const contexts = await loadTransactionContexts(db, items);
  const facts = items.map((t, i) => computeTransactionFacts(t, contexts[i]!));
  const hits = await evaluateAll(active, facts);
  return facts.map((f, i) => ({ facts: f, hits: hits[i]! }));
}

/**
 * Queue priority moves with the reputation of whoever the item is about: a low-reputation
 * account's flag rises, a trusted account's sinks, by up to ten points. Unknown reputation moves nothing.
 */
export function reputationShift(facts: Facts): number {
  const r =
    typeof facts.authorReputation === 'number'
      ? facts.authorReputation
      : typeof facts.buyerReputation === 'number'
        ? facts.buyerReputation
        : null;
  return r === null ? 0 : Math.round((50 - r) / 5);
}

interface Actions {
  held: boolean;
  labels: Set<string>;
  disclosureRequired: boolean;
  flags: Map<string, { priority: number; reasons: string[]; versionId: number }>;
  evidence: Array<{ hitIndex: number; params: ReputationEvidenceParams }>;
}

function actionsOf(hits: PolicyHit[]): Actions {
  const a: Actions = { held: false, labels: new Set(), disclosureRequired: false, flags: new Map(), evidence: [] };
  hits.forEach((h, i) => {
    // Shadow policies are recorded and do nothing else.
    if (h.mode !== 'enforce') return;
    const params = h.event.params ?? {};
    switch (h.event.type) {
      case 'flag': {
        const f = params as unknown as FlagParams;
        const current = a.flags.get(f.queue);
        if (!current) a.flags.set(f.queue, { priority: f.priority, reasons: [f.reason], versionId: h.versionId });
        else {
          current.priority = Math.max(current.priority, f.priority);
          if (!current.reasons.includes(f.reason)) current.reasons.push(f.reason);
        }
        break;
      }
      case 'hold':
        a.held = true;
        break;
      case 'label':
        a.labels.add((params as unknown as LabelParams).label);
        break;
      case 'require_disclosure':
        a.disclosureRequired = true;
        break;
      case 'reputation_evidence':
        a.evidence.push({ hitIndex: i, params: params as unknown as ReputationEvidenceParams });
        break;
    }
  });
  return a;
}

/**
 * Stores what the policies decided, in the caller's transaction: every hit with its explanation,
 * and for enforcing policies the flags (one open flag per item and queue, raised rather than
 * duplicated), holds, labels, disclosure requirements and reputation evidence.
 */
async function persist(
  trx: Knex.Transaction,
  subject: Subject,
  items: Array<{ id: number; accountForEvidence: number | null }>,
  judgements: Judgement[],
  now: Date,
): Promise<ItemOutcome[]> {
  const hitRows = judgements.flatMap((j, i) =>
    j.hits.map((h) => ({
      policy_version_id: h.versionId,
      subject_type: subject,
      subject_id: items[i]!.id,
      rule_name: h.rule,
      event_type: h.event.type,
      event_params: JSON.stringify(h.event.params ?? null),
      explanation: JSON.stringify(h.explanation),
      mode: h.mode,
      created_at: now,
    })),
  );
  const hitIds: number[] = [];
  for (let i = 0; i < hitRows.length; i += 1000) {
    const ids: Array<{ id: number }> = await trx('rule_hits')
      .insert(hitRows.slice(i, i + 1000))
      .returning('id');
    hitIds.push(...ids.map((r) => r.id));
  }

  const outcomes: ItemOutcome[] = [];
  const flagRows: Array<[number, string, number, string, number]> = [];
  const evidenceRows: NewReputationEvent[] = [];
  let hitCursor = 0;
  judgements.forEach((j, i) => {
    const a = actionsOf(j.hits);
    const item = items[i]!;
    const shift = reputationShift(j.facts);
    const flags: ItemOutcome['flags'] = [];
    for (const [queue, f] of a.flags) {
      // Undisclosed ads are ordered by reach and the verdict's confidence rather than the rule's number.
      const base =
        queue === 'undisclosed_ad' && typeof j.facts.disclosureConfidence === 'number'
          ? compliancePriority(Number(j.facts.reach ?? 0), j.facts.disclosureConfidence)
          : f.priority;
      const priority = Math.max(0, Math.min(100, base + shift));
      flagRows.push([item.id, queue, priority, f.reasons.join(FLAG_REASON_SEPARATOR).slice(0, 500), f.versionId]);
      flags.push({ queue, priority });
    }
    for (const e of a.evidence) {
      if (item.accountForEvidence === null) continue;
      evidenceRows.push({
        accountId: item.accountForEvidence,
        component: e.params.component,
        weight: e.params.weight,
        causeType: 'rule_hit',
        causeId: hitIds[hitCursor + e.hitIndex] ?? null,
        at: now,
      });
    }
    hitCursor += j.hits.length;
    outcomes.push({ held: a.held, labels: [...a.labels], disclosureRequired: a.disclosureRequired, flags, ruleHits: j.hits.length });
  });

  if (flagRows.length) {
    await trx.raw(
      `insert into flags (subject_type, subject_id, queue, priority, status, source, reason, policy_version_id, created_at)
       select ?, x.subject_id, x.queue, x.priority, 'open', 'rule', x.reason, x.version_id, ?
       from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::bigint[]) as x(subject_id, queue, priority, reason, version_id)
       on conflict (subject_type, subject_id, queue) where status = 'open'
       do update set priority = greatest(flags.priority, excluded.priority)`,
      [
        subject,
        now,
        sqlArray(flagRows.map((r) => r[0])),
        sqlArray(flagRows.map((r) => r[1])),
        sqlArray(flagRows.map((r) => r[2])),
        sqlArray(flagRows.map((r) => r[3])),
        sqlArray(flagRows.map((r) => r[4])),
      ],
    );
  }
  await recordReputationEvents(trx, evidenceRows);
  return outcomes;
}

/** A post about to be stored: judged before its row is written, so the row is written once, verdict and all. */
export type NewPost = PostForFacts & PostSubject & { authorId: number };

export interface PostVerdicts {
  active: ActivePolicies;
  judgements: Judgement[];
  /** What each post's row says about it when inserted. */
  columns: PostVerdictColumns[];
  /** A shadow model's scores, by post as in `columns`: stored apart, seen by no rule. */
  shadow: { versionId: number; scores: TextScores[] } | null;
}

export interface PostVerdictColumns {
  status: 'visible' | 'held';
  labels: string;
  disclosure_required: boolean;
  has_disclosure: boolean;
  disclosure_status: string | null;
  spam_score: number | null;
  promo_score: number | null;
  judged_by: string;
  /** The registry's version that gave spam_score and promo_score. */
  model_version_id: number | null;
}

/**
 * Judges posts that are not stored yet (a batch's new posts). Their velocity facts count the
 * stored posts and the batch's own earlier posts, as if each had been stored before the next was
 * judged. Writes nothing.
 */
export async function judgeNewPosts(
  trx: Knex.Transaction,
  runtime: PolicyRuntime,
  posts: NewPost[],
  scorer: Scorer | undefined,
  models?: ModelRuntime,
): Promise<PostVerdicts> {
  // The context statement also reads the policy cache token, so finding out whether the cached
  // policies are current costs no round trip of its own; the classifier runs while it is out.
  // With a model registry the token also says whether the cached active model is current.
  const before = models ? models.cached() : null;
  const [read, firstScores] = await Promise.all([
    queryPostContexts(trx, posts, { policyToken: true }),
    scoresOf(posts, models ? before?.active?.scorer : scorer),
  ]);
  const active = await runtime.activeFor(trx, 'post', read.policyToken);
  const loaded = models ? await models.currentFor(trx, read.policyToken) : null;
  // Scored by a model that is no longer active (or by none yet): score again with the one that is.
  const scores = loaded && loaded !== before ? await scoresOf(posts, loaded.active?.scorer) : firstScores;
  const modelVersionId = loaded?.active?.id ?? null;
  const shadow = loaded?.shadow ? { versionId: loaded.shadow.id!, scores: (await scoresOf(posts, loaded.shadow.scorer))! } : null;
  const contexts = await buildPostContexts(trx, posts, read, active.brands, scores, active.thresholds, { unstoredBatch: true });
  const judgements = await judgeInContext(active, posts, contexts);
  const judgedBy = JSON.stringify(active.policies.map((p) => p.versionId));
  const columns = judgements.map((j): PostVerdictColumns => {
    const a = actionsOf(j.hits);
    return {
      status: a.held ? 'held' : 'visible',
      labels: JSON.stringify([...a.labels]),
      disclosure_required: a.disclosureRequired,
      has_disclosure: j.facts.hasDisclosure === true,
      disclosure_status: typeof j.facts.disclosureVerdict === 'string' ? j.facts.disclosureVerdict : null,
      spam_score: typeof j.facts.spamScore === 'number' ? j.facts.spamScore : null,
      promo_score: typeof j.facts.promoScore === 'number' ? j.facts.promoScore : null,
      judged_by: judgedBy,
      model_version_id: scores ? modelVersionId : null,
    };
  });
  return { active, judgements, columns, shadow };
}

/** Stores what the policies decided about posts just inserted with their verdict columns: rule hits, flags and reputation evidence. */
export async function storePostJudgements(
  trx: Knex.Transaction,
  posts: Array<JudgeablePost>,
  judgements: Judgement[],
  now: Date,
): Promise<ItemOutcome[]> {
  if (posts.length === 0) return [];
  return persist(
    trx,
    'post',
    posts.map((p) => ({ id: p.id, accountForEvidence: p.authorId })),
    judgements,
    now,
  );
}

/**
 * Board and thread counters move with the posts, in the same transaction, so the shares never
 * need a rescan. Every batch on a board updates the same counter rows, which stay locked until
 * commit: callers do this last, so concurrent batches wait on each other as briefly as possible.
 */
export async function countPostActivity(
  trx: Knex.Transaction,
  active: ActivePolicies,
  posts: Array<JudgeablePost>,
  judgements: Judgement[],
  now: Date,
  counterSlots?: number,
): Promise<void> {
  if (posts.length === 0) return;
  await recordCommunityActivity(
    trx,
    posts.map((p) => ({ id: p.id, kind: p.kind, board: p.board ?? null, threadId: p.threadId, postedAt: p.postedAt })),
    judgements.map((j) => j.facts),
    now,
    active.thresholds,
    counterSlots,
  );
}

export async function judgeAndStoreTransactions(
  trx: Knex.Transaction,
  runtime: PolicyRuntime,
  items: JudgeableTransaction[],
  now: Date,
): Promise<ItemOutcome[]> {
  if (items.length === 0) return [];
  const active = await runtime.active(trx, 'transaction');
  const judgements = await judgeTransactionsPure(trx, active, items);
  const outcomes = await persist(
    trx,
    'transaction',
    items.map((t) => ({ id: t.id, accountForEvidence: t.accountForEvidence })),
    judgements,
    now,
  );
  await trx.raw(
    `update transactions t set held = t.held or x.held, judged_by = ?::jsonb
     from unnest(?::bigint[], ?::boolean[]) as x(id, held) where t.id = x.id`,
    [JSON.stringify(active.policies.map((p) => p.versionId)), sqlArray(items.map((t) => t.id)), sqlArray(outcomes.map((o) => o.held))],
  );
  return outcomes;
}
