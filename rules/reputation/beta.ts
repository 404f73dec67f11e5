/**
 * Beta reputation (Jøsang and Ismail, 2002) with forgetting: positive evidence r and negative
 * evidence s, each decayed by half every `halfLifeDays`; the expected value (r + r0) / (r + s +
 * r0 + s0) with a prior (r0, s0) by account type. Two components kept apart, so a good trader who
 * argues rudely does not look like a scammer, and standing earned in one does not launder the other.
 */
export type Component = 'discussion' | 'commerce';
export const COMPONENTS: readonly Component[] = ['discussion', 'commerce'];

export interface ReputationSettings {
  halfLifeDays: number;
  /** Evidence (decayed) at which confidence reaches one half. */
  confidenceHalfAt: number;
}

export const DEFAULT_SETTINGS: ReputationSettings = { halfLifeDays: 90, confidenceHalfAt: 5 };

/** A new account is neither trusted nor condemned: priors sit at or a little above one half, with little weight. */
export const PRIORS: Record<string, Record<Component, [number, number]>> = {
  member: { discussion: [1, 1], commerce: [1, 1] },
  creator: { discussion: [1, 1], commerce: [1, 1] },
  vendor: { discussion: [1, 1], commerce: [1.5, 1] },
  brand: { discussion: [1.5, 1], commerce: [1.5, 1] },
};

/** Decayed evidence sums at a reference time. */
export interface EvidenceState {
  positive: number;
  negative: number;
  asOf: Date;
}

export interface ReputationEvent {
  component: Component;
  weight: number;
  at: Date;
}

const DAY = 86_400_000;

export function decayFactor(fromMs: number, toMs: number, s: ReputationSettings): number {
  return Math.pow(2, -(toMs - fromMs) / (s.halfLifeDays * DAY));
}

/**
 * Adds one event to the state. Events may arrive late: one older than the state's reference
 * time is decayed to it, a newer one moves the reference forward. Either way the state equals
 * the sum of every event decayed to the reference time, which is what recomputation computes.
 */
export function addEvent(state: EvidenceState, event: ReputationEvent, s: ReputationSettings): EvidenceState {
  const t = event.at.getTime();
  const ref = state.asOf.getTime();
  const w = Math.abs(event.weight);
  if (t >= ref) {
    const k = decayFactor(ref, t, s);
    return {
      positive: state.positive * k + (event.weight > 0 ? w : 0),
      negative: state.negative * k + (event.weight < 0 ? w : 0),
      asOf: event.at,
    };
  }
  const k = decayFactor(t, ref, s);
  return {
    positive: state.positive + (event.weight > 0 ? w * k : 0),
    negative: state.negative + (event.weight < 0 ? w * k : 0),
    asOf: state.asOf,
  };
}

/**
 * Takes an event back out of the state, as if it had never been added: its contribution decayed
 * from its own time to the state's reference time is subtracted from its own side.
 */
export function retractEvent(state: EvidenceState, event: ReputationEvent, s: ReputationSettings): EvidenceState {
  const w = Math.abs(event.weight) * decayFactor(event.at.getTime(), state.asOf.getTime(), s);
  return {
    positive: event.weight > 0 ? Math.max(0, state.positive - w) : state.positive,
    negative: event.weight < 0 ? Math.max(0, state.negative - w) : state.negative,
    asOf: state.asOf,
  };
}

export function emptyState(at: Date): EvidenceState {
  return { positive: 0, negative: 0, asOf: at };
}

export interface ComponentValue {
  /** Expected probability of good behaviour, 0–1. */
  score: number;
  /** How much evidence stands behind it, 0–1. */
  confidence: number;
  positive: number;
  negative: number;
}

export function componentValue(state: EvidenceState, prior: [number, number], at: Date, s: ReputationSettings): ComponentValue {
  const k = at.getTime() >= state.asOf.getTime() ? decayFactor(state.asOf.getTime(), at.getTime(), s) : 1;
  const r = state.positive * k;
  const n = state.negative * k;
  return {
    score: (r + prior[0]) / (r + n + prior[0] + prior[1]),
    confidence: (r + n) / (r + n + s.confidenceHalfAt),
    positive: r,
    negative: n,
  };
}

export interface Reputation {
  /** 0–100; each component counts as much as the evidence behind it (plus one, so a new account sits at its priors). */
  score: number;
  confidence: number;
  components: Record<Component, ComponentValue>;
}

export function reputation(
  states: Record<Component, EvidenceState>,
  accountType: string,
  at: Date,
  s: ReputationSettings = DEFAULT_SETTINGS,
): Reputation {
  const priors = PRIORS[accountType] ?? PRIORS.member!;
  const components = Object.fromEntries(COMPONENTS.map((c) => [c, componentValue(states[c], priors[c], at, s)])) as Record<
    Component,
    ComponentValue
  >;
  let weighted = 0;
  let total = 0;
  let evidence = 0;
  for (const c of COMPONENTS) {
    const amount = components[c].positive + components[c].negative;
    weighted += (1 + amount) * components[c].score;
    total += 1 + amount;
    evidence += amount;
  }
  return { score: (100 * weighted) / total, confidence: evidence / (evidence + s.confidenceHalfAt), components };
}

/** Brings both components to one reference time (the later), so an account keeps one "as of". */
export function align(states: Record<Component, EvidenceState>, s: ReputationSettings): Record<Component, EvidenceState> {
  const ref = Math.max(...COMPONENTS.map((c) => states[c].asOf.getTime()));
  return Object.fromEntries(
    COMPONENTS.map((c) => {
      const k = decayFactor(states[c].asOf.getTime(), ref, s);
      return [c, { positive: states[c].positive * k, negative: states[c].negative * k, asOf: new Date(ref) }];
    }),
  ) as Record<Component, EvidenceState>;
}

/** All of an account's events replayed from nothing: the yardstick for the incremental values. */
export function recompute(events: readonly ReputationEvent[], s: ReputationSettings = DEFAULT_SETTINGS): Record<Component, EvidenceState> {
  const out = Object.fromEntries(COMPONENTS.map((c) => [c, emptyState(new Date(0))])) as Record<Component, EvidenceState>;
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of sorted) out[e.component] = addEvent(out[e.component], e, s);
  return out;
}

/** What an order's outcome says about each side. Cancelled and pending orders say nothing yet. */
export const ORDER_OUTCOMES: Record<string, { buyer: number; vendor: number }> = {
  completed: { buyer: 1, vendor: 1 },
  refunded: { buyer: -0.25, vendor: -0.5 },
  disputed: { buyer: -0.5, vendor: -1 },
  chargeback: { buyer: -2, vendor: -0.5 },
  cancelled: { buyer: 0, vendor: 0 },
  pending: { buyer: 0, vendor: 0 },
};

/** What a moderator's decision on a post says about its author. */
export const DECISION_WEIGHTS: Record<string, number> = {
  remove: -2,
  hold: -1,
  require_disclosure: -1,
  label: -0.5,
  warn: -0.5,
  approve: 0.5,
  escalate: 0,
};
