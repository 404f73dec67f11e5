import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePolicy } from '../../rules/policy/compile';
import { createReferenceEvaluator } from '../../rules/policy/referenceEngine';
import type { Condition, PolicyDocument } from '../../rules/policy/document';
import type { Facts } from '../../rules/policy/evaluation';

const LISTS = { blocked: ['bad.example', 'Scam.Example', '微信'], brands: ['SoundJoy', '声悦', 'clearskin'] };

// A small vocabulary so that generated conditions and facts actually meet.
const words = fc.constantFrom(
  '微信',
  '微信',
  'VX',
  'vx',
  '广告',
  '廣告',
  '＃ad',
  '#ad',
  'deal',
  'SoundJoy',
  '声悦',
  'bad.example',
  'www.bad.example',
  'a.scam.example',
  'hello',
  '',
  '１３８',
);
const text = fc.array(words, { maxLength: 5 }).map((ws) => ws.join(' '));
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 120 }),
  fc.double({ min: -5, max: 200, noNaN: true }),
  text,
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1', '2.5', 'abc'),
);
const factValue = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(fc.oneof(text, fc.integer({ min: 0, max: 5 })), { maxLength: 4 }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constantFrom('wechat', 'qq', 'phone'), value: text, n: fc.integer({ min: 0, max: 9 }) },
      { noNullPrototype: true },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.record({ kind: fc.constantFrom('wechat', 'qq'), value: text }, { noNullPrototype: true }), { maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const FACT_NAMES = ['text', 'score', 'tags', 'handles', 'flag', 'count'] as const;
// Facts arrive as JSON, so their objects always have Object.prototype.
const facts: fc.Arbitrary<Facts> = fc.dictionary(fc.constantFrom(...FACT_NAMES), factValue, { maxKeys: 6, noNullPrototype: true });

const number = fc.integer({ min: -2, max: 100 });
const leaf: fc.Arbitrary<Condition> = fc
  .record({
    fact: fc.constantFrom(...FACT_NAMES),
    path: fc.option(fc.constantFrom('$.kind', '$.value', '$.n', '$[0]', '$[*].kind', '$[0].value', '$.missing.deep'), { nil: undefined }),
    priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 3 }),
    form: fc.oneof(
      fc.record({ operator: fc.constantFrom('equal', 'notEqual', 'not:equal', 'contains', 'doesNotContain'), value: scalar }),
      fc.record({ operator: fc.constantFrom('in', 'notIn', 'someFact:in'), value: fc.array(scalar, { maxLength: 4 }) }),
      fc.record({
        operator: fc.constantFrom(
          'lessThan',
          'lessThanInclusive',
          'greaterThan',
          'greaterThanInclusive',
          'someFact:greaterThan',
          'everyFact:lessThan',
          'swap:lessThan',
        ),
        value: number,
      }),
      fc.record({
        operator: fc.constantFrom('someValue:equal', 'everyValue:notEqual'),
        value: fc.array(scalar, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        operator: fc.constantFrom('containsAny', 'not:containsAny', 'someFact:containsAny'),
        value: fc.array(
          words.filter((w) => w !== ''),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      fc.record({
        operator: fc.constantFrom('matchesPattern', 'not:matchesPattern'),
        value: fc.constantFrom('^微信', 'v\\s*x', '(a+)+$', 'bad\\.example$', '[0-9]{3}', '#ad\\b', '\\bdeal\\b'),
      }),
      fc.record({
        operator: fc.constantFrom('inList', 'domainInList', 'not:inList', 'containsPhraseFromList'),
        value: fc.constantFrom('blocked', 'brands', 'missing-list'),
      }),
      fc.record({ operator: fc.constant('between'), value: fc.tuple(number, number).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]) }),
      fc.record({ operator: fc.constantFrom('equal', 'greaterThan'), value: fc.record({ fact: fc.constantFrom(...FACT_NAMES) }) }),
    ),
  })
  .map(({ fact, path, priority, form }) => ({
    fact,
    operator: form.operator,
    value: form.value,
    ...(path ? { path } : {}),
    ...(priority ? { priority } : {}),
  }));

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({ all: fc.array(tie('c'), { maxLength: 4 }), priority: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) })
      .map((x) => (x.priority ? x : { all: x.all })),
    fc.record({ any: fc.array(tie('c'), { maxLength: 4 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

const topLevel = fc.oneof(
  fc.record({ all: fc.array(condition, { maxLength: 4 }) }),
  fc.record({ any: fc.array(condition, { maxLength: 4 }) }),
  fc.record({ not: condition }),
) as fc.Arbitrary<Condition>;

const policy: fc.Arbitrary<PolicyDocument> = fc
  .array(
    fc.record({
      priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      conditions: topLevel,
      event: fc.oneof(
        fc.record({
          type: fc.constant('flag'),
          params: fc.record({
            queue: fc.constantFrom('spam', 'scam'),
            priority: fc.integer({ min: 0, max: 100 }),
            reason: fc.constant('r'),
          }),
        }),
        fc.record({ type: fc.constant('hold') }),
      ),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rules) => ({
    rules: rules.map((r, i) => ({
      name: `rule-${i}`,
      ...(r.priority ? { priority: r.priority } : {}),
      conditions: r.conditions,
      event: r.event,
    })),
  }));

describe('compiled evaluator against json-rules-engine', () => {
  it('returns the same events and explanations on generated policies and items', async () => {
    let fired = 0;
    let quiet = 0;
    await fc.assert(
      fc.asyncProperty(policy, fc.array(facts, { minLength: 1, maxLength: 12 }), async (doc, items) => {
        const reference = createReferenceEvaluator(doc, LISTS);
        const compiled = compilePolicy(doc, LISTS);
        for (const item of items) {
          const expected = await reference.evaluate(item);
          const actual = compiled.evaluate(item);
          expect(actual.events).toEqual(expected.events);
          expect(actual.hits).toEqual(expected.hits);
          // And against the engine's unsorted output: the same events, tier by tier.
          const raw = await reference.rawRun(item);
          const rawByTier = raw.events.map((e) => JSON.stringify(e)).sort();
          expect(actual.events.map((e) => JSON.stringify(e)).sort()).toEqual(rawByTier);
          const priorities = actual.hits.map((h) => h.priority);
          expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
          expect(compiled.matchedRules(item)).toEqual(actual.hits.map((h) => h.rule));
          if (actual.events.length) fired++;
          else quiet++;
        }
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 400) },
    );
    // The comparison means something only if generated rules both fire and stay quiet often. The seed is new
    // each run and items of one policy share its rules, so the quiet share swings: 8.5-12.4 % in four local runs,
    // 4.7 % in one CI run. 2 % of some 2,400 items still means dozens of each outcome every run.
    expect(fired / (fired + quiet)).toBeGreaterThan(0.02);
    expect(quiet / (fired + quiet)).toBeGreaterThan(0.02);
  });

  it('treats phrases with pattern characters as plain text', async () => {
    const lists = { odd: ['1:1', 'a+b', '(tm)', 'c.d', 'x|y', '[x]', 'a-b', '\\', '$5', '^_^'] };
    const doc: PolicyDocument = {
      rules: [
        {
          name: 'list',
          conditions: { all: [{ fact: 'text', operator: 'containsPhraseFromList', value: 'odd' }] },
          event: { type: 'hold' },
        },
        { name: 'inline', conditions: { all: [{ fact: 'text', operator: 'containsAny', value: lists.odd }] }, event: { type: 'hold' } },
      ],
    };
    const reference = createReferenceEvaluator(doc, lists);
    const compiled = compilePolicy(doc, lists);
    for (const text of ['1:1 复刻', 'aab', 'a+b', 'cxd', 'c.d', 'x', 'x|y', 'a-b', '\\', '$5 only', '^_^', 'nothing', '（ＴＭ）']) {
      expect(compiled.evaluate({ text }), text).toEqual(await reference.evaluate({ text }));
    }
    expect(compiled.matchedRules({ text: 'aab' })).toEqual([]);
    expect(compiled.matchedRules({ text: '（ＴＭ）' })).toEqual(['list', 'inline']);
  });

  it('agrees on the corner cases json-rules-engine is particular about', async () => {
    const doc: PolicyDocument = {
      rules: [
        { name: 'empty any is true', conditions: { any: [] }, event: { type: 'hold' } },
        { name: 'empty all is true', priority: 5, conditions: { all: [] }, event: { type: 'hold', params: { reason: 'x' } } },
        {
          name: 'missing fact is undefined',
          conditions: { all: [{ fact: 'nope', operator: 'equal', value: null }] },
          event: { type: 'hold' },
        },
        {
          name: 'numeric strings compare',
          conditions: { all: [{ fact: 'n', operator: 'greaterThan', value: 2 }] },
          event: { type: 'hold' },
        },
        {
          name: 'tiers short-circuit',
          conditions: {
            any: [
              { fact: 'n', operator: 'equal', value: '3', priority: 2 },
              { fact: 'missing', operator: 'equal', value: 1 },
            ],
          },
          event: { type: 'hold' },
        },
      ],
    };
    const reference = createReferenceEvaluator(doc, {});
    const compiled = compilePolicy(doc, {});
    for (const item of [{ n: '3' }, { n: 1 }, {}, { n: 'x' }]) {
      expect(compiled.evaluate(item)).toEqual(await reference.evaluate(item));
    }
  });
});
