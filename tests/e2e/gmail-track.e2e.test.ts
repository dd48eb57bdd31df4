// "Track <name> as a prospect" on a Gmail thread whose other party is nobody in the store yet, in
// the built extension in Chromium: Gmail served from the hand-made thread fixture
// (tests/fixtures/gmail/thread-inline-reply.html: Cora Hale wrote, the rep answered). The offer,
// the one click (a real mouse click in the closed shadow root), the prospect in the store and in
// the side panel, the Undo; and no offer for a tracked prospect, a no-reply sender or an ignored one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  readDatabase,
  seedDatabase,
  sendFromContentScript,
  serveGmail,
  stopServiceWorker,
  until,
  type ExtensionSession,
} from './harness';
import {
  clickInOverlay,
  overlayHostCount,
  overlayText,
  pressEverywhereAsThePage,
  waitForGmailContentScript,
  waitForOverlayText,
} from './overlays';

const THREAD_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-inline-reply.html'),
  'utf8',
);
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const BAR = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
const TRACK_CORA = { ...BAR, selector: 'button', name: 'Track Cora Hale as a prospect' };
/** How long a thread is given to show a bar before "no bar" is believed. */
const NO_BAR_WAIT_MS = 3_000;

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

async function openThread(html: string): Promise<Page> {
  await serveGmail(session.context, html);
  const page = await session.context.newPage();
  await page.goto(THREAD_URL);
  await waitForGmailContentScript(page);
  return page;
}

