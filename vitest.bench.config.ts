import { defineConfig } from 'vitest/config';

// `npm run bench`: the built extension in real Chromium, measured against the budgets. Kept apart
// from `npm test` so timings never gate (or slow) the ordinary test run.
export default defineConfig({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['tests/bench/**/*.bench.test.ts'],
    globalSetup: ['tests/bench/setup.ts'],
    // Every wait inside is bounded and reported; these only stop a step that would hang for good.
    testTimeout: 480_000,
    hookTimeout: 480_000,
    fileParallelism: false,
  },
});
