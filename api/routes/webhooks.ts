import { Router } from 'express';
import { lastAttempt } from '../webhooks/attemptStore';
import type { AppDeps } from '../deps';
import { staffActionOf } from '../audit/staffAction';
import { refuseIgnoredOnlyUpdate } from '../http/ignoredFields';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';
import { RESOURCES } from '../resources/definitions';
import { getRow } from '../resources/queries';
import { idParamSchema } from '../../contract/schemas/common';
import { replayFailedSchema, subscriptionCreateSchema, subscriptionUpdateSchema } from '../../contract/schemas/webhooks';
import { attemptDelivery } from '../webhooks/deliver';
import {
  createSubscription,
  disableSubscription,
  replayDelivery,
  replayFailed,
  rotateSecret,
  updateSubscription,
  writeTestEvent,
} from '../webhooks/subscriptionStore';

export function webhookRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  const subs = RESOURCES['webhook-subscriptions']!;
  const deliveries = RESOURCES['webhook-deliveries']!;
  const existing = async (id: number) => {
    const row = await getRow(deps.db, subs, id);
    if (!row) throw problems.notFound(`No webhook subscription with id ${id}.`);
    return row;
  };
  const jobsOrUnavailable = () => {
    if (!deps.jobs) throw problems.unavailable('The job queue is not running on this server.');
    return deps.jobs;
  };

  table.route(router, '/api', ROUTES.webhookCreate, async (req, res) => {
    const input = parseOrThrow(subscriptionCreateSchema, req.body);
    const { id, secret } = await createSubscription(deps.db, input, staffActionOf(req, deps.clock));
    // The only time the secret is shown; rotating makes a new one.
    res.status(201).json({ ...(await getRow(deps.db, subs, id)), secret });
  });

  table.route(router, '/api', ROUTES.webhookUpdate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const input = parseOrThrow(subscriptionUpdateSchema, req.body);
    refuseIgnoredOnlyUpdate(req.body, await existing(id), subscriptionUpdateSchema);
    await updateSubscription(deps.db, id, input, staffActionOf(req, deps.clock));
    res.json(await getRow(deps.db, subs, id));
  });

  /** Disables; a disabled subscription leaves the default list (filter `active` to see it). */
  table.route(router, '/api', ROUTES.webhookDelete, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await disableSubscription(deps.db, id, staffActionOf(req, deps.clock));
    res.json(await getRow(deps.db, subs, id));
  });

  table.route(router, '/api', ROUTES.webhookRotate, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const secret = await rotateSecret(deps.db, id, staffActionOf(req, deps.clock));
    res.json({ ...(await getRow(deps.db, subs, id)), secret });
  });

  /**
   * Sends a `webhook.test` event to this subscription now and answers how the receiver replied,
   * so an admin setting one up sees at once whether the address and the signature check work.
   */
  table.route(router, '/api', ROUTES.webhookTest, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    const deliveryId = await writeTestEvent(deps.db, id, staffActionOf(req, deps.clock));
    const w = deps.config.webhooks;
    await attemptDelivery(deps.db, deps.clock, deliveryId, {
      timeoutMs: w.timeoutMs,
      retryDelaySeconds: w.retryDelaySeconds,
      finalAttempt: true,
    });
    // The receiver's own answer (status, error, the start of its body) tells the admin what to fix.
    res.status(201).json({ ...(await getRow(deps.db, deliveries, deliveryId)), lastAttempt: await lastAttempt(deps.db, deliveryId) });
  });

  table.route(router, '/api', ROUTES.deliveryReplay, async (req, res) => {
    const { id } = parseOrThrow(idParamSchema, req.params);
    await replayDelivery(deps.db, jobsOrUnavailable(), id, staffActionOf(req, deps.clock));
    res.json(await getRow(deps.db, deliveries, id));
  });

  table.route(router, '/api', ROUTES.deliveryReplayFailed, async (req, res) => {
    const input = parseOrThrow(replayFailedSchema, req.body ?? {});
    const ids = await replayFailed(deps.db, jobsOrUnavailable(), input.subscriptionId, staffActionOf(req, deps.clock));
    res.json({ replayed: ids.length, ids });
  });

  return router;
}
