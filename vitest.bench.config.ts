import { defineConfig } from 'vitest/config';

// `npm run bench`: the built extension in real Chromium, measured against the budgets. Kept apart
// from `npm test` so timings never gate (or slow) the ordinary test run.
export default defineConfig({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['tests/bench/**/*.bench.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
