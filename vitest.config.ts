import { defineConfig } from 'vitest/config';

/**
 * Two projects. `fast` (unit, contract, HTTP) runs two files at a time. `heavy` (Chromium, PDF rendering, processes
 * started and killed, timing measurements, data at scale) runs after it, one file at a time, so that nothing it
 * measures or drives competes with the rest for the two cores. Every timeout is set here, sized for a loaded
 * 2-core machine: nothing depends on vitest's defaults.
 */
const HEAVY = ['test/**/*.heavy.test.ts'];

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    reporters: ['default'],
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: HEAVY,
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 30_000, interval: 100 } },
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'heavy',
          include: HEAVY,
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
          expect: { poll: { timeout: 45_000, interval: 200 } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
