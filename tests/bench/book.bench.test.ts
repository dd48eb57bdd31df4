// Everything measured against a book in the extension's IndexedDB, in Chromium: the due list (at
// 1k, 10k and 50k prospects: it must grow with the page, not the book), the side panel's first
// paint and heap, the background's refresh and a content script's touch write, at 10k.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluateInContentScript, serveGmail, sharedFixture } from '../e2e/harness';
import { openBook, type BookSession } from './book';
import { bundleForPage } from './bundle';
import { generateBook } from './generate';
import {
  cdp,
  heapAfterGc,
  missedBudgets,
  report,
  result,
  stats,
  type BenchResult,
} from './harness';

const results: BenchResult[] = [];
let book: BookSession;

beforeAll(async () => {
  book = await openBook(10_000);
  logBook(book);
});

afterAll(async () => {
  await book?.close();
  report(import.meta.filename, results);
});

function logBook(opened: BookSession) {
  console.log(
    `book n=${opened.size}: ${JSON.stringify(opened.shape)}; loaded in ${Math.round(opened.loadMs)} ms by ${opened.loadedBy}`,
  );
}

/** An extension page with lib/db loaded and the database open, as the panel has it. */
async function storePage(opened: BookSession): Promise<Page> {
  const page = await opened.session.context.newPage();
  await page.goto(opened.session.extensionUrl('options.html'));
  await page.evaluate(await bundleForPage('tests/bench/page/store.ts', 'FifthTouchBench'));
  await page.evaluate(`(async () => {
    globalThis.benchDb = FifthTouchBench.createFifthTouchDb();
    await globalThis.benchDb.open();
  })()`);
  return page;
}

/**
 * Reads the three due lists' first page (overdue, due today, the next 7 days: 50 each, in
 * parallel) `count` times in the page and returns each read's duration in ms (performance.now).
 */
function readDueLists(page: Page, today: string, count: number): Promise<number[]> {
  return page.evaluate(`(async () => {
    const { listSection, PAGE_SIZE } = FifthTouchBench;
    const db = globalThis.benchDb;
    const today = ${JSON.stringify(today)};
    const durations = [];
    for (let i = 0; i < ${count}; i++) {
      const started = performance.now();
      const lists = await Promise.all(['overdue', 'today', 'upcoming'].map(
        (section) => listSection(db, section, { today, limit: PAGE_SIZE })));
      durations.push(performance.now() - started);
      if (lists[0].length === 0 || lists[2].length === 0) throw new Error('empty due list: the book did not load');
    }
    return durations;
  })()`);
}

describe('the due list', () => {
  test('reads its first page in a few ms at 10k prospects, and the same at 50k as at 1k', async () => {
    const RUNS = 41;
    const WARMUPS = 10;
    const medium = await storePage(book);
    await readDueLists(medium, book.today, WARMUPS);
    const mediumStats = stats(await readDueLists(medium, book.today, RUNS));
    results.push(
      result(
        {
          name: 'due-list-read',
          unit: 'ms',
          budget: 5,
          n: book.size,
          note: 'overdue + today + next 7 days, first 50 of each: lib/db listSection x3 in parallel, in an extension page',
        },
        mediumStats,
      ),
    );
    await medium.close();

    // 1k and 50k side by side, reads interleaved, so a burst of load on the machine hits both.
    const small = await openBook(1_000);
    logBook(small);
    const large = await openBook(50_000).catch(async (error: unknown) => {
      await small.close();
      throw error;
    });
    logBook(large);
    try {
      const pages = [await storePage(small), await storePage(large)];
      for (const page of pages) await readDueLists(page, book.today, WARMUPS);
      const samples: [number[], number[]] = [[], []];
      for (let run = 0; run < RUNS; run += 1) {
        for (const [index, page] of pages.entries()) {
          samples[index]!.push(...(await readDueLists(page, book.today, 1)));
        }
      }
      const smallStats = stats(samples[0]);
      const largeStats = stats(samples[1]);
      const paired = stats(samples[1].map((value, run) => value / samples[0][run]!));
      results.push(
        result(
          {
            name: 'due-list-scaling',
            unit: 'ratio',
            budget: 2,
            n: large.size,
            note: `due-list-read median at 50k / at 1k = ${largeStats.median.toFixed(2)} / ${smallStats.median.toFixed(2)} ms; min and max are per-run paired ratios`,
          },
          { ...paired, median: largeStats.median / smallStats.median },
        ),
      );
    } finally {
      await Promise.all([small.close(), large.close()]);
    }
  });
});

