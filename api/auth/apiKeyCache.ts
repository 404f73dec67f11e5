import type { ApiKeyPrincipal } from './principal';

/**
 * Platform API keys already looked up, by key hash, for a few seconds: a single post otherwise
 * spends one of its few round trips finding its key again.
 *
 * The trade-off is revocation. A key revoked through this server's route is forgotten at once; a
 * key revoked through another replica, or in SQL, keeps working here for at most `ttlMs` after
 * this server last looked it up. Unknown and revoked keys are never cached, so a new key works at
 * once and a wrong one is refused by the database each time. The map holds at most `maxEntries`
 * keys (the oldest lookup goes first), so random keys cannot grow it.
 */
export interface ApiKeyCache {
  get(keyHash: string): ApiKeyPrincipal | undefined;
  remember(keyHash: string, key: ApiKeyPrincipal): void;
  /** Forgets a key by id (it was revoked). */
  forget(id: number): void;
}

export function createApiKeyCache(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): ApiKeyCache {
  const ttlMs = options.ttlMs ?? 5000;
  const maxEntries = options.maxEntries ?? 1000;
  // A monotonic clock: the bound holds whatever the wall clock (or a test's fixed clock) does.
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, { key: ApiKeyPrincipal; until: number }>();
  return {
    get(keyHash) {
      const entry = entries.get(keyHash);
      if (!entry) return undefined;
      if (now() < entry.until) return entry.key;
      entries.delete(keyHash);
      return undefined;
    },
    remember(keyHash, key) {
      if (ttlMs <= 0) return;
      entries.delete(keyHash);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(keyHash, { key, until: now() + ttlMs });
    },
    forget(id) {
      for (const [hash, entry] of entries) if (entry.key.id === id) entries.delete(hash);
    },
  };
}
