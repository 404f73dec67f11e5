import { isAll, isAny, isNot, type Condition, type LeafCondition } from './document';
import { parseOperatorName } from './operators';
import type { Facts } from './evaluation';

/**
 * The generated form of a whole policy: evaluates every rule against one item, in the order
 * given, and collects `outputs[i]` for each rule `i` that fires. Undefined when none fires, so an
 * item that fires nothing allocates nothing.
 */
export type PolicyFunction<T> = (facts: Facts) => T[] | undefined;

/** What a leaf needs that is not plain source: a fact getter for paths, an operator, a text matcher. */
export interface LeafParts {
  /** Reads the left-hand side; absent means a plain read of `fact`. */
  getter?: (facts: Facts) => unknown;
  /** Reads a fact-reference value; absent when the value is a literal. */
  rightGetter?: (facts: Facts) => unknown;
  /** A specialised single-argument test of the fact value (text operators). */
  unary?: (value: unknown) => boolean;
  /** The operator as json-rules-engine applies it (with decorators and validators). */
  binary?: (left: unknown, right: unknown) => boolean;
}

const NUMERIC: Record<string, string> = { greaterThan: '>', greaterThanInclusive: '>=', lessThan: '<', lessThanInclusive: '<=' };
const jsonLiteral = (v: unknown) =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null;

/**
 * Generates one straight-line JavaScript function for a whole policy: each plain fact is read once
 * into a local, then every rule's condition is one inlined boolean expression (numeric and
 * equality comparisons against literals written out, everything else a call to a captured
 * operator). Fact names and literal values enter the source only through JSON.stringify (names
 * are also checked against the catalogue before any policy is stored); every other value, list or
 * function is passed in as a captured constant and never becomes source text.
 *
 * Returns a factory: given the per-rule outputs (events, rule names …), the evaluating function.
 * Both functions a policy needs share one source and so one set of compiled conditions.
 */
export function generatePolicy(
  conditions: readonly Condition[],
  order: (parts: Condition[]) => Condition[],
  leafParts: (c: LeafCondition) => LeafParts,
): <T>(outputs: readonly T[]) => PolicyFunction<T> {
  const consts: unknown[] = [];
  const constant = (v: unknown) => {
    consts.push(v);
    return `c[${consts.length - 1}]`;
  };
  const locals = new Map<string, string>();
  const local = (fact: string) => {
    let name = locals.get(fact);
    if (!name) {
      name = `v${locals.size}`;
      locals.set(fact, name);
    }
    return name;
  };
  // A condition several rules share (the same phrase list on the same text, say) runs once per
  // item: its outcome is kept in a local the first time it is needed. Conditions are pure, so the
  // outcome cannot differ between the rules.
  const leafKey = (leaf: LeafCondition) => JSON.stringify([leaf.fact, leaf.path ?? null, leaf.operator, leaf.value]);
  const uses = new Map<string, number>();
  const count = (c: Condition): void => {
    if (isNot(c)) count(c.not);
    else if (isAll(c)) c.all.forEach(count);
    else if (isAny(c)) c.any.forEach(count);
    else uses.set(leafKey(c), (uses.get(leafKey(c)) ?? 0) + 1);
  };
  conditions.forEach(count);
  const memos = new Map<string, string>();
  const shared = (leaf: LeafCondition, test: string) => {
    const key = leafKey(leaf);
    if ((uses.get(key) ?? 0) < 2) return test;
    let m = memos.get(key);
    if (!m) {
      m = `m${memos.size}`;
      memos.set(key, m);
    }
    return `((${m} === 0 ? (${m} = ${test} ? 1 : 2) : ${m}) === 1)`;
  };
  const expr = (c: Condition): string => {
    if (isNot(c)) return `!(${expr(c.not)})`;
    if (isAll(c) || isAny(c)) {
      const parts = order(isAll(c) ? c.all : c.any);
      if (parts.length === 0) return 'true';
      return `(${parts.map(expr).join(isAll(c) ? ' && ' : ' || ')})`;
    }
    const leaf = c;
    const parts = leafParts(leaf);
    // Plain reads are hoisted into locals; reads through a getter (paths, names Object.prototype
    // has) stay where they are, so they run only when the condition is reached.
    const read = parts.getter ? `${constant(parts.getter)}(f)` : local(leaf.fact);
    if (parts.unary) return shared(leaf, `${constant(parts.unary)}(${read})`);
    const { decorators, operator } = parseOperatorName(leaf.operator);
    if (!parts.rightGetter && decorators.length === 0 && jsonLiteral(leaf.value)) {
      const literal = JSON.stringify(leaf.value);
      if (operator === 'equal') return `(${read} === ${literal})`;
      if (operator === 'notEqual') return `(${read} !== ${literal})`;
      if (NUMERIC[operator] && typeof leaf.value === 'number' && !parts.getter) {
        // json-rules-engine's numeric validator, parseFloat(v).toString() !== 'NaN', is "not NaN"
        // for numbers, and a comparison with NaN is false anyway: numbers need no validator.
        const op = NUMERIC[operator];
        return `(typeof ${read} === 'number' ? ${read} ${op} ${literal} : (${constant(numericValidator)}(${read}) && ${read} ${op} ${literal}))`;
      }
    }
    if (
      !parts.rightGetter &&
      !parts.getter &&
      decorators.length === 0 &&
      (operator === 'in' || operator === 'notIn') &&
      Array.isArray(leaf.value) &&
      leaf.value.length > 0 &&
      leaf.value.length <= 8 &&
      leaf.value.every(jsonLiteral)
    ) {
      // `value.indexOf(fact) > -1` is strict equality with one of the literals.
      const any = `(${leaf.value.map((v) => `${read} === ${JSON.stringify(v)}`).join(' || ')})`;
      return operator === 'in' ? any : `!${any}`;
    }
    const right = parts.rightGetter ? `${constant(parts.rightGetter)}(f)` : constant(leaf.value);
    return shared(leaf, `${constant(parts.binary)}(${read}, ${right})`);
  };
  const tests = conditions.map((c, i) => `if (${expr(c)}) { if (out === undefined) out = [o[${i}]]; else out.push(o[${i}]); }`);
  const reads = [...locals].map(([fact, name]) => `const ${name} = f[${JSON.stringify(fact)}];`);
  if (memos.size) reads.push(`let ${[...memos.values()].map((m) => `${m} = 0`).join(', ')};`);
  const source = `return function evaluatePolicy(f) {\n${reads.join('\n')}\nlet out;\n${tests.join('\n')}\nreturn out;\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built from JSON-encoded names and literals only
  const factory = new Function('c', 'o', source) as (c: unknown[], o: readonly unknown[]) => PolicyFunction<unknown>;
  return <T>(outputs: readonly T[]) => factory(consts, outputs) as PolicyFunction<T>;
}

function numericValidator(v: unknown): boolean {
  return Number.parseFloat(v as string).toString() !== 'NaN';
}
