import { JSONPath } from 'jsonpath-plus';
import { normalizeForMatch } from '../text/normalize';
import { isAll, isAny, isFactReference, isNot, rulePriority, type Condition, type LeafCondition, type PolicyDocument } from './document';
import type { ConditionTrace, EvaluationResult, Facts, PolicyEvaluator, RuleHit } from './evaluation';
import type { PolicyEvent } from './events';
import { BUILTIN_OPERATORS, customOperators, parseOperatorName, resolveOperator, type OperatorDef, type OperatorFn, type PolicyLists } from './operators';
import { buildPatternMatcher } from '../text/patterns';

type Test = (facts: Facts) => boolean;
type Getter = (facts: Facts) => unknown;

const SIMPLE_PATH = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)$/;

const isContainer = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/**
 * A fact's value as json-rules-engine's almanac reads it: own facts only, undefined when absent,
 * and a JSONPath applied only to objects. Plain dotted paths are walked directly; anything the
 * walk is not sure to read the same way goes through the very JSONPath call the engine makes.
 */
function factGetter(fact: string, path: string | undefined): Getter {
  const own: Getter = (facts) => (Object.hasOwn(facts, fact) ? facts[fact] : undefined);
  if (!path) return own;
  const viaJsonPath = (value: Record<string, unknown>) => JSONPath({ path, json: value, wrap: false });
  const simple = SIMPLE_PATH.exec(path);
  if (!simple) {
    return (facts) => {
      const value = own(facts);
      return isContainer(value) ? viaJsonPath(value) : value;
    };
  }
  const steps = [...simple[1]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => m[1] ?? m[2]!);
  return (facts) => {
    const value = own(facts);
    if (!isContainer(value)) return value;
    let current: unknown = value;
    for (const step of steps) {
      const plain = isContainer(current) && (Array.isArray(current) || Object.getPrototypeOf(current) === Object.prototype || Object.getPrototypeOf(current) === null);
      if (!plain || !Object.hasOwn(current as object, step)) return viaJsonPath(value);
      current = (current as Record<string, unknown>)[step];
      if (current === undefined) return viaJsonPath(value);
    }
    // Arrays found at the end come back as they are; only scalars and objects are certain to match.
    return current;
  };
}

function conditionPriority(c: Condition): number {
  return (c as { priority?: number }).priority || 1;
}

/** Groups conditions into json-rules-engine's priority tiers, highest first, keeping their order. */
function tiers(conditions: Condition[]): Condition[][] {
  const byPriority = new Map<number, Condition[]>();
  for (const c of conditions) {
    const p = conditionPriority(c);
    if (!byPriority.has(p)) byPriority.set(p, []);
    byPriority.get(p)!.push(c);
  }
  return [...byPriority.keys()].sort((a, b) => b - a).map((p) => byPriority.get(p)!);
}

interface Compiler {
  operatorFn(name: string): OperatorFn;
  leaf(c: LeafCondition): Test;
}

function makeCompiler(lists: PolicyLists): Compiler {
  const operators = new Map<string, OperatorDef>([...BUILTIN_OPERATORS, ...customOperators(lists)].map((o) => [o.name, o]));
  const resolved = new Map<string, OperatorFn>();
  const operatorFn = (name: string) => {
    let fn = resolved.get(name);
    if (!fn) {
      fn = resolveOperator(name, operators);
      if (!fn) throw new Error(`unknown operator ${name}`);
      resolved.set(name, fn);
    }
    return fn;
  };
  // Several conditions usually read the same text: normalise it once per item.
  let lastRaw: string | undefined;
  let lastNormalized = '';
  const normalized = (s: string) => {
    if (s !== lastRaw) {
      lastRaw = s;
      lastNormalized = normalizeForMatch(s);
    }
    return lastNormalized;
  };
  const anyString = (value: unknown, test: (s: string) => boolean) =>
    typeof value === 'string' ? test(value) : Array.isArray(value) ? value.some((x) => typeof x === 'string' && test(x)) : false;

  const leaf = (c: LeafCondition): Test => {
    const left = factGetter(c.fact, c.path);
    const { decorators, operator } = parseOperatorName(c.operator);
    if (isFactReference(c.value)) {
      const right = factGetter(c.value.fact, c.value.path);
      const fn = operatorFn(c.operator);
      return (facts) => fn(left(facts), right(facts));
    }
    const value = c.value;
    // Specialised forms of the product's text operators; the differential tests hold them to the generic ones.
    if (decorators.length === 0 && operator === 'containsAny' && Array.isArray(value)) {
      const needles = value.filter((x): x is string => typeof x === 'string' && x !== '').map(normalizeForMatch);
      return (facts) => anyString(left(facts), (s) => {
        const text = normalized(s);
        for (const n of needles) if (text.includes(n)) return true;
        return false;
      });
    }
    if (decorators.length === 0 && operator === 'matchesPattern' && typeof value === 'string') {
      let matcher: ReturnType<typeof buildPatternMatcher> | null;
      try {
        matcher = buildPatternMatcher(value);
      } catch {
        matcher = null;
      }
      if (!matcher) return () => false;
      const m = matcher;
      return (facts) => anyString(left(facts), (s) => m.test(normalized(s)));
    }
    if (decorators.length === 0 && operator === 'equal') return (facts) => left(facts) === value;
    const fn = operatorFn(c.operator);
    return (facts) => fn(left(facts), value);
  };
  return { operatorFn, leaf };
}

