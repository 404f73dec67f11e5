import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { JobQueue } from '../jobs/jobQueue';

export const WEBHOOK_DELIVERY_JOB = 'webhook_delivery';
export const WEBHOOK_DEAD_LETTER_JOB = 'webhook_dead_letter';

export interface WebhookEventInput {
  type: string;
  /** The platform the event is about; subscriptions bound to another platform do not hear it. */
  source: string | null;
  data: Record<string, unknown>;
}

/** What a receiver gets, and what is signed. */
export interface WebhookPayload {
  id: string;
  type: string;
  created: string;
  source: string | null;
  data: Record<string, unknown>;
}

export interface Outbox {
  /**
   * Writes the events and one delivery per matching subscription in the caller's transaction,
   * and queues their jobs in the same transaction: a decision and its announcement commit or
   * vanish together. Answers the number of deliveries written.
   */
  emit(trx: Knex.Transaction, events: WebhookEventInput[], now: Date): Promise<number>;
}

interface SubscriptionRow {
  id: number;
  source: string | null;
  event_types: string[] | string;
}

export function newEventId(): string {
  return `evt_${randomUUID().replace(/-/g, '')}`;
}

function listensTo(sub: SubscriptionRow, event: WebhookEventInput): boolean {
  const types = typeof sub.event_types === 'string' ? (JSON.parse(sub.event_types) as string[]) : sub.event_types;
  return types.includes(event.type) && (sub.source === null || sub.source === event.source);
}

/** Writes one event's row and its deliveries; answers the delivery ids. */
export async function writeEvent(trx: Knex.Transaction, event: WebhookEventInput, subscriptionIds: number[], now: Date): Promise<number[]> {
  const payload: WebhookPayload = {
    id: newEventId(),
    type: event.type,
    created: now.toISOString(),
    source: event.source,
    data: event.data,
  };
  const [row] = await trx('webhook_events')
    .insert({ public_id: payload.id, type: event.type, source: event.source, payload: JSON.stringify(payload), created_at: now })
    .returning('id');
  const deliveries: Array<{ id: number }> = await trx('webhook_deliveries')
    .insert(
      subscriptionIds.map((subscriptionId) => ({
        event_id: row.id,
        subscription_id: subscriptionId,
        event_type: event.type,
        event_public_id: payload.id,
        status: 'pending',
        created_at: now,
      })),
    )
    .returning('id');
  return deliveries.map((d) => d.id);
}

/** Queues delivery jobs in the transaction and marks what was queued; without a queue they wait for the start-up sweep. */
export async function enqueueDeliveries(
  trx: Knex.Transaction,
  jobs: JobQueue | undefined,
  deliveryIds: number[],
  now: Date,
): Promise<void> {
  if (!jobs || deliveryIds.length === 0) return;
  const queued = await jobs.sendWithin(
    trx,
    WEBHOOK_DELIVERY_JOB,
    deliveryIds.map((deliveryId) => ({ deliveryId })),
  );
  if (queued) await trx('webhook_deliveries').whereIn('id', deliveryIds).update({ enqueued_at: now });
}

export function createOutbox(jobs?: JobQueue): Outbox {
  return {
    async emit(trx, events, now) {
      if (events.length === 0) return 0;
      const subscriptions: SubscriptionRow[] = await trx('webhook_subscriptions')
        .where({ active: true })
        .select('id', 'source', 'event_types');
      if (subscriptions.length === 0) return 0;
      const deliveryIds: number[] = [];
      for (const event of events) {
        const listeners = subscriptions.filter((s) => listensTo(s, event)).map((s) => s.id);
        // An event nobody listens to is not kept: the decision itself is the record.
        if (listeners.length) deliveryIds.push(...(await writeEvent(trx, event, listeners, now)));
      }
      await enqueueDeliveries(trx, jobs, deliveryIds, now);
      return deliveryIds.length;
    },
  };
}

/**
 * Deliveries written while no worker was running (a test app, a script) or whose queueing was
 * lost are queued when a worker starts. A delivery queued twice is still sent once: the worker
 * leases it before sending.
 */
export async function enqueueWaitingDeliveries(db: Knex, jobs: JobQueue, now: Date): Promise<number> {
  return db.transaction(async (trx) => {
    const waiting: Array<{ id: number }> = await trx('webhook_deliveries')
      .where({ status: 'pending' })
      .whereNull('enqueued_at')
      .forUpdate()
      .skipLocked()
      .limit(10_000)
      .select('id');
    await enqueueDeliveries(
      trx,
      jobs,
      waiting.map((w) => w.id),
      now,
    );
    return waiting.length;
  });
}