/** Marks when the first list item of the panel is on screen: its frame painted. */
const FIRST_LIST_PAINT = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('#section-panel li')) return;
    observer.disconnect();
    // rAF runs before the frame is painted; a task queued from it runs after.
    requestAnimationFrame(() => setTimeout(() => { window.__benchFirstListPaint = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

describe('the side panel', () => {
  test('paints its first list fast and stays light, at 10k prospects', async () => {
    const RUNS = 9;
    const WARMUPS = 2;
    const paints: number[] = [];
    const heaps: number[] = [];
    for (let run = -WARMUPS; run < RUNS; run += 1) {
      const page = await book.session.context.newPage();
      // The side panel's usual size.
      await page.setViewportSize({ width: 400, height: 900 });
      await page.addInitScript(FIRST_LIST_PAINT);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(book.session.extensionUrl('sidepanel.html'));
      // performance.now() counts from the navigation's start: the panel being opened.
      const painted = await page
        .waitForFunction(
          () => (window as { __benchFirstListPaint?: number }).__benchFirstListPaint,
          undefined,
          { timeout: 30_000, polling: 50 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>);
      const session = await cdp(page);
      const heap = await heapAfterGc(session);
      await session.detach();
      expect(errors).toEqual([]);
      await page.close();
      if (run >= 0) {
        paints.push(painted);
        heaps.push(heap);
      }
    }
    results.push(
      result(
        {
          name: 'panel-first-paint',
          unit: 'ms',
          budget: 250,
          n: book.size,
          note: 'sidepanel.html in a 400x900 tab: navigation start to the first list item painted',
        },
        stats(paints),
      ),
      result(
        {
          name: 'panel-heap',
          unit: 'MB',
          budget: 30,
          n: book.size,
          note: 'used JS heap of the panel page after first paint and a full GC (Runtime.getHeapUsage)',
        },
        stats(heaps),
      ),
    );
  });
});

describe('the background', () => {
  test('computes the badge and the digest fast at 10k prospects', async () => {
    const RUNS = 21;
    const WARMUPS = 5;
    const worker = book.session.worker;
    await worker.evaluate(await bundleForPage('tests/bench/page/worker.ts', 'FifthTouchWorker'));
    const samples = (await worker.evaluate(`(async () => {
      const { computeRefresh, createFifthTouchDb } = FifthTouchWorker;
      const db = createFifthTouchDb();
      await db.open();
      const durations = [];
      for (let i = 0; i < ${WARMUPS + RUNS}; i++) {
        const started = performance.now();
        const refresh = await computeRefresh(db, Date.now());
        const took = performance.now() - started;
        if (refresh.due === 0 || refresh.planned.length === 0) throw new Error('nothing due: the book did not load');
        if (i >= ${WARMUPS}) durations.push(took);
      }
      db.close();
      return durations;
    })()`)) as number[];
    results.push(
      result(
        {
          name: 'worker-refresh',
          unit: 'ms',
          budget: 30,
          n: book.size,
          note: "in the service worker: readDueCount + badgeFor, then the digest's readDigestInput (counts + the few most urgent) + planNotifications",
        },
        stats(samples),
      ),
    );
  });

  test('acknowledges a touch from a content script fast', async () => {
    const RUNS = 41;
    const WARMUPS = 10;
    await serveGmail(book.session.context, sharedFixture('gmail/dom/thread-view-2025.html'));
    const page = await book.session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3');
    // Sends to prospects already in the book (the same seed gives the same addresses).
    const known = generateBook({ prospects: 200, today: book.today, now: Date.now() })
      .prospects.filter((prospect) => prospect.status !== 'not-prospect')
      .map((prospect) => ({ email: prospect.emails[0], name: prospect.name }))
      .slice(0, WARMUPS + RUNS);
    const samples = await evaluateInContentScript<number[]>(
      page,
      `(async () => {
        const recipients = ${JSON.stringify(known)};
        const durations = [];
        for (const [index, recipient] of recipients.entries()) {
          const data = {
            channel: 'email', at: Date.now(), sendKey: 'msg-f:bench' + index,
            summary: 'Re: following up', link: 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3',
            threadId: 'thread-f:bench' + index, account: '/mail/u/0', confirmed: true,
            recipients: [{ ...recipient, role: 'to' }],
          };
          const started = performance.now();
          const reply = await chrome.runtime.sendMessage({ id: index, type: 'recordSend', data, timestamp: Date.now() });
          const took = performance.now() - started;
          if (!reply || reply.err || reply.res.touches.length !== 1 || reply.res.touches[0].duplicate) {
            throw new Error('recordSend did not store one new touch: ' + JSON.stringify(reply));
          }
          if (index >= ${WARMUPS}) durations.push(took);
        }
        return durations;
      })()`,
      { extensionId: book.session.extensionId },
    );
    await page.close();
    results.push(
      result(
        {
          name: 'touch-write',
          unit: 'ms',
          budget: 10,
          n: book.size,
          note: 'recordSend from the Gmail content-script world to its reply (stored), to a known prospect',
        },
        stats(samples),
      ),
    );
  });

  test('meets every budget', () => {
    expect(missedBudgets(results)).toEqual([]);
  });
});
