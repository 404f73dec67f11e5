import type { Knex } from 'knex';
import { addEvent, align, COMPONENTS, DEFAULT_SETTINGS, reputation, type Component, type EvidenceState, type ReputationSettings } from '../../rules/reputation/beta';

export interface NewReputationEvent {
  accountId: number;
  component: Component;
  weight: number;
  causeType: 'rule_hit' | 'order' | 'decision' | 'decision_reversal' | 'report';
  causeId: number | null;
  at: Date;
}

type AccountRow = { id: number; type: string; rep_discussion_pos: number; rep_discussion_neg: number; rep_commerce_pos: number; rep_commerce_neg: number; rep_as_of: Date | null };

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
export async function recordReputationEvents(trx: Knex.Transaction, events: NewReputationEvent[], settings: ReputationSettings = DEFAULT_SETTINGS): Promise<void> {
  const meaningful = events.filter((e) => e.weight !== 0);
  if (meaningful.length === 0) return;
  for (let i = 0; i < meaningful.length; i += 1000) {
    await trx('reputation_events').insert(
      meaningful.slice(i, i + 1000).map((e) => ({ account_id: e.accountId, component: e.component, weight: e.weight, cause_type: e.causeType, cause_id: e.causeId, occurred_at: e.at })),
    );
  }
  const ids = [...new Set(meaningful.map((e) => e.accountId))].sort((a, b) => a - b);
  const rows: AccountRow[] = await trx('accounts').whereIn('id', ids).orderBy('id').forUpdate().select('id', 'type', 'rep_discussion_pos', 'rep_discussion_neg', 'rep_commerce_pos', 'rep_commerce_neg', 'rep_as_of');
  for (const row of rows) {
    let states = statesOf(row);
    for (const e of meaningful.filter((x) => x.accountId === row.id)) states[e.component] = addEvent(states[e.component], { component: e.component, weight: e.weight, at: e.at }, settings);
    states = align(states, settings);
    const r = reputation(states, row.type, states.discussion.asOf, settings);
    await trx('accounts')
      .where({ id: row.id })
      .update({
        rep_discussion_pos: states.discussion.positive,
        rep_discussion_neg: states.discussion.negative,
        rep_commerce_pos: states.commerce.positive,
        rep_commerce_neg: states.commerce.negative,
        rep_as_of: states.discussion.asOf,
        reputation_score: r.score,
        reputation_confidence: r.confidence,
      });
  }
}

export { COMPONENTS };
