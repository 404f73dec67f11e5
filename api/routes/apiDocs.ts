import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { createRequire } from 'node:module';
import type { RouteTable } from '../http/routeTable';
import { ROUTES, CONTRACT_ROUTES } from '../../contract/routes';
import { openApiDocument } from '../openapi/openApiDocument';

const require = createRequire(import.meta.url);
const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'];
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const VERSION = (require('../../package.json') as { version: string }).version;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>API reference</title>
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="api-docs"></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

/**
 * The OpenAPI document and a reference page for it. Both are public: they describe the API's
 * shape, which every route guards anyway, and the page must load before anyone signs in. Swagger
 * UI comes from node_modules and our own start script, so the page works under the app's CSP
 * (script-src 'self') and offline.
 */
export function apiDocsRouter(table: RouteTable): Router {
  const router = Router();
  const document = JSON.stringify(openApiDocument(CONTRACT_ROUTES, VERSION));
  router.use('/docs/assets', express.static(fileURLToPath(new URL('../openapi/docs', import.meta.url)), { index: false }));
  // Only what the page loads: the package also holds a demo page, an OAuth redirect page and source maps.
  const swaggerUi = express.static(SWAGGER_UI_DIR, { index: false });
  router.use('/docs/assets', (req, res, next) => (SWAGGER_UI_FILES.includes(req.path.slice(1)) ? swaggerUi(req, res, next) : next()));
  table.route(router, '/api', ROUTES.openApi, (_req, res) => {
    res.type('application/json').send(document);
  });
  table.route(router, '/api', ROUTES.docs, (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}
