import type { Db } from '../db/connect';
import type { Clock } from '../deps';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import type { WebhookPayload } from './outbox';
import type { DeliveryMetrics } from '../metrics/appMetrics';

export interface DeliverySettings {
  timeoutMs: number;
  /** Base of the exponential back-off, to tell the console when the next try is due. */
  retryDelaySeconds: number;
}

export type DeliveryOutcome =
  | { status: 'succeeded'; statusCode: number }
  | { status: 'retrying' | 'dead'; statusCode: number | null; error: string }
  | { status: 'skipped'; reason: string }
  /** Another worker holds the lease; try again once it has run out (the holder may have died). */
  | { status: 'busy'; leaseUntil: Date };

const RESPONSE_EXCERPT_CHARS = 500;
/** Extra time past the request timeout before another worker may take a delivery over (the job's expiry must be longer). */
export function leaseMs(timeoutMs: number): number {
  return timeoutMs + Math.min(5_000, timeoutMs);
}

interface LeasedDelivery {
  id: number;
  attempts: number;
  payload: WebhookPayload | string;
  public_id: string;
  type: string;
  url: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/** Secrets that sign a delivery: the current one, and the previous one while a rotation is in its grace period. */
export function signingSecrets(
  row: Pick<LeasedDelivery, 'secret' | 'previous_secret' | 'previous_secret_expires_at'>,
  now: Date,
): string[] {
  const out = [row.secret];
  if (row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at.getTime() > now.getTime())
    out.push(row.previous_secret);
  return out;
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ statusCode: number | null; excerpt: string | null; error: string | null }> {
  try {
    // Redirects are not followed: a receiver that moved must be re-registered, not guessed at.
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text().catch(() => '');
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, excerpt: text.slice(0, RESPONSE_EXCERPT_CHARS) || null, error: ok ? null : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const reason =
      e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { statusCode: null, excerpt: null, error: reason };
  }
}

type AttemptSettings = DeliverySettings & { finalAttempt: boolean; retryCount?: number };

/**
 * One attempt at one delivery. The delivery is leased first, so two workers never send it at the
 * same time and a worker that dies mid-send leaves a lease that runs out; a delivery that has
 * succeeded is never sent again by a retry. `finalAttempt` turns a failure into a dead letter.
 * `metrics`, when given, counts the outcome.
 */
export async function attemptDelivery(
  db: Db,
  clock: Clock,
  deliveryId: number,
  settings: AttemptSettings,
  metrics?: DeliveryMetrics,
): Promise<DeliveryOutcome> {
  const outcome = await attemptOnce(db, clock, deliveryId, settings);
  metrics?.webhookDelivery(outcome.status);
  return outcome;
}

async function attemptOnce(db: Db, clock: Clock, deliveryId: number, settings: AttemptSettings): Promise<DeliveryOutcome> {
  const startedAt = clock.now();
  const leaseUntil = new Date(startedAt.getTime() + leaseMs(settings.timeoutMs));
  const leased = await db('webhook_deliveries')
    .where({ id: deliveryId })
    .andWhere((q) =>
      q
        .whereIn('status', ['pending', 'retrying'])
        .orWhere((q2) => q2.where({ status: 'delivering' }).andWhere('lease_until', '<', startedAt)),
    )
    .update({ status: 'delivering', lease_until: leaseUntil, attempts: db.raw('attempts + 1'), last_attempt_at: startedAt })
    .returning(['id', 'attempts']);
  if (leased.length === 0) {
    const row = await db('webhook_deliveries').where({ id: deliveryId }).first('status', 'lease_until');
    if (row?.status === 'delivering') return { status: 'busy', leaseUntil: row.lease_until };
    return { status: 'skipped', reason: row ? `delivery is ${row.status}` : 'no such delivery' };
  }
  const attempt = Number(leased[0].attempts);

  const d: LeasedDelivery = await db('webhook_deliveries as d')
    .join('webhook_events as e', 'e.id', 'd.event_id')
    .join('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .where('d.id', deliveryId)
    .first(
      'd.id',
      'd.attempts',
      'e.payload',
      'e.public_id',
      'e.type',
      's.url',
      's.active',
      's.secret',
      's.previous_secret',
      's.previous_secret_expires_at',
    );

  if (!d.active) {
    await db('webhook_deliveries')
      .where({ id: deliveryId })
      .update({ status: 'dead', lease_until: null, last_error: 'the subscription is disabled' });
    return { status: 'dead', statusCode: null, error: 'the subscription is disabled' };
  }

  const body = typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload);
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'TrustConsole-Webhooks/1',
    [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(signingSecrets(d, startedAt), timestamp, body),
    [EVENT_ID_HEADER.toLowerCase()]: d.public_id,
    'trust-event-type': d.type,
    'trust-delivery-attempt': String(attempt),
  };
  const sent = await post(d.url, headers, body, settings.timeoutMs);
  const finishedAt = clock.now();
  const succeeded = sent.error === null;

  await db.transaction(async (trx) => {
    await trx('webhook_attempts').insert({
      delivery_id: deliveryId,
      attempt,
      started_at: startedAt,
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      status_code: sent.statusCode,
      error: sent.error,
      response_excerpt: sent.excerpt,
      succeeded,
    });
    const retryIn = settings.retryDelaySeconds * 2 ** (settings.retryCount ?? 0) * 1000;
    await trx('webhook_deliveries')
      .where({ id: deliveryId })
      .update(
        succeeded
          ? {
              status: 'succeeded',
              lease_until: null,
              succeeded_at: finishedAt,
              last_status_code: sent.statusCode,
              last_error: null,
              next_attempt_at: null,
            }
          : {
              status: settings.finalAttempt ? 'dead' : 'retrying',
              lease_until: null,
              last_status_code: sent.statusCode,
              last_error: sent.error,
              next_attempt_at: settings.finalAttempt ? null : new Date(finishedAt.getTime() + retryIn),
            },
      );
  });
  if (succeeded) return { status: 'succeeded', statusCode: sent.statusCode! };
  return { status: settings.finalAttempt ? 'dead' : 'retrying', statusCode: sent.statusCode, error: sent.error! };
}

/** A delivery whose job ran out of retries without a recorded answer (its worker died on the last one). */
export async function markDeadLetter(db: Db, clock: Clock, deliveryId: number): Promise<void> {
  // A replay may have queued the delivery again meanwhile; only a delivery nobody is working on is dead.
  await db('webhook_deliveries')
    .where({ id: deliveryId })
    .whereIn('status', ['retrying', 'delivering'])
    .andWhere((q) => q.whereNull('lease_until').orWhere('lease_until', '<', clock.now()))
    .update({ status: 'dead', lease_until: null, next_attempt_at: null, last_error: db.raw("coalesce(last_error, 'retries exhausted')") });
}
