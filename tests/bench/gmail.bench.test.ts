/// <reference types="chrome" />
// What the extension costs Gmail: main-thread busy time under heavy DOM churn with and without it,
// the page-world observer's added time per sync XHR, and how soon a Send click becomes a touch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  serveGmail,
  sharedFixture,
  type ExtensionSession,
} from '../e2e/harness';
import {
  bounded,
  busyTime,
  cdp,
  missedBudgets,
  pairedResult,
  report,
  stats,
  type BenchResult,
} from './harness';
import {
  attribute,
  launchPlain,
  measureOverhead,
  profiled,
  shareRows,
  topFrames,
  type Attribution,
} from './overhead';

const results: BenchResult[] = [];

afterAll(() => report(import.meta.filename, results));

const capture = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const THREAD_PAGE = sharedFixture('gmail/dom/thread-view-2025.html');
const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';

describe('Gmail under heavy DOM churn', () => {
  test('spends under 0.5 % of its main thread in the extension', async () => {
    const overhead = await measureOverhead({
      siteGlob: 'https://mail.google.com/**',
      url: THREAD_URL,
      page: THREAD_PAGE,
      churn: {
        rowSelector: 'tr.zA',
        composeHtml: COMPOSE_PAGE,
        composeSelector: '[role="dialog"]',
        composeFieldSelector: 'input[name="subjectbox"]',
      },
      runs: 7,
    });
    results.push(
      ...shareRows('gmail', overhead, {
        overheadNote: 'thread capture, ~3,500 mutations/s for 3 s + compose opened/closed 6 times',
      }),
    );
  });
});

/** Answers every sync POST at once with the captured draft-save response. */
async function answerSync(context: BrowserContext): Promise<void> {
  const response = capture('cvOnDraftSave_response');
  await context.route('https://mail.google.com/sync/**', (route: Route) =>
    route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: response }),
  );
}

/**
 * Main-thread busy time per sync XHR: `count` draft saves POSTed one after another the way Gmail's
 * client does (XMLHttpRequest, the captured body), in microseconds per request.
 */
function draftSaves(page: Page, count: number): Promise<void> {
  return page.evaluate(
    async ({ body, count }) => {
      for (let i = 0; i < count; i += 1) {
        await new Promise<void>((resolve, reject) => {
          const xhr = new XMLHttpRequest();
          xhr.open('POST', `/sync/u/0/i/s?hl=en&c=${i}&rt=r&pt=ji`);
          xhr.setRequestHeader('Content-Type', 'application/json');
          xhr.onload = () => resolve();
          xhr.onerror = () => reject(new Error('sync XHR failed'));
          xhr.send(body);
        });
      }
    },
    { body: capture('cvOnDraftSave_request'), count },
  );
}

// A page-world hook of open and send that does nothing but forward (through Reflect.apply, as the
// observer does): what any such hook costs in the profile's accounting, since the samples a native
// takes outside its own frame are given to the script that called it.
//
// The observer's wrappers of open and send do only that too: hand the arguments to a function of
// their own (noteOpen, noteSend: a frame of its own in the profile) and forward. So the samples
// whose innermost frame is the wrapper itself are the natives', and the observer's own time is
// everything else of ours; the do-nothing hook's figure, beside it, shows what forwarding alone is
// given.
const isForwardingWrapper = (frame: { functionName: string }) =>
  /(?:^|\.)(?:open|send)$/.test(frame.functionName);
const PASS_THROUGH_URL = 'https://bench.invalid/pass-through.js';
const PASS_THROUGH = `(() => {
  const apply = Reflect.apply;
  const forward = (fn, self, args) => apply(fn, self, args);
  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  proto.open = function () { return forward(open, this, arguments); };
  proto.send = function () { return forward(send, this, arguments); };
})();
//# sourceURL=${PASS_THROUGH_URL}`;

/** Draft saves under the CPU profiler, pooled over profiles: how the samples split, and the CPU time. */
interface SampledSaves {
  /** The samples as attribute() split them, summed over the profiles. */
  samples: Attribution['samples'];
  byFrame: Map<string, number>;
  /** The renderer main thread's CPU time (TaskDuration, thread ticks) over the profiled spans, in ms. */
  cpuMs: number;
  requests: number;
}

const SAMPLING_US = 50;

/**
 * `profiles` runs of `count` draft saves in `page`, each under the CPU profiler and between two
 * reads of the main thread's CPU time, pooled.
 */
