import type { z } from 'zod';
import { problems } from './problem';

const comparable = (v: unknown): string => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null));

/**
 * react-admin sends the whole record on update, so a route accepts and ignores the fields it does not
 * change. When nothing it accepts would change but a field it ignores differs from the stored row, the
 * client meant a change that cannot happen here: a 400 naming those fields, not a 200 that changes nothing.
 */
export function refuseIgnoredOnlyUpdate(body: unknown, current: Record<string, unknown>, schema: z.ZodObject): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const accepted = new Set(Object.keys(schema.shape));
  const sent = Object.entries(body as Record<string, unknown>);
  const differs = ([k, v]: [string, unknown]) => !(k in current) || comparable(v) !== comparable(current[k]);
  const acceptedChange = sent.some(([k, v]) => accepted.has(k) && v !== undefined && differs([k, v]));
  if (acceptedChange) return;
  const ignored = sent.filter(([k, v]) => !accepted.has(k) && k in current && differs([k, v])).map(([k]) => k);
  if (ignored.length) {
    throw problems.validation(
      ignored.map((path) => ({ path, message: 'cannot be changed through this update; it is read-only here' })),
      `Nothing this update accepts would change; it ignores ${ignored.join(', ')}.`,
    );
  }
}
