// LinkedIn end to end: the built extension in Chromium, LinkedIn pages served from the real captures
// and hand-made states, a stand-in for LinkedIn's client (tests/fixtures/linkedin/fake-linkedin-client.js)
// that POSTs createMessage or an invitation when the user sends, and route() answering it with a
// hand-made response. What is asserted is what the extension stored in its own IndexedDB and what
// the page can (not) see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Prospect, Touch } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  launchExtension,
  evaluateInContentScript,
  projectRoot,
  readDatabase,
  seedDatabase,
  sendFromContentScript,
  sendFromExtensionPage,
  stopServiceWorker,
  sharedFixture,
  type DatabaseRows,
  type ExtensionSession,
} from './harness';
import { isTopLevelNavigation } from './sites';

const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const threadUrl = (id: string) => `https://www.linkedin.com/messaging/thread/${id}/`;

const FAKE_CLIENT = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/fake-linkedin-client.js'),
  'utf8',
);
const handMade = (name: string) =>
  readFileSync(path.join(projectRoot, 'tests/fixtures/linkedin/dom', name), 'utf8');
const THREAD_CAPTURE = readFileSync(
  sharedFixture('linkedin/dom/messaging-thread-2025.html'),
  'utf8',
);
const PROFILE_CAPTURE = readFileSync(sharedFixture('linkedin/dom/profile-2025.html'), 'utf8');

interface ClientConfig {
  mailbox?: string;
  conversations?: Record<string, string>;
  newConversation?: Record<string, string>;
  inviteeMemberId?: string;
  enterSends?: boolean;
  messageTransport?: 'xhr' | 'fetch';
}

/** The page with LinkedIn's (stand-in) client appended, as LinkedIn's own scripts would be. */
function withClient(html: string, config: ClientConfig): string {
  const attribute = JSON.stringify({ mailbox: MAILBOX, ...config }).replace(/'/g, '&#39;');
  // The same text as a file would carry; the script reads its config from its own element.
  const script = `<script data-config='${attribute}'>${FAKE_CLIENT}</script>`;
  return html.includes('</body>') ? html.replace('</body>', `${script}</body>`) : html + script;
}

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

interface Answer {
  status?: number;
}

/** LinkedIn's API answered by hand: createMessage with the ids LinkedIn returns, invitations with 201. */
async function answerVoyager(context: BrowserContext, answer: Answer = {}): Promise<string[]> {
  const seen: string[] = [];
  let counter = 0;
  await context.route('https://www.linkedin.com/voyager/api/**', async (route: Route) => {
    const request = route.request();
    const body = request.postData() ?? '';
    seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
    const status = answer.status ?? 200;
    if (status !== 200) {
      return route.fulfill({
        status,
        contentType: 'application/json',
        body: JSON.stringify({ status, serviceErrorCode: 0, message: 'Too many requests' }),
      });
    }
    if (request.url().includes('createMessage')) {
      const parsed = JSON.parse(body) as {
        message: { conversationUrn?: string; originToken: string };
        mailboxUrn: string;
      };
      const conversation =
        /,(2-[^)]+)\)$/.exec(parsed.message.conversationUrn ?? '')?.[1] ?? JANE_THREAD;
      const uuid = Buffer.from(conversation.slice(2), 'base64').toString();
      counter += 1;
      const messageId = `2-${Buffer.from(`${session.now()}b${counter}-100&${uuid}`).toString('base64')}`;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          value: {
            entityUrn: `urn:li:msg_message:(${parsed.mailboxUrn.replace('urn:li:fsd_profile:', 'urn:li:fsd_profile:')},${messageId})`,
            backendConversationUrn: `urn:li:messagingThread:${conversation}`,
            conversationUrn: `urn:li:msg_conversation:(${parsed.mailboxUrn},${conversation})`,
            originToken: parsed.message.originToken,
            deliveredAt: session.now(),
            body: { text: 'echo of the text, never read' },
          },
        }),
      });
    }
    return route.fulfill({
      status: 201,
      contentType: 'application/json',
      body: JSON.stringify({
        value: { invitationUrn: 'urn:li:fsd_invitation:7000000000000000000' },
      }),
    });
  });
  return seen;
}

