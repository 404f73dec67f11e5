import { defineConfig } from 'vitest/config';

// The replica suite needs a real PostgreSQL to make a standby of (scripts/standby.sh); on the
// PGlite run it is left out, and says so.
const withReplica = !!process.env.DATABASE_URL;
if (!withReplica) console.warn('!! test/replica left out: it runs only with DATABASE_URL (a PostgreSQL it can make a hot standby of).');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(withReplica ? [] : ['test/replica/**'])],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers than that only adds PGlite start-ups competing for CPU.
    maxWorkers: 2,
    reporters: ['default', './test/support/summaryReporter.ts'],
    // Every JSON answer the API suites get is checked against the OpenAPI document (test/support/openApiValidator.ts).
    setupFiles: ['./test/support/openApiSetup.ts'],
    globalSetup: ['./test/support/openApiCoverage.ts'],
  },
});
