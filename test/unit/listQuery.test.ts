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
          const q = parseListQuery(posts, { sort: JSON.stringify([sortField, 'ASC']), filter: JSON.stringify({ [filterKey]: filterValue }) });
          // Whatever passed maps onto declared columns only.
          expect(Object.values(posts.fields).map((f) => f.column)).toContain(q.sort.column);
          for (const f of q.filters) expect(Object.values(posts.fields).map((x) => x.column)).toContain(f.column);
          if (sortField !== '') expect(known.has(sortField) || q.sort.column === 'posted_at').toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(HttpProblem);
          expect((err as HttpProblem).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
