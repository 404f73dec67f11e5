import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { systemClock } from './deps';
import { buildConsole, consoleIsStale } from './consoleBuild';
import { resetDemoStaff } from './seed/demoStaff';
import { seedDemoCommunity } from './seed/seedDemo';
import { createPolicyRuntime } from './policies/policyRuntime';
import { installStarterPolicies } from './policies/starterInstall';
import { startJobQueue } from './jobs/jobQueue';
import { loadOnnxScorer } from '../models/runtime/onnxScorer';
import { jobHandlers } from './jobs/jobHandlers';
import { enqueueWaitingDeliveries } from './webhooks/outbox';
import { resolveAuditKey } from './audit/auditKey';
import { startAuditCheckpoints } from './audit/checkpoint';
import { PARTITION_JOB, ensurePartitions } from './db/partitions';
import { createAppMetrics } from './metrics/appMetrics';
import { SLA_ESCALATION_JOB } from './moderation/slaEscalation';
import { createReadRouter } from './db/readRouting';
import { installShippedModel } from './models/modelRegistry';
import { createModelRuntime } from './models/modelRuntime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const say = (line: string) => process.stdout.write(`${line}\n`);

  if (process.env.SKIP_CONSOLE_BUILD !== '1' && consoleIsStale(root)) {
    say('Building the console…');
    await buildConsole(root);
  }

  const auditKey = resolveAuditKey(config, { create: true });
  const db = connectDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.resolve(root, config.pgliteDir), auditKey });
  await migrateToLatest(db);

  const scorer = await loadOnnxScorer();
  say(`Loaded classifier ${scorer.version}.`);
  const policyRuntime = createPolicyRuntime();
  const shipped = await installShippedModel(db, systemClock.now());
  if (shipped.installed) say(`Registered the shipped classifier ${shipped.version} as model version 1.`);
  const models = createModelRuntime({ fallback: scorer });
  const starter = await installStarterPolicies(db, systemClock.now());
  if (starter.installed) say(`Installed ${starter.policies} starter policies and ${starter.lists} lists.`);

  let credentials: Awaited<ReturnType<typeof resetDemoStaff>> = [];
  if (config.demo) {
    credentials = await resetDemoStaff(db, systemClock.now());
    const seeded = await seedDemoCommunity(db, { now: systemClock.now(), engine: { runtime: policyRuntime, scorer, models } });
    say(
      seeded.seeded
        ? `Seeded the demo community: ${seeded.accounts} accounts, ${seeded.posts} posts, ${seeded.transactions} orders, ${seeded.partnerships} partnerships, ${seeded.flags} flags (${seeded.openFlags} open).`
        : `Demo community already in place: ${seeded.posts} posts, ${seeded.openFlags} open flags.`,
    );
  }

  const readDb = config.databaseReadUrl
    ? connectDatabase({ databaseUrl: config.databaseReadUrl, standby: { acquireTimeoutMs: 2000 } })
    : undefined;
  const metrics = createAppMetrics();
  const reads = createReadRouter({ primary: db, standby: readDb, logger, registry: metrics.registry, now: () => systemClock.now() });
  if (readDb) say('Console reads go to the standby at DATABASE_READ_URL.');
  const jobs = await startJobQueue({
    db,
    databaseUrl: config.databaseUrl,
    logger,
    maintenanceIntervalSeconds: 30,
    ...jobHandlers(db, systemClock, config, reads, metrics),
  });
  await ensurePartitions(db, systemClock.now());
  await jobs.schedule(PARTITION_JOB, '17 3 * * *');
  await jobs.schedule(SLA_ESCALATION_JOB, '* * * * *');
  const waiting = await enqueueWaitingDeliveries(db, jobs, systemClock.now());
  if (waiting) say(`Queued ${waiting} webhook deliveries written while no worker ran.`);
  const checkpoints = startAuditCheckpoints({
    db,
    file: path.resolve(root, config.audit.checkpointFile),
    intervalMs: config.audit.checkpointIntervalMs,
    clock: systemClock,
    logger,
  });
  const app = createApp({
    db,
    readDb,
    reads,
    metrics,
    clock: systemClock,
    logger,
    config,
    consoleDir: path.join(root, 'console', 'dist'),
    policyRuntime,
    jobs,
    scorer,
    models,
  });
  const server = app.listen(config.port, config.host, () => {
    const url = `http://localhost:${config.port}`;
    say('');
    say(
      `Trust console ready at ${url} (${config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.pgliteDir}`}), started in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (credentials.length) {
      say('Demo sign-ins (new passwords at every start; demo mode only):');
      for (const c of credentials) say(`  ${c.role.padEnd(18)} ${c.email.padEnd(26)} ${c.password}`);
    }
    say('');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void checkpoints
        .stop()
        .then(() => jobs.stop())
        .catch(() => undefined)
        .then(() => Promise.all([db.destroy(), readDb?.destroy()]))
        .finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open; give requests in flight a moment.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
