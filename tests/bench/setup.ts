// `npm run bench`'s start and end, in the Vitest process: the run's results cleared and the
// machine described at the start, the bench copy of the extension (with its floors) made once, the
// run's books loading in the background (run-books.ts); at the end the whole table, the README's
// table (`.bench/results.md`) and any bench file whose rows are missing, which fails the run.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, projectRoot } from '../e2e/harness';
import { prepareBenchExtension } from './floors';
import { describeThisMachine, finishRun, startRun } from './harness';
import { startLoadingBooks } from './run-books';

const BOOK_FILE = path.join(projectRoot, 'tests/bench/book.bench.test.ts');

let books: ReturnType<typeof startLoadingBooks> | undefined;

function browserVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}

/**
 * Whether this run includes the book file: Vitest matches a file when its path contains one of the
 * command line's filters (none: every file). A run of other files alone loads no book.
 */
function runsBookFile(project: TestProject): boolean {
  // Not in Vitest's typings, but set before the global setup runs (Vitest 4).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  return (
    !filters?.length || filters.some((filter) => BOOK_FILE.includes(filter.replace(/^\.\//, '')))
  );
}

export function setup(project: TestProject): void {
  startRun(describeThisMachine(browserVersion()));
  prepareBenchExtension();
  if (runsBookFile(project)) books = startLoadingBooks();
}

export async function teardown(): Promise<void> {
  await books?.stop();
  const { table, markdown, missing } = finishRun();
  console.log(`\nAll benchmarks (.bench/results.json)\n${table}\n\n${markdown}\n`);
  if (missing.length) {
    throw new Error(`Rows missing: ${missing.join(', ')} recorded nothing in this run`);
  }
}
