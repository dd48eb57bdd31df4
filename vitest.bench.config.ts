import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The bench files run one at a time in this order: the run's books load in the background from the
 * start (tests/bench/run-books.ts), so the book file goes last, when they are loaded. The import,
 * whose ratio moves the most beside a busy browser (its parsing on the page's main thread against
 * the floor's database work: 1.15x quiet, 1.45x beside the 50k book's write, 2026-12-08), goes
 * after the page-cost files, by when the loads have mostly ended. A file not named here runs first.
 */
const ORDER = ['injected', 'drafts', 'linkedin', 'gmail', 'import', 'book'];

class BenchOrder extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) =>
      ORDER.findIndex((name) => file.moduleId.endsWith(`/${name}.bench.test.ts`));
    return Promise.resolve(
      [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId)),
    );
  }
}

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
    sequence: { sequencer: BenchOrder },
  },
});
