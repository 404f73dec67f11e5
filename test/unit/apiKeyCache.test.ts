import { describe, expect, it } from 'vitest';
import { createApiKeyCache } from '../../api/auth/apiKeyCache';

describe('the API-key cache', () => {
  const key = (id: number) => ({ id, name: `k${id}`, source: `s${id}` });

  it('answers for a key only until its time is up', () => {
    let t = 0;
    const cache = createApiKeyCache({ ttlMs: 5000, now: () => t });
    cache.remember('h1', key(1));
    t = 4999;
    expect(cache.get('h1')).toEqual(key(1));
    t = 5000;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('unknown')).toBeUndefined();
  });

  it('forgets a revoked key at once, by id', () => {
    const cache = createApiKeyCache({ now: () => 0 });
    cache.remember('h1', key(1));
    cache.remember('h2', key(2));
    cache.forget(1);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(key(2));
  });

  it('holds at most maxEntries keys, dropping the oldest lookup', () => {
    const cache = createApiKeyCache({ maxEntries: 2, now: () => 0 });
    cache.remember('h1', key(1));
    cache.remember('h2', key(2));
    cache.remember('h3', key(3));
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(key(2));
    expect(cache.get('h3')).toEqual(key(3));
  });

  it('caches nothing with a ttl of 0', () => {
    const cache = createApiKeyCache({ ttlMs: 0, now: () => 0 });
    cache.remember('h1', key(1));
    expect(cache.get('h1')).toBeUndefined();
  });
});
