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
    // Not a budget: on a slower machine beside `npm test` (2026-12-07) the Gmail page-cost tests
    // took over 480 s each and still met every budget.
    testTimeout: 1_200_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
  },
});
