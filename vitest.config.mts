import { defineConfig } from 'vitest/config';

// Three layers, each runnable alone: `npm run test:unit`, `test:integration`, `test:e2e`.
// `server-only` throws unless resolved under React's `react-server` condition, which only Next.js
// sets; the tests run server code directly, as the CLI does, so they get its empty module.
const alias = {
  '@': import.meta.dirname,
  'server-only': `${import.meta.dirname}/node_modules/server-only/empty.js`,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Three files run at once on two cores, each spawning CLI children and sandboxes: the
          // slowest tests take 30 s there. A timeout only catches a hang (speed is measured by
          // the benchmarks, never by tests), so it leaves room for a machine twice as busy.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
