/// <reference types="chrome" />
// A touch still in the Gmail content script's outbox when the browser quits is stored once the
// browser starts again on the same profile. The send is made with a real click in a Gmail compose
// (the fake client POSTs the captured sync request), while the background cannot finish the write:
// an extension page holds a read-write transaction on the touches, so the worker's recordSend
// waits, and the worker is stopped mid-write. Then the browser quits, and a new browser on the
// same profile must store the touch from the outbox exactly once.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { OUTBOX_PREFIX, type OutboxEntry } from '../../lib/outbox/outbox';
import {
  launchExtension,
  projectRoot,
  readDatabase,
  sharedFixture,
  stopServiceWorker,
  waitForWorker,
  type DatabaseRows,
  type ExtensionSession,
  until,
} from './harness';
import { isTopLevelNavigation } from './sites';

const capture = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const FAKE_CLIENT = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');
const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const CAPTURE_ID = 'msg-a:r8190137112111191537';
const SUBJECT = 'Sent just before the browser quit';

let profile: string;
let session: ExtensionSession | undefined;

beforeEach(async () => {
  profile = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-restart-'));
});
afterEach(async () => {
  await session?.close();
  session = undefined;
  await rm(profile, { recursive: true, force: true });
});

/** Gmail's compose page with the fake client, and its sync POST answered with the capture. */
async function openCompose(context: BrowserContext): Promise<Page> {
  await context.route('https://mail.google.com/**', (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html', body: COMPOSE_PAGE });
  });
  await context.route('https://mail.google.com/sync/**', (route: Route) => {
    const messageId = /msg-a:r-?\d+/.exec(route.request().postData() ?? '')?.[0] ?? CAPTURE_ID;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: capture('cvOnSend_response').split(CAPTURE_ID).join(messageId),
    });
  });
  const page = await context.newPage();
  await page.addInitScript(
    (config) => {
      (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = config;
    },
    {
      template: capture('cvOnSend_request'),
      captureId: CAPTURE_ID,
      replace: [],
      recipient: ['"test+1@gmail.com", "Test Test"', '"jane.doe@acme.example", "Jane Doe"'],
      captureSubject: 'subject_111',
      transport: 'xhr',
      syncUrl: '/sync/u/0/i/s?hl=en&c=7',
      undoWindow: false,
    },
  );
  await page.addInitScript({ path: FAKE_CLIENT });
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await page.locator('fifth-touch-due-count').waitFor({ state: 'attached' });
  await page.locator('textarea[name="to"]').evaluate((field) => {
    (field as HTMLTextAreaElement).value = 'Jane Doe <jane.doe@acme.example>';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.locator('input[name="subjectbox"]').fill(SUBJECT);
  return page;
}

/**
 * An extension page (an image of the extension: no script of ours runs in it) that keeps a
 * read-write transaction on the prospects and touches open until the page goes, so no write to
 * them can commit meanwhile. It can still count the touches inside its own transaction.
 */
async function holdTheStore(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('icon/128.png'));
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('fifth-touch');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction(['prospects', 'touches'], 'readwrite');
          const scope = globalThis as { touchCount?: number };
          // A request always in flight keeps the transaction alive.
          const spin = () => {
            const count = tx.objectStore('touches').count();
            count.onsuccess = () => {
              scope.touchCount = count.result;
              spin();
            };
          };
          spin();
          resolve();
        };
      }),
  );
  return page;
}

async function outboxEntries(page: Page): Promise<[string, OutboxEntry][]> {
  const stored = await page.evaluate(() => chrome.storage.local.get(null));
  return Object.entries(stored).filter(([key]) => key.startsWith(OUTBOX_PREFIX)) as [
    string,
    OutboxEntry,
  ][];
}

test('a touch pending in the outbox when the browser quits is stored exactly once after a restart', async () => {
  session = await launchExtension({ userDataDir: profile });
  const first = session;
  // The worker creates the schema on its first turn.
  await until(
    () => first.worker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    (names) => names.includes('fifth-touch'),
  );
  const compose = await openCompose(first.context);
  const lock = await holdTheStore(first);
  await stopServiceWorker(first.context);

  await compose.locator('div.T-I.aoO').click();
  // The send is in the outbox for delivery (no longer held for Gmail's undo window) ...
  const [[key, entry]] = (await until(
    () => outboxEntries(lock),
    (entries) => entries.length === 1 && entries[0]![1].notBefore === undefined,
  )) as [[string, OutboxEntry]];
  expect(entry.send).toMatchObject({
    channel: 'email',
    summary: SUBJECT,
    recipients: [expect.objectContaining({ email: 'jane.doe@acme.example' })],
  });
  // ... and the worker it woke waits on the store: stopped now, mid-write, nothing stored.
  await stopServiceWorker(first.context);
  expect(await lock.evaluate(() => (globalThis as { touchCount?: number }).touchCount)).toBe(0);
  expect((await outboxEntries(lock)).map(([name]) => name)).toEqual([key]);

  // The browser quits with the touch still pending.
  await first.close();
  session = undefined;

  // The same profile a moment later: the browser's clock goes on from where it stopped.
  session = await launchExtension({ userDataDir: profile, now: first.now() });
  const second = session;
  expect(second.extensionId).toBe(first.extensionId);
  const stored = await until(
    () => readDatabase(second.context, second.extensionId),
    (rows: DatabaseRows) => rows.touches.length > 0,
  );
  // A later worker life drains again: nothing is left to store twice.
  await stopServiceWorker(second.context);
  await waitForWorker(second.context, second.extensionId);
  const settled = await readDatabase(second.context, second.extensionId);
  expect(settled.touches).toEqual(stored.touches);
  expect(settled.touches).toHaveLength(1);
  expect(settled.touches[0]).toMatchObject({
    summary: SUBJECT,
    channel: 'email',
    confirmed: true,
    prospectId: settled.prospects[0]?.id,
  });
  expect(settled.prospects).toHaveLength(1);
  expect(settled.prospects[0]).toMatchObject({ emails: ['jane.doe@acme.example'] });
  const page = await second.context.newPage();
  await page.goto(second.extensionUrl('icon/128.png'));
  expect(await outboxEntries(page)).toEqual([]);
});
