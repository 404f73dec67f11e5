import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ConditionTrace } from '../../rules/policy/evaluation';
import { subjectMemberColumn } from '../db/subjects';
import {
  renderStatement,
  type StatementAction,
  type StatementGround,
  type StatementInput,
} from '../../rules/statements/statementOfReasons';

export interface StoredStatement {
  id: number;
  publicId: string;
  locale: string;
  text: string;
  textEn: string;
  textZh: string;
}

/** The comparisons that held, from a rule hit's explanation: what the rule relied on. */
export function factsFromTrace(
  trace: ConditionTrace,
  out: Array<{ name: string; value: unknown }> = [],
): Array<{ name: string; value: unknown }> {
  if ('all' in trace) for (const c of trace.all) factsFromTrace(c, out);
  else if ('any' in trace) for (const c of trace.any) factsFromTrace(c, out);
  else if ('not' in trace) factsFromTrace(trace.not, out);
  else if (trace.result === true) out.push({ name: trace.fact, value: trace.factValue });
  return out;
}

/** A statement cites at most this many of the newest hits. */
const RULE_FACTS_SHOWN = 20;

type RuleFact = { rule_name: string; event_type: string; explanation: ConditionTrace; policy: string; version: number };

/**
 * What the rules found on each item, newest first: the facts a moderator saw when deciding. One
 * query for any number of items, since ingestion states the grounds of a whole batch at once.
 */
async function ruleFactsFor(
  trx: Knex.Transaction,
  subjectType: string,
  subjectIds: number[],
  eventTypes?: string[],
): Promise<Map<number, RuleFact[]>> {
  const q = trx('rule_hits as h')
    .join('policy_versions as v', 'v.id', 'h.policy_version_id')
    .join('policies as p', 'p.id', 'v.policy_id')
    .where({ 'h.subject_type': subjectType, 'h.mode': 'enforce' })
    .whereIn('h.subject_id', subjectIds)
    .orderBy('h.id', 'desc')
    .select('h.subject_id', 'h.rule_name', 'h.event_type', 'h.explanation', 'p.name as policy', 'v.version');
  if (eventTypes) q.whereIn('h.event_type', eventTypes);
  if (subjectIds.length === 1) q.limit(RULE_FACTS_SHOWN);
  const hits: Array<Omit<RuleFact, 'explanation'> & { subject_id: number; explanation: ConditionTrace | string }> = await q;
  const out = new Map<number, RuleFact[]>(subjectIds.map((id) => [id, []]));
  for (const { subject_id, ...h } of hits)
    out
      .get(Number(subject_id))!
      .push({ ...h, explanation: typeof h.explanation === 'string' ? (JSON.parse(h.explanation) as ConditionTrace) : h.explanation });
  return out;
}

/** The member each subject belongs to (an account, a post's author, an order's buyer) and the language to address them in. */
async function membersOf(
  trx: Knex.Transaction,
  subjectType: string,
  subjectIds: number[],
): Promise<Map<number, { accountId: number | null; locale: string }>> {
  const owner = subjectMemberColumn(subjectType);
  const rows: Array<{ subject_id: number; account_id: number | null; locale: string | null }> = owner
    ? await trx(`${owner.table} as s`)
        .leftJoin('accounts as a', 'a.id', `s.${owner.column}`)
        .whereIn('s.id', subjectIds)
        .select('s.id as subject_id', 'a.id as account_id', 'a.locale')
    : await trx('accounts as a').whereIn('a.id', subjectIds).select('a.id as subject_id', 'a.id as account_id', 'a.locale');
  const found = new Map(rows.map((r) => [Number(r.subject_id), r]));
  return new Map(
    subjectIds.map((id) => {
      const r = found.get(id);
      return [id, { accountId: r?.account_id ?? null, locale: r?.locale === 'en' ? 'en' : 'zh' }];
    }),
  );
}

interface NewStatement {
  subjectType: string;
  subjectId: number;
  decisionId: number | null;
  appealOf: { id: number; publicId: string } | null;
  input: StatementInput;
  now: Date;
}