async function serve(context: BrowserContext, html: string): Promise<void> {
  await context.route('https://www.linkedin.com/**', (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

async function open(url: string, html: string, config: ClientConfig): Promise<Page> {
  await serve(session.context, withClient(html, config));
  const page = await session.context.newPage();
  await page.goto(url);
  // The background is ready to store once it answers a ping.
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
  return page;
}

async function waitForRows(
  predicate: (rows: DatabaseRows) => boolean,
  timeout = 15_000,
): Promise<DatabaseRows> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await readDatabase(session.context, session.extensionId);
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function prospectOf(rows: DatabaseRows, touch: Touch): Prospect | undefined {
  return rows.prospects.find((prospect) => prospect.id === touch.prospectId);
}

/**
 * Renders the 2026 invitation modal (tests/fixtures/linkedin/dom/sdui-invitation-note.html) in an
 * open shadow root on #interop-outlet, as LinkedIn does after "Connect" then "Add a note". Built
 * node by node: the capture's page enforces Trusted Types, so no HTML parsing.
 */
async function openInvitationModal(page: Page, name: string): Promise<void> {
  await page.evaluate((invitee) => {
    const element = (tag: string, attributes: Record<string, string>, text = '') => {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      if (text) node.textContent = text;
      return node;
    };
    const host = element('div', { id: 'interop-outlet', 'data-testid': 'interop-shadowdom' });
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const dialog = element('div', {
      class: 'g7h8j9k0',
      role: 'dialog',
      'aria-label': `Invite ${invitee} to connect`,
    });
    const cancel = element('button', { 'aria-label': 'Cancel adding a note', type: 'button' });
    cancel.append(element('span', {}, 'Cancel'));
    const send = element('button', { 'aria-label': 'Send invitation', type: 'button' });
    send.append(element('span', {}, 'Send'));
    dialog.append(
      element('h2', {}, 'Add a note to your invitation'),
      element('label', { for: 'custom-message' }, 'Add a note'),
      element('textarea', { id: 'custom-message', name: 'message', maxlength: '300' }),
      cancel,
      send,
    );
    shadow.append(element('div', { class: 'r4t5y6u7' }));
    shadow.firstElementChild!.append(dialog);
  }, name);
}

/** Waits past the pairing's silence window, so a second (DOM-only) touch would have appeared. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5_000));

/**
 * Turns "show Fifth Touch on LinkedIn" off and reloads the page. Raw writes bypass Dexie's change
 * relay, which is how a running worker learns of a settings change; its next life reads them
 * afresh, as after any options-page save.
 */
async function switchOverlaysOff(page: Page): Promise<void> {
  await seedDatabase(session.context, session.extensionId, {
    settings: [{ ...DEFAULT_SETTINGS, id: 'user', showOnLinkedIn: false }],
  });
  await stopServiceWorker(session.context);
  await page.reload();
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
}

describe('LinkedIn sends become touches', () => {
  test('Enter on the thread page (the 2025 capture) records one confirmed touch on the person in the header', async () => {
    const calls = await answerVoyager(session.context);
    const page = await open(threadUrl(CAPTURE_THREAD), THREAD_CAPTURE, { enterSends: true });
    await page.locator('.msg-form__contenteditable').click();
    await page.keyboard.type('Following up with the deck you asked for');
    await page.keyboard.press('Enter');

    await waitForRows((rows) => rows.touches.length > 0);
    await settle();
    const rows = await readDatabase(session.context, session.extensionId);
    expect(calls).toEqual(['POST /voyager/api/voyagerMessagingDashMessengerMessages']);
    expect(rows.touches).toHaveLength(1);
    const touch = rows.touches[0]!;
    expect(touch).toMatchObject({
      channel: 'linkedin',
      confirmed: true,
      link: threadUrl(CAPTURE_THREAD),
      threadId: CAPTURE_THREAD,
      summary: 'LinkedIn message',
    });
    expect(JSON.stringify(rows)).not.toContain('deck you asked');
    expect(prospectOf(rows, touch)).toMatchObject({ name: 'Tariq Noor', linkedinIds: [TARIQ] });
  });

  test('a click on Send in one of two bubbles records one touch on that bubble’s person, then an invitation with a note from the profile lands on the same prospect', async () => {
    const calls = await answerVoyager(session.context);
    const feed = await open('https://www.linkedin.com/feed/', handMade('two-bubbles.html'), {
      conversations: { 'Jane Doe': JANE_THREAD, 'Rowan Chase': ROWAN_THREAD },
    });
    const rowanBubble = feed.locator('#ember601');
    await rowanBubble.locator('[role="textbox"]').click();
    await feed.keyboard.type('Hallo Rowan, kurze Frage');
    // Enter in "Click Send" mode is a new line, not a send.
    await feed.keyboard.press('Enter');
    await rowanBubble.getByRole('button', { name: 'Senden' }).click();

    let rows = await waitForRows((r) => r.touches.length > 0);
    await settle();
    rows = await readDatabase(session.context, session.extensionId);
    expect(calls).toHaveLength(1);
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({
      confirmed: true,
      link: threadUrl(ROWAN_THREAD),
      threadId: ROWAN_THREAD,
    });
    expect(prospectOf(rows, rows.touches[0]!)).toMatchObject({
      name: 'Rowan Chase',
      linkedinIds: [ROWAN],
    });

    // The same person's profile (the 2025 capture), the 2026 invitation modal in #interop-outlet.
    const profile = await open('https://www.linkedin.com/in/rowanchase/', PROFILE_CAPTURE, {
      inviteeMemberId: ROWAN,
    });
    await openInvitationModal(profile, 'Rowan Chase');
    await profile.locator('textarea#custom-message').fill('Loved your talk on substrate');
    await profile.getByRole('button', { name: 'Send invitation' }).click();

    rows = await waitForRows((r) => r.touches.length > 1);
    await settle();
    rows = await readDatabase(session.context, session.extensionId);
    expect(calls).toHaveLength(2);
    expect(rows.touches).toHaveLength(2);
    expect(rows.prospects).toHaveLength(1);
    const invitation = rows.touches.find((touch) => touch.summary.includes('invitation'))!;
    expect(invitation).toMatchObject({
      summary: 'LinkedIn invitation with a note',
      confirmed: true,
      link: `https://www.linkedin.com/in/${ROWAN}/`,
    });
    // The profile's top card also shows the numeric member id (data-member-id): a third id.
    expect(rows.prospects[0]!.linkedinIds.sort()).toEqual(
      [ROWAN, 'rowanchase', 'member:204652187'].sort(),
    );
    expect(JSON.stringify(rows)).not.toMatch(/substrate|kurze Frage/);
  });

  test('a refused send (429) records nothing, and navigating between threads with pushState keeps recording', async () => {
    const page = await open(threadUrl(JANE_THREAD), handMade('thread-page-send-button.html'), {});
    await answerVoyager(session.context, { status: 429 });
    await page.locator('[role="textbox"]').click();
    await page.keyboard.type('One more thing');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await settle();
    expect((await readDatabase(session.context, session.extensionId)).touches).toHaveLength(0);

    // LinkedIn recovers; the user moves to Tariq's thread without a reload.
    await answerVoyager(session.context);
    await page.evaluate(
      ({ thread, tariq }) => {
        history.pushState({}, '', `/messaging/thread/${thread}/`);
        const header = document.querySelector('a.msg-thread__link-to-profile')!;
        header.setAttribute('href', `https://www.linkedin.com/in/${tariq}`);
        header.querySelector('h2')!.textContent = 'Tariq Noor';
        for (const item of document.querySelectorAll('.msg-s-message-list__event')) item.remove();
      },
      { thread: CAPTURE_THREAD, tariq: TARIQ },
    );
    await page.locator('[role="textbox"]').click();
    await page.keyboard.type('Hello Tariq');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForRows((r) => r.touches.length > 0);
    await settle();
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({ confirmed: true, threadId: CAPTURE_THREAD });
    expect(prospectOf(rows, rows.touches[0]!)).toMatchObject({
      name: 'Tariq Noor',
      linkedinIds: [TARIQ],
    });
  });
});

/** Our overlay hosts (closed shadow roots, read from the content script's world) and their text. */
async function overlayTexts(page: Page): Promise<string[]> {
  return evaluateInContentScript<string[]>(
    page,
    `[...document.querySelectorAll('ft-overlay')].map((host) => [...(chrome.dom.openOrClosedShadowRoot(host)?.children ?? [])].filter((child) => child.tagName !== 'STYLE').map((child) => child.textContent).join(' ').replace(/\\s+/g, ' ').trim())`,
  );
}

async function waitForOverlay(page: Page, text: RegExp, timeout = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = await overlayTexts(page);
    if (texts.some((t) => text.test(t)) || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('LinkedIn overlays', () => {
  test('a tracked prospect’s profile shows the card; the conversation shows the status line and marks the reply with Undo', async () => {
    await answerVoyager(session.context);
    const page = await open(threadUrl(CAPTURE_THREAD), THREAD_CAPTURE, { enterSends: true });
    // Tariq is tracked and was last touched before his latest message in the capture (2024).
    const tracked = await sendFromContentScript(page, 'trackProspect', {
      name: 'Tariq Noor',
      linkedinIds: [TARIQ],
    });
    expect(tracked.err).toBeUndefined();
    // A touch logged by hand comes from our own pages only (a content script may not send it).
    const touched = await sendFromExtensionPage(
      session.context,
      session.extensionId,
      'logManualTouch',
      {
        prospectId: tracked.res!.prospectId,
        channel: 'email',
        at: Date.UTC(2024, 0, 2),
        summary: 'Intro email',
      },
    );
    expect(touched.err).toBeUndefined();
    await page.reload();
    // The notice comes first; the status line follows once the reply is stored and read back.
    const texts = await waitForOverlay(page, /· replied.*Marked replied/);
    expect(texts.join(' ')).toMatch(/Tariq Noor · touch \d+ of \d+ · replied/);
    const rows = await waitForRows((r) => r.outcomes.length > 0);
    expect(rows.outcomes).toEqual([
      expect.objectContaining({ prospectId: tracked.res!.prospectId, kind: 'reply' }),
    ]);
    expect(rows.prospects[0]!.status).toBe('replied');

    // The profile of a tracked prospect shows the card.
    const profile = await open('https://www.linkedin.com/in/rowanchase/', PROFILE_CAPTURE, {});
    const untracked = await waitForOverlay(profile, /Track Rowan Chase as a prospect/);
    expect(untracked).toEqual(['Track Rowan Chase as a prospect']);
    expect(
      (
        await sendFromContentScript(profile, 'trackProspect', {
          linkedinIds: [ROWAN],
          name: 'Rowan Chase',
        })
      ).err,
    ).toBeUndefined();
    await profile.reload();
    const card = await waitForOverlay(profile, /Log reply/);
    expect(card.join(' ')).toMatch(
      /Rowan Chase · touch 1 of \d+.*Angle:.*Log reply.*Not a prospect/,
    );
  });

  test('with "show Fifth Touch on LinkedIn pages" off no overlay appears, and a sent message is still recorded', async () => {
    await answerVoyager(session.context);
    const page = await open(threadUrl(CAPTURE_THREAD), THREAD_CAPTURE, { enterSends: true });
    const tracked = await sendFromContentScript(page, 'trackProspect', {
      name: 'Tariq Noor',
      linkedinIds: [TARIQ],
    });
    expect(tracked.err).toBeUndefined();
    await switchOverlaysOff(page);
    await page.locator('.msg-form__contenteditable').click();
    await page.keyboard.type('A case study you may like');
    await page.keyboard.press('Enter');

    const rows = await waitForRows((r) => r.touches.some((t) => t.confirmed));
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({
      prospectId: tracked.res!.prospectId,
      channel: 'linkedin',
      confirmed: true,
    });
    // The same page with the switch on shows the conversation bar within a second or two; off, none.
    await settle();
    expect(await overlayTexts(page)).toEqual([]);
    expect(await page.locator('ft-overlay').count()).toBe(0);
  });

  test('a page script finds nothing of ours: no extension resource, no global, no attribute', async () => {
    await answerVoyager(session.context);
    const page = await session.context.newPage();
    await serve(session.context, withClient(THREAD_CAPTURE, { enterSends: true }));
    // The page's own view of window before anything else runs is its baseline.
    await page.addInitScript(() => {
      (window as unknown as { __baseline: string[] }).__baseline =
        Object.getOwnPropertyNames(window);
    });
    await page.goto(threadUrl(CAPTURE_THREAD));
    await page.locator('.msg-form__contenteditable').click();
    await page.keyboard.type('Checking the low profile');
    await page.keyboard.press('Enter');
    await waitForRows((r) => r.touches.length > 0);
    const probe = await page.evaluate(async (extensionId) => {
      const baseline = new Set((window as unknown as { __baseline: string[] }).__baseline);
      const added = Object.getOwnPropertyNames(window).filter(
        // Numbered names are the capture's own iframes (window[0]…).
        (name) => !baseline.has(name) && name !== '__baseline' && !/^\d+$/.test(name),
      );
      const attributes = new Set<string>();
      for (const element of document.querySelectorAll('*')) {
        for (const name of element.getAttributeNames()) {
          if (/fifth|ft-|wxt|extension/i.test(name)) attributes.add(`${element.tagName}:${name}`);
        }
      }
      const fetched: string[] = [];
      for (const file of [
        'manifest.json',
        'content-scripts/linkedin.js',
        'sidepanel.html',
        'icon/16.png',
      ]) {
        try {
          await fetch(`chrome-extension://${extensionId}/${file}`);
          fetched.push(file);
        } catch {
          // Refused, as it must be.
        }
      }
      return {
        added,
        attributes: [...attributes],
        fetched,
        fetchLooksNative: Function.prototype.toString.call(fetch).includes('[native code]'),
      };
    }, session.extensionId);
    expect(probe).toEqual({ added: [], attributes: [], fetched: [], fetchLooksNative: true });
    expect((await readDatabase(session.context, session.extensionId)).touches).toHaveLength(1);
  });
});

describe('the side panel with the LinkedIn overlays off', () => {
  test('shows the status of the prospect in the conversation open in the active tab', async () => {
    await answerVoyager(session.context);
    const page = await open(threadUrl(CAPTURE_THREAD), THREAD_CAPTURE, { enterSends: true });
    await switchOverlaysOff(page);
    await page.locator('.msg-form__contenteditable').click();
    await page.keyboard.type('The case study I mentioned');
    await page.keyboard.press('Enter');
    const rows = await waitForRows((r) => r.touches.some((t) => t.confirmed));
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({ threadId: CAPTURE_THREAD, confirmed: true });
    expect(await overlayTexts(page)).toEqual([]);

    // The panel page in a tab of the same window; the rep then returns to the conversation's tab.
    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html'));
    const status = panel.getByRole('complementary', { name: 'Open LinkedIn conversation' });
    await panel.getByRole('tab', { name: /Due today/ }).waitFor({ timeout: 15_000 });
    expect(await status.count()).toBe(0);
    await page.bringToFront();
    await status.waitFor({ timeout: 15_000 });
    await status.getByRole('button', { name: 'Tariq Noor' }).waitFor({ timeout: 15_000 });
    const line = (await status.textContent())?.replace(/\s+/g, ' ').trim();
    const prospect = prospectOf(rows, rows.touches[0]!)!;
    expect(prospect).toMatchObject({ name: 'Tariq Noor', linkedinIds: [TARIQ], status: 'active' });
    expect(prospect.nextDueDay).toBeDefined();
    expect(line).toMatch(
      new RegExp(
        `^On LinkedIn now: Tariq Noor · Active · touch ${prospect.nextStep} of ${prospect.totalSteps} · due \\S`,
      ),
    );
    expect(await overlayTexts(page)).toEqual([]);
  });
});
