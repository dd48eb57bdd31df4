// `npm run bench`'s start and end, in the Vitest process: the run's results cleared and the
// machine described at the start, the bench copy of the extension (with its floors) made once; at
// the end the whole table, the README's table (`.bench/results.md`) and any bench file whose rows
// are missing, which fails the run.
import { execFileSync } from 'node:child_process';
import { chromiumPath } from '../e2e/harness';
import { prepareBenchExtension } from './floors';
import { describeThisMachine, finishRun, startRun } from './harness';

function browserVersion(): string {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}

export function setup(): void {
  startRun(describeThisMachine(browserVersion()));
  prepareBenchExtension();
}

export function teardown(): void {
  const { table, markdown, missing } = finishRun();
  console.log(`\nAll benchmarks (.bench/results.json)\n${table}\n\n${markdown}\n`);
  if (missing.length) {
    throw new Error(`Rows missing: ${missing.join(', ')} recorded nothing in this run`);
  }
}
