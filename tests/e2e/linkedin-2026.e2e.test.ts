// LinkedIn as it is today (the 2026 server-driven UI), end to end: the built extension in Chromium,
// the hand-made 2026 pages of tests/fixtures/linkedin/dom (declarative shadow root on
// #interop-outlet, the hidden same-origin /preload/ frame), stand-ins for the two parts of
// LinkedIn's client (fake-linkedin-sdui-client.js in the top window, fake-linkedin-preload.js in
// the frame, which sends the modal's invitations and the bubble's messages with its own fetch and
// XMLHttpRequest), and route() answering LinkedIn's API from the hand-made network fixtures. What
// is asserted is what the extension stored, what its overlay and side panel say, and what its
// options page lists; clicks on our overlay are real mouse clicks at its button's place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Prospect, Touch } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  readDatabase,
  seedDatabase,
  sendFromContentScript,
  stopServiceWorker,
  type DatabaseRows,
  type ExtensionSession,
} from './harness';
import { isTopLevelNavigation } from './sites';

const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
const PRIYA = 'ACoAAB3kPq0BxJr7TnQe2WvLs9HdYc4mUoA';
const MARCUS = 'ACoAAC7nWm2BvQ8sLkT3pXy1ZrJd5HfGa0E';
const ELENA = 'ACoAAD2hRt6BcN9wKeY4mPq7SjLx3VbZu8I';
const TOMAS = 'ACoAAE5jUv9BdP1xMfZ6nRs2TkWy8CgQo3A';
const AISHA = 'ACoAAF8kXw1BeR4yNgA9oTu5UlZz2DhSp6E';
const LIAM = 'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I';
const SOFIA = 'ACoAAH4nZa7BgT0aPiC5qWw1XnBb8FjUr2A';
const TOMAS_THREAD = '2-OWMxZTRiN2EtM2QyZi00ZThhLWI2YzUtMGYxYTJiM2M0ZDVlXzEwMA==';
const NEW_THREAD = '2-NGE3ZDJjOWUtMWIzZi00YzZhLThlNWQtN2YwYTFiMmMzZDRlXzEwMA==';
const PRELOAD = 'https://www.linkedin.com/preload/';
const profileUrl = (vanity: string) => `https://www.linkedin.com/in/${vanity}/`;

const fixtureFile = (...parts: string[]) =>
  readFileSync(path.join(projectRoot, 'tests/fixtures/linkedin', ...parts), 'utf8');
const page2026 = (name: string) => fixtureFile('dom', name);
const TOP_CLIENT = fixtureFile('fake-linkedin-sdui-client.js');
const MESSAGING_CLIENT = fixtureFile('fake-linkedin-client.js');
const FRAME_CLIENT = fixtureFile('fake-linkedin-preload.js');
const network = (name: string) =>
  JSON.parse(fixtureFile('network', name)) as { status: number; body?: unknown; text?: string };

interface TopConfig {
  people?: Record<string, { memberNumber: string; memberId?: string; vanity?: string }>;
  pendingInvitee?: { memberNumber: string; memberId: string };
}

interface FrameConfig {
  inviteeMemberId?: string;
  conversationId?: string;
  recipientMemberId?: string;
}

