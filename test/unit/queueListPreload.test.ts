import { describe, expect, it } from 'vitest';
import { queueListParams, sameListRequest } from '../../console/src/flags/queueListPreload';
import { queueListPath } from '../../console/src/flags/queuePaths';

describe('the queue list preloaded from its address', () => {
  it('reads a queue link as the list will ask for it: its filter, priority first, 25 a page', () => {
    const expected = {
      filter: { status: 'open', queue: 'spam' },
      sort: { field: 'priority', order: 'DESC' },
      pagination: { page: 1, perPage: 25 },
    };
    expect(queueListParams(`#${queueListPath('spam')}`)).toEqual(expected);
  });

  it('follows the sort, order, page and page size the address names', () => {
    const hash = `#/flags?filter=${encodeURIComponent('{"queue":"scam"}')}&order=ASC&page=3&perPage=50&sort=createdAt`;
    expect(queueListParams(hash)).toEqual({
      filter: { queue: 'scam' },
      sort: { field: 'createdAt', order: 'ASC' },
      pagination: { page: 3, perPage: 50 },
    });
  });

  it('preloads nothing for other pages, a list without a filter, or an address it cannot read', () => {
    const spamPageZero = `#/flags?filter=${encodeURIComponent('{"queue":"spam"}')}&page=0`;
    const others = [
      '',
      '#/',
      '#/flags',
      '#/flags/12/show',
      '#/posts?filter=%7B%22a%22%3A1%7D',
      '#/flags?filter=nope',
      '#/flags?filter=%7B%7D',
      '#/flags?filter=%5B1%5D',
    ];
    for (const hash of [...others, spamPageZero]) {
      expect(queueListParams(hash), hash).toBeNull();
    }
  });

  it('matches the list page’s own request whatever the key order, and nothing else', () => {
    const preloaded = queueListParams(`#${queueListPath('spam')}`)!;
    const asked = {
      filter: { queue: 'spam', status: 'open' },
      sort: { field: 'priority', order: 'DESC' as const },
      pagination: { perPage: 25, page: 1 },
      meta: undefined,
    };
    expect(sameListRequest(preloaded, asked)).toBe(true);
    expect(sameListRequest(preloaded, { ...preloaded, pagination: { page: 2, perPage: 25 } })).toBe(false);
    expect(sameListRequest(preloaded, { ...preloaded, filter: { status: 'open', queue: ['spam', 'scam'] } })).toBe(false);
    expect(sameListRequest(preloaded, { ...preloaded, sort: { field: 'priority', order: 'ASC' } })).toBe(false);
  });
});
