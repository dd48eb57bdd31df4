/// <reference types="chrome" />
// Smoke test of the Firefox build in Debian's stock Firefox ESR: installed as a temporary add-on
// over WebDriver BiDi, its event-page background answering an extension page, its pages rendering,
// both Gmail content scripts injected on the real Gmail URL, and a send in a Gmail compose stored
// in the extension's IndexedDB. One browser for the file: Firefox takes seconds to start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { projectRoot, sharedFixture } from '../paths';
import { isTopLevelNavigation, serveGmail } from '../sites';
import type { DatabaseRows } from '../database';
import {
  GECKO_ID,
  launchFirefoxExtension,
  readDatabase,
  withExtensionPage,
  type FirefoxExtensionSession,
} from './harness';

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};
const HOSTS = ['https://mail.google.com/*', 'https://www.linkedin.com/*'];
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
/** The compose capture's own draft id: the id its send request carries. */
const COMPOSE_DRAFT_ID = 'msg-a:r-7673660351152959857';

let session: FirefoxExtensionSession;

beforeAll(async () => {
  session = await launchFirefoxExtension();
});

afterAll(async () => {
  await session?.close();
});

describe('the Firefox build in Firefox ESR', () => {
  test('installs with its manifest and host permissions, and its background answers a ping from an extension page', async () => {
    const seen = await withExtensionPage(
      session.bidi,
      session.extensionUrl('sidepanel.html'),
      (page) =>
        page.evaluate(
          async (hosts: string[]) => ({
            manifest: chrome.runtime.getManifest(),
            hostsGranted: await chrome.permissions.contains({ origins: hosts }),
            // @webext-core/messaging's wire format, as lib/messages sends it.
            ping: (await chrome.runtime.sendMessage({
              id: 1,
              type: 'ping',
              data: undefined,
              timestamp: Date.now(),
            })) as unknown,
          }),
          HOSTS,
        ),
    );
    expect(session.extensionId).toBe(GECKO_ID);
    expect(seen.manifest).toMatchObject({
      manifest_version: 3,
      name: 'Fifth Touch',
      version: packageJson.version,
      // Firefox's getManifest() answers with the extension's URLs resolved.
      background: { scripts: [session.extensionUrl('background.js')] },
      sidebar_action: { default_panel: session.extensionUrl('sidepanel.html') },
      browser_specific_settings: { gecko: { id: GECKO_ID } },
    });
    expect([...(seen.manifest.host_permissions ?? [])].sort()).toEqual(HOSTS);
    expect(seen.hostsGranted).toBe(true);
    expect(seen.ping).toEqual({ res: { version: packageJson.version } });
  });

  test('renders the side panel and options pages', async () => {
    const headingOf = (page: string) =>
      withExtensionPage(session.bidi, session.extensionUrl(page), (extensionPage) =>
        extensionPage.evaluate(async () => {
          // React renders after the document's load: wait for it, a few seconds at most.
          for (let i = 0; i < 100; i++) {
            const heading = document.querySelector('h1');
            if (heading?.textContent) return { title: document.title, h1: heading.textContent };
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return { title: document.title, h1: null };
        }, undefined),
      );
    expect(await headingOf('sidepanel.html')).toEqual({
      title: 'Fifth Touch',
      h1: 'Fifth Touch',
    });
    expect((await headingOf('options.html')).h1).toBe('Fifth Touch settings');
  });
});

describe('Gmail in Firefox ESR', () => {
  test('a captured thread gets both content scripts: the page-world observer and the isolated script', async () => {
    await serveGmail(session.context, sharedFixture('gmail/dom/thread-view-2025.html'));
    const page = await session.context.newPage();
    try {
      await page.goto(THREAD_URL);
      // The isolated script mounts the due pill's host once the page's DOM is there; the two
      // worlds share nothing the page can see but that host.
      await page.locator('fifth-touch-due-count').waitFor({ state: 'attached', timeout: 10_000 });
      const wrapped = await page.evaluate(() => {
        const isNative = (fn: unknown) =>
          /\[native code\]/.test(Function.prototype.toString.call(fn));
        return {
          fetch: !isNative(window.fetch),
          xhrSend: !isNative(XMLHttpRequest.prototype.send),
        };
      });
      expect(wrapped).toEqual({ fetch: true, xhrSend: true });
      expect(await page.title()).toContain('Inbox (14)');
    } finally {
      await page.close();
    }
  });

  test("a compose sent with the Send button is stored once as a confirmed touch in the extension's IndexedDB", async () => {
    const capture = (name: string) =>
      readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
    await session.context.route('https://mail.google.com/**', (route: Route) => {
      const request = route.request();
      if (!isTopLevelNavigation(request)) {
        return route.fallback();
      }
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8'),
      });
    });
    // Gmail's sync answer from the capture, its message id swapped for the compose's draft id (the
    // one the fake client sends). Firefox's BiDi gives Playwright no request bodies: postData() is
    // empty there, so the id cannot be read off the request as the Chromium suite does.
    let syncRequests = 0;
    const captureId = /msg-a:r-?\d+/.exec(capture('cvOnSend_request'))?.[0] ?? '';
    await session.context.route('https://mail.google.com/sync/**', (route: Route) => {
      syncRequests++;
      return route.fulfill({
        contentType: 'application/json; charset=utf-8',
        body: capture('cvOnSend_response').split(captureId).join(COMPOSE_DRAFT_ID),
      });
    });

    const page = await session.context.newPage();
    try {
      await page.addInitScript(
        (config) => {
          (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = config;
        },
        {
          template: capture('cvOnSend_request'),
          captureId: 'msg-a:r8190137112111191537',
          replace: [],
          recipient: ['"test+1@gmail.com", "Test Test"', '"jane.doe@acme.example", "Jane Doe"'],
          captureSubject: 'subject_111',
          transport: 'xhr',
          syncUrl: '/sync/u/0/i/s?hl=en&c=7',
          undoWindow: false,
        },
      );
      await page.addInitScript({
        path: path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js'),
      });
      await page.goto(INBOX_URL);
      await page.locator('fifth-touch-due-count').waitFor({ state: 'attached', timeout: 10_000 });

      await page.locator('textarea[name="to"]').evaluate((field, value) => {
        (field as HTMLTextAreaElement).value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }, 'Jane Doe <jane.doe@acme.example>');
      await page.locator('input[name="subjectbox"]').fill('Renewal numbers for Firefox');
      const before = session.now();
      await page.locator('div.T-I.aoO').click();

      let rows: DatabaseRows | undefined;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
        rows = await readDatabase(session.bidi, session.extensionUrl('sidepanel.html'));
        if (rows.touches.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(syncRequests).toBe(1);
      expect(rows?.prospects).toHaveLength(1);
      expect(rows?.prospects[0]).toMatchObject({
        name: 'Jane Doe',
        emails: ['jane.doe@acme.example'],
        touchCount: 1,
      });
      expect(rows?.touches).toHaveLength(1);
      expect(rows?.touches[0]).toMatchObject({
        prospectId: rows?.prospects[0]?.id,
        channel: 'email',
        direction: 'out',
        summary: 'Renewal numbers for Firefox',
        confirmed: true,
        source: 'detected',
        account: '/mail/u/0',
        threadId: 'thread-a:r263523620390330024',
        // The capture's response gives the legacy thread id the link needs.
        link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
        dedupeKey: `email:gmail:${COMPOSE_DRAFT_ID}:${rows?.prospects[0]?.id}`,
      });
      expect(rows?.touches[0]?.at).toBeGreaterThanOrEqual(before - 1_000);
    } finally {
      await page.close();
    }
  });
});
