import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ConditionTrace } from '../../rules/policy/evaluation';
import { subjectAccount } from '../db/subjects';
import { renderStatement, type StatementAction, type StatementGround, type StatementInput } from '../../rules/statements/statementOfReasons';

export interface StoredStatement {
  id: number;
  publicId: string;
  locale: string;
  text: string;
  textEn: string;
  textZh: string;
}

/** The comparisons that held, from a rule hit's explanation: what the rule relied on. */
export function factsFromTrace(trace: ConditionTrace, out: Array<{ name: string; value: unknown }> = []): Array<{ name: string; value: unknown }> {
  if ('all' in trace) for (const c of trace.all) factsFromTrace(c, out);
  else if ('any' in trace) for (const c of trace.any) factsFromTrace(c, out);
  else if ('not' in trace) factsFromTrace(trace.not, out);
  else if (trace.result === true) out.push({ name: trace.fact, value: trace.factValue });
  return out;
}

/** What the rules found on the item, newest first: the facts a moderator saw when deciding. */
async function ruleFactsFor(trx: Knex.Transaction, subjectType: string, subjectId: number, eventTypes?: string[]) {
  const q = trx('rule_hits as h')
    .join('policy_versions as v', 'v.id', 'h.policy_version_id')
    .join('policies as p', 'p.id', 'v.policy_id')
    .where({ 'h.subject_type': subjectType, 'h.subject_id': subjectId, 'h.mode': 'enforce' })
    .orderBy('h.id', 'desc')
    .limit(20)
    .select('h.rule_name', 'h.event_type', 'h.explanation', 'p.name as policy', 'v.version');
  if (eventTypes) q.whereIn('h.event_type', eventTypes);
  const hits: Array<{ rule_name: string; event_type: string; explanation: ConditionTrace | string; policy: string; version: number }> = await q;
  return hits.map((h) => ({ ...h, explanation: typeof h.explanation === 'string' ? (JSON.parse(h.explanation) as ConditionTrace) : h.explanation }));
}

async function memberOf(trx: Knex.Transaction, subjectType: string, subjectId: number): Promise<{ accountId: number | null; locale: string }> {
  const accountId = await subjectAccount(trx, subjectType, subjectId);
  const locale = accountId !== null ? ((await trx('accounts').where({ id: accountId }).first('locale'))?.locale ?? 'zh') : 'zh';
  return { accountId, locale: locale === 'en' ? 'en' : 'zh' };
}

async function store(trx: Knex.Transaction, s: { subjectType: string; subjectId: number; decisionId: number | null; appealOf: { id: number; publicId: string } | null; input: StatementInput; now: Date }): Promise<StoredStatement> {
  const member = await memberOf(trx, s.subjectType, s.subjectId);
  const rendered = renderStatement(s.input);
  const publicId = `sor_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const [row] = await trx('statements')
    .insert({
      public_id: publicId,
      subject_type: s.subjectType,
      subject_id: s.subjectId,
      account_id: member.accountId,
      decision_id: s.decisionId,
      appeal_of_statement_id: s.appealOf?.id ?? null,
      kind: s.input.kind,
      actions: JSON.stringify(s.input.actions),
      ground: JSON.stringify(s.input.ground),
      automated: s.input.automated,
      facts: JSON.stringify(rendered.facts),
      locale: member.locale,
      text_en: rendered.en,
      text_zh: rendered.zh,
      created_at: s.now,
    })
    .returning('id');
  return { id: row.id, publicId, locale: member.locale, text: member.locale === 'en' ? rendered.en : rendered.zh, textEn: rendered.en, textZh: rendered.zh };
}

/** A moderator's decision that restricts a member: its statement, in the decision's transaction. */
export async function statementForDecision(
  trx: Knex.Transaction,
  d: { decisionId: number; action: StatementAction; subjectType: 'post' | 'account' | 'transaction'; subjectId: number; reasonCode: string; queue: string | null; reputationPenalty: boolean; at: Date },
): Promise<StoredStatement> {
  const hits = await ruleFactsFor(trx, d.subjectType, d.subjectId);
  const ground: StatementGround = { type: 'moderator', reasonCode: d.reasonCode, queue: d.queue };
  return store(trx, {
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    decisionId: d.decisionId,
    appealOf: null,
    input: { kind: 'decision', actions: [d.action], subjectType: d.subjectType, ground, automated: false, facts: hits.flatMap((h) => factsFromTrace(h.explanation)), reputationPenalty: d.reputationPenalty, decidedAt: d.at },
    now: d.at,
  });
}

/** What enforcing policies did to a newly ingested item (hold, label, disclosure required), on their ground. */
export async function statementForPolicyAction(trx: Knex.Transaction, d: { subjectType: 'post' | 'transaction'; subjectId: number; actions: StatementAction[]; at: Date }): Promise<StoredStatement | null> {
  const eventTypes = [...new Set(d.actions.map((a) => (a === 'restrict_order' ? 'hold' : a)))];
  const hits = await ruleFactsFor(trx, d.subjectType, d.subjectId, eventTypes);
  if (hits.length === 0) return null;
  const first = hits[hits.length - 1]!;
  const ground: StatementGround = { type: 'policy', policy: first.policy, version: first.version, rules: [...new Set(hits.filter((h) => h.policy === first.policy).map((h) => h.rule_name))] };
  return store(trx, {
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    decisionId: null,
    appealOf: null,
    input: { kind: 'automated', actions: d.actions, subjectType: d.subjectType, ground, automated: true, facts: hits.flatMap((h) => factsFromTrace(h.explanation)), reputationPenalty: false, decidedAt: d.at },
    now: d.at,
  });
}

/** The outcome of an appeal (or a reversal), as a new statement pointing at the one appealed. */
export async function statementForAppealOutcome(
  trx: Knex.Transaction,
  d: { appealed: { id: number; publicId: string; subjectType: 'post' | 'account' | 'transaction'; subjectId: number; ground: StatementGround }; upheld: boolean; decisionId: number | null; note: string; at: Date },
): Promise<StoredStatement> {
  return store(trx, {
    subjectType: d.appealed.subjectType,
    subjectId: d.appealed.subjectId,
    decisionId: d.decisionId,
    appealOf: { id: d.appealed.id, publicId: d.appealed.publicId },
    input: {
      kind: 'appeal_outcome',
      actions: [d.upheld ? 'reinstate' : 'uphold'],
      subjectType: d.appealed.subjectType,
      ground: d.upheld ? { type: 'moderator', reasonCode: 'appeal_upheld', queue: null } : d.appealed.ground,
      automated: false,
      facts: [{ name: 'review', value: d.note }],
      reputationPenalty: false,
      decidedAt: d.at,
      appealOf: d.appealed.publicId,
    },
    now: d.at,
  });
}

export function statementPayload(s: StoredStatement) {
  return { id: s.publicId, locale: s.locale, text: s.text, textEn: s.textEn, textZh: s.textZh };
}
