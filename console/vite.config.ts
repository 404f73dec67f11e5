import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // No hand-made vendor chunks: rolldown's chunks follow the lazy routes, so the charts library
    // (and each page's code) is fetched only when a page that needs it opens. Grouping by package
    // pulled React into the charts chunk and made every page preload it.
  },
  server: {
    // `npm run console:dev` proxies the API to a server started with `npm start`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
