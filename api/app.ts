import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './deps';
import { recordReadFence, staffSession } from './auth/middleware';
import { createReadRouter } from './db/readRouting';
import { errorHandler, notFoundHandler } from './http/problem';
import { RouteTable } from './http/routeTable';
import { jsonBody } from './http/jsonBody';
import { consoleAssets } from './http/consoleAssets';
import { apiKeyRouter } from './routes/apiKeys';
import { authRouter } from './routes/auth';
import { healthRouter } from './routes/health';
import { ingestRouter } from './routes/ingest';
import { resourceRouter } from './routes/resources';
import { staffRouter } from './routes/staff';
import { createPolicyRuntime } from './policies/policyRuntime';
import { policyRouter } from './routes/policies';
import { reputationRouter } from './routes/reputation';
import { moderationRouter } from './routes/moderation';
import { complianceRouter } from './routes/compliance';
import { privacyRouter } from './routes/privacy';
import { statsRouter } from './routes/stats';
import { createOutbox } from './webhooks/outbox';
import { webhookRouter } from './routes/webhooks';
import { communityHealthRouter } from './routes/communityHealth';
import { appealRouter } from './routes/appeals';
import { transparencyRouter } from './routes/transparency';
import { createModelRuntime } from './models/modelRuntime';
import { modelRouter } from './routes/models';
import { metricsRouter } from './routes/metrics';
import { createAppMetrics } from './metrics/appMetrics';
import { requestTimer } from './metrics/requestTimer';
import { registerStateGauges } from './metrics/stateGauges';
import { createApiKeyCache } from './auth/apiKeyCache';
import { queueSettingsRouter } from './routes/queueSettings';
import { noteTemplateRouter } from './routes/noteTemplates';
import { supervisorRouter } from './routes/supervisor';
import { apiDocsRouter } from './routes/apiDocs';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface TrustApp extends Express {
  routeTable: RouteTable;
}

/** Builds the whole HTTP surface from explicit dependencies; nothing is read from globals. */
export function createApp(given: AppDeps): TrustApp {
  const metrics = given.metrics ?? createAppMetrics();
  const reads =
    given.reads ??
    createReadRouter({
      primary: given.db,
      standby: given.readDb,
      logger: given.logger,
      registry: metrics.registry,
      now: () => given.clock.now(),
    });
  registerStateGauges(metrics, { db: given.db, jobs: given.jobs, scorer: given.scorer });
  const deps: AppDeps = {
    ...given,
    metrics,
    reads,
    policyRuntime: given.policyRuntime ?? createPolicyRuntime(),
    outbox: given.outbox ?? createOutbox(given.jobs),
    models: given.models ?? createModelRuntime({ fallback: given.scorer }),
    apiKeyCache: given.apiKeyCache ?? createApiKeyCache(),
  };
  const app = express() as TrustApp;
  const table = new RouteTable();
  app.routeTable = table;
  app.disable('x-powered-by');
  // Off by default: otherwise any client picks its own address (and login rate-limit bucket) with X-Forwarded-For.
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestTimer(metrics));
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // react-admin's styling injects <style> tags at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(cookieParser());

  // Platform ingestion: API keys, larger bodies, its own rate limit.
  app.use('/api/v1', ingestRouter(deps, table));

  // The console's scripts and its lists of JSON compress well: brotli or gzip as the browser asks.
  // Platform ingestion (above) answers briefly and under load; it is left as it was.
  app.use(compression({ threshold: 1024 }));

  app.use('/api', jsonBody('1mb'));
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Request-Id');
    next();
  });
  app.use('/api', healthRouter(deps, table));
  app.use('/api', apiDocsRouter(table));
  app.use('/api', staffSession(deps));
  app.use('/api', recordReadFence(deps));
  app.use('/api/auth', authRouter(deps, table));
  app.use('/api', staffRouter(deps, table));
  app.use('/api', apiKeyRouter(deps, table));
  app.use('/api', policyRouter(deps, table));
  app.use('/api', reputationRouter(deps, table));
  app.use('/api', moderationRouter(deps, table));
  app.use('/api', complianceRouter(deps, table));
  app.use('/api', privacyRouter(deps, table));
  app.use('/api', statsRouter(deps, table));
  app.use('/api', webhookRouter(deps, table));
  app.use('/api', communityHealthRouter(deps, table));
  app.use('/api', appealRouter(deps, table));
  app.use('/api', transparencyRouter(deps, table));
  app.use('/api', modelRouter(deps, table));
  app.use('/api', queueSettingsRouter(deps, table));
  app.use('/api', noteTemplateRouter(deps, table));
  app.use('/api', supervisorRouter(deps, table));
  app.use('/api', resourceRouter(deps, table));
  app.use('/api', notFoundHandler);
  app.use(metricsRouter(deps, table));
  // Every route of contract/routes.ts has its handler, or the app does not start.
  table.assertComplete();

  if (deps.consoleDir && fs.existsSync(path.join(deps.consoleDir, 'index.html'))) {
    const dir = deps.consoleDir;
    app.use(consoleAssets(dir));
    app.use(
      express.static(dir, {
        index: false,
        maxAge: '1h',
        setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache'),
      }),
    );
    // The console routes in the browser (hash router), so every other GET gets the shell.
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(dir, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
