import type { Knex } from 'knex';
import { sqlArray } from '../db/sqlArray';
import {
  addEvent,
  align,
  DEFAULT_SETTINGS,
  reputation,
  retractEvent,
  type Component,
  type EvidenceState,
  type ReputationSettings,
} from '../../rules/reputation/beta';

export interface NewReputationEvent {
  accountId: number;
  component: Component;
  weight: number;
  causeType: 'rule_hit' | 'order' | 'decision' | 'decision_reversal' | 'report';
  causeId: number | null;
  at: Date;
}

type AccountRow = {
  id: number;
  type: string;
  rep_discussion_pos: number;
  rep_discussion_neg: number;
  rep_commerce_pos: number;
  rep_commerce_neg: number;
  rep_as_of: Date | null;
};

export function statesOf(row: AccountRow): Record<Component, EvidenceState> {
  const asOf = row.rep_as_of ?? new Date(0);
  return {
    discussion: { positive: row.rep_discussion_pos, negative: row.rep_discussion_neg, asOf },
    commerce: { positive: row.rep_commerce_pos, negative: row.rep_commerce_neg, asOf },
  };
}

/**
 * Records reputation evidence and updates each account's decayed sums and cached score, in the
 * caller's transaction. Accounts are locked in id order so concurrent batches cannot deadlock.
 */
export async function recordReputationEvents(
  trx: Knex.Transaction,
  events: NewReputationEvent[],
  settings: ReputationSettings = DEFAULT_SETTINGS,
): Promise<void> {
  const meaningful = events.filter((e) => e.weight !== 0);
  if (meaningful.length === 0) return;
  for (let i = 0; i < meaningful.length; i += 1000) {
    await trx('reputation_events').insert(
      meaningful.slice(i, i + 1000).map((e) => ({
        account_id: e.accountId,
        component: e.component,
        weight: e.weight,
        cause_type: e.causeType,
        cause_id: e.causeId,
        occurred_at: e.at,
      })),
    );
  }
  await updateAccounts(
    trx,
    meaningful,
    (states, e) => {
      states[e.component] = addEvent(states[e.component], { component: e.component, weight: e.weight, at: e.at }, settings);
    },
    settings,
  );
}

/** Applies a change to each affected account's states and stores the sums and cached score. Locks in id order. */
async function updateAccounts<E extends { accountId: number }>(
  trx: Knex.Transaction,
  events: E[],
  apply: (states: Record<Component, EvidenceState>, e: E) => void,
  settings: ReputationSettings,
): Promise<void> {
  const ids = [...new Set(events.map((e) => e.accountId))].sort((a, b) => a - b);
  if (ids.length === 0) return;
  // NO KEY UPDATE, not UPDATE: concurrent batches hold KEY SHARE on these rows through their
  // posts' foreign keys, and FOR UPDATE would wait on those in any order and deadlock.
  const rows: AccountRow[] = await trx('accounts')
    .whereIn('id', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .select('id', 'type', 'rep_discussion_pos', 'rep_discussion_neg', 'rep_commerce_pos', 'rep_commerce_neg', 'rep_as_of');
  const updated = rows.map((row) => {
    let states = statesOf(row);
    for (const e of events.filter((x) => x.accountId === row.id)) apply(states, e);
    states = align(states, settings);
    return { id: row.id, states, score: reputation(states, row.type, states.discussion.asOf, settings) };
  });
  // One statement for every account: a batch touches hundreds, each would otherwise be a round trip.
  await trx.raw(
    `update accounts a set rep_discussion_pos = x.dp, rep_discussion_neg = x.dn, rep_commerce_pos = x.cp, rep_commerce_neg = x.cn,
       rep_as_of = x.as_of, reputation_score = x.score, reputation_confidence = x.confidence
     from unnest(?::bigint[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::timestamptz[], ?::float8[], ?::float8[]) as x(id, dp, dn, cp, cn, as_of, score, confidence)
     where a.id = x.id`,
    [
      sqlArray(updated.map((u) => u.id)),
      sqlArray(updated.map((u) => u.states.discussion.positive)),
      sqlArray(updated.map((u) => u.states.discussion.negative)),
      sqlArray(updated.map((u) => u.states.commerce.positive)),
      sqlArray(updated.map((u) => u.states.commerce.negative)),
      sqlArray(updated.map((u) => u.states.discussion.asOf)),
      sqlArray(updated.map((u) => u.score.score)),
      sqlArray(updated.map((u) => u.score.confidence)),
    ],
  );
}

/**
 * Retracts the evidence a decision wrote (on appeal): the events are marked, stay on record, and
 * leave every account's sums exactly as if they had never been added.
 */
export async function retractDecisionEvidence(
  trx: Knex.Transaction,
  decisionId: number,
  reversalId: number,
  now: Date,
  settings: ReputationSettings = DEFAULT_SETTINGS,
): Promise<number> {
  const events: Array<{ id: number; account_id: number; component: Component; weight: number; occurred_at: Date }> = await trx(
    'reputation_events',
  )
    .where({ cause_type: 'decision', cause_id: decisionId })
    .whereNull('retracted_at')
    .forUpdate()
    .select('id', 'account_id', 'component', 'weight', 'occurred_at');
  if (events.length === 0) return 0;
  await trx('reputation_events')
    .whereIn(
      'id',
      events.map((e) => e.id),
    )
    .update({ retracted_at: now, retracted_by_decision_id: reversalId });
  await updateAccounts(
    trx,
    events.map((e) => ({ accountId: e.account_id, component: e.component, weight: e.weight, at: e.occurred_at })),
    (states, e) => {
      states[e.component] = retractEvent(states[e.component], { component: e.component, weight: e.weight, at: e.at }, settings);
    },
    settings,
  );
  return events.length;
}
