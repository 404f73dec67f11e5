import type { Db } from '../db/connect';

export interface AttemptSummary {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  /** The start of what the receiver answered, as stored with the attempt. */
  responseExcerpt: string | null;
  durationMs: number;
}

/** The latest attempt at a delivery: what the test button shows an admin about the receiver's answer. */
export async function lastAttempt(db: Db, deliveryId: number): Promise<AttemptSummary | null> {
  const row = await db('webhook_attempts')
    .where({ delivery_id: deliveryId })
    .orderBy('attempt', 'desc')
    .first('attempt', 'status_code', 'error', 'response_excerpt', 'duration_ms');
  if (!row) return null;
  return {
    attempt: Number(row.attempt),
    statusCode: row.status_code ?? null,
    error: row.error ?? null,
    responseExcerpt: row.response_excerpt ?? null,
    durationMs: Number(row.duration_ms),
  };
}
