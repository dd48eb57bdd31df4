/// <reference types="chrome" />
// The foundation, end to end: the built extension in Chromium, its worker, its side panel, and a
// send message from the real Gmail URL stored in the extension's IndexedDB, across a worker stop.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { DetectedSend } from '../../lib/model';
import {
  isWorkerRunning,
  launchExtension,
  projectRoot,
  readDatabase,
  sendFromContentScript,
  serveGmail,
  serveLinkedIn,
  sharedFixture,
  stopServiceWorker,
  waitForWorker,
  type ExtensionSession,
} from './harness';

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};

// The thread in the real capture; the recipient is invented, like every address in the fixtures,
// and at another company than the account the capture is signed in to (person1@example.com,
// whose domain the extension learns as the rep's own).
const GMAIL_THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';

function gmailSend(overrides: Partial<DetectedSend> = {}): DetectedSend {
  return {
    channel: 'email',
    at: session.now(),
    sendKey: 'msg-f:1828907528778129395',
    summary:
      '  Re: The PagerDuty Subscription for acmeco\n is within 30 days of its auto renewal date ',
    link: GMAIL_THREAD_URL,
    threadId: 'thread-f:1828907528778129395',
    account: '/mail/u/0',
    confirmed: true,
    recipients: [{ email: ' Jane.Doe@Example.org ', name: 'Jane Doe', role: 'to' }],
    ...overrides,
  };
}

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

async function openGmailThread(): Promise<Page> {
  await serveGmail(session.context, sharedFixture('gmail/dom/thread-view-2025.html'));
  const page = await session.context.newPage();
  await page.goto(GMAIL_THREAD_URL);
  return page;
}

describe('the built extension in Chromium', () => {
  test('loads with its worker running and the manifest it was built with', async () => {
    expect(session.worker.url()).toBe(`chrome-extension://${session.extensionId}/background.js`);
    expect(await isWorkerRunning(session.context, session.extensionId)).toBe(true);

    const manifest = await session.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest).toMatchObject({
      manifest_version: 3,
      name: 'Fifth Touch',
      version: packageJson.version,
      background: { service_worker: 'background.js' },
      side_panel: { default_path: 'sidepanel.html' },
    });
    expect(manifest.permissions).toEqual(
      expect.arrayContaining([
        'storage',
        'unlimitedStorage',
        'alarms',
        'notifications',
        'sidePanel',
      ]),
    );
    expect([...(manifest.host_permissions ?? [])].sort()).toEqual([
      'https://mail.google.com/*',
      'https://www.linkedin.com/*',
    ]);
    const matches = (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);
    expect(matches).toEqual(
      expect.arrayContaining(['https://mail.google.com/*', 'https://www.linkedin.com/*']),
    );
  });

  test('renders the side panel page without errors', async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(session.extensionUrl('sidepanel.html'));

    const heading = page.getByRole('heading', { name: 'Fifth Touch' }).first();
    await heading.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await heading.textContent()).toContain('Fifth Touch');
    expect(await page.title()).toBe('Fifth Touch');
    expect(errors).toEqual([]);
  });

  test('answers a ping from the LinkedIn content script with its version', async () => {
    await serveLinkedIn(session.context, sharedFixture('linkedin/dom/profile-2025.html'));
    const page = await session.context.newPage();
    await page.goto('https://www.linkedin.com/in/jane-doe-42/');

    const reply = await sendFromContentScript(page, 'ping', undefined, {
      extensionId: session.extensionId,
    });
    expect(reply).toEqual({ res: { version: packageJson.version } });
  });
});

describe('the harness', () => {
  test('lets no request the test did not route leave the machine', async () => {
    const page = await session.context.newPage();
    await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    await serveGmail(session.context, '<!doctype html><title>Served</title><h1>Inbox</h1>');
    const gmail = await session.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/');
    expect(await gmail.title()).toBe('Served');
    const failed = gmail.waitForEvent('requestfailed', {
      predicate: (request) => request.url().startsWith('https://ssl.gstatic.com/'),
    });
    await gmail.evaluate(() => {
      void fetch('https://ssl.gstatic.com/ui/v1/icons/mail/images/cleardot.gif').catch(() => {});
    });
    // `.Inspector`: blocked by the test's interception, not by a missing network.
    expect((await failed).failure()?.errorText).toBe('net::ERR_BLOCKED_BY_CLIENT.Inspector');
  });
});

