import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseListQuery, likePattern } from '../../api/http/listQuery';
import { HttpProblem } from '../../api/http/problem';
import { RESOURCES } from '../../api/resources/definitions';

describe('resource definitions', () => {
  it.each(Object.values(RESOURCES))('$resource sorts by default on a sortable field', (def) => {
    expect(def.fields[def.defaultSort[0]]?.sortable).toBe(true);
    expect(() => parseListQuery(def, {})).not.toThrow();
  });
});

describe('parseListQuery', () => {
  const posts = RESOURCES.posts!;

  it('never lets an arbitrary sort field or filter key through', () => {
    const known = new Set(Object.keys(posts.fields));
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.jsonValue(), (sortField, filterKey, filterValue) => {
        try {
          const q = parseListQuery(posts, {
            sort: JSON.stringify([sortField, 'ASC']),
            filter: JSON.stringify({ [filterKey]: filterValue }),
          });
          // Whatever passed maps onto declared columns only.
          expect(Object.values(posts.fields).map((f) => f.column)).toContain(q.sort.column);
          for (const f of q.filters) expect(Object.values(posts.fields).map((x) => x.column)).toContain(f.column);
          if (sortField !== '') expect(known.has(sortField) || q.sort.column === 'posted_at').toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(HttpProblem);
          expect((err as HttpProblem).status).toBe(400);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses the inherited key %s as a field', (key) => {
    expect(() => parseListQuery(posts, { filter: JSON.stringify({ [key]: 1 }) })).toThrow(HttpProblem);
    expect(() => parseListQuery(posts, { filter: `{"${key}_gte": 1}` })).toThrow(HttpProblem);
    expect(() => parseListQuery(posts, { sort: JSON.stringify([key, 'ASC']) })).toThrow(HttpProblem);
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
