import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          // One real Elasticsearch for the whole run (started here unless ES_URL points at one).
          globalSetup: ['test/global-setup.ts'],
          // Test files share that engine; each uses its own index names, but running them one
          // at a time keeps counts exact and the 2-core machine responsive.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
