// The automated accessibility check for component tests: axe-core on what a test rendered, failing
// with each violated rule, its impact and the elements (CSS targets) that break it.
import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Rules axe cannot judge in happy-dom, which has no layout or painting. They run in real Chromium
 * instead (tests/e2e/sidepanel-a11y.e2e.test.ts), light and dark.
 */
const NEEDS_A_REAL_BROWSER: Record<string, { enabled: false }> = {
  // Needs computed colours over painted backgrounds (getClientRects, elementsFromPoint).
  'color-contrast': { enabled: false },
  // Reads bounding boxes to find targets closer than 24 px apart; happy-dom's are all zero.
  'target-size': { enabled: false },
};

export interface AxeViolationSummary {
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export function summarise(violations: axe.Result[]): AxeViolationSummary[] {
  return violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

// axe keeps global state per run: two runs at once throw "Axe is already running".
let queue: Promise<unknown> = Promise.resolve();

/** Runs axe (WCAG 2.x A/AA and best practices) on `container` and fails on any violation. */
export async function expectNoAxeViolations(container: Element = document.body): Promise<void> {
  const run = queue.then(() =>
    axe.run(container, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      rules: NEEDS_A_REAL_BROWSER,
    }),
  );
  queue = run.catch(() => undefined);
  const violations = summarise((await run).violations);
  const report = violations
    .map((v) => `${v.rule} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`)
    .join('\n');
  expect(violations, `axe found:\n${report}`).toEqual([]);
}