/** Renders and stores statements, in the member's language, in one insert. */
async function storeAll(trx: Knex.Transaction, statements: NewStatement[]): Promise<StoredStatement[]> {
  if (statements.length === 0) return [];
  const members = new Map<string, Map<number, { accountId: number | null; locale: string }>>();
  for (const type of new Set(statements.map((s) => s.subjectType))) {
    members.set(type, await membersOf(trx, type, [...new Set(statements.filter((s) => s.subjectType === type).map((s) => s.subjectId))]));
  }
  const prepared = statements.map((s) => {
    const member = members.get(s.subjectType)!.get(s.subjectId)!;
    const rendered = renderStatement(s.input);
    const publicId = `sor_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const row = {
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
    };
    return {
      row,
      stored: {
        id: 0,
        publicId,
        locale: member.locale,
        text: member.locale === 'en' ? rendered.en : rendered.zh,
        textEn: rendered.en,
        textZh: rendered.zh,
      },
    };
  });
  const ids: Array<{ id: number; public_id: string }> = await trx('statements')
    .insert(prepared.map((p) => p.row))
    .returning(['id', 'public_id']);
  const idOf = new Map(ids.map((r) => [r.public_id, r.id]));
  return prepared.map((p) => ({ ...p.stored, id: idOf.get(p.stored.publicId)! }));
}

async function store(trx: Knex.Transaction, s: NewStatement): Promise<StoredStatement> {
  return (await storeAll(trx, [s]))[0]!;
}

/** A moderator's decision that restricts a member: its statement, in the decision's transaction. */
export async function statementForDecision(
  trx: Knex.Transaction,
  d: {
    decisionId: number;
    action: StatementAction;
    subjectType: 'post' | 'account' | 'transaction';
    subjectId: number;
    reasonCode: string;
    queue: string | null;
    reputationPenalty: boolean;
    note?: { en: string; zh: string } | null;
    at: Date;
  },
): Promise<StoredStatement> {
  const hits = (await ruleFactsFor(trx, d.subjectType, [d.subjectId])).get(d.subjectId)!.slice(0, RULE_FACTS_SHOWN);
  const ground: StatementGround = { type: 'moderator', reasonCode: d.reasonCode, queue: d.queue };
  return store(trx, {
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    decisionId: d.decisionId,
    appealOf: null,
    input: {
      kind: 'decision',
      actions: [d.action],
      subjectType: d.subjectType,
      ground,
      automated: false,
      facts: hits.flatMap((h) => factsFromTrace(h.explanation)),
      reputationPenalty: d.reputationPenalty,
      decidedAt: d.at,
      note: d.note ?? null,
    },
    now: d.at,
  });
}

/**
 * What enforcing policies did to newly ingested items (hold, label, disclosure required), each on
 * its own ground; null for an item with no action or no enforcing hit behind it. A batch's
 * statements take three queries whatever its size.
 */
export async function statementsForPolicyActions(
  trx: Knex.Transaction,
  subjectType: 'post' | 'transaction',
  items: Array<{ subjectId: number; actions: StatementAction[] }>,
  at: Date,
): Promise<Array<StoredStatement | null>> {
  const typesOf = (actions: StatementAction[]) => [...new Set(actions.map((a) => (a === 'restrict_order' ? 'hold' : a)))];
  const acting = items.filter((i) => i.actions.length > 0);
  if (acting.length === 0) return items.map(() => null);
  const allHits = await ruleFactsFor(
    trx,
    subjectType,
    [...new Set(acting.map((i) => i.subjectId))],
    [...new Set(acting.flatMap((i) => typesOf(i.actions)))],
  );
  const grounded: Array<{ index: number; statement: NewStatement }> = [];
  items.forEach((item, index) => {
    if (item.actions.length === 0) return;
    const types = new Set<string>(typesOf(item.actions));
    const hits = allHits
      .get(item.subjectId)!
      .filter((h) => types.has(h.event_type))
      .slice(0, RULE_FACTS_SHOWN);
    if (hits.length === 0) return;
    const first = hits[hits.length - 1]!;
    const ground: StatementGround = {
      type: 'policy',
      policy: first.policy,
      version: first.version,
      rules: [...new Set(hits.filter((h) => h.policy === first.policy).map((h) => h.rule_name))],
    };
    grounded.push({
      index,
      statement: {
        subjectType,
        subjectId: item.subjectId,
        decisionId: null,
        appealOf: null,
        input: {
          kind: 'automated',
          actions: item.actions,
          subjectType,
          ground,
          automated: true,
          facts: hits.flatMap((h) => factsFromTrace(h.explanation)),
          reputationPenalty: false,
          decidedAt: at,
        },
        now: at,
      },
    });
  });
  const stored = await storeAll(
    trx,
    grounded.map((g) => g.statement),
  );
  const out: Array<StoredStatement | null> = items.map(() => null);
  grounded.forEach((g, i) => (out[g.index] = stored[i]!));
  return out;
}

/** The outcome of an appeal (or a reversal), as a new statement pointing at the one appealed. */
export async function statementForAppealOutcome(
  trx: Knex.Transaction,
  d: {
    appealed: { id: number; publicId: string; subjectType: 'post' | 'account' | 'transaction'; subjectId: number; ground: StatementGround };
    upheld: boolean;
    decisionId: number | null;
    note: string;
    at: Date;
  },
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
