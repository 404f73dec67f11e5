import { Router } from 'express';
import type { AppDeps } from '../deps';
import { isPglite } from '../db/connect';
import { migrationState } from '../db/migrate';
import type { RouteTable } from '../http/routeTable';
import { ROUTES } from '../../contract/routes';

export function healthRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  table.route(router, '/api', ROUTES.health, async (_req, res) => {
    try {
      const state = await migrationState(deps.db);
      const ok = state.pending.length === 0;
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ok' : 'migrations_pending',
        database: {
          reachable: true,
          engine: isPglite(deps.db) ? 'pglite' : 'postgresql',
          migration: state.current,
          pending: state.pending,
        },
        model: deps.scorer ? { version: deps.scorer.version } : null,
        // A standby that is down or behind does not make the API unhealthy: reads fall back to the primary.
        replica: deps.reads?.enabled ? await deps.reads.status() : { configured: false },
        time: deps.clock.now().toISOString(),
      });
    } catch (err) {
      deps.logger.error({ err }, 'health check failed');
      res.status(503).json({ status: 'database_unreachable', database: { reachable: false } });
    }
  });
  return router;
}
