import { JSONPath } from 'jsonpath-plus';
import { normalizeForMatch } from '../text/normalize';
import { isAll, isAny, isFactReference, isNot, rulePriority, type Condition, type LeafCondition, type PolicyDocument } from './document';
import type { ConditionTrace, EvaluationResult, Facts, PolicyEvaluator, RuleHit } from './evaluation';
import type { PolicyEvent } from './events';
import {
  BUILTIN_OPERATORS,
  customOperators,
  parseOperatorName,
  resolveOperator,
  type OperatorDef,
  type OperatorFn,
  type PolicyLists,
} from './operators';
import { buildPatternMatcher } from '../text/patterns';
import { generatePolicy, type LeafParts } from './codegen';

type Getter = (facts: Facts) => unknown;

const SIMPLE_PATH = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)$/;

const isContainer = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/**
 * A fact's value as json-rules-engine's almanac reads it: own facts only, undefined when absent,
 * and a JSONPath applied only to objects. Plain dotted paths are walked directly; anything the
 * walk is not sure to read the same way goes through the very JSONPath call the engine makes.
 */
function factGetter(fact: string, path: string | undefined): Getter {
  // A name Object.prototype lacks reads the same directly as an own property, and faster.
  const own: Getter = fact in Object.prototype ? (facts) => (Object.hasOwn(facts, fact) ? facts[fact] : undefined) : (facts) => facts[fact];
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
      const plain =
        isContainer(current) &&
        (Array.isArray(current) || Object.getPrototypeOf(current) === Object.prototype || Object.getPrototypeOf(current) === null);
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
  parts(c: LeafCondition): LeafParts;
}

const TEXT_OPERATORS = new Set(['containsAny', 'matchesPattern', 'containsPhraseFromList']);

/**
 * "Contains any of these phrases" as one alternation of escaped literals: a single linear scan of
 * the text instead of one `includes` per phrase. With no quantifiers it cannot backtrack.
 */