describe('a send from the Gmail content script', () => {
  test('reaches the background and is stored as a prospect and a touch', async () => {
    const page = await openGmailThread();
    const send = gmailSend();

    const reply = await sendFromContentScript(page, 'recordSend', send, {
      extensionId: session.extensionId,
    });
    expect(reply.err).toBeUndefined();
    expect(reply.res?.skipped).toBe(0);
    expect(reply.res?.touches).toHaveLength(1);
    expect(reply.res?.touches[0]?.duplicate).toBe(false);

    const { prospects, touches } = await readDatabase(session.context, session.extensionId);
    expect(prospects).toHaveLength(1);
    expect(prospects[0]).toMatchObject({
      id: reply.res?.touches[0]?.prospectId,
      name: 'Jane Doe',
      emails: ['jane.doe@example.org'],
      status: 'active',
      touchCount: 1,
      lastTouchAt: send.at,
    });
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({
      id: reply.res?.touches[0]?.touchId,
      prospectId: prospects[0]?.id,
      channel: 'email',
      direction: 'out',
      at: send.at,
      summary:
        'Re: The PagerDuty Subscription for acmeco is within 30 days of its auto renewal date',
      link: GMAIL_THREAD_URL,
      threadId: 'thread-f:1828907528778129395',
      account: '/mail/u/0',
      source: 'detected',
      confirmed: true,
    });
  });

  test('sent twice is stored once', async () => {
    const page = await openGmailThread();
    const send = gmailSend();
    const options = { extensionId: session.extensionId };

    const first = await sendFromContentScript(page, 'recordSend', send, options);
    const second = await sendFromContentScript(page, 'recordSend', send, options);
    expect(first.res?.touches[0]?.duplicate).toBe(false);
    expect(second.res?.touches[0]).toEqual({ ...first.res?.touches[0], duplicate: true });

    const { prospects, touches } = await readDatabase(session.context, session.extensionId);
    expect(prospects).toHaveLength(1);
    expect(touches.map((touch) => touch.id)).toEqual([first.res?.touches[0]?.touchId]);
  });

  test('with an invalid payload is rejected with an error naming the field, and stores nothing', async () => {
    const page = await openGmailThread();
    const options = { extensionId: session.extensionId };
    const invalid = { ...gmailSend(), recipients: [{ email: 'not an address', role: 'to' }] };

    const reply = await sendFromContentScript(page, 'recordSend', invalid, options);
    expect(reply.res).toBeUndefined();
    expect(reply.err?.message).toMatch(/^Invalid recordSend message: recipients\.0\.email: /);

    const missing = await sendFromContentScript(
      page,
      'recordSend',
      { ...gmailSend(), sendKey: undefined },
      options,
    );
    expect(missing.err?.message).toMatch(/sendKey/);

    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.prospects).toEqual([]);
    expect(rows.touches).toEqual([]);
    expect(rows.outcomes).toEqual([]);
  });

  test('is still stored after the service worker was stopped', async () => {
    const page = await openGmailThread();
    const options = { extensionId: session.extensionId };
    await sendFromContentScript(page, 'recordSend', gmailSend(), options);
    // A mark in the worker's memory: a restarted worker is a new life without it.
    await session.worker.evaluate(() => {
      (globalThis as { workerLife?: string }).workerLife = 'before the stop';
    });

    await stopServiceWorker(session.context);
    expect(await isWorkerRunning(session.context, session.extensionId)).toBe(false);

    const later = gmailSend({
      sendKey: 'msg-f:1828907528778129999',
      summary: 'A case study on renewals',
      recipients: [{ email: 'sam.lee@example.org', role: 'to' }],
    });
    const reply = await sendFromContentScript(page, 'recordSend', later, options);
    expect(reply.err).toBeUndefined();
    expect(reply.res?.touches).toHaveLength(1);

    const worker = await waitForWorker(session.context, session.extensionId);
    expect(
      await worker.evaluate(() => (globalThis as { workerLife?: string }).workerLife),
    ).toBeUndefined();

    const { prospects, touches } = await readDatabase(session.context, session.extensionId);
    expect(prospects.flatMap((prospect) => prospect.emails).sort()).toEqual([
      'jane.doe@example.org',
      'sam.lee@example.org',
    ]);
    expect(touches.map((touch) => touch.summary).sort()).toEqual([
      'A case study on renewals',
      'Re: The PagerDuty Subscription for acmeco is within 30 days of its auto renewal date',
    ]);
  });
});
