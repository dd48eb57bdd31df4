// What the content scripts cost a busy host page: the same fixture page, the same heavy DOM churn
// (thousands of mutations a second, a compose opened and closed), with the extension loaded and in
// a plain Chromium without it; the renderer main thread's busy time (CDP TaskDuration) of each.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import {
  blockExternalRequests,
  chromiumPath,
  CHROMIUM_FLAGS,
  launchExtension,
  serveSite,
  type PageSource,
} from '../e2e/harness';
import { busyTime, cdp, stats, type Stats } from './harness';

/** The baseline: the same Chromium and flags as launchExtension, with no extension at all. */
export async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  await blockExternalRequests(context);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Churn {
  /** Rows the site keeps adding and removing (Gmail's thread rows, LinkedIn's message events). */
  rowSelector: string;
  /**
   * HTML holding the compose the user opens and closes (its first `composeSelector` is appended to
   * body); without it the compose is cloned from the page itself (LinkedIn enforces Trusted Types,
   * so no HTML can be parsed there).
   */
  composeHtml?: string;
  composeSelector: string;
  /** A text field inside the compose that gets typed into. */
  composeFieldSelector: string;
  /** Rows added (and old ones removed) per batch; fewer where a row is a big subtree. */
  rowsPerBatch?: number;
}

/**
 * The workload, run in the page's main world: 150 batches 20 ms apart (about 3 s), each adding and
 * removing 20 rows (or `rowsPerBatch`), flipping 20 attributes and 10 texts inside them (about 3,500 mutation records
 * a second);
 * a compose opened every 25 batches, typed into, and closed 10 batches later. Fixed work, not fixed
 * time, so busy time compares like with like. Resolves after a second of quiet for trailing work.
 */
function churnScript(churn: Churn): string {
  return `(async () => {
    const churn = ${JSON.stringify(churn)};
    const template = document.querySelector(churn.rowSelector);
    if (!template) throw new Error('no row ' + churn.rowSelector);
    const parent = template.parentElement;
    const composeSource = churn.composeHtml
      ? new DOMParser().parseFromString(churn.composeHtml, 'text/html').querySelector(churn.composeSelector)
      : document.querySelector(churn.composeSelector);
    const composeTemplate = composeSource && composeSource.cloneNode(true);
    if (!composeTemplate) throw new Error('no compose ' + churn.composeSelector);
    const added = [];
    let compose = null;
    let seed = 1;
    const next = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let batch = 0; batch < 150; batch++) {
      for (let i = 0; i < (churn.rowsPerBatch || 20); i++) {
        const row = template.cloneNode(true);
        row.setAttribute('data-bench-row', String(batch * 100 + i));
        parent.insertBefore(row, parent.firstChild);
        added.push(row);
        if (added.length > 200) added.shift().remove();
      }
      for (let i = 0; i < 20; i++) {
        const row = added[next(added.length)];
        const element = row.querySelector('div, span') || row;
        element.classList.toggle('bench-flip');
        element.setAttribute('data-bench', String(batch));
      }
      for (let i = 0; i < 10; i++) {
        const row = added[next(added.length)];
        const target = row.querySelector('span') || row;
        target.textContent = 'Update ' + batch + '.' + i;
      }
      if (batch % 25 === 0) {
        compose = document.importNode(composeTemplate, true);
        document.body.appendChild(compose);
      }
      if (compose && batch % 25 > 0 && batch % 25 < 10) {
        const field = compose.querySelector(churn.composeFieldSelector);
        if (field) {
          if ('value' in field) field.value += 'x'; else field.textContent += 'x';
          field.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
        }
      }
      if (compose && batch % 25 === 10) { compose.remove(); compose = null; }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (compose) compose.remove();
    for (const row of added) row.remove();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  })()`;
}

/** Main-thread busy seconds of one fresh page of `url` running the churn. */
export async function busyDuringChurn(context: BrowserContext, url: string, churn: Churn) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Let document_idle work and the page's own start-up settle before measuring.
    await page.waitForTimeout(1000);
    const session = await cdp(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    const before = await busyTime(session);
    await page.evaluate(churnScript(churn));
    const after = await busyTime(session);
    await session.detach();
    return { task: after.task - before.task, script: after.script - before.script };
  } finally {
    await page.close();
  }
}

export interface Overhead {
  /** The ratios of each run with the extension to its neighbour without: median, min, max. */
  ratio: Stats;
  /** The median busy time with the extension divided by the median without. */
  ratioOfMedians: number;
  withExtension: Stats;
  without: Stats;
}

/**
 * Runs the churn `runs` times in each browser, back to back in pairs whose order alternates (after
 * a warm-up in each), and returns the median of the paired ratios with / without: a drift in the
 * machine's load between pairs (other work on a shared machine) then favours neither side.
 */
export async function measureOverhead({
  siteGlob,
  url,
  page,
  churn,
  runs,
}: {
  siteGlob: string;
  url: string;
  page: PageSource;
  churn: Churn;
  runs: number;
}): Promise<Overhead> {
  const extension = await launchExtension({ now: 'real' });
  const plain = await launchPlain();
  try {
    await serveSite(extension.context, siteGlob, page);
    await serveSite(plain.context, siteGlob, page);
    await busyDuringChurn(extension.context, url, churn);
    await busyDuringChurn(plain.context, url, churn);
    const withExtension: number[] = [];
    const without: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // Alternating which goes first, so a drift in the machine's load favours neither.
      if (run % 2 === 0) {
        withExtension.push((await busyDuringChurn(extension.context, url, churn)).task);
        without.push((await busyDuringChurn(plain.context, url, churn)).task);
      } else {
        without.push((await busyDuringChurn(plain.context, url, churn)).task);
        withExtension.push((await busyDuringChurn(extension.context, url, churn)).task);
      }
    }
    const withStats = stats(withExtension);
    const withoutStats = stats(without);
    return {
      ratio: stats(withExtension.map((value, run) => value / without[run]!)),
      ratioOfMedians: withStats.median / withoutStats.median,
      withExtension: withStats,
      without: withoutStats,
    };
  } finally {
    await Promise.all([extension.close(), plain.close()]);
  }
}
