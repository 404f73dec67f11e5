import { normalizeForMatch } from '../text/normalize';
import { buildPatternMatcher, type PatternMatcher } from '../text/patterns';

/** Named lists a policy can refer to (blocked domains, brands, disclosure phrases …). */
export type PolicyLists = Readonly<Record<string, readonly string[]>>;

export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

/**
 * An operator as json-rules-engine runs it: the validator gates the fact value, then the
 * comparison runs. The compiled evaluator calls these same functions, so both engines share
 * one definition of every comparison.
 */
export interface OperatorDef {
  name: string;
  validator: (factValue: unknown) => boolean;
  compare: OperatorFn;
}

const always = () => true;
const numeric = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';

/** json-rules-engine 7's built-in operators, restated so the compiled path can call them directly. */
export const BUILTIN_OPERATORS: readonly OperatorDef[] = [
  { name: 'equal', validator: always, compare: (a, b) => a === b },
  { name: 'notEqual', validator: always, compare: (a, b) => a !== b },
  { name: 'in', validator: always, compare: (a, b) => (b as unknown[]).indexOf(a) > -1 },
  { name: 'notIn', validator: always, compare: (a, b) => (b as unknown[]).indexOf(a) === -1 },
  { name: 'contains', validator: Array.isArray, compare: (a, b) => (a as unknown[]).indexOf(b) > -1 },
  { name: 'doesNotContain', validator: Array.isArray, compare: (a, b) => (a as unknown[]).indexOf(b) === -1 },
  { name: 'lessThan', validator: numeric, compare: (a, b) => (a as number) < (b as number) },
  { name: 'lessThanInclusive', validator: numeric, compare: (a, b) => (a as number) <= (b as number) },
  { name: 'greaterThan', validator: numeric, compare: (a, b) => (a as number) > (b as number) },
  { name: 'greaterThanInclusive', validator: numeric, compare: (a, b) => (a as number) >= (b as number) },
];

export interface DecoratorDef {
  name: string;
  validator: (factValue: unknown) => boolean;
  wrap: (factValue: unknown, value: unknown, next: OperatorFn) => boolean;
}

/** json-rules-engine 7's operator decorators (`someFact:equal`, `not:containsAny` …). */
export const DECORATORS: readonly DecoratorDef[] = [
  { name: 'someFact', validator: Array.isArray, wrap: (f, v, next) => (f as unknown[]).some((x) => next(x, v)) },
  { name: 'someValue', validator: always, wrap: (f, v, next) => (v as unknown[]).some((x) => next(f, x)) },
  { name: 'everyFact', validator: Array.isArray, wrap: (f, v, next) => (f as unknown[]).every((x) => next(x, v)) },
  { name: 'everyValue', validator: always, wrap: (f, v, next) => (v as unknown[]).every((x) => next(f, x)) },
  { name: 'swap', validator: always, wrap: (f, v, next) => next(v, f) },
  { name: 'not', validator: always, wrap: (f, v, next) => !next(f, v) },
];

function anyString(factValue: unknown, test: (s: string) => boolean): boolean {
  if (typeof factValue === 'string') return test(factValue);
  if (Array.isArray(factValue)) return factValue.some((x) => typeof x === 'string' && test(x));
  return false;
}

/** Host names and every parent domain: `a.b.example` is in a list that holds `b.example`. */
function domainSuffixes(host: string): string[] {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.slice(i).join('.'));
  return out;
}

/**
 * The product's own operators. They never throw, whatever the fact value: a fact of the wrong
 * type simply does not match. Lists are bound when the operators are built, so a policy is
 * evaluated against one consistent version of its lists.
 */