const rows = () => readDatabase(session.context, session.extensionId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fixture with Cora replaced by someone else (address and name, everywhere). */
function threadFrom(email: string, name: string): string {
  return THREAD_PAGE.split('cora.hale@example.org').join(email).split('Cora Hale').join(name);
}

test('an untracked sender is offered; one click tracks them with the thread’s name and address; Undo removes them', async () => {
  const page = await openThread(THREAD_PAGE);
  // The one who wrote last but the rep (the rep's address is "me" in the thread's headers).
  const offer = await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect');
  expect(offer).toContain('cora.hale@example.org');
  expect(offer).not.toMatch(/Riley|rep@example\.com/);
  expect((await rows()).prospects).toEqual([]);

  const panel = await session.context.newPage();
  await panel.goto(session.extensionUrl('sidepanel.html'));
  await panel.getByRole('tab', { name: /Due today/ }).waitFor();

  await clickInOverlay(page, TRACK_CORA);
  const tracked = await waitForOverlayText(page, BAR, 'Now tracking Cora Hale.');
  // The normal standing of a new prospect: the first touch, due today.
  expect(tracked).toMatch(/Touch 1 of \d+/);
  expect(tracked).toContain('due today');
  const stored = await rows();
  expect(stored.prospects).toHaveLength(1);
  expect(stored.prospects[0]).toMatchObject({
    name: 'Cora Hale',
    emails: ['cora.hale@example.org'],
    status: 'active',
  });
  expect(stored.touches).toEqual([]);
  expect(stored.outcomes).toEqual([]);

  // The side panel lists them, as due today.
  await panel.getByRole('tab', { name: /Due today/ }).click();
  const card = panel.getByRole('group', { name: 'Actions for Cora Hale' });
  await card.waitFor({ timeout: 10_000 });

  await clickInOverlay(page, { ...BAR, selector: 'button', name: 'Undo' });
  const undone = await waitForOverlayText(page, BAR, 'No longer tracked.');
  expect(undone).toContain('Track Cora Hale as a prospect');
  expect((await rows()).prospects).toEqual([]);
  await card.waitFor({ state: 'detached', timeout: 10_000 });

  // Offered again, and tracked again with one more click.
  await clickInOverlay(page, TRACK_CORA);
  await waitForOverlayText(page, BAR, 'Now tracking Cora Hale.');
  expect((await rows()).prospects.map((p) => p.emails)).toEqual([['cora.hale@example.org']]);
  await panel.close();
});

test('a tracked prospect’s thread shows their standing and no offer, after a reload too', async () => {
  const page = await openThread(THREAD_PAGE);
  await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect');
  const reply = await sendFromContentScript(
    page,
    'recordSend',
    {
      channel: 'email',
      at: session.now(),
      sendKey: 'gmail:msg-a:r-1111111111111111111',
      summary: 'Pricing for the Acme rollout',
      confirmed: true,
      account: '/mail/u/0',
      recipients: [{ email: 'cora.hale@example.org', name: 'Cora Hale', role: 'to' }],
    },
    { extensionId: session.extensionId },
  );
  expect(reply.err).toBeUndefined();
  await page.reload();
  await waitForGmailContentScript(page);
  const text = await waitForOverlayText(page, BAR, /Touch \d+ of \d+/);
  expect(text).not.toMatch(/Track .* as a prospect|Now tracking/);
  expect((await rows()).prospects).toHaveLength(1);
});

test('a no-reply sender is never offered, nor is an address the rep ignores', async () => {
  const noReply = await openThread(threadFrom('no-reply@billing.example', 'Billing'));
  await sleep(NO_BAR_WAIT_MS);
  expect(await overlayHostCount(noReply, BAR.host)).toBe(0);
  await noReply.close();

  // The same thread from a person, but their domain is on the ignore list.
  await seedDatabase(session.context, session.extensionId, {
    settings: [{ id: SETTINGS_ROW_ID, ignoreList: ['@example.org'] }],
  });
  const ignored = await openThread(THREAD_PAGE);
  await sleep(NO_BAR_WAIT_MS);
  expect(await overlayHostCount(ignored, BAR.host)).toBe(0);
  expect(await overlayText(ignored, BAR)).toBeNull();
  expect((await rows()).prospects).toEqual([]);
});

test('someone marked "not a prospect" is not offered again', async () => {
  const page = await openThread(THREAD_PAGE);
  await clickInOverlay(page, await offerReady(page));
  await waitForOverlayText(page, BAR, 'Now tracking Cora Hale.');
  await clickInOverlay(page, { ...BAR, selector: 'button', name: 'Not a prospect' });
  await until(rows, (r) => r.prospects[0]?.status === 'not-prospect', { timeout: 10_000 });
  await page.reload();
  await waitForGmailContentScript(page);
  await sleep(NO_BAR_WAIT_MS);
  const text = (await overlayText(page, BAR)) ?? '';
  expect(text).not.toMatch(/Track .* as a prospect/);
});

test('a hostile name in the thread’s headers is text: cut to 200 characters, no element, no error', async () => {
  const hostile = `<img src=x onerror=alert(1)>\u202Egnp.exe ${'N'.repeat(10_000)}`;
  const attribute = hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const page = await openThread(THREAD_PAGE.split('name="Cora Hale"').join(`name="${attribute}"`));
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await waitForOverlayText(page, BAR, 'Track <img src=x onerror=alert(1)>');
  await clickInOverlay(page, { ...BAR, selector: 'button', name: /^Track <img/ });
  await waitForOverlayText(page, BAR, 'Now tracking <img src=x onerror=alert(1)>');
  const [prospect] = (await rows()).prospects;
  expect(prospect!.emails).toEqual(['cora.hale@example.org']);
  expect(prospect!.name.startsWith('<img src=x onerror=alert(1)>\u202Egnp.exe NNN')).toBe(true);
  expect(prospect!.name.length).toBeLessThanOrEqual(200);
  const elements = await evaluateInContentScript<number>(
    page,
    `(() => {
      const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('fifth-touch-thread-bar'));
      return root.querySelectorAll('img, script, a[href]').length;
    })()`,
  );
  expect(elements).toBe(0);
  expect(problems).toEqual([]);
});

test('in a thread the rep started that nobody answered, the offer is whom the rep wrote to', async () => {
  // Both messages from the rep to Cora: the first one's sender and "to me" swapped.
  const started = THREAD_PAGE.replace(
    /email="cora\.hale@example\.org"(\s+)name="Cora Hale"(\s+)data-hovercard-id="cora\.hale@example\.org"(\s+)class="gD"/,
    'email="rep@example.com"$1name="Riley Rep"$2data-hovercard-id="rep@example.com"$3class="gD"',
  ).replace(
    /email="rep@example\.com"(\s+)name="me"(\s+)data-hovercard-id="rep@example\.com"(\s+)class="g2"/,
    'email="cora.hale@example.org"$1name="Cora Hale"$2data-hovercard-id="cora.hale@example.org"$3class="g2"',
  );
  expect(started).not.toContain('name="me"');
  const page = await openThread(started);
  await seedDatabase(session.context, session.extensionId, {
    settings: [{ id: SETTINGS_ROW_ID, ownAddresses: ['rep@example.com'] }],
  });
  // The running worker's settings cache has not seen this raw write, so the tab is told no own
  // address (as a tab opened before the rep gave theirs): only the background's check knows the
  // rep, and the bar looks past them.
  await page.reload();
  await waitForGmailContentScript(page);
  const offer = await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect');
  expect(offer).not.toContain('Riley');

  // A new worker life reads the settings afresh: the tab knows the rep from the start.
  await stopServiceWorker(session.context);
  await page.reload();
  await waitForGmailContentScript(page);
  expect(await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect')).not.toContain(
    'Riley',
  );
  await clickInOverlay(page, TRACK_CORA);
  await waitForOverlayText(page, BAR, 'Now tracking Cora Hale.');
  expect((await rows()).prospects.map((p) => [p.name, p.emails])).toEqual([
    ['Cora Hale', ['cora.hale@example.org']],
  ]);
});

test('a script in the page cannot press Track: no event it makes reaches the button', async () => {
  const page = await openThread(THREAD_PAGE);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect');
  await pressEverywhereAsThePage(page, 'fifth-touch-thread-bar');
  expect((await rows()).prospects).toEqual([]);
  expect(await overlayText(page, BAR)).toContain('Track Cora Hale as a prospect');
  expect(errors).toEqual([]);
});

async function offerReady(page: Page) {
  await waitForOverlayText(page, BAR, 'Track Cora Hale as a prospect');
  return TRACK_CORA;
}