async function sampledSaves(
  page: Page,
  count: number,
  profiles: number,
  isOurs: (url: string) => boolean,
  isForwarding?: (frame: { functionName: string }) => boolean,
): Promise<SampledSaves> {
  const pooled: SampledSaves = {
    samples: { extension: 0, pageWorld: 0, forwarding: 0, total: 0 },
    byFrame: new Map(),
    cpuMs: 0,
    requests: 0,
  };
  for (let run = 0; run < profiles; run += 1) {
    const session = await cdp(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    const before = await busyTime(session);
    const profile = await profiled(page, () => draftSaves(page, count), SAMPLING_US);
    const after = await busyTime(session);
    await session.detach();
    const split = attribute(profile, isOurs, undefined, isForwarding);
    for (const key of Object.keys(pooled.samples) as (keyof SampledSaves['samples'])[]) {
      pooled.samples[key] += split.samples[key];
    }
    for (const [frame, samples] of split.byFrame) {
      pooled.byFrame.set(frame, (pooled.byFrame.get(frame) ?? 0) + samples);
    }
    pooled.cpuMs += (after.task - before.task) * 1000;
    pooled.requests += count;
  }
  return pooled;
}

/**
 * What `samples` of a pooled run stand for, in µs of CPU per request: their share of its non-idle
 * samples times the main thread's CPU time per request.
 */
const perRequestUs = (run: SampledSaves, samples: number) =>
  ((samples / run.samples.total) * run.cpuMs * 1000) / run.requests;

async function busyPerSync(page: Page, count: number): Promise<number> {
  const session = await cdp(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  const before = await busyTime(session);
  await draftSaves(page, count);
  const after = await busyTime(session);
  await session.detach();
  return ((after.task - before.task) / count) * 1e6;
}

describe("Gmail's sync requests", () => {
  test('cost the page-world observer under 10 µs each', async () => {
    // A sync XHR costs the main thread ~2 ms here (nearly all of it in Chromium's own native
    // `send` and loading), one run's figure moves by ±10 % with the machine's load, and a pair of
    // browsers can sit ~100 µs apart for as long as they live: the observer's few microseconds
    // show only over many runs, each paired with its neighbour without, across fresh browsers.
    const COUNT = 200;
    const BROWSERS = 3;
    const RUNS_PER_BROWSER = 7;
    // Profiled: more requests at a finer interval. The profiler samples about every 150–250 µs
    // here whatever is asked, so 1,000 requests give our scripts only 10–40 samples: each browser's
    // figure pools PROFILES such profiles.
    const PROFILED = 1000;
    const PROFILES = 3;
    const withExtension: number[] = [];
    const without: number[] = [];
    const observer: SampledSaves[] = [];
    const passThrough: SampledSaves[] = [];
    let observed = false;
    for (let browser = 0; browser < BROWSERS; browser += 1) {
      const extension = await launchExtension({ now: 'real' });
      const plain = await launchPlain();
      try {
        const pages: Page[] = [];
        for (const context of [extension.context, plain.context]) {
          await serveGmail(context, COMPOSE_PAGE);
          await answerSync(context);
          const page = await context.newPage();
          await page.goto(INBOX_URL);
          await page.waitForTimeout(1000);
          pages.push(page);
        }
        const [withPage, withoutPage] = pages as [Page, Page];
        observed ||= await withPage.evaluate(() =>
          String(XMLHttpRequest.prototype.send).includes('[native code]'),
        );
        await busyPerSync(withPage, COUNT);
        await busyPerSync(withoutPage, COUNT);
        for (let run = 0; run < RUNS_PER_BROWSER; run += 1) {
          if ((browser + run) % 2 === 0) {
            withExtension.push(await busyPerSync(withPage, COUNT));
            without.push(await busyPerSync(withoutPage, COUNT));
          } else {
            without.push(await busyPerSync(withoutPage, COUNT));
            withExtension.push(await busyPerSync(withPage, COUNT));
          }
        }
        // The observer's own time: the same draft saves under the CPU profiler.
        const prefix = `chrome-extension://${extension.extensionId}/`;
        observer.push(
          await sampledSaves(
            withPage,
            PROFILED,
            PROFILES,
            (url) => url.startsWith(prefix),
            isForwardingWrapper,
          ),
        );
        // The same in the plain browser, on a page of its own with the do-nothing hook.
        const hooked = await plain.context.newPage();
        await hooked.addInitScript(PASS_THROUGH);
        await hooked.goto(INBOX_URL);
        await hooked.waitForTimeout(1000);
        await draftSaves(hooked, 2 * COUNT);
        passThrough.push(
          await sampledSaves(hooked, PROFILED, PROFILES, (url) => url === PASS_THROUGH_URL),
        );
      } finally {
        await Promise.all([extension.close(), plain.close()]);
      }
    }
    const paired = stats(withExtension.map((value, run) => value - without[run]!));
    results.push(
      pairedResult(
        {
          name: 'sync-hook-cost',
          unit: 'µs',
          budget: 1.2,
          n: 0,
          note: `${withExtension.length} pairs of back-to-back runs (order alternating; ${BROWSERS} fresh pairs of browsers, ${RUNS_PER_BROWSER} pairs each) of ${COUNT} draft-save sync XHRs, main-thread busy time per request with the extension; floor: the same without it; paired differences ${paired.min.toFixed(0)}…${paired.max.toFixed(0)} µs, median ${paired.median.toFixed(0)} µs${observed ? ' (XHR.send still native: the observer hooks elsewhere)' : ''}. Wall-clock busy time only catches gross regressions; gmail-observer-per-draft-save resolves the observer's own µs`,
        },
        withExtension,
        without,
      ),
    );
    const ours = observer.map((run) =>
      perRequestUs(run, run.samples.extension - run.samples.forwarding),
    );
    const oursStats = stats(ours);
    const median = (values: number[]) => stats(values).median.toFixed(1);
    // Where the highest browser's samples went, so a high value says which of our frames it landed in.
    const highest = observer[ours.indexOf(Math.max(...ours))]!;
    const pageTotal = stats(observer.map((run) => (run.cpuMs * 1000) / run.requests)).median;
    results.push({
      name: 'gmail-observer-per-draft-save',
      unit: 'µs',
      value: oursStats.median,
      floor: pageTotal,
      ratio: oursStats.median / pageTotal,
      ratioIsShare: true,
      budget: 10,
      budgetOn: 'value',
      n: 0,
      runs: oursStats.runs,
      min: oursStats.min,
      max: oursStats.max,
      note: `${PROFILES} × ${PROFILED} draft-save sync XHRs under the CPU profiler (${SAMPLING_US} µs asked) in each of the ${BROWSERS} browsers, pooled per browser: the extension's share of the non-idle samples (each sample counted once: a late one, the renderer descheduled, carries the stall in its time delta) times the renderer main thread's CPU time (TaskDuration, thread ticks) per request, median of the browsers (page world ${median(observer.map((run) => perRequestUs(run, run.samples.pageWorld - run.samples.forwarding)))} µs of it), apart from the samples whose innermost frame is the observer's wrapper of open or send, which only forward (${median(observer.map((run) => perRequestUs(run, run.samples.forwarding)))} µs: the natives' samples outside their own frames, given to their caller; a do-nothing hook of open and send, profiled the same way in the plain browser, is given ${median(passThrough.map((run) => perRequestUs(run, run.samples.extension)))} µs); floor: the renderer main thread's CPU time per request; budget on the value; our frames given the most samples in the highest browser, of its ${highest.samples.total} non-idle samples: ${topFrames(highest.byFrame) || 'none'}`,
    });
  });
});

const FAKE_CLIENT = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');

describe('a Send click in Gmail', () => {
  test('is stored as a touch (or a pending outbox entry) within 2x of a raw write behind the same request', async () => {
    const RUNS = 7;
    const WARMUPS = 1;
    const samples: number[] = [];
    const floors: number[] = [];
    for (let run = -WARMUPS; run < RUNS; run += 1) {
      const session = await launchExtension({ now: 'real' });
      try {
        const latency = await bounded('A send', 60_000, sendToTouch(session, run));
        const floor = await bounded('The send floor', 60_000, sendFloor(session));
        if (run >= 0) {
          samples.push(latency);
          floors.push(floor);
        }
      } finally {
        await session.close();
      }
    }
    results.push(
      pairedResult(
        {
          name: 'gmail-send-to-touch',
          unit: 'ms',
          budget: 2,
          n: 0,
          note: "compose capture + the e2e stand-in for Gmail's client (XHR sync answered by route): Send click to the first of an outbox entry in storage.local or a touch in IndexedDB, fresh profile each run; floor: in the same browser, a listener in the content-script world that on the same trusted click POSTs the same send request to the same route and, on its answer, writes one storage.local key, seen by the same kind of watcher page",
        },
        samples,
        floors,
      ),
    );
  });

  test('meets every budget', () => {
    expect(missedBudgets(results)).toEqual([]);
  });
});

/** One send, timed on the shared wall clock (performance.timeOrigin + now) of both pages. */
async function sendToTouch(session: ExtensionSession, run: number): Promise<number> {
  const send = capture('cvOnSend_response');
  await session.context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0];
    const captureId = /msg-a:r-?\d+/.exec(capture('cvOnSend_request'))?.[0];
    const response = messageId && captureId ? send.split(captureId).join(messageId) : send;
    await route.fulfill({ status: 200, contentType: 'application/json', body: response });
  });
  await serveGmail(session.context, COMPOSE_PAGE);
  // The watcher: an extension page that notices the outbox entry or the stored touch.
  const watcher = await session.context.newPage();
  await watcher.goto(session.extensionUrl('options.html'));
  await watcher.evaluate(() => {
    const w = window as unknown as { storedAt?: number };
    const seen = () => (w.storedAt ??= performance.timeOrigin + performance.now());
    chrome.storage.onChanged.addListener((changes) => {
      if (Object.keys(changes).some((key) => key.startsWith('outbox:'))) seen();
    });
    const open = indexedDB.open('fifth-touch');
    open.onsuccess = () => {
      const db = open.result;
      const poll = () => {
        if (w.storedAt) return;
        const count = db.transaction('touches').objectStore('touches').count();
        count.onsuccess = () => (count.result > 0 ? seen() : setTimeout(poll, 2));
      };
      poll();
    };
  });
  const page = await session.context.newPage();
  await page.addInitScript(
    (value) => {
      (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = value;
    },
    {
      template: capture('cvOnSend_request'),
      captureId: 'msg-a:r8190137112111191537',
      recipient: [
        '"test+1@gmail.com", "Test Test"',
        `"jane.doe${run + 10}@acme.example", "Jane Doe"`,
      ],
      captureSubject: 'subject_111',
      replace: [],
      transport: 'xhr',
      syncUrl: '/sync/u/0/i/s?hl=en&c=7',
      undoWindow: false,
    },
  );
  await page.addInitScript({ path: FAKE_CLIENT });
  await page.goto(INBOX_URL);
  await page.locator('fifth-touch-due-count').waitFor({ state: 'attached' });
  await page.locator('textarea[name="to"]').evaluate(
    (field, value) => {
      (field as HTMLTextAreaElement).value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    `Jane Doe <jane.doe${run + 10}@acme.example>`,
  );
  await page.locator('input[name="subjectbox"]').fill('Renewal numbers for Acme');
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    const w = window as unknown as { clickedAt?: number };
    window.addEventListener(
      'click',
      () => (w.clickedAt ??= performance.timeOrigin + performance.now()),
      { capture: true },
    );
  });
  await page.locator('div.T-I.aoO').click();
  const storedAt = await watcher
    .waitForFunction(() => (window as unknown as { storedAt?: number }).storedAt, undefined, {
      timeout: 30_000,
      polling: 20,
    })
    .then((handle) => handle.jsonValue() as Promise<number>);
  const clickedAt = await page.evaluate(
    () => (window as unknown as { clickedAt: number }).clickedAt,
  );
  return storedAt - clickedAt;
}

