import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Brotli and gzip copies of each built script and style, made once here so the server sends
 * them as they are (api/http/consoleAssets.ts) instead of compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(fileName)) continue;
        const file = path.join(options.dir!, fileName);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(data, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

const FIRST_PAINT = 'src/firstPaint/queueFirstPaint.ts';
const FIRST_PAINT_MODULES = [
  FIRST_PAINT,
  'src/firstPaint/firstPaintList.ts',
  'src/flags/queueListPreload.ts',
  'src/i18n/queueWords.ts',
  'src/common/durationText.ts',
  'src/common/formatters.ts',
  'src/i18n/dateLocales.ts',
];

/**
 * The queue's first paint (src/firstPaint) is an entry of its own, loaded by a script tag ahead of
 * the console's: given to index.html as a second module script, Vite would fold it into the
 * console's entry, and it would wait for all of the console's code.
 */
function firstPaintEntry(): Plugin {
  return {
    name: 'first-paint-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith(FIRST_PAINT),
        );
        if (!chunk) throw new Error(`the first paint's entry (${FIRST_PAINT}) is missing from the build`);
        return {
          // The console's many small files are fetched at low priority, so that the first paint's
          // request for the rows is not queued behind them for the browser's six connections.
          html: html.replaceAll('<link rel="modulepreload"', '<link rel="modulepreload" fetchpriority="low"'),
          // async: run as soon as it is loaded, not after the page is parsed and the console's scripts before it.
          tags: [
            {
              tag: 'script',
              attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress(), firstPaintEntry()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: { index: path.join(root, 'index.html'), firstPaint: path.join(root, FIRST_PAINT) },
      // What the first paint imports travels in its own file, so that it runs after one request.
      output: { manualChunks: (id) => (FIRST_PAINT_MODULES.some((m) => id.endsWith(m)) ? 'firstPaint' : undefined) },
    },
    // No hand-made vendor chunks: rolldown's chunks follow the lazy routes, so the charts library
    // (and each page's code) is fetched only when a page that needs it opens. Grouping by package
    // pulled React into the charts chunk and made every page preload it.
  },
  server: {
    // `npm run console:dev` proxies the API to a server started with `npm start`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
