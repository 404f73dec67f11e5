import { Engine } from 'json-rules-engine';
import { customOperators, type PolicyLists } from './operators';
import { rulePriority, type PolicyDocument } from './document';
import type { ConditionTrace, EvaluationResult, Facts, PolicyEvaluator, RuleHit } from './evaluation';
import type { PolicyEvent } from './events';

interface JreCondition {
  all?: JreCondition[];
  any?: JreCondition[];
  not?: JreCondition;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/** json-rules-engine's evaluated condition tree, in the product's trace format. */
export function traceFromJre(c: JreCondition): ConditionTrace {
  const withResult = <T extends object>(node: T): T => (c.result === undefined ? node : { ...node, result: c.result });
  if (Object.hasOwn(c, 'all')) return withResult({ all: c.all!.map(traceFromJre) });
  if (Object.hasOwn(c, 'any')) return withResult({ any: c.any!.map(traceFromJre) });
  if (Object.hasOwn(c, 'not')) return withResult({ not: traceFromJre(c.not!) });
  const leaf: ConditionTrace = { fact: c.fact!, operator: c.operator!, value: c.value };
  if (c.path) leaf.path = c.path;
  if (c.factResult !== undefined) leaf.factValue = c.factResult;
  if (c.valueResult !== undefined && c.valueResult !== c.value) leaf.valueResult = c.valueResult;
  if (c.result !== undefined) leaf.result = c.result;
  return leaf;
}

/**
 * json-rules-engine itself: the reference semantics every other evaluator is tested against, and
 * the fallback for anything the compiled evaluator does not handle. Facts are runtime constants;
 * a fact the item does not have is undefined rather than an error.
 */
export function createReferenceEvaluator(
  doc: PolicyDocument,
  lists: PolicyLists,
): PolicyEvaluator & { rawRun(facts: Facts): Promise<{ events: PolicyEvent[] }> } {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const op of customOperators(lists)) engine.addOperator(op.name, (a: unknown, b: unknown) => op.validator(a) && op.compare(a, b));
  // json-rules-engine writes into the condition objects it is given; it gets its own copy.
  const rules = structuredClone(doc.rules);
  rules.forEach((rule) =>
    engine.addRule({ name: rule.name, priority: rulePriority(rule), conditions: rule.conditions as never, event: rule.event }),
  );
  const order = new Map(doc.rules.map((r, i) => [r.name, i]));

  return {
    engine: 'reference',
    /** The engine's own output, before ties are put in document order. */
    async rawRun(facts) {
      const { events } = await engine.run({ ...facts });
      return { events: events };
    },
    async evaluate(facts: Facts): Promise<EvaluationResult> {
      const { results } = await engine.run({ ...facts });
      // Rules of one priority run "in parallel", so the engine lists them in the order their
      // promises settled. The product reports them in document order instead: stable, and what
      // the person who wrote the policy expects.
      const sorted = [...results].sort(
        (a, b) => (b.priority ?? 1) - (a.priority ?? 1) || order.get(String(a.name))! - order.get(String(b.name))!,
      );
      const hits: RuleHit[] = sorted.map((r) => ({
        rule: String(r.name),
        priority: r.priority ?? 1,
        event: r.event as PolicyEvent,
        explanation: traceFromJre(r.conditions as unknown as JreCondition),
      }));
      return { events: hits.map((h) => h.event), hits };
    },
  };
}