function anyPhrase(phrases: readonly string[]): (text: string) => boolean {
  const unique = [...new Set(phrases)].filter((p) => p !== '');
  if (unique.length === 0) return () => false;
  const re = new RegExp(unique.map((p) => p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'), 'u');
  return (text) => re.test(text);
}

/**
 * Whether a host or any parent domain (never the last label alone) is in the set: the operator's
 * `domainSuffixes` without building the list. `a.b.example` is in a list that holds `b.example`.
 */
function hostInSet(host: string, set: ReadonlySet<string>): boolean {
  let h = host.toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  for (let from = 0; ;) {
    const dot = h.indexOf('.', from);
    if (dot === -1) return false;
    if (set.has(from === 0 ? h : h.slice(from))) return true;
    from = dot + 1;
  }
}

/** A rough cost, so cheap comparisons run before text scans inside all/any. */
function cost(c: Condition): number {
  if (isNot(c)) return cost(c.not);
  if (isAll(c)) return c.all.reduce((sum, x) => sum + cost(x), 0);
  if (isAny(c)) return c.any.reduce((sum, x) => sum + cost(x), 0);
  const { operator } = parseOperatorName(c.operator);
  return TEXT_OPERATORS.has(operator) ? 20 : c.path ? 3 : 1;
}

/** Conditions are pure and never throw, so running the cheap ones first cannot change the outcome. */
function cheapFirst(parts: Condition[]): Condition[] {
  return parts
    .map((p, i) => ({ p, i, cost: cost(p) }))
    .sort((a, b) => a.cost - b.cost || a.i - b.i)
    .map(({ p }) => p);
}

/** The phrases of every phrase condition (containsAny, containsPhraseFromList) in a policy. */
function policyPhrases(doc: PolicyDocument, lists: PolicyLists): string[] {
  const out: string[] = [];
  const walk = (c: Condition): void => {
    if (isNot(c)) return walk(c.not);
    if (isAll(c)) return c.all.forEach(walk);
    if (isAny(c)) return c.any.forEach(walk);
    const leaf = c;
    if (isFactReference(leaf.value)) return;
    const { decorators, operator } = parseOperatorName(leaf.operator);
    if (decorators.length) return;
    if (operator === 'containsAny' && Array.isArray(leaf.value))
      out.push(...leaf.value.filter((x): x is string => typeof x === 'string' && x !== ''));
    if (operator === 'containsPhraseFromList' && typeof leaf.value === 'string' && Object.hasOwn(lists, leaf.value))
      out.push(...lists[leaf.value]!);
  };
  doc.rules.forEach((r) => walk(r.conditions));
  return out.map(normalizeForMatch);
}

function makeCompiler(lists: PolicyLists, phrases: readonly string[]): Compiler {
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
  // Most texts hold none of the policy's phrases: one scan for all of them, once per text, spares
  // each phrase condition its own scan. Only a text that holds one is scanned list by list.
  const anyPolicyPhrase = anyPhrase(phrases);
  let lastGuarded: string | undefined;
  let lastGuard = false;
  const mayHoldPhrase = (text: string) => {
    if (text !== lastGuarded) {
      lastGuarded = text;
      lastGuard = anyPolicyPhrase(text);
    }
    return lastGuard;
  };
  const anyString = (value: unknown, test: (s: string) => boolean) =>
    typeof value === 'string' ? test(value) : Array.isArray(value) ? value.some((x) => typeof x === 'string' && test(x)) : false;

  const phraseIn = (text: string, found: (text: string) => boolean) => mayHoldPhrase(text) && found(text);

  const parts = (c: LeafCondition): LeafParts => {
    const getter = c.path || c.fact in Object.prototype ? factGetter(c.fact, c.path) : undefined;
    if (isFactReference(c.value)) return { getter, rightGetter: factGetter(c.value.fact, c.value.path), binary: operatorFn(c.operator) };
    const { decorators, operator } = parseOperatorName(c.operator);
    const value = c.value;
    // Specialised forms of the product's text operators; the differential tests hold them to the generic ones.
    if (decorators.length === 0 && operator === 'containsAny' && Array.isArray(value)) {
      const found = anyPhrase(value.filter((x): x is string => typeof x === 'string' && x !== '').map(normalizeForMatch));
      return { getter, unary: (v) => anyString(v, (s) => phraseIn(normalized(s), found)) };
    }
    if (decorators.length === 0 && operator === 'containsPhraseFromList' && typeof value === 'string') {
      const found = anyPhrase(Object.hasOwn(lists, value) ? lists[value]!.map(normalizeForMatch) : []);
      return { getter, unary: (v) => anyString(v, (s) => phraseIn(normalized(s), found)) };
    }
    if (decorators.length === 0 && operator === 'domainInList' && typeof value === 'string') {
      if (!Object.hasOwn(lists, value)) return { getter, unary: () => false };
      const set = new Set(lists[value]!.map(normalizeForMatch));
      return { getter, unary: (v) => anyString(v, (host) => hostInSet(host, set)) };
    }
    if (decorators.length === 0 && operator === 'matchesPattern' && typeof value === 'string') {
      let matcher: ReturnType<typeof buildPatternMatcher> | null;
      try {
        matcher = buildPatternMatcher(value);
      } catch {
        matcher = null;
      }
      const m = matcher;
      return { getter, unary: m ? (v) => anyString(v, (s) => m.test(normalized(s))) : () => false };
    }
    return { getter, binary: operatorFn(c.operator) };
  };
  return { operatorFn, parts };
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
    return { trace: op === 'all' ? { all: children, result } : { any: children, result }, result };
  }
  const leaf = c;
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
  const leaf = c;
  return { fact: leaf.fact, operator: leaf.operator, value: leaf.value, ...(leaf.path ? { path: leaf.path } : {}) };
}

/** Shared by every item that fires nothing; frozen, so no caller can change it for the others. */
const NOTHING_FIRED: EvaluationResult = Object.freeze({
  events: Object.freeze([]) as unknown as PolicyEvent[],
  hits: Object.freeze([]) as unknown as RuleHit[],
});

export interface CompiledPolicy extends PolicyEvaluator {
  readonly engine: 'compiled';
  evaluate(facts: Facts): EvaluationResult;
  /** Which rules fire, in evaluation order, without building events or explanations: the backtest's fast path. */
  matchedRules(facts: Facts): string[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

let HITS: PropertyDescriptor;

/**
 * What an item fired: its events, and its hits built from them when first read, so a caller that
 * only wants the events never builds them. `hits` is an own, enumerable property like a plain
 * object's (callers and tests compare and serialise results as plain objects); an accessor shared
 * by all results, installed per result, costs a fraction of a per-result closure.
 */
class FiredRules implements EvaluationResult {
  events: PolicyEvent[];
  declare hits: RuleHit[];
  readonly #facts: Facts;
  readonly #hitsOf: (events: readonly PolicyEvent[], facts: Facts) => RuleHit[];
  constructor(events: PolicyEvent[], facts: Facts, hitsOf: (events: readonly PolicyEvent[], facts: Facts) => RuleHit[]) {
    this.events = events;
    this.#facts = facts;
    this.#hitsOf = hitsOf;
    Object.defineProperty(this, 'hits', HITS);
  }
  static {
    HITS = {
      enumerable: true,
      configurable: true,
      get(this: FiredRules): RuleHit[] {
        const hits = this.#hitsOf(this.events, this.#facts);
        Object.defineProperty(this, 'hits', { value: hits, enumerable: true, configurable: true, writable: true });
        return hits;
      },
      // Assigning works as on a plain object.
      set(this: FiredRules, hits: RuleHit[]) {
        Object.defineProperty(this, 'hits', { value: hits, enumerable: true, configurable: true, writable: true });
      },
    };
  }
}

interface CompiledRule {
  name: string;
  priority: number;
  conditions: Condition;
  /** The rule's event, built and frozen once: every hit of the rule shares it. */
  event: PolicyEvent;
}

/**
 * Turns a validated policy into one generated function (see codegen.ts). Rules are put in
 * json-rules-engine's reporting order once, at compile time: priority, highest first, then
 * document order. No user string is ever evaluated as code: values are captured, operators are
 * looked up by name.
 */
export function compilePolicy(doc: PolicyDocument, lists: PolicyLists): CompiledPolicy {
  const compiler = makeCompiler(lists, policyPhrases(doc, lists));
  const rules: CompiledRule[] = doc.rules
    .map((rule, index) => ({ rule, index, priority: rulePriority(rule) }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index)
    .map(({ rule, priority }) => ({
      name: rule.name,
      priority,
      conditions: rule.conditions,
      event: deepFreeze(
        rule.event.params ? { type: rule.event.type, params: structuredClone(rule.event.params) } : { type: rule.event.type },
      ),
    }));
  const generated = generatePolicy(
    rules.map((r) => r.conditions),
    cheapFirst,
    compiler.parts,
  );
  const firedEvents = generated(rules.map((r) => r.event));
  const firedNames = generated(rules.map((r) => r.name));
  const ruleOf = new Map(rules.map((r) => [r.event, r]));

  /** A hit's explanation is built on first read, once: only hits that are stored or shown pay for the trace. */
  const hitOf = (r: CompiledRule, facts: Facts): RuleHit => {
    let explanation: ConditionTrace | undefined;
    return {
      rule: r.name,
      priority: r.priority,
      event: r.event,
      get explanation(): ConditionTrace {
        if (!explanation) {
          // json-rules-engine evaluates the root all/any/not itself and records no result on it.
          const { result: _root, ...rest } = traceCondition(r.conditions, facts, compiler).trace;
          explanation = rest;
        }
        return explanation;
      },
    };
  };

  const hitsOf = (events: readonly PolicyEvent[], facts: Facts) => events.map((e) => hitOf(ruleOf.get(e)!, facts));

  return {
    engine: 'compiled',
    evaluate(facts) {
      const events = firedEvents(facts);
      return events === undefined ? NOTHING_FIRED : new FiredRules(events, facts, hitsOf);
    },
    matchedRules(facts) {
      return firedNames(facts) ?? [];
    },
  };
}
