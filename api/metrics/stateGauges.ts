import { Gauge } from 'prom-client';
import type { Db } from '../db/connect';
import type { JobQueue } from '../jobs/jobQueue';
import type { Scorer } from '../../models/runtime/scorer';
import { QUEUE_NAMES } from '../../rules/policy/events';
import type { AppMetrics } from './appMetrics';
import { liveModelVersions, openFlagsByQueue, publishedPolicyVersions } from './scrapeQueries';

interface StateSources {
  db: Db;
  /** Absent (an app without workers), the job gauges are not registered. */
  jobs?: JobQueue;
  /** The classifier used when the registry has no active version. */
  scorer?: Scorer;
}

/** Gauges whose value is read from the database at each scrape. */
export function registerStateGauges(metrics: AppMetrics, sources: StateSources): void {
  const registers = [metrics.registry];
  const { db, jobs, scorer } = sources;
  new Gauge({
    name: 'trust_open_flags',
    help: 'Flags waiting for a decision, by queue',
    labelNames: ['queue'],
    registers,
    async collect() {
      const open = await openFlagsByQueue(db);
      this.reset();
      // Every known queue reports, empty ones as 0, so a panel does not lose a line when a queue drains.
      for (const queue of new Set([...QUEUE_NAMES, ...open.keys()])) this.set({ queue }, open.get(queue) ?? 0);
    },
  });
  new Gauge({
    name: 'trust_policy_version_info',
    help: 'Published policies: 1 per policy with its live version and mode',
    labelNames: ['policy', 'version', 'mode'],
    registers,
    async collect() {
      const rows = await publishedPolicyVersions(db);
      this.reset();
      for (const r of rows) this.set({ policy: r.policy, version: String(r.version), mode: r.mode }, 1);
    },
  });
  new Gauge({
    name: 'trust_model_version_info',
    help: 'Classifier versions in use: 1 per version with its status (active, shadow, or fallback when the registry has no active one)',
    labelNames: ['version', 'status'],
    registers,
    async collect() {
      const rows = await liveModelVersions(db);
      this.reset();
      for (const r of rows) this.set({ version: r.version, status: r.status }, 1);
      if (!rows.some((r) => r.status === 'active') && scorer) this.set({ version: scorer.version, status: 'fallback' }, 1);
    },
  });
  if (!jobs) return;
  // Both job gauges come from one query: a scrape collects every metric at once, so they share it.
  // The first gauge to collect reads the backlog, the second takes that answer and clears it for the next scrape.
  let shared: { at: number; backlog: ReturnType<JobQueue['backlog']> } | null = null;
  const backlog = () => {
    if (shared && Date.now() - shared.at < 5000) {
      const taken = shared.backlog;
      shared = null;
      return taken;
    }
    shared = { at: Date.now(), backlog: jobs.backlog() };
    return shared.backlog;
  };
  new Gauge({
    name: 'trust_job_queue_depth',
    help: 'Background jobs by queue and state (waiting: created or due for a retry; active: running)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      const queues = await backlog();
      this.reset();
      for (const q of queues) {
        this.set({ queue: q.queue, state: 'waiting' }, q.waiting);
        this.set({ queue: q.queue, state: 'active' }, q.active);
      }
    },
  });
  new Gauge({
    name: 'trust_job_oldest_due_seconds',
    help: 'Seconds the oldest waiting job of a queue has been due to start (0 when none is due)',
    labelNames: ['queue'],
    registers,
    async collect() {
      const queues = await backlog();
      this.reset();
      for (const q of queues) this.set({ queue: q.queue }, q.oldestDueSeconds);
    },
  });
}
