import { describe, expect, it } from 'vitest';
import { STARTER_POLICIES } from '../../rules/starter/policies';
import { STARTER_LISTS } from '../../rules/starter/lists';
import { validatePolicy } from '../../rules/policy/validate';

describe('starter policies', () => {
  it.each(STARTER_POLICIES)('$name validates against the catalogue and lists', (p) => {
    expect(validatePolicy(p.document, { subject: p.appliesTo, listNames: new Set(STARTER_LISTS.map((l) => l.name)) })).toEqual([]);
  });

  it('cover every pattern the product promises', () => {
    const names = STARTER_POLICIES.map((p) => p.name);
    for (const n of [
      'Contact harvesting',
      'Off-platform payment',
      'Fake review bursts',
      'Live comment floods',
      'Undisclosed promotion',
      'New account, high-value order',
      'Refund abuse',
      'Blocked domains',
      'Commercial saturation',
    ])
      expect(names).toContain(n);
  });
});

describe('policy validation', () => {
  const ctx = { subject: 'post' as const, listNames: new Set(['blocked_domains']) };
  const paths = (doc: unknown) => validatePolicy(doc, ctx).map((p) => p.path);

  it.each([
    [
      'unknown fact',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'karma', operator: 'equal', value: 1 }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].fact',
    ],
    [
      'fact of the other subject',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 1 }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].fact',
    ],
    [
      'unknown operator',
      {
        rules: [
          {
            name: 'a',
            conditions: { any: [{ fact: 'text', operator: 'looksLike', value: 'x' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.any[0].operator',
    ],
    [
      'unknown decorator',
      {
        rules: [
          {
            name: 'a',
            conditions: { any: [{ fact: 'links', operator: 'maybe:contains', value: 'x' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.any[0].operator',
    ],
    ['unknown event type', { rules: [{ name: 'a', conditions: { all: [] }, event: { type: 'ban' } }] }, 'rules[0].event.type'],
    [
      'bad event params',
      {
        rules: [{ name: 'a', conditions: { all: [] }, event: { type: 'flag', params: { queue: 'nowhere', priority: 500, reason: 'x' } } }],
      },
      'rules[0].event.params.queue',
    ],
    [
      'numeric operator with a string',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'reach', operator: 'greaterThan', value: 'many' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].value',
    ],
    [
      'missing list',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'linkDomains', operator: 'domainInList', value: 'nope' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].value',
    ],
    [
      'invalid pattern',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'text', operator: 'matchesPattern', value: '(a)\\1' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].value',
    ],
    [
      'duplicate rule name',
      {
        rules: [
          { name: 'a', conditions: { all: [] }, event: { type: 'hold', params: { reason: 'x' } } },
          { name: 'a', conditions: { all: [] }, event: { type: 'hold', params: { reason: 'x' } } },
        ],
      },
      'rules[1].name',
    ],
    [
      'not given an array',
      {
        rules: [
          {
            name: 'a',
            conditions: { not: [{ fact: 'kind', operator: 'equal', value: 'x' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.not',
    ],
    [
      'root without a boolean',
      {
        rules: [
          { name: 'a', conditions: { fact: 'kind', operator: 'equal', value: 'x' }, event: { type: 'hold', params: { reason: 'x' } } },
        ],
      },
      'rules[0].conditions',
    ],
    [
      'shared condition reference',
      { rules: [{ name: 'a', conditions: { all: [{ condition: 'shared' }] }, event: { type: 'hold', params: { reason: 'x' } } }] },
      'rules[0].conditions.all[0].condition',
    ],
    [
      'swapped in',
      {
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'kind', operator: 'swap:in', value: ['x'] }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      },
      'rules[0].conditions.all[0].value',
    ],
    ['not a document', [], '(root)'],
  ])('names the path of %s', (_name, doc, path) => {
    expect(paths(doc)).toContain(path);
  });

  it('accepts a pattern that could backtrack: it runs on the linear-time engine instead', () => {
    expect(
      paths({
        rules: [
          {
            name: 'a',
            conditions: { all: [{ fact: 'text', operator: 'matchesPattern', value: '(a+)+$' }] },
            event: { type: 'hold', params: { reason: 'x' } },
          },
        ],
      }),
    ).toEqual([]);
  });
});