/** A script element carrying its configuration, as the stand-ins read it. */
function script(source: string, config: object): string {
  const attribute = JSON.stringify(config).replace(/'/g, '&#39;');
  return `<script data-config='${attribute}'>${source}</script>`;
}

function withTopClient(html: string, config: TopConfig): string {
  return html.replace('</body>', `${script(TOP_CLIENT, config)}</body>`);
}

function preloadPage(config: FrameConfig): string {
  return `<!doctype html><html><head><title>Preload</title></head><body>${script(FRAME_CLIENT, {
    mailbox: MAILBOX,
    ...config,
  })}</body></html>`;
}

/** What LinkedIn's API saw: path, the frame that sent it, and its body. */
interface SeenRequest {
  path: string;
  action: string | null;
  frameUrl: string;
  body: string;
}

/** How LinkedIn answers; tests change it between sends. */
interface Answers {
  invitation: number;
  message: number;
  sdui: 'sent' | 'refused' | 429;
}

let session: ExtensionSession;
let answers: Answers;
let seen: SeenRequest[];

beforeEach(async () => {
  session = await launchExtension();
  answers = { invitation: 201, message: 200, sdui: 'sent' };
  seen = [];
  await answerLinkedInApi(session.context);
});

afterEach(async () => {
  await session?.close();
});

/** LinkedIn's API from the hand-made network fixtures, as `answers` says. */
async function answerLinkedInApi(context: BrowserContext): Promise<void> {
  const record = (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    seen.push({
      path: url.pathname,
      action: url.searchParams.get('action') ?? url.searchParams.get('sduiid'),
      frameUrl: request.frame().url(),
      body: request.postData() ?? '',
    });
    return request;
  };
  await context.route('https://www.linkedin.com/voyager/api/**', async (route) => {
    const request = record(route);
    if (request.url().includes('createMessage')) {
      if (answers.message !== 200) {
        return route.fulfill({ status: answers.message, body: '{"status":429}' });
      }
      const body = JSON.parse(request.postData() ?? '{}') as {
        message: { conversationUrn?: string; originToken: string };
      };
      const conversation =
        /,(2-[^)]+)\)$/.exec(body.message.conversationUrn ?? '')?.[1] ?? NEW_THREAD;
      const uuid = Buffer.from(conversation.slice(2), 'base64').toString();
      const messageId = `2-${Buffer.from(`${session.now()}b${seen.length}-100&${uuid}`).toString('base64')}`;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          value: {
            entityUrn: `urn:li:msg_message:(urn:li:fsd_profile:${MAILBOX},${messageId})`,
            conversationUrn: `urn:li:msg_conversation:(urn:li:fsd_profile:${MAILBOX},${conversation})`,
            deliveredAt: session.now(),
          },
        }),
      });
    }
    const answer = network(
      answers.invitation === 429 ? 'invitation-429.response.json' : 'invitation-v2.response.json',
    );
    return route.fulfill({
      status: answer.status,
      contentType: 'application/json',
      body: JSON.stringify(answer.body),
    });
  });
  await context.route('https://www.linkedin.com/flagship-web/**', async (route) => {
    record(route);
    if (answers.sdui === 429) {
      const limited = network('invitation-429.response.json');
      return route.fulfill({ status: 429, body: JSON.stringify(limited.body) });
    }
    const answer = network(
      answers.sdui === 'refused'
        ? 'sdui-add-connection-refused.response.json'
        : 'sdui-add-connection.response.json',
    );
    return route.fulfill({ status: 200, contentType: 'text/x-component', body: answer.text ?? '' });
  });
}

/** Serves `html` (with the top stand-in) for every top-level LinkedIn page, and the /preload/ frame. */
async function serve2026(
  html: string,
  top: TopConfig = {},
  frame: FrameConfig = {},
): Promise<void> {
  const page = withTopClient(html, top);
  await session.context.route('https://www.linkedin.com/**', (route: Route) => {
    const request = route.request();
    if (!request.isNavigationRequest()) return route.fallback();
    if (!isTopLevelNavigation(request)) {
      if (new URL(request.url()).pathname !== '/preload/') return route.fallback();
      return route.fulfill({ status: 200, contentType: 'text/html', body: preloadPage(frame) });
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page });
  });
}

async function open(url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url);
  // The background is ready to store once it answers a ping.
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
  // The /preload/ frame is there and loaded, as on LinkedIn.
  await page.waitForFunction(() => {
    const frame = document.querySelector('iframe[data-testid="interop-iframe"]');
    return !frame || (frame as HTMLIFrameElement).contentDocument?.readyState === 'complete';
  });
  return page;
}

async function rows(): Promise<DatabaseRows> {
  return readDatabase(session.context, session.extensionId);
}

