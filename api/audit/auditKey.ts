import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';

/**
 * The audit chain's key: AUDIT_HMAC_SECRET, or in demo mode a random key kept in the data
 * folder (beside PGlite's files, never in the database it protects), made on first start.
 * `create: false` (the verifier) never makes one: a fresh key would only report every row as altered.
 */
export function resolveAuditKey(config: AppConfig, options: { create: boolean }): string {
  if (config.audit.hmacSecret) return config.audit.hmacSecret;
  if (!config.demo)
    throw new Error(
      'AUDIT_HMAC_SECRET is required (at least 32 characters): it keys the audit chain, and must not be stored in the database.',
    );
  const file = path.resolve(config.audit.keyFile);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (!options.create)
    throw new Error(`No audit key: set AUDIT_HMAC_SECRET, or run from the folder whose ${config.audit.keyFile} the server made.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  // 'wx': two starts racing must not each write a different key.
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    return fs.readFileSync(file, 'utf8').trim();
  }
}
