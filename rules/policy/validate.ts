import { FACTS_BY_NAME, type FactType, type Subject } from '../facts/catalog';
import { patternProblem } from '../text/patterns';
import { EVENT_PARAMS, EVENT_TYPES, type EventType } from './events';
import { BUILTIN_OPERATORS, CUSTOM_OPERATOR_NAMES, DECORATORS, parseOperatorName } from './operators';
import { isFactReference } from './document';

export interface PolicyProblem {
  /** JSON path into the document, e.g. `rules[2].conditions.all[0].operator`. */
  path: string;
  message: string;
}

export interface ValidationContext {
  subject: Subject;
  /** Names of the lists that exist; `inList` must name one of them. */
  listNames: ReadonlySet<string>;
}

export const LIMITS = { rules: 200, depth: 12, leaves: 1000, nameLength: 100, listValues: 1000 } as const;

const OPERATOR_NAMES = new Set<string>([...BUILTIN_OPERATORS.map((o) => o.name), ...CUSTOM_OPERATOR_NAMES]);
const DECORATOR_NAMES = new Set(DECORATORS.map((d) => d.name));
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const PATH_FACT_TYPES: ReadonlySet<FactType> = new Set(['object', 'object[]', 'string[]']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const describe = (v: unknown) =>
  Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

/**
 * Checks a policy document for everything json-rules-engine would only discover at run time,
 * or never: unknown facts, operators and event types, values of the wrong shape, unsafe patterns,
 * missing lists. Returns every problem with its JSON path; an empty list means the document is
 * safe to store, compile and run.
 */
export function validatePolicy(doc: unknown, ctx: ValidationContext): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(doc)) {
    add('(root)', 'a policy document is an object with a "rules" array');
    return problems;
  }
  for (const key of Object.keys(doc)) if (key !== 'rules') add(key, 'unknown property; a document holds only "rules"');
  const rules = doc.rules;
  if (!Array.isArray(rules)) {
    add('rules', 'must be an array of rules');
    return problems;
  }
  if (rules.length > LIMITS.rules) add('rules', `at most ${LIMITS.rules} rules`);
  const names = new Map<string, number>();
  let leaves = 0;

  const checkValueShape = (operator: string, value: unknown, path: string, decorators: string[]) => {
    // someValue / everyValue apply the operator to each element of an array value.
    if (decorators.includes('someValue') || decorators.includes('everyValue')) {
      if (!Array.isArray(value) || value.length === 0) return add(path, `${decorators.join(':')} needs a non-empty array value`);
      value.forEach((v, i) =>
        checkValueShape(
          operator,
          v,
          `${path}[${i}]`,
          decorators.filter((d) => d !== 'someValue' && d !== 'everyValue'),
        ),
      );
      return;
    }
    if (decorators.includes('swap')) {
      // Swapped, the fact becomes the right-hand side: in/notIn would call indexOf on whatever the fact holds.
      if (operator === 'in' || operator === 'notIn') add(path, `swap:${operator} is not supported; use contains or doesNotContain`);
      return;
    }
    if (isFactReference(value)) return; // checked by the caller
    switch (operator) {
      case 'equal':
      case 'notEqual':
      case 'contains':
      case 'doesNotContain':
        if (!isScalar(value)) add(path, `${operator} compares with a string, number, boolean or null, not ${describe(value)}`);
        return;
      case 'in':
      case 'notIn':
        if (!Array.isArray(value) || !value.every(isScalar)) add(path, `${operator} needs an array of strings, numbers or booleans`);
        else if (value.length > LIMITS.listValues) add(path, `at most ${LIMITS.listValues} values`);
        return;
      case 'lessThan':
      case 'lessThanInclusive':
      case 'greaterThan':
      case 'greaterThanInclusive':
        if (typeof value !== 'number' || !Number.isFinite(value)) add(path, `${operator} needs a number`);
        return;
      case 'containsAny':
        if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.trim() !== ''))
          add(path, 'containsAny needs a non-empty array of non-empty strings');
        else if (value.length > LIMITS.listValues) add(path, `at most ${LIMITS.listValues} strings; use a list for more`);
        return;
      case 'matchesPattern': {
        if (typeof value !== 'string') return add(path, 'matchesPattern needs the pattern as a string');
        const problem = patternProblem(value);
        if (problem) add(path, problem);
        return;
      }
      case 'inList':
      case 'containsPhraseFromList':
      case 'domainInList':
        if (typeof value !== 'string') add(path, `${operator} needs the name of a list`);
        else if (!ctx.listNames.has(value))
          add(path, `no list named "${value}"; existing lists: ${[...ctx.listNames].sort().join(', ') || 'none'}`);
        return;
      case 'between':
        if (
          !Array.isArray(value) ||
          value.length !== 2 ||
          typeof value[0] !== 'number' ||
          typeof value[1] !== 'number' ||
          !Number.isFinite(value[0]) ||
          !Number.isFinite(value[1])
        )
          add(path, 'between needs [min, max], two numbers');
        else if (value[0] > value[1]) add(path, 'between needs min ≤ max');
        return;
    }
  };

  const checkFact = (fact: unknown, factPath: unknown, path: string) => {
    if (typeof fact !== 'string' || fact === '') return add(`${path}.fact`, 'must name a fact');
    const def = FACTS_BY_NAME.get(fact);
    if (!def) return add(`${path}.fact`, `unknown fact "${fact}"`);
    if (!def.subjects.includes(ctx.subject)) add(`${path}.fact`, `"${fact}" is not a fact of a ${ctx.subject}`);
    if (factPath !== undefined) {
      if (typeof factPath !== 'string' || !factPath.startsWith('$')) add(`${path}.path`, 'a path is a JSONPath string starting with $');
      else if (!PATH_FACT_TYPES.has(def.type))
        add(`${path}.path`, `"${fact}" is a ${def.type}; a path only reaches into objects and arrays`);
    }
  };

  const checkCondition = (c: unknown, path: string, depth: number) => {
    if (depth > LIMITS.depth) return add(path, `conditions nest at most ${LIMITS.depth} deep`);
    if (!isObject(c)) return add(path, 'a condition is an object: {all: [...]}, {any: [...]}, {not: {...}} or {fact, operator, value}');
    if (c.priority !== undefined && (!Number.isInteger(c.priority) || (c.priority as number) < 1))
      add(`${path}.priority`, 'a condition priority is an integer ≥ 1');
    const booleans = ['all', 'any', 'not'].filter((k) => Object.hasOwn(c, k));
    if (Object.hasOwn(c, 'condition'))
      return add(`${path}.condition`, 'shared condition references are not supported; write the condition out');
    if (booleans.length > 1) return add(path, `a condition has one of all/any/not, not ${booleans.join(' and ')}`);
    if (booleans.length === 1) {
      const op = booleans[0]!;
      for (const key of Object.keys(c)) if (key !== op && key !== 'priority') add(`${path}.${key}`, `unexpected beside "${op}"`);
      if (op === 'not') {
        if (Array.isArray(c.not)) return add(`${path}.not`, '"not" takes one condition, not an array');
        return checkCondition(c.not, `${path}.not`, depth + 1);
      }
      const list = c[op];
      if (!Array.isArray(list)) return add(`${path}.${op}`, `"${op}" takes an array of conditions`);
      list.forEach((sub, i) => checkCondition(sub, `${path}.${op}[${i}]`, depth + 1));
      return;
    }
    leaves++;
    for (const key of Object.keys(c))
      if (!['fact', 'operator', 'value', 'path', 'priority', 'params'].includes(key))
        add(`${path}.${key}`, 'unknown property in a condition');
    checkFact(c.fact, c.path, path);
    if (c.params !== undefined && !isObject(c.params)) add(`${path}.params`, 'params is an object');
    if (typeof c.operator !== 'string' || c.operator === '') return add(`${path}.operator`, 'must name an operator');
    const { decorators, operator } = parseOperatorName(c.operator);
    const unknownDecorator = decorators.find((d) => !DECORATOR_NAMES.has(d));
    if (unknownDecorator !== undefined)
      return add(`${path}.operator`, `unknown operator decorator "${unknownDecorator}"; known: ${[...DECORATOR_NAMES].join(', ')}`);
    if (!OPERATOR_NAMES.has(operator))
      return add(`${path}.operator`, `unknown operator "${operator}"; known: ${[...OPERATOR_NAMES].join(', ')}`);
    if (!Object.hasOwn(c, 'value')) return add(`${path}.value`, 'a condition needs a value');
    const value = c.value;
    if (isFactReference(value)) {
      if (!NUMERIC.has(operator) && operator !== 'equal' && operator !== 'notEqual')
        add(`${path}.value`, `${operator} cannot compare with another fact`);
      for (const key of Object.keys(value))
        if (key !== 'fact' && key !== 'path' && key !== 'params') add(`${path}.value.${key}`, 'unknown property in a fact reference');
      checkFact(value.fact, value.path, `${path}.value`);
    }
    checkValueShape(operator, c.value, `${path}.value`, decorators);
  };

  rules.forEach((rule: unknown, i: number) => {
    const path = `rules[${i}]`;
    if (!isObject(rule)) return add(path, 'a rule is an object with name, conditions and event');
    for (const key of Object.keys(rule))
      if (!['name', 'priority', 'conditions', 'event'].includes(key)) add(`${path}.${key}`, 'unknown property in a rule');
    if (typeof rule.name !== 'string' || rule.name.trim() === '') add(`${path}.name`, 'every rule needs a name');
    else if (rule.name.length > LIMITS.nameLength) add(`${path}.name`, `at most ${LIMITS.nameLength} characters`);
    else if (names.has(rule.name)) add(`${path}.name`, `"${rule.name}" is already the name of rules[${names.get(rule.name)}]`);
    else names.set(rule.name, i);
    if (
      rule.priority !== undefined &&
      (!Number.isInteger(rule.priority) || (rule.priority as number) < 1 || (rule.priority as number) > 1000)
    )
      add(`${path}.priority`, 'a rule priority is an integer from 1 to 1000');
    if (!isObject(rule.conditions)) add(`${path}.conditions`, 'conditions must be an object with all, any or not at the top');
    else if (!['all', 'any', 'not'].some((k) => Object.hasOwn(rule.conditions as object, k)))
      add(`${path}.conditions`, 'the top of conditions is all, any or not');
    else checkCondition(rule.conditions, `${path}.conditions`, 1);
    const event = rule.event;
    if (!isObject(event)) return add(`${path}.event`, 'every rule needs an event {type, params}');
    for (const key of Object.keys(event))
      if (key !== 'type' && key !== 'params') add(`${path}.event.${key}`, 'unknown property in an event');
    if (typeof event.type !== 'string' || !EVENT_TYPES.includes(event.type as EventType))
      return add(`${path}.event.type`, `unknown event type "${String(event.type)}"; known: ${EVENT_TYPES.join(', ')}`);
    const parsed = EVENT_PARAMS[event.type as EventType].safeParse(event.params ?? {});
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        add(`${path}.event.params${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`, issue.message);
  });
  if (leaves > LIMITS.leaves) add('rules', `at most ${LIMITS.leaves} conditions in one policy`);
  return problems;
}
