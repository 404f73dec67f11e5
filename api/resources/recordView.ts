import type { Db } from '../db/connect';
import { toApiRow } from '../db/rows';
import { ruleHitsFor } from '../policies/ruleHitStore';
import { maskDeep, maskPersonalData } from '../../rules/privacy/mask';
import type { ResourceDefinition } from './definitions';
import { getRow } from './queries';

/**
 * Personal data in what members wrote is masked in every response; the unmasked text is one
 * audited request away for the roles whose work needs it (GET /api/posts/:id/unmasked).
 */
export function maskRow(resource: string, row: Record<string, unknown>): Record<string, unknown> {
  if (resource === 'posts') {
    const out: Record<string, unknown> = {
      ...row,
      title: typeof row.title === 'string' ? maskPersonalData(row.title) : row.title,
      body: typeof row.body === 'string' ? maskPersonalData(row.body) : row.body,
    };
    if (Array.isArray(row.ruleHits)) out.ruleHits = row.ruleHits.map((h) => maskDeep(h));
    return out;
  }
  if (resource === 'rule-hits') return { ...row, explanation: maskDeep(row.explanation) };
  if (resource === 'reports') return { ...row, text: typeof row.text === 'string' ? maskPersonalData(row.text) : row.text };
  if (resource === 'appeals')
    return {
      ...row,
      text: typeof row.text === 'string' ? maskPersonalData(row.text) : row.text,
      decisionNote: typeof row.decisionNote === 'string' ? maskPersonalData(row.decisionNote) : row.decisionNote,
    };
  if (resource === 'transactions' && Array.isArray(row.ruleHits)) return { ...row, ruleHits: row.ruleHits.map((h) => maskDeep(h)) };
  return row;
}

async function deliveryDetail(db: Db, id: number) {
  const event = await db('webhook_deliveries as d').join('webhook_events as e', 'e.id', 'd.event_id').where('d.id', id).first('e.payload');
  const attempts = await db('webhook_attempts')
    .where({ delivery_id: id })
    .orderBy('attempt')
    .select('attempt', 'started_at', 'duration_ms', 'status_code', 'error', 'response_excerpt', 'succeeded');
  return { payload: maskDeep(event?.payload ?? null), attemptLog: attempts.map(toApiRow) };
}

/** One record as its page shows it: a post or order with the rules that judged it, a delivery with its attempts. */
export async function recordDetail(db: Db, def: ResourceDefinition, id: number): Promise<Record<string, unknown> | null> {
  const found = await getRow(db, def, id);
  if (!found) return null;
  // A post or order comes with the rules that judged it and why, condition by condition.
  if (def.resource === 'posts' || def.resource === 'transactions')
    found.ruleHits = await ruleHitsFor(db, def.resource === 'posts' ? 'post' : 'transaction', id);
  // A delivery comes with what was sent and every attempt's answer.
  if (def.resource === 'webhook-deliveries') Object.assign(found, await deliveryDetail(db, id));
  return found;
}
