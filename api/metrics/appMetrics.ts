import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The events services count, as a small object passed in deps: services call these methods and
 * never touch prom-client, so a test or a script can pass nothing and a second app in the same
 * process has its own numbers.
 */
export interface AppMetrics {
  /** Where everything is registered; served at /metrics. */
  readonly registry: Registry;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  ingested(kind: 'post' | 'transaction', source: string, items: ReadonlyArray<{ created: boolean }>): void;
  /** A staff decision on a flag, with how long the flag waited for it when the decision closed it. */
  decided(action: string, queue: string, flagAgeSeconds?: number): void;
  /** A decision taken back; `action` is the original decision's. */
  reversed(action: string): void;
  webhookDelivery(outcome: string): void;
}

export type IngestMetrics = Pick<AppMetrics, 'ingested'>;
export type DecisionMetrics = Pick<AppMetrics, 'decided' | 'reversed'>;
export type DeliveryMetrics = Pick<AppMetrics, 'webhookDelivery'>;

// Flags wait from seconds (a moderator at the queue) to days (a weekend backlog).
const FLAG_AGE_BUCKETS = [10, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A fresh registry (never prom-client's global one) with the process's default metrics and the app's counters. */
export function createAppMetrics(registry: Registry = new Registry()): AppMetrics {
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const http = new Histogram({
    name: 'trust_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers,
  });
  const posts = new Counter({
    name: 'trust_posts_ingested_total',
    help: 'Posts received from platforms, by source and outcome (created, or duplicate: sent before)',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const transactions = new Counter({
    name: 'trust_transactions_ingested_total',
    help: 'Orders received from platforms, by source and outcome (created, or duplicate: sent before)',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const decisions = new Counter({
    name: 'trust_decisions_total',
    help: 'Staff decisions on flags, by action',
    labelNames: ['action'],
    registers,
  });
  const reversals = new Counter({
    name: 'trust_decision_reversals_total',
    help: 'Decisions reversed, by the original action',
    labelNames: ['action'],
    registers,
  });
  const latency = new Histogram({
    name: 'trust_flag_decision_latency_seconds',
    help: 'Time from a flag being raised to its staff decision, by queue',
    labelNames: ['queue'],
    buckets: FLAG_AGE_BUCKETS,
    registers,
  });
  const deliveries = new Counter({
    name: 'trust_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome',
    labelNames: ['outcome'],
    registers,
  });

  return {
    registry,
    httpRequest: (method, route, status, seconds) => http.observe({ method, route, status: String(status) }, seconds),
    ingested(kind, source, items) {
      const counter = kind === 'post' ? posts : transactions;
      const created = items.filter((i) => i.created).length;
      // Both series exist from the first batch on, so a rate over them starts at zero rather than absent.
      counter.inc({ source, outcome: 'created' }, created);
      counter.inc({ source, outcome: 'duplicate' }, items.length - created);
    },
    decided(action, queue, flagAgeSeconds) {
      decisions.inc({ action });
      if (flagAgeSeconds !== undefined) latency.observe({ queue }, Math.max(0, flagAgeSeconds));
    },
    reversed: (action) => reversals.inc({ action }),
    webhookDelivery: (outcome) => deliveries.inc({ outcome }),
  };
}
