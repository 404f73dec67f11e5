import { isAll, isAny, isFactReference, isNot, type Condition, type LeafCondition } from './document';
import { parseOperatorName } from './operators';
import type { Facts } from './evaluation';

export type Test = (facts: Facts) => boolean;

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
const jsonLiteral = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' || v === null;

/**
 * Generates one JavaScript function per condition tree. Fact names and literal values enter the
 * source only through JSON.stringify (names are also checked against the catalogue before any
 * policy is stored); every other value, list or function is passed in as a captured constant and
 * never becomes source text. Named property reads at separate sites keep V8's inline caches
 * monomorphic, which a shared closure cannot.
 */
export function generateTest(root: Condition, order: (parts: Condition[]) => Condition[], leafParts: (c: LeafCondition) => LeafParts): Test {
  const consts: unknown[] = [];
  const constant = (v: unknown) => {
    consts.push(v);
    return `c[${consts.length - 1}]`;
  };
  let temps = 0;
  const expr = (c: Condition): string => {
    if (isNot(c)) return `!(${expr(c.not)})`;
    if (isAll(c) || isAny(c)) {
      const parts = order(isAll(c) ? c.all : c.any);
      if (parts.length === 0) return 'true';
      return `(${parts.map(expr).join(isAll(c) ? ' && ' : ' || ')})`;
    }
    const leaf = c as LeafCondition;
    const parts = leafParts(leaf);
    const read = parts.getter ? `${constant(parts.getter)}(f)` : `f[${JSON.stringify(leaf.fact)}]`;
    if (parts.unary) return `${constant(parts.unary)}(${read})`;
    const { decorators, operator } = parseOperatorName(leaf.operator);
    if (!parts.rightGetter && decorators.length === 0 && jsonLiteral(leaf.value)) {
      const literal = JSON.stringify(leaf.value);
      if (operator === 'equal') return `(${read} === ${literal})`;
      if (operator === 'notEqual') return `(${read} !== ${literal})`;
      if (NUMERIC[operator] && typeof leaf.value === 'number') {
        // json-rules-engine's numeric validator, parseFloat(v).toString() !== 'NaN', is "not NaN" for numbers.
        const t = `t${temps++}`;
        const op = NUMERIC[operator];
        return `((${t} = ${read}), typeof ${t} === 'number' ? (${t} === ${t} && ${t} ${op} ${literal}) : (${constant(numericValidator)}(${t}) && ${t} ${op} ${literal}))`;
      }
    }
    const right = parts.rightGetter ? `${constant(parts.rightGetter)}(f)` : constant(leaf.value);
    return `${constant(parts.binary)}(${read}, ${right})`;
  };
  const body = expr(root);
  const declarations = temps ? `let ${Array.from({ length: temps }, (_, i) => `t${i}`).join(', ')};` : '';
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- source built from JSON-encoded names and literals only
  return new Function('c', `return function test(f) { ${declarations} return ${body}; };`)(consts) as Test;
}

function numericValidator(v: unknown): boolean {
  return Number.parseFloat(v as string).toString() !== 'NaN';
}

export function isPlainLeafRead(c: LeafCondition): boolean {
  return !c.path && !isFactReference(c.value);
}