export function customOperators(lists: PolicyLists): OperatorDef[] {
  const normalizedLists = new Map<string, Set<string>>();
  const listSet = (name: unknown) => {
    if (typeof name !== 'string' || !Object.hasOwn(lists, name)) return undefined;
    let set = normalizedLists.get(name);
    if (!set) {
      set = new Set(lists[name]!.map(normalizeForMatch));
      normalizedLists.set(name, set);
    }
    return set;
  };
  const patterns = new Map<string, PatternMatcher | null>();
  const pattern = (p: string) => {
    let m = patterns.get(p);
    if (m === undefined) {
      try {
        m = buildPatternMatcher(p);
      } catch {
        // A pattern that does not compile matches nothing; validation refuses it on save.
        m = null;
      }
      patterns.set(p, m);
    }
    return m;
  };
  const needleCache = new WeakMap<object, string[]>();
  const needles = (value: unknown): string[] => {
    if (!Array.isArray(value)) return [];
    let n = needleCache.get(value);
    if (!n) {
      n = value.filter((x): x is string => typeof x === 'string' && x !== '').map(normalizeForMatch);
      needleCache.set(value, n);
    }
    return n;
  };

  return [
    {
      name: 'containsAny',
      validator: always,
      compare: (fact, value) => {
        const wanted = needles(value);
        return anyString(fact, (s) => {
          const text = normalizeForMatch(s);
          return wanted.some((w) => text.includes(w));
        });
      },
    },
    {
      name: 'matchesPattern',
      validator: always,
      // Patterns see the normalised text (NFKC, lower case, simplified), like containsAny.
      compare: (fact, value) => {
        const matcher = typeof value === 'string' ? pattern(value) : null;
        return !!matcher && anyString(fact, (s) => matcher.test(normalizeForMatch(s)));
      },
    },
    {
      name: 'inList',
      validator: always,
      compare: (fact, value) => {
        const set = listSet(value);
        if (!set) return false;
        if (typeof fact === 'number') return set.has(String(fact));
        return anyString(fact, (s) => set.has(normalizeForMatch(s)));
      },
    },
    {
      // Editable phrase lists (counterfeit terms, payment workarounds) matched inside a text.
      name: 'containsPhraseFromList',
      validator: always,
      compare: (fact, value) => {
        const set = listSet(value);
        if (!set || set.size === 0) return false;
        return anyString(fact, (s) => {
          const text = normalizeForMatch(s);
          for (const phrase of set) if (phrase !== '' && text.includes(phrase)) return true;
          return false;
        });
      },
    },
    {
      name: 'domainInList',
      validator: always,
      compare: (fact, value) => {
        const set = listSet(value);
        return !!set && anyString(fact, (s) => domainSuffixes(s).some((d) => set.has(d)));
      },
    },
    {
      name: 'between',
      validator: always,
      compare: (fact, value) =>
        typeof fact === 'number' &&
        Array.isArray(value) &&
        typeof value[0] === 'number' &&
        typeof value[1] === 'number' &&
        fact >= value[0] &&
        fact <= value[1],
    },
  ];
}

export const CUSTOM_OPERATOR_NAMES = [
  'containsAny',
  'matchesPattern',
  'inList',
  'containsPhraseFromList',
  'domainInList',
  'between',
] as const;

/** Splits `not:someFact:containsAny` into its decorators (outermost first) and the operator. */
export function parseOperatorName(name: string): { decorators: string[]; operator: string } {
  const parts = name.split(':');
  return { decorators: parts.slice(0, -1), operator: parts[parts.length - 1]! };
}

/** Applies decorators the way json-rules-engine does: each wraps the next, with its own fact validator. */
export function resolveOperator(name: string, operators: ReadonlyMap<string, OperatorDef>): OperatorFn | undefined {
  const { decorators, operator } = parseOperatorName(name);
  const base = operators.get(operator);
  if (!base) return undefined;
  let fn: OperatorFn = (f, v) => base.validator(f) && base.compare(f, v);
  for (let i = decorators.length - 1; i >= 0; i--) {
    const decorator = DECORATORS.find((d) => d.name === decorators[i]);
    if (!decorator) return undefined;
    const next = fn;
    fn = (f, v) => decorator.validator(f) && decorator.wrap(f, v, next);
  }
  return fn;
}