function compileCondition(c: Condition, compiler: Compiler): Test {
  if (isNot(c)) {
    const inner = compileCondition(c.not, compiler);
    return (facts) => !inner(facts);
  }
  if (isAll(c) || isAny(c)) {
    const parts = (isAll(c) ? c.all : c.any).map((p) => compileCondition(p, compiler));
    // json-rules-engine: an empty all or any is true. Conditions are pure, so evaluation order
    // and short-circuiting cannot change the outcome.
    if (parts.length === 0) return () => true;
    if (parts.length === 1) return parts[0]!;
    if (isAll(c)) return (facts) => {
      for (const p of parts) if (!p(facts)) return false;
      return true;
    };
    return (facts) => {
      for (const p of parts) if (p(facts)) return true;
      return false;
    };
  }
  return compiler.leaf(c);
}

/**
 * Re-evaluates a rule that fired, recording every condition the way json-rules-engine does:
 * tier by tier, skipping tiers once the outcome is known. Only hits pay for this.
 */
function traceCondition(c: Condition, facts: Facts, compiler: Compiler): { trace: ConditionTrace; result: boolean } {
  if (isNot(c)) {
    const inner = traceCondition(c.not, facts, compiler);
    return { trace: { not: inner.trace, result: !inner.result }, result: !inner.result };
  }
  if (isAll(c) || isAny(c)) {
    const op = isAll(c) ? 'all' : 'any';
    const parts = isAll(c) ? c.all : c.any;
    const traces = new Map<Condition, ConditionTrace>();
    let result: boolean;
    if (parts.length === 0) result = true;
    else if (parts.length === 1) {
      const only = traceCondition(parts[0]!, facts, compiler);
      traces.set(parts[0]!, only.trace);
      result = only.result;
    } else {
      result = op === 'all';
      for (const tier of tiers(parts)) {
        if (op === 'all' ? !result : result) break;
        const outcomes = tier.map((p) => {
          const t = traceCondition(p, facts, compiler);
          traces.set(p, t.trace);
          return t.result;
        });
        result = op === 'all' ? outcomes.every(Boolean) : outcomes.some(Boolean);
      }
    }
    const children = parts.map((p) => traces.get(p) ?? untraced(p));
    return { trace: (op === 'all' ? { all: children, result } : { any: children, result }) as ConditionTrace, result };
  }
  const leaf = c as LeafCondition;
  const left = factGetter(leaf.fact, leaf.path)(facts);
  const right = isFactReference(leaf.value) ? factGetter(leaf.value.fact, leaf.value.path)(facts) : leaf.value;
  const result = compiler.operatorFn(leaf.operator)(left, right);
  const trace: ConditionTrace = { fact: leaf.fact, operator: leaf.operator, value: leaf.value };
  if (leaf.path) trace.path = leaf.path;
  if (left !== undefined) trace.factValue = left;
  if (isFactReference(leaf.value) && right !== undefined) trace.valueResult = right;
  trace.result = result;
  return { trace, result };
}

function untraced(c: Condition): ConditionTrace {
  if (isNot(c)) return { not: untraced(c.not) };
  if (isAll(c)) return { all: c.all.map(untraced) };
  if (isAny(c)) return { any: c.any.map(untraced) };
  const leaf = c as LeafCondition;
  return { fact: leaf.fact, operator: leaf.operator, value: leaf.value, ...(leaf.path ? { path: leaf.path } : {}) };
}

export interface CompiledPolicy extends PolicyEvaluator {
  readonly engine: 'compiled';
  evaluate(facts: Facts): EvaluationResult;
  /** True when any rule fires, without building events or explanations: the backtest's fast path. */
  matchedRules(facts: Facts): string[];
}

/**
 * Turns a validated policy into plain closures built from its tree. No user string is ever
 * evaluated as code: values are captured, operators are looked up by name.
 */
export function compilePolicy(doc: PolicyDocument, lists: PolicyLists): CompiledPolicy {
  const compiler = makeCompiler(lists);
  const rules = doc.rules
    .map((rule, index) => {
      const event: PolicyEvent = rule.event.params ? { type: rule.event.type, params: rule.event.params } : { type: rule.event.type };
      return { rule, index, priority: rulePriority(rule), event, test: compileCondition(rule.conditions, compiler) };
    })
    .sort((a, b) => b.priority - a.priority || a.index - b.index);

  return {
    engine: 'compiled',
    evaluate(facts) {
      const events: PolicyEvent[] = [];
      const hits: RuleHit[] = [];
      for (const r of rules) {
        if (!r.test(facts)) continue;
        events.push(r.event);
        // json-rules-engine evaluates the root all/any/not itself and records no result on it.
        const { result: _root, ...explanation } = traceCondition(r.rule.conditions, facts, compiler).trace as ConditionTrace & { result?: boolean };
        hits.push({ rule: r.rule.name, priority: r.priority, event: r.event, explanation: explanation as ConditionTrace });
      }
      return { events, hits };
    },
    matchedRules(facts) {
      const out: string[] = [];
      for (const r of rules) if (r.test(facts)) out.push(r.rule.name);
      return out;
    },
  };
}