async function waitForRows(
  done: (rows: DatabaseRows) => boolean,
  timeout = 15_000,
): Promise<DatabaseRows> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = await rows();
    if (done(current) || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Past the pairing's silence window: a second (DOM-only) touch would have appeared by now. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5_000));

function prospectOf(current: DatabaseRows, touch: Touch): Prospect | undefined {
  return current.prospects.find((prospect) => prospect.id === touch.prospectId);
}

/** Our overlay hosts (closed shadow roots, read from the content script's world) and their text. */
async function overlayTexts(page: Page): Promise<string[]> {
  return evaluateInContentScript<string[]>(
    page,
    `[...document.querySelectorAll('ft-overlay')].map((host) => [...(chrome.dom.openOrClosedShadowRoot(host)?.children ?? [])].filter((child) => child.tagName !== 'STYLE').map((child) => child.textContent).join(' ').replace(/\\s+/g, ' ').trim())`,
  );
}

async function waitForOverlay(page: Page, text: RegExp, timeout = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const texts = await overlayTexts(page);
    if (texts.some((t) => text.test(t)) || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Clicks one of our overlay's buttons with the mouse, as a rep would: the closed shadow root is
 * only looked into (from the content script's world) to find where the button is on screen.
 */
async function clickOverlayButton(page: Page, name: string): Promise<void> {
  const box = await evaluateInContentScript<{ x: number; y: number } | null>(
    page,
    `(() => {
      for (const host of document.querySelectorAll('ft-overlay')) {
        for (const button of chrome.dom.openOrClosedShadowRoot(host)?.querySelectorAll('button') ?? []) {
          if (button.textContent.replace(/\\s+/g, ' ').trim() !== ${JSON.stringify(name)}) continue;
          button.scrollIntoView({ block: 'center' });
          const rect = button.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
      }
      return null;
    })()`,
  );
  if (!box) throw new Error(`No overlay button "${name}"; overlays: ${await overlayTexts(page)}`);
  await page.mouse.click(box.x, box.y);
}

describe('2026 profiles: the right person, tracked by a real click', () => {
  test('on each 2026 profile the card offers to track its owner, and a click tracks exactly them', async () => {
    const profiles = [
      ['sdui-profile-connect.html', 'priya-raman-7b', 'Priya Raman', PRIYA, 'Lumen Freight'],
      [
        'sdui-profile-more.html',
        'marcus-lindqvist',
        'Marcus Lindqvist',
        MARCUS,
        'Nordic Steelworks',
      ],
      ['sdui-profile-pending.html', 'elena-petrova-ux', 'Elena Petrova', ELENA, 'Kestrel Bank'],
      ['sdui-profile-first.html', 'tomas-herrera', 'Tomás Herrera', TOMAS, 'Solana Logistics'],
      ['sdui-profile-crowded.html', 'aisha-khan-data', 'Aisha Khan', AISHA, 'Meridian Health'],
    ] as const;
    for (const [file, vanity, name, memberId, company] of profiles) {
      // The newest route answers first: each profile's page replaces the one before.
      await serve2026(page2026(file));
      const page = await open(profileUrl(vanity));
      expect(await waitForOverlay(page, /Track .* as a prospect/)).toEqual([
        `Track ${name} as a prospect`,
      ]);
      await clickOverlayButton(page, `Track ${name} as a prospect`);
      const stored = await waitForRows((r) => r.prospects.some((p) => p.name === name));
      const prospect = stored.prospects.find((p) => p.name === name);
      expect(prospect).toMatchObject({ name, company, status: 'active' });
      expect([...prospect!.linkedinIds].sort()).toEqual([vanity, memberId].sort());
      // Where they stand now, on the same card, with the Undo of that click.
      const card = await waitForOverlay(page, new RegExp(`${name} · touch 1 of \\d+`));
      expect(card.join(' ')).toMatch(
        new RegExp(`^${name} · touch 1 of \\d+.*Now tracking ${name}\\. Undo.*Log reply`),
      );
      if (file === 'sdui-profile-connect.html') {
        // Undo removes exactly them, the card offers them again, and a click tracks them again.
        await clickOverlayButton(page, 'Undo');
        const undone = await waitForRows((r) => !r.prospects.some((p) => p.name === name));
        expect(undone.prospects.map((p) => p.name)).not.toContain(name);
        expect(await waitForOverlay(page, /Track .* as a prospect/)).toEqual([
          `Track ${name} as a prospect`,
        ]);
        await clickOverlayButton(page, `Track ${name} as a prospect`);
        await waitForRows((r) => r.prospects.some((p) => p.name === name));
        expect((await waitForOverlay(page, /Now tracking/)).join(' ')).toContain(
          `Now tracking ${name}.`,
        );
      }
      await page.close();
    }
    const everyone = await rows();
    expect(everyone.prospects.map((p) => p.name).sort()).toEqual(
      profiles.map(([, , name]) => name).sort(),
    );
    // Nobody from the sidebars, menus and hover cards became a prospect.
    const ids = everyone.prospects.flatMap((p) => p.linkedinIds);
    for (const other of [LIAM, SOFIA, 'liam-oconnor', 'kenji-watanabe', 'dana-reyes']) {
      expect(ids).not.toContain(other);
    }
    expect(everyone.touches).toEqual([]);
  });
});

describe('2026 sends become one touch each, only on a 2xx', () => {
  test('an invitation without a note from the modal in #interop-outlet, sent by the /preload/ frame', async () => {
    await serve2026(page2026('sdui-profile-connect.html'), {}, { inviteeMemberId: PRIYA });
    const page = await open(profileUrl('priya-raman-7b'));
    await page.click('[role="main"] a[aria-label="Invite Priya Raman to connect"]');
    await page.getByRole('button', { name: 'Send without a note' }).click();

    await waitForRows((r) => r.touches.length > 0);
    await settle();
    const stored = await rows();
    expect(seen.map((s) => [s.action, s.frameUrl])).toEqual([['verifyQuotaAndCreateV2', PRELOAD]]);
    expect(stored.touches).toHaveLength(1);
    expect(stored.touches[0]).toMatchObject({
      channel: 'linkedin',
      confirmed: true,
      summary: 'LinkedIn invitation',
      link: profileUrl(PRIYA),
    });
    const prospect = prospectOf(stored, stored.touches[0]!)!;
    expect(prospect.name).toBe('Priya Raman');
    expect([...prospect.linkedinIds].sort()).toEqual([PRIYA, 'priya-raman-7b'].sort());

    // The frame's fetch still looks native to the page, and our overlay is not in LinkedIn's shadow root.
    const probe = await page.evaluate(() => {
      const frame = document.querySelector(
        'iframe[data-testid="interop-iframe"]',
      ) as HTMLIFrameElement;
      const outlet = document.getElementById('interop-outlet')!.shadowRoot!;
      return {
        frameFetch: Function.prototype.toString.call(frame.contentWindow!.fetch),
        ours: outlet.querySelectorAll('ft-overlay, [class^="ft-"]').length,
      };
    });
    expect(probe.frameFetch).toContain('[native code]');
    expect(probe.ours).toBe(0);
  });

  test('Connect only in More, with a note: refused by the weekly limit (429) nothing, then sent one touch', async () => {
    answers.invitation = 429;
    await serve2026(page2026('sdui-profile-more.html'), {}, { inviteeMemberId: MARCUS });
    const page = await open(profileUrl('marcus-lindqvist'));
    const invite = async (note: string) => {
      await page.click('[role="main"] button[aria-expanded="false"]:has-text("More")');
      await page.click(
        '[data-floating-ui-portal] a[aria-label="Invite Marcus Lindqvist to connect"]',
      );
      await page.getByRole('button', { name: 'Add a note' }).click();
      await page.locator('textarea#custom-message').fill(note);
      await page.getByRole('button', { name: 'Send invitation' }).click();
    };
    await invite('Saw your talk on steel sourcing in Gothenburg');
    await waitForRows(() => seen.length > 0);
    await settle();
    expect((await rows()).touches).toEqual([]);

    answers.invitation = 201;
    await invite('Saw your talk on steel sourcing in Gothenburg');
    await waitForRows((r) => r.touches.length > 0);
    await settle();
    const stored = await rows();
    expect(seen.map((s) => [s.action, s.frameUrl])).toEqual([
      ['verifyQuotaAndCreateV2', PRELOAD],
      ['verifyQuotaAndCreateV2', PRELOAD],
    ]);
    expect(seen[1]!.body).toContain('customMessage');
    expect(stored.touches).toHaveLength(1);
    expect(stored.touches[0]).toMatchObject({
      confirmed: true,
      summary: 'LinkedIn invitation with a note',
    });
    expect(prospectOf(stored, stored.touches[0]!)).toMatchObject({ name: 'Marcus Lindqvist' });
    expect(JSON.stringify(stored)).not.toMatch(/Gothenburg|steel sourcing/);
  });

  test('SDUI Connect buttons: sent is one touch on that person, refused in the answer is none, a withdrawal records nothing', async () => {
    await serve2026(page2026('sdui-profile-pending.html'), {
      people: {
        'Liam O’Connor': { memberNumber: '502113987', memberId: LIAM, vanity: 'liam-oconnor' },
        'Sofia Rossi': { memberNumber: '613224098' },
      },
      pendingInvitee: { memberNumber: '447120398', memberId: ELENA },
    });
    const page = await open(profileUrl('elena-petrova-ux'));
    await page.click('button[aria-label="Invite Liam O’Connor to connect"]');
    await waitForRows((r) => r.touches.length > 0);

    answers.sdui = 'refused';
    await page.click('button[aria-label="Invite Sofia Rossi to connect"]');
    await waitForRows(() => seen.length >= 2);
    answers.sdui = 'sent';
    await page.click('[aria-label^="Pending, click to withdraw invitation sent to"]');
    await waitForRows(() => seen.length >= 3);
    await settle();

    const stored = await rows();
    expect(seen.map((s) => s.action)).toEqual([
      'com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      'com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      'com.linkedin.sdui.requests.mynetwork.addaWithdrawInvitation',
    ]);
    expect(seen.every((s) => s.frameUrl === profileUrl('elena-petrova-ux'))).toBe(true);
    expect(stored.touches).toHaveLength(1);
    expect(stored.touches[0]).toMatchObject({ confirmed: true, summary: 'LinkedIn invitation' });
    const liam = prospectOf(stored, stored.touches[0]!)!;
    expect(liam.name).toBe('Liam O’Connor');
    expect([...liam.linkedinIds].sort()).toEqual([LIAM, 'liam-oconnor', 'member:502113987'].sort());
    expect(stored.prospects).toHaveLength(1);
  });

  test('messages from the Messaging bubble in the shadow root, sent by the /preload/ frame: Send, then Enter in a new conversation', async () => {
    await serve2026(
      page2026('sdui-profile-first.html'),
      {},
      { conversationId: TOMAS_THREAD, recipientMemberId: TOMAS },
    );
    const page = await open(profileUrl('tomas-herrera'));
    const bubble = page.locator('[role="dialog"][aria-label="Messaging"]');
    await bubble.locator('[role="textbox"]').click();
    await page.keyboard.type('The Q1 numbers you asked for');
    await bubble.locator('button[type="submit"]').click();
    await waitForRows((r) => r.touches.length > 0);
    // Tomás is a prospect now: his bubble gets our bar, floating from the page's body, never
    // inside LinkedIn's shadow root.
    expect(await waitForOverlay(page, /^Tomás Herrera · touch 2 of/)).toContainEqual(
      expect.stringMatching(/^Tomás Herrera · touch 2 of \d+/),
    );
    expect(
      await page.evaluate(
        () =>
          document.getElementById('interop-outlet')!.shadowRoot!.querySelectorAll('ft-overlay')
            .length,
      ),
    ).toBe(0);

    // The same bubble as a new conversation where Enter sends (no Send button shown).
    answers.message = 429;
    await page.evaluate(() => {
      const root = document.getElementById('interop-outlet')!.shadowRoot!;
      for (const item of root.querySelectorAll('[data-event-urn]')) item.remove();
      root.querySelector('button[type="submit"]')!.remove();
    });
    await bubble.locator('[role="textbox"]').click();
    await page.keyboard.type('Refused by LinkedIn');
    await page.keyboard.press('Enter');
    await waitForRows(() => seen.length >= 2);
    await settle();
    expect((await rows()).touches).toHaveLength(1);

    answers.message = 200;
    await bubble.locator('[role="textbox"]').click();
    await page.keyboard.type('And the deck');
    await page.keyboard.press('Enter');
    await waitForRows((r) => r.touches.length > 1);
    await settle();

    const stored = await rows();
    const bodies = seen.map((s) => JSON.parse(s.body) as Record<string, unknown>);
    expect(seen.map((s) => [s.action, s.frameUrl])).toEqual([
      ['createMessage', PRELOAD],
      ['createMessage', PRELOAD],
      ['createMessage', PRELOAD],
    ]);
    expect(bodies.map((body) => 'hostRecipientUrns' in body)).toEqual([false, true, true]);
    expect(stored.touches).toHaveLength(2);
    expect(stored.touches.map((t) => [t.confirmed, t.threadId]).sort()).toEqual(
      [
        [true, TOMAS_THREAD],
        [true, NEW_THREAD],
      ].sort(),
    );
    expect(stored.prospects).toHaveLength(1);
    expect(stored.prospects[0]).toMatchObject({ name: 'Tomás Herrera', linkedinIds: [TOMAS] });
    expect(JSON.stringify(stored)).not.toMatch(/Q1 numbers|the deck|Refused by/);
  });
});

describe('/messaging/ in the hashed-class UI', () => {
  test('a click on Send (known only by its label) in a thread page with no msg- classes is one touch on the header’s person', async () => {
    const jane = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
    const janeThread = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
    // The light-DOM thread page of the hashed UI, with the stand-in for LinkedIn's messaging client.
    const html = page2026('sdui-hashed-thread.html').replace(
      '</body>',
      `${script(MESSAGING_CLIENT, { mailbox: MAILBOX })}</body>`,
    );
    await session.context.route('https://www.linkedin.com/**', (route: Route) => {
      const request = route.request();
      if (!isTopLevelNavigation(request)) {
        return route.fallback();
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    const page = await open(`https://www.linkedin.com/messaging/thread/${janeThread}/`);
    await page.locator('[role="textbox"]').click();
    await page.keyboard.type('Tuesday at ten, then');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await waitForRows((r) => r.touches.length > 0);
    await settle();
    const stored = await rows();
    expect(seen.map((s) => [s.action, s.frameUrl])).toEqual([
      ['createMessage', `https://www.linkedin.com/messaging/thread/${janeThread}/`],
    ]);
    expect(stored.touches).toHaveLength(1);
    expect(stored.touches[0]).toMatchObject({ confirmed: true, threadId: janeThread });
    expect(prospectOf(stored, stored.touches[0]!)).toMatchObject({
      name: 'Jane Doe',
      linkedinIds: [jane],
    });
  });
});

/** Turns the overlays off; the worker's next life reads the settings afresh. */
async function switchOverlaysOff(page: Page): Promise<void> {
  await seedDatabase(session.context, session.extensionId, {
    settings: [{ ...DEFAULT_SETTINGS, id: 'user', showOnLinkedIn: false }],
  });
  await stopServiceWorker(session.context);
  await page.reload();
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
}

/** The options page's diagnostics rows, as text. */
async function diagnosticsRows(): Promise<string[]> {
  const options = await session.context.newPage();
  try {
    await options.goto(session.extensionUrl('options.html'));
    const table = options.getByRole('table', { name: 'Not recognised' });
    await table.waitFor({ timeout: 15_000 });
    const texts = await table.locator('tbody tr').allTextContents();
    const page = (await options.locator('body').textContent()) ?? '';
    return [...texts.map((t) => t.replace(/\s+/g, ' ').trim()), page];
  } finally {
    await options.close();
  }
}

describe('a page Fifth Touch cannot read says so', () => {
  test('a profile: one line in the overlay, a diagnostics entry without page text, and with the overlays off, in the side panel', async () => {
    await serve2026(page2026('sdui-profile-unreadable.html'));
    const page = await open(profileUrl('nadia-farouk'));
    expect(await waitForOverlay(page, /can't read/)).toEqual([
      "Fifth Touch can't read this profile yet",
    ]);

    const diagnostics = await diagnosticsRows();
    const page_ = diagnostics.pop()!;
    expect(diagnostics).toEqual([
      expect.stringMatching(
        /^LinkedIn ?profile-reader \(\/in\/\*\/ · SDUI profile screen · no top card\).*1$/,
      ),
    ]);
    expect(page_).not.toMatch(/Nadia|Farouk|nadia|Qamar/);

    await switchOverlaysOff(page);
    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByRole('tab', { name: /Due today/ }).waitFor({ timeout: 15_000 });
    await page.bringToFront();
    const status = panel.getByRole('complementary', { name: 'Open LinkedIn profile' });
    await status.getByText(/can't read/).waitFor({ timeout: 20_000 });
    expect((await status.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      "On LinkedIn now: Fifth Touch can't read this profile yet.",
    );
    expect(await overlayTexts(page)).toEqual([]);
  });

  test('a conversation: one line in the overlay and a diagnostics entry naming the reader and the URL pattern', async () => {
    await serve2026(page2026('sdui-thread-unreadable.html'));
    const page = await open(`https://www.linkedin.com/messaging/thread/${TOMAS_THREAD}/`);
    expect(await waitForOverlay(page, /can't read/)).toEqual([
      "Fifth Touch can't read this conversation yet",
    ]);
    const diagnostics = await diagnosticsRows();
    const page_ = diagnostics.pop()!;
    expect(diagnostics).toEqual([
      expect.stringMatching(
        /^LinkedIn ?conversation-reader \(\/messaging\/thread\/\*\/ · SDUI screen · no conversation\)/,
      ),
    ]);
    expect(page_).not.toMatch(/Omar|Haddad|Thursday/);
    expect(page_).not.toContain(TOMAS_THREAD);
  });
});
