import type { Knex } from 'knex';
import { problems } from '../http/problem';
import { statesOf } from './reputationStore';
import { addEvent, align, DEFAULT_SETTINGS, emptyState, reputation, type Component } from '../../rules/reputation/beta';

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * An account's reputation now and its history: each event with its cause and the score it left
 * behind. Shared by the account's reputation endpoint and the moderator's workbench.
 */
export async function reputationView(db: Knex, account: Record<string, any>, now: Date, historyLimit = 500) {
  const current = reputation(statesOf(account as Parameters<typeof statesOf>[0]), account.type, now);
  const events: Array<{
    id: number;
    component: Component;
    weight: number;
    cause_type: string;
    cause_id: number | null;
    occurred_at: Date;
    retracted_at: Date | null;
  }> = await db('reputation_events')
    .where({ account_id: account.id })
    .orderBy([{ column: 'occurred_at' }, { column: 'id' }])
    .select('id', 'component', 'weight', 'cause_type', 'cause_id', 'occurred_at', 'retracted_at');
  let states = { discussion: emptyState(new Date(0)), commerce: emptyState(new Date(0)) };
  // The running score counts what stands now: retracted evidence is listed but never counted.
  const history = events.map((e) => {
    if (!e.retracted_at)
      states[e.component] = addEvent(
        states[e.component],
        { component: e.component, weight: e.weight, at: e.occurred_at },
        DEFAULT_SETTINGS,
      );
    states = align(states, DEFAULT_SETTINGS);
    const after = reputation(states, account.type, e.occurred_at);
    return {
      id: e.id,
      component: e.component,
      weight: e.weight,
      causeType: e.cause_type,
      causeId: e.cause_id,
      occurredAt: e.occurred_at,
      retractedAt: e.retracted_at,
      score: round(after.score, 1),
      confidence: round(after.confidence),
      discussion: round(after.components.discussion.score * 100, 1),
      commerce: round(after.components.commerce.score * 100, 1),
    };
  });
  const view = (c: (typeof current.components)[Component]) => ({
    score: round(c.score),
    confidence: round(c.confidence),
    positive: round(c.positive),
    negative: round(c.negative),
  });
  return {
    accountId: Number(account.id),
    type: account.type as string,
    asOf: now.toISOString(),
    halfLifeDays: DEFAULT_SETTINGS.halfLifeDays,
    score: round(current.score, 1),
    confidence: round(current.confidence),
    components: { discussion: view(current.components.discussion), commerce: view(current.components.commerce) },
    history: history.slice(-historyLimit),
  };
}

/** An account's reputation view by id, or 404. */
export async function reputationOfAccount(db: Knex, id: number, now: Date) {
  const account = await db('accounts').where({ id }).first();
  if (!account) throw problems.notFound(`No account with id ${id}.`);
  return reputationView(db, account, now);
}
