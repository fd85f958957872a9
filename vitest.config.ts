import { defineConfig } from 'vitest/config';

// `source` lets tests (and Vite) run workspace packages from their TypeScript sources,
// while Node at run time uses the built `dist`.
const conditions = ['source', 'module', 'node', 'import', 'default'];
// Vitest also hands ssr.resolve.conditions to Node as `--conditions`, which apply to require()
// too: with `import` there, require('pg-pool') inside pg returns the ESM namespace and breaks.
const ssrConditions = ['source', 'node', 'development|production'];

const dbTierFiles = ['packages/*/src/**/*.db.test.ts', 'packages/*/src/**/*.api.test.ts'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ['source'] } },
  test: {
    reporters: ['default'],
    // Generous: a test must not fail because the machine is busy (CI shares two cores). Speed is
    // measured in `npm run bench`, never by a timeout.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.cluster.test.ts', ...dbTierFiles],
        },
      },
      {
        extends: true,
        test: {
          name: 'db:pglite',
          include: dbTierFiles,
          env: { STIPPLE_TEST_DB: 'pglite' },
          globalSetup: ['packages/server/src/test-support/pglite.global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db:postgres',
          include: dbTierFiles,
          env: { STIPPLE_TEST_DB: 'postgres' },
          globalSetup: ['packages/server/src/test-support/postgres.global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Several processes together: S3 server, PostgreSQL, two Stipple instances, SMTP; moving
          // from PGlite, backups and restores.
          name: 'cluster',
          include: ['packages/*/src/**/*.cluster.test.ts'],
          env: { STIPPLE_TEST_DB: 'postgres' },
          globalSetup: ['packages/server/src/test-support/postgres.global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          // expect.poll gives up after 1 s by default: under load 18 on two cores a saved client's
          // heading and an uploaded photo's card took longer to show. A wait for what never comes
          // still fails.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
