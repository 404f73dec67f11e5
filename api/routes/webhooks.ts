import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Knex } from 'knex';
import type { AppDeps } from '../deps';
import { appendAudit } from '../audit/auditLog';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { replayFailedSchema, subscriptionCreateSchema, subscriptionUpdateSchema } from '../../contract/schemas/webhooks';
import { enqueueDeliveries, writeEvent } from '../webhooks/outbox';
import { attemptDelivery } from '../webhooks/deliver';
import { WEBHOOK_TEST_EVENT } from '../../contract/enums';
import { ROUTES } from '../../contract/routes';

/** How long the previous secret still signs deliveries after a rotation, so receivers can switch without dropping any. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function webhookRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const subs = RESOURCES['webhook-subscriptions']!;
  const deliveries = RESOURCES['webhook-deliveries']!;
  const actor = (req: { staff?: { id: number } }) => ({ kind: 'staff' as const, staffId: req.staff!.id });

  const lockSubscription = async (trx: Knex.Transaction, id: number) => {
    const row = await trx('webhook_subscriptions').where({ id }).forUpdate().first();
    if (!row) throw problems.notFound(`No webhook subscription with id ${id}.`);
    return row;
  };

  table.route(router, '/api', ROUTES.webhookCreate, async (req, res) => {
    const input = parseOrThrow(subscriptionCreateSchema, req.body);
    const now = deps.clock.now();
    const secret = newSecret();
    const id = await deps.db.transaction(async (trx) => {
      const [row] = await trx('webhook_subscriptions')
        .insert({ url: input.url, description: input.description ?? null, source: input.source ?? null, event_types: JSON.stringify(input.eventTypes), secret, active: input.active, created_by: req.staff!.id, created_at: now, updated_at: now })
        .returning('id');
      await appendAudit(trx, { actor: actor(req), action: 'webhook.create', subjectType: 'webhook_subscription', subjectId: row.id, detail: { url: input.url, source: input.source ?? null, eventTypes: input.eventTypes }, requestId: req.id as string, at: now });
      return row.id as number;
    });
    // The only time the secret is shown; rotating makes a new one.
    res.status(201).json({ ...(await getRow(deps.db, subs, id)), secret });
  });

  table.route(router, '/api', ROUTES.webhookUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(subscriptionUpdateSchema, req.body);
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      await lockSubscription(trx, id);
      const changes: Record<string, unknown> = { updated_at: now };
      if (input.url !== undefined) changes.url = input.url;
      if (input.description !== undefined) changes.description = input.description;
      if (input.source !== undefined) changes.source = input.source;
      if (input.eventTypes !== undefined) changes.event_types = JSON.stringify(input.eventTypes);
      if (input.active !== undefined) changes.active = input.active;
      await trx('webhook_subscriptions').where({ id }).update(changes);
      const { updated_at: _ignored, ...detail } = changes;
      await appendAudit(trx, { actor: actor(req), action: 'webhook.update', subjectType: 'webhook_subscription', subjectId: id, detail, requestId: req.id as string, at: now });
    });
    res.json(await getRow(deps.db, subs, id));
  });

  /** Disables rather than deletes: past deliveries keep naming their subscription. */
  table.route(router, '/api', ROUTES.webhookDelete, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      const row = await lockSubscription(trx, id);
      if (!row.active) return;
      await trx('webhook_subscriptions').where({ id }).update({ active: false, updated_at: now });
      await appendAudit(trx, { actor: actor(req), action: 'webhook.disable', subjectType: 'webhook_subscription', subjectId: id, requestId: req.id as string, at: now });
    });
    res.json(await getRow(deps.db, subs, id));
  });

  table.route(router, '/api', ROUTES.webhookRotate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const now = deps.clock.now();
    const secret = newSecret();
    const graceUntil = new Date(now.getTime() + ROTATION_GRACE_MS);
    await deps.db.transaction(async (trx) => {
      const row = await lockSubscription(trx, id);
      await trx('webhook_subscriptions').where({ id }).update({ secret, previous_secret: row.secret, previous_secret_expires_at: graceUntil, updated_at: now });
      await appendAudit(trx, { actor: actor(req), action: 'webhook.rotate_secret', subjectType: 'webhook_subscription', subjectId: id, detail: { previousValidUntil: graceUntil.toISOString() }, requestId: req.id as string, at: now });
    });
    res.json({ ...(await getRow(deps.db, subs, id)), secret });
  });

  /**
   * Sends a `webhook.test` event to this subscription now and answers how the receiver replied,
   * so an admin setting one up sees at once whether the address and the signature check work.
   */
  table.route(router, '/api', ROUTES.webhookTest, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const now = deps.clock.now();
    const deliveryId = await deps.db.transaction(async (trx) => {
      const sub = await lockSubscription(trx, id);
      if (!sub.active) throw problems.conflict(`Webhook subscription ${id} is disabled; enable it before sending a test.`);
      const [delivery] = await writeEvent(trx, { type: WEBHOOK_TEST_EVENT, source: sub.source, data: { message: 'A test delivery from the trust console.', subscriptionId: id, requestedBy: req.staff!.id } }, [id], now);
      await appendAudit(trx, { actor: actor(req), action: 'webhook.test', subjectType: 'webhook_subscription', subjectId: id, detail: { deliveryId: delivery }, requestId: req.id as string, at: now });
      return delivery!;
    });
    const w = deps.config.webhooks;
    await attemptDelivery(deps.db, deps.clock, deliveryId, { timeoutMs: w.timeoutMs, retryDelaySeconds: w.retryDelaySeconds, finalAttempt: true });
    res.status(201).json(await getRow(deps.db, deliveries, deliveryId));
  });

  table.route(router, '/api', ROUTES.deliveryReplay, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    if (!deps.jobs) throw problems.unavailable('The job queue is not running on this server.');
    const now = deps.clock.now();
    await deps.db.transaction(async (trx) => {
      const row = await trx('webhook_deliveries').where({ id }).forUpdate().first('id', 'status', 'lease_until');
      if (!row) throw problems.notFound(`No webhook delivery with id ${id}.`);
      if (row.status === 'delivering' && row.lease_until && row.lease_until.getTime() > now.getTime()) throw problems.conflict(`Delivery ${id} is being sent right now.`);
      await trx('webhook_deliveries').where({ id }).update({ status: 'pending', lease_until: null, next_attempt_at: null, enqueued_at: null });
      await enqueueDeliveries(trx, deps.jobs, [id], now);
      await appendAudit(trx, { actor: actor(req), action: 'webhook.replay', subjectType: 'webhook_delivery', subjectId: id, detail: { previousStatus: row.status }, requestId: req.id as string, at: now });
    });
    res.json(await getRow(deps.db, deliveries, id));
  });

  /** Sends every dead-lettered delivery again (of one subscription, or all), in one audited step. */
  table.route(router, '/api', ROUTES.deliveryReplayFailed, async (req, res) => {
    const input = parseOrThrow(replayFailedSchema, req.body ?? {});
    if (!deps.jobs) throw problems.unavailable('The job queue is not running on this server.');
    const now = deps.clock.now();
    const ids = await deps.db.transaction(async (trx) => {
      const q = trx('webhook_deliveries').where({ status: 'dead' }).forUpdate();
      if (input.subscriptionId !== undefined) q.andWhere({ subscription_id: input.subscriptionId });
      const dead: number[] = (await q.select('id')).map((r: { id: number }) => r.id);
      if (dead.length) {
        await trx('webhook_deliveries').whereIn('id', dead).update({ status: 'pending', lease_until: null, next_attempt_at: null, enqueued_at: null });
        await enqueueDeliveries(trx, deps.jobs, dead, now);
      }
      await appendAudit(trx, { actor: actor(req), action: 'webhook.replay_failed', subjectType: 'webhook_subscription', subjectId: input.subscriptionId ?? 'all', detail: { deliveries: dead.length, ids: dead.slice(0, 1000) }, requestId: req.id as string, at: now });
      return dead;
    });
    res.json({ replayed: ids.length, ids });
  });

  return router;
}
