import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { WEBHOOK_TEST_EVENT } from '../../contract/enums';
import type { SubscriptionCreateInput, SubscriptionUpdateInput } from '../../contract/schemas/webhooks';
import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';
import type { JobQueue } from '../jobs/jobQueue';
import { enqueueDeliveries, writeEvent } from './outbox';

/** How long the previous secret still signs deliveries after a rotation, so receivers can switch without dropping any. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

async function lockSubscription(trx: Knex.Transaction, id: number) {
  const row = await trx('webhook_subscriptions').where({ id }).forUpdate().first();
  if (!row) throw problems.notFound(`No webhook subscription with id ${id}.`);
  return row;
}

/** Makes a subscription; its secret is returned this once (rotating makes a new one). */
export async function createSubscription(
  db: Db,
  input: SubscriptionCreateInput,
  act: StaffAction,
): Promise<{ id: number; secret: string }> {
  const secret = newSecret();
  const id = await db.transaction(async (trx) => {
    const [row] = await trx('webhook_subscriptions')
      .insert({
        url: input.url,
        description: input.description ?? null,
        source: input.source ?? null,
        event_types: JSON.stringify(input.eventTypes),
        secret,
        active: input.active,
        created_by: act.staffId,
        created_at: act.at,
        updated_at: act.at,
      })
      .returning('id');
    const detail = { url: input.url, source: input.source ?? null, eventTypes: input.eventTypes };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.create',
      subjectType: 'webhook_subscription',
      subjectId: row.id,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
    return row.id as number;
  });
  return { id, secret };
}

export async function updateSubscription(db: Db, id: number, input: SubscriptionUpdateInput, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    await lockSubscription(trx, id);
    const changes: Record<string, unknown> = { updated_at: act.at };
    if (input.url !== undefined) changes.url = input.url;
    if (input.description !== undefined) changes.description = input.description;
    if (input.source !== undefined) changes.source = input.source;
    if (input.eventTypes !== undefined) changes.event_types = JSON.stringify(input.eventTypes);
    if (input.active !== undefined) changes.active = input.active;
    await trx('webhook_subscriptions').where({ id }).update(changes);
    const { updated_at: _ignored, ...detail } = changes;
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.update',
      subjectType: 'webhook_subscription',
      subjectId: id,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
  });
}

/** Disables rather than deletes: past deliveries keep naming their subscription. */
export async function disableSubscription(db: Db, id: number, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await lockSubscription(trx, id);
    if (!row.active) return;
    await trx('webhook_subscriptions').where({ id }).update({ active: false, updated_at: act.at });
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.disable',
      subjectType: 'webhook_subscription',
      subjectId: id,
      requestId: act.requestId,
      at: act.at,
    });
  });
}

/** A new secret; the previous one keeps signing for ROTATION_GRACE_MS. */
export async function rotateSecret(db: Db, id: number, act: StaffAction): Promise<string> {
  const secret = newSecret();
  const graceUntil = new Date(act.at.getTime() + ROTATION_GRACE_MS);
  await db.transaction(async (trx) => {
    const row = await lockSubscription(trx, id);
    await trx('webhook_subscriptions')
      .where({ id })
      .update({ secret, previous_secret: row.secret, previous_secret_expires_at: graceUntil, updated_at: act.at });
    const detail = { previousValidUntil: graceUntil.toISOString() };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.rotate_secret',
      subjectType: 'webhook_subscription',
      subjectId: id,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
  });
  return secret;
}

/** Writes a `webhook.test` event for this subscription only; the caller sends it at once. Returns the delivery's id. */
export async function writeTestEvent(db: Db, id: number, act: StaffAction): Promise<number> {
  return db.transaction(async (trx) => {
    const sub = await lockSubscription(trx, id);
    if (!sub.active) throw problems.conflict(`Webhook subscription ${id} is disabled; enable it before sending a test.`);
    const data = { message: 'A test delivery from the trust console.', subscriptionId: id, requestedBy: act.staffId };
    const [delivery] = await writeEvent(trx, { type: WEBHOOK_TEST_EVENT, source: sub.source, data }, [id], act.at);
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.test',
      subjectType: 'webhook_subscription',
      subjectId: id,
      detail: { deliveryId: delivery },
      requestId: act.requestId,
      at: act.at,
    });
    return delivery!;
  });
}

const RESET = { status: 'pending', lease_until: null, next_attempt_at: null, enqueued_at: null };

export async function replayDelivery(db: Db, jobs: JobQueue, id: number, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx('webhook_deliveries').where({ id }).forUpdate().first('id', 'status', 'lease_until');
    if (!row) throw problems.notFound(`No webhook delivery with id ${id}.`);
    if (row.status === 'delivering' && row.lease_until && row.lease_until.getTime() > act.at.getTime())
      throw problems.conflict(`Delivery ${id} is being sent right now.`);
    await trx('webhook_deliveries').where({ id }).update(RESET);
    await enqueueDeliveries(trx, jobs, [id], act.at);
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.replay',
      subjectType: 'webhook_delivery',
      subjectId: id,
      detail: { previousStatus: row.status },
      requestId: act.requestId,
      at: act.at,
    });
  });
}

/** Sends every dead-lettered delivery again (of one subscription, or all), in one audited step. */
export async function replayFailed(db: Db, jobs: JobQueue, subscriptionId: number | undefined, act: StaffAction): Promise<number[]> {
  return db.transaction(async (trx) => {
    const q = trx('webhook_deliveries').where({ status: 'dead' }).forUpdate();
    if (subscriptionId !== undefined) q.andWhere({ subscription_id: subscriptionId });
    const dead: number[] = (await q.select('id')).map((r: { id: number }) => r.id);
    if (dead.length) {
      await trx('webhook_deliveries').whereIn('id', dead).update(RESET);
      await enqueueDeliveries(trx, jobs, dead, act.at);
    }
    const detail = { deliveries: dead.length, ids: dead.slice(0, 1000) };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'webhook.replay_failed',
      subjectType: 'webhook_subscription',
      subjectId: subscriptionId ?? 'all',
      detail,
      requestId: act.requestId,
      at: act.at,
    });
    return dead;
  });
}
