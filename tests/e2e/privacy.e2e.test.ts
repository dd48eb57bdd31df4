// Privacy and least privilege, proved on the built extension in Chromium. Every request of every
// context is recorded while the extension is used for real (worker start, side panel, options, a
// Gmail send, a LinkedIn send): Playwright's request events (pages, frames and service workers) and,
// underneath them, Chromium's own network log, which sees any request that got past the test's
// interception. Nothing may go anywhere but the extension's own files and the fixture pages; and
// the pages' requests with the extension loaded must be exactly those without it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type BrowserContext,
  type Page,
  type Request,
  type Route,
} from 'playwright-core';
import {
  chromeBuildDir,
  chromiumPath,
  CHROMIUM_FLAGS,
  findWorker,
  projectRoot,
  readDatabase,
  sendFromContentScript,
  sharedFixture,
} from './harness';
import { blockExternalRequests, isTopLevelNavigation } from './sites';

// ---- The manifest and the files ----

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the manifest asks for no more than the extension uses', () => {
  test('permissions, hosts, content scripts, CSP and web-accessible resources', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(chromeBuildDir, 'manifest.json'), 'utf8'),
    ) as {
      permissions?: string[];
      optional_permissions?: string[];
      host_permissions?: string[];
      optional_host_permissions?: string[];
      content_scripts?: { matches: string[] }[];
      content_security_policy?: { extension_pages?: string; sandbox?: string };
      web_accessible_resources?: { matches: string[]; resources: string[] }[];
      externally_connectable?: unknown;
      update_url?: string;
      sandbox?: unknown;
    };
    expect([...(manifest.permissions ?? [])].sort()).toEqual(
      ['alarms', 'notifications', 'sidePanel', 'storage', 'unlimitedStorage'].sort(),
    );
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([
      'https://mail.google.com/*',
      'https://www.linkedin.com/*',
    ]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    const matches = new Set((manifest.content_scripts ?? []).flatMap((script) => script.matches));
    expect([...matches].sort()).toEqual([
      'https://mail.google.com/*',
      'https://www.linkedin.com/*',
    ]);
    expect(manifest.content_security_policy?.extension_pages).toBe(
      "script-src 'self'; object-src 'none'; base-uri 'none'",
    );
    expect(manifest.content_security_policy?.sandbox).toBeUndefined();
    for (const resource of manifest.web_accessible_resources ?? []) {
      for (const match of resource.matches) {
        expect(match).not.toMatch(/linkedin|<all_urls>|^\*:\/\/\*\//);
      }
    }
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.update_url).toBeUndefined();
    expect(manifest.sandbox).toBeUndefined();
  });

  test('every permission asked for is used by the code that ships', () => {
    const code = builtFiles(chromeBuildDir)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // unlimitedStorage has no API: it lifts the quota the store would otherwise hit (SECURITY.md).
    expect(code).toMatch(/\.storage\.local\.(get|set)\(/);
    expect(code).toMatch(/\.alarms\.(create|onAlarm)\b/);
    expect(code).toMatch(/\.notifications\.(create|onClicked)\b/);
    expect(code).toMatch(/\.sidePanel\.(open|setPanelBehavior)\b/);
  });

  test('no remote code: no eval, no Function constructor, pages load only their own scripts', () => {
    for (const file of builtFiles(chromeBuildDir)) {
      if (file.endsWith('.js')) {
        const code = readFileSync(file, 'utf8');
        expect(code, file).not.toMatch(/\beval\(|new Function\(|importScripts\(/);
        expect(code, file).not.toMatch(/import\(\s*["'`]https?:/);
      }
      if (file.endsWith('.html')) {
        const html = readFileSync(file, 'utf8');
        for (const [, src] of html.matchAll(
          /<(?:script|link|iframe|img)\b[^>]*(?:src|href)="([^"]*)"/g,
        )) {
          expect(src, file).toMatch(/^\/(?!\/)/);
        }
      }
    }
  });
});

// ---- Every request while the extension is used ----

interface Recorded {
  url: string;
  from: 'worker' | 'extension-page' | 'page';
  pageUrl: string;
  method: string;
}

const CAPTURE = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const THREAD_CAPTURE = readFileSync(
  sharedFixture('linkedin/dom/messaging-thread-2025.html'),
  'utf8',
);
const FAKE_GMAIL = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');
const FAKE_LINKEDIN = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/fake-linkedin-client.js'),
  'utf8',
);
const LINKEDIN_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';

interface Browser {
  context: BrowserContext;
  netLog: string;
  /** Closes Chromium, which finishes the network log. */
  close(): Promise<void>;
  remove(): Promise<void>;
}

/** Chromium with (or without) the extension, offline, writing its network log. */
async function launch(withExtension: boolean): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-privacy-'));
  const netLog = path.join(userDataDir, 'netlog.json');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      ...(withExtension
        ? [`--disable-extensions-except=${chromeBuildDir}`, `--load-extension=${chromeBuildDir}`]
        : []),
      ...CHROMIUM_FLAGS,
      `--log-net-log=${netLog}`,
      '--net-log-capture-mode=Default',
    ],
  });
  await blockExternalRequests(context);
  return {
    context,
    netLog,
    async close() {
      await context.close().catch(() => undefined);
    },
    async remove() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function record(context: BrowserContext, log: Recorded[]): void {
  context.on('request', (request: Request) => {
    const worker = request.serviceWorker();
    let pageUrl = '';
    try {
      pageUrl = worker ? worker.url() : request.frame().url();
    } catch {
      pageUrl = '';
    }
    log.push({
      url: request.url(),
      method: request.method(),
      from: worker
        ? 'worker'
        : pageUrl.startsWith('chrome-extension://')
          ? 'extension-page'
          : 'page',
      pageUrl,
    });
  });
}

/** Gmail's sync answered with the capture; LinkedIn's createMessage with what LinkedIn returns. */
async function answerSites(context: BrowserContext): Promise<void> {
  await context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0];
    const captureId = /msg-a:r-?\d+/.exec(CAPTURE('cvOnSend_request'))?.[0];
    let response = CAPTURE('cvOnSend_response');
    if (messageId && captureId) response = response.split(captureId).join(messageId);
    await route.fulfill({ status: 200, contentType: 'application/json', body: response });
  });
  await context.route('https://www.linkedin.com/voyager/api/**', async (route: Route) => {
    const parsed = JSON.parse(route.request().postData() ?? '{}') as {
      message?: { conversationUrn?: string; originToken?: string };
      mailboxUrn?: string;
    };
    const uuid = Buffer.from(LINKEDIN_THREAD.slice(2), 'base64').toString();
    const messageId = `2-${Buffer.from(`${Date.now()}b1-100&${uuid}`).toString('base64')}`;
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        value: {
          entityUrn: `urn:li:msg_message:(${parsed.mailboxUrn},${messageId})`,
          backendConversationUrn: `urn:li:messagingThread:${LINKEDIN_THREAD}`,
          conversationUrn: `urn:li:msg_conversation:(${parsed.mailboxUrn},${LINKEDIN_THREAD})`,
          originToken: parsed.message?.originToken,
          deliveredAt: Date.now(),
        },
      }),
    });
  });
  for (const [glob, html] of [
    ['https://mail.google.com/**', COMPOSE_PAGE],
    [
      'https://www.linkedin.com/**',
      THREAD_CAPTURE.replace(
        '</body>',
        `<script data-config='${JSON.stringify({ mailbox: MAILBOX, enterSends: true })}'>${FAKE_LINKEDIN}</script></body>`,
      ),
    ],
  ] as const) {
    await context.route(glob, (route: Route) => {
      const request = route.request();
      if (!isTopLevelNavigation(request)) {
        return route.fallback();
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
  }
}

/** A Gmail send with the Send button and a LinkedIn send with Enter, as a user does them. */
async function useBothSites(context: BrowserContext): Promise<Page[]> {
  const gmail = await context.newPage();
  await gmail.addInitScript((config) => Object.assign(window, { fakeGmailConfig: config }), {
    template: CAPTURE('cvOnSend_request'),
    captureId: 'msg-a:r8190137112111191537',
    recipient: ['"test+1@gmail.com", "Test Test"', '"jane.doe@acme.example", "Jane Doe"'],
    captureSubject: 'subject_111',
    replace: [],
    transport: 'xhr',
    syncUrl: '/sync/u/0/i/s?hl=en&c=7',
    undoWindow: false,
  });
  await gmail.addInitScript({ path: FAKE_GMAIL });
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  await gmail.locator('textarea[name="to"]').evaluate((field) => {
    (field as HTMLTextAreaElement).value = 'Jane Doe <jane.doe@acme.example>';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await gmail.locator('input[name="subjectbox"]').fill('Renewal numbers for Acme');
  await gmail.waitForTimeout(500);
  await gmail.locator('div.T-I.aoO').click();
  await expect
    .poll(() =>
      gmail.evaluate(() => (window as unknown as { fakeGmailLog: string[] }).fakeGmailLog),
    )
    .toEqual(['send', 'status:200']);

  const linkedin = await context.newPage();
  await linkedin.goto(`https://www.linkedin.com/messaging/thread/${LINKEDIN_THREAD}/`);
  await linkedin.waitForTimeout(500);
  await linkedin.locator('.msg-form__contenteditable').click();
  await linkedin.keyboard.type('Following up with the deck');
  await linkedin.keyboard.press('Enter');
  return [gmail, linkedin];
}

/**
 * Every request a page, worker or extension context got to Chromium's network stack (its
 * URL_REQUEST_START_JOB has an origin as initiator), from the net log. The browser's own services
 * (update checks, autofill, spelling dictionaries) start theirs with no origin and are not ours.
 */
function netLogRequestsFromContexts(file: string): string[] {
  if (!existsSync(file)) throw new Error(`No network log at ${file}`);
  const text = readFileSync(file, 'utf8').trim();
  type NetLog = {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; params?: { url?: string; initiator?: string } }[];
  };
  let log: NetLog;
  try {
    log = JSON.parse(text) as NetLog;
  } catch {
    // A log cut at exit lacks its closing brackets.
    log = JSON.parse(`${text.replace(/,\s*$/, '')}]}`) as NetLog;
  }
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const starts = log.events.filter((e) => e.type === start && e.params?.url);
  // Not vacuous: the log did record requests (the browser's own, blocked by the missing network).
  if (starts.length === 0) throw new Error('The network log recorded no request at all');
  return starts
    .filter(({ params }) => params?.initiator && params.initiator !== 'not an origin')
    .map(({ params }) => `${params!.initiator} → ${params!.url}`);
}

const key = (request: Recorded) => {
  const url = new URL(request.url);
  return `${request.method} ${url.origin}${url.pathname}`;
};

describe('nothing leaves the machine', () => {
  test('no extension context requests anything outside the extension, and the content scripts add no request to the pages', async () => {
    const withExtension = await launch(true);
    const seen: Recorded[] = [];
    let touches = 0;
    try {
      record(withExtension.context, seen);
      const worker = await findWorker(withExtension.context);
      const extensionId = new URL(worker.url()).host;
      await answerSites(withExtension.context);

      // Extension pages: the side panel (and its lazy report) and the options page.
      const panel = await withExtension.context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await panel.getByRole('heading', { name: 'Fifth Touch' }).first().waitFor();
      await panel.getByRole('button', { name: 'Friday report' }).click();
      await panel.getByRole('table', { name: 'Your persistence' }).waitFor();
      const options = await withExtension.context.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.getByRole('heading', { name: 'Diagnostics' }).waitFor();

      const [gmail] = await useBothSites(withExtension.context);
      await expect
        .poll(async () => (await readDatabase(withExtension.context, extensionId)).touches.length, {
          timeout: 20_000,
        })
        .toBe(2);
      touches = 2;
      // The worker's own jobs: the digest and badge run, as the refresh alarm would.
      expect((await sendFromContentScript(gmail!, 'countDue', undefined)).err).toBeUndefined();
      await worker.evaluate(() => chrome.alarms.getAll());
    } finally {
      await withExtension.close();
    }
    expect(touches).toBe(2);

    // The extension's own contexts ask only for their own files.
    const extensionRequests = seen.filter((r) => r.from !== 'page');
    expect(extensionRequests.length).toBeGreaterThan(0);
    for (const request of extensionRequests) {
      expect(request.url, `${request.from} ${request.pageUrl}`).toMatch(/^chrome-extension:\/\//);
    }
    // Page requests: the fixture documents and the stand-in clients' own API calls, all answered
    // by the test, and whatever the captured pages reference (blocked).
    const pageRequests = seen.filter((r) => r.from === 'page');
    expect(pageRequests.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^https:\/\/mail\.google\.com\/sync\//),
        expect.stringMatching(/^https:\/\/www\.linkedin\.com\/voyager\/api\//),
      ]),
    );
    for (const request of pageRequests) expect(request.url).not.toMatch(/^chrome-extension:/);

    // Below the interception: no page, worker or extension context reached the network stack.
    const network = netLogRequestsFromContexts(withExtension.netLog);
    await withExtension.remove();
    expect(network).toEqual([]);

    // Without the extension, the same pages and the same sends make the same requests.
    const without = await launch(false);
    const baseline: Recorded[] = [];
    try {
      record(without.context, baseline);
      await answerSites(without.context);
      await useBothSites(without.context);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      await without.remove();
    }
    const expected = new Set(baseline.map(key));
    const added = [...new Set(pageRequests.map(key))].filter((k) => !expected.has(k));
    expect(added).toEqual([]);
  });
});
