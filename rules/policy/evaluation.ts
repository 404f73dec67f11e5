import type { PolicyEvent } from './events';

/** Fact values for one item, by fact name. */
export type Facts = Readonly<Record<string, unknown>>;

/**
 * What a condition did, as stored with every rule hit: for a comparison, the fact value, the
 * operator, the expected value and the result; for all/any/not, the result and its parts.
 * A part without a result was not evaluated (json-rules-engine skips lower-priority tiers once
 * the outcome is decided).
 */
export type ConditionTrace =
  | { all: ConditionTrace[]; result?: boolean }
  | { any: ConditionTrace[]; result?: boolean }
  | { not: ConditionTrace; result?: boolean }
  | { fact: string; path?: string; operator: string; value: unknown; factValue?: unknown; valueResult?: unknown; result?: boolean };

export interface RuleHit {
  rule: string;
  priority: number;
  event: PolicyEvent;
  explanation: ConditionTrace;
}

export interface EvaluationResult {
  /** Events in rule priority order, highest first; rules of equal priority in document order. */
  events: PolicyEvent[];
  hits: RuleHit[];
}

export interface PolicyEvaluator {
  /** `compiled` for the closure evaluator, `reference` when json-rules-engine runs the policy. */
  readonly engine: 'compiled' | 'reference';
  evaluate(facts: Facts): EvaluationResult | Promise<EvaluationResult>;
}
