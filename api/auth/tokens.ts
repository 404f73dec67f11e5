import { createHash, randomBytes } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens and API keys carry 256 bits of randomness, so a fast hash is enough to store them. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const API_KEY_PREFIX = 'tck_';

/** `tck_<8-char lookup prefix>_<secret>`: the prefix is shown in the console, the whole key never again. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const key = `${API_KEY_PREFIX}${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256Hex(key) };
}