/**
 * The send's floor: the same click on the same Send button, answered the plainest way from the
 * content-script world: the same sync request POSTed (answered by the same route) and, once
 * answered, one storage.local write, noticed by a watcher page. Timed like sendToTouch.
 */
async function sendFloor(session: ExtensionSession): Promise<number> {
  const KEY = 'bench-floor-send';
  const watcher = await session.context.newPage();
  await watcher.goto(session.extensionUrl('options.html'));
  await watcher.evaluate((key) => {
    const w = window as unknown as { storedAt?: number };
    chrome.storage.onChanged.addListener((changes) => {
      if (key in changes) w.storedAt ??= performance.timeOrigin + performance.now();
    });
  }, KEY);
  const page = await session.context.newPage();
  await page.goto(INBOX_URL);
  await page.locator('fifth-touch-due-count').waitFor({ state: 'attached' });
  await evaluateInContentScript(
    page,
    `(() => {
      const body = ${JSON.stringify(capture('cvOnSend_request'))};
      document.querySelector('div.T-I.aoO').addEventListener('click', (event) => {
        if (!event.isTrusted) return;
        fetch('/sync/u/0/i/s?hl=en&c=8', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
          .then((response) => response.text())
          .then(() => chrome.storage.local.set({ ${JSON.stringify(KEY)}: Date.now() }));
      });
    })()`,
    { extensionId: session.extensionId },
  );
  await page.evaluate(() => {
    const w = window as unknown as { clickedAt?: number };
    window.addEventListener(
      'click',
      () => (w.clickedAt ??= performance.timeOrigin + performance.now()),
      { capture: true },
    );
  });
  await page.locator('div.T-I.aoO').click();
  const storedAt = await watcher
    .waitForFunction(() => (window as unknown as { storedAt?: number }).storedAt, undefined, {
      timeout: 30_000,
      polling: 20,
    })
    .then((handle) => handle.jsonValue() as Promise<number>);
  const clickedAt = await page.evaluate(
    () => (window as unknown as { clickedAt: number }).clickedAt,
  );
  await Promise.all([page.close(), watcher.close()]);
  return storedAt - clickedAt;
}
