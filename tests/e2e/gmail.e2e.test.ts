// Gmail sends end to end: the built extension in Chromium, a Gmail page served from captures, a
// stand-in for Gmail's client (tests/fixtures/gmail/fake-gmail-client.js) that POSTs the captured
// sync request when the user sends, and route() answering it with the captured response. What is
// asserted is what the extension stored in its own IndexedDB.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Touch } from '../../lib/model';
import {
  launchExtension,
  projectRoot,
  readDatabase,
  sendFromContentScript,
  seedDatabase,
  sharedFixture,
  stopServiceWorker,
  type DatabaseRows,
  type ExtensionSession,
} from './harness';
import { nextAngle } from '../../components/overlay/angle';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { snoozeChoices } from '../../lib/cadence/snooze';
import {
  CAPTURE_MESSAGE_ID,
  cancelSendRequest,
  cancelSendRequestNamingScheduled,
  scheduledSendRequest,
} from '../fixtures/gmail/sync-hand-built';
import {
  clickInOverlay,
  focusInOverlay,
  isCheckedInOverlay,
  overlayText,
  overlayTexts,
  waitForGmailContentScript,
  waitForOverlayText,
} from './overlays';
import { isTopLevelNavigation } from './sites';

const capture = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const FAKE_CLIENT = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');
const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const INLINE_REPLY_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-inline-reply.html'),
  'utf8',
);
const LIST_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/inbox-list-rows.html'),
  'utf8',
);
const BOUNCE_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-bounce.html'),
  'utf8',
);

/** The compose capture's own draft id: the id its send request carries. */
const COMPOSE_DRAFT_ID = 'msg-a:r-7673660351152959857';
const INLINE_DRAFT_ID = 'msg-a:r-4444444444444444444';
const SYNC_URL = '/sync/u/0/i/s?hl=en&c=7';
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';

interface SyncAnswer {
  status: number;
  /** Capture name of the response body. */
  response: string;
  replace: [string, string][];
}

interface FakeClientConfig {
  template: string;
  captureId: string;
  replace: [string, string][];
  recipient: [string, string];
  captureSubject?: string;
  transport: 'xhr' | 'fetch' | 'none' | 'frame-xhr';
  syncUrl: string;
  undoWindow: boolean;
}

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

/** Serves `html` for every navigation to Gmail, with extra response headers (a CSP…). */
async function serveGmailPage(
  context: BrowserContext,
  html: string,
  headers: Record<string, string> = {},
): Promise<void> {
  await context.route('https://mail.google.com/**', (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers,
      body: html,
    });
  });
}

/** Answers the sync POSTs with a capture, the message id swapped for the one the request carries. */
async function answerSync(context: BrowserContext, answer: SyncAnswer): Promise<string[]> {
  const seen: string[] = [];
  await context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    seen.push(body);
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0];
    let response = capture(answer.response);
    const captureId = /msg-a:r-?\d+/.exec(
      capture(answer.response.replace('_response', '_request')),
    )?.[0];
    if (messageId && captureId) response = response.split(captureId).join(messageId);
    for (const [from, to] of answer.replace) response = response.split(from).join(to);
    await route.fulfill({
      status: answer.status,
      contentType: 'application/json; charset=utf-8',
      body: answer.status === 200 ? response : '{"error":"backend"}',
    });
  });
  return seen;
}

async function openGmail(
  url: string,
  html: string,
  client: Partial<FakeClientConfig> &
    Pick<FakeClientConfig, 'template' | 'captureId' | 'recipient'>,
  headers?: Record<string, string>,
): Promise<Page> {
  await serveGmailPage(session.context, html, headers);
  const page = await session.context.newPage();
  const config: FakeClientConfig = {
    replace: [],
    transport: 'xhr',
    syncUrl: SYNC_URL,
    undoWindow: false,
    ...client,
  };
  await page.addInitScript((value) => {
    (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = value;
  }, config);
  await page.addInitScript({ path: FAKE_CLIENT });
  await page.goto(url);
  // The isolated script is in before the test acts.
  await waitForGmailContentScript(page);
  return page;
}

/**
 * The rows once `predicate` holds and no touch is still sending (a send is stored as sending at
 * once, and settled when Gmail's undo window ends; sends-durable.e2e.test.ts covers that state).
 */
async function waitForRows(
  predicate: (rows: DatabaseRows) => boolean,
  timeout = 15_000,
): Promise<DatabaseRows> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await readDatabase(session.context, session.extensionId);
    if (predicate(rows) && rows.touches.every((touch) => touch.sending === undefined)) return rows;
    if (Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Enters To and Subject in the compose capture as a user would. */
async function fillCompose(page: Page, to: string, subject: string): Promise<void> {
  // The capture keeps the To row collapsed (it has no stylesheet), so Playwright cannot type into
  // it: the value is set and an input event fired, which is what typing leaves behind.
  await page.locator('textarea[name="to"]').evaluate((field, value) => {
    (field as HTMLTextAreaElement).value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, to);
  await page.locator('input[name="subjectbox"]').fill(subject);
}

const NEW_COMPOSE = {
  template: capture('cvOnSend_request'),
  captureId: 'msg-a:r8190137112111191537',
  recipient: ['"test+1@gmail.com", "Test Test"', '"jane.doe@acme.example", "Jane Doe"'] as [
    string,
    string,
  ],
  captureSubject: 'subject_111',
};
const SEND_RESPONSE: SyncAnswer = { status: 200, response: 'cvOnSend_response', replace: [] };

function expectOneConfirmedTouch(rows: DatabaseRows, subject: string): Touch {
  expect(rows.prospects).toHaveLength(1);
  expect(rows.prospects[0]).toMatchObject({ emails: ['jane.doe@acme.example'], touchCount: 1 });
  expect(rows.touches).toHaveLength(1);
  const touch = rows.touches[0]!;
  expect(touch).toMatchObject({
    prospectId: rows.prospects[0]!.id,
    channel: 'email',
    direction: 'out',
    summary: subject,
    confirmed: true,
    source: 'detected',
    account: '/mail/u/0',
    threadId: 'thread-a:r263523620390330024',
    // The capture's response gives the legacy thread id the link needs.
    link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
    dedupeKey: `email:gmail:${COMPOSE_DRAFT_ID}:${rows.prospects[0]!.id}`,
  });
  return touch;
}

describe('a Gmail send becomes one touch', () => {
  test('a new compose sent with the Send button: the prospect, subject and thread link are stored once', async () => {
    const requests = await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, NEW_COMPOSE);
    await fillCompose(page, 'Jane Doe <jane.doe@acme.example>', 'Renewal numbers for Acme');
    const before = session.now();
    await page.locator('div.T-I.aoO').click();

    const rows = await waitForRows((r) => r.touches.length > 0);
    const touch = expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
    expect(touch.at).toBeGreaterThanOrEqual(before - 1000);
    expect(rows.prospects[0]!.name).toBe('Jane Doe');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain(COMPOSE_DRAFT_ID);
    // The DOM layer saw the same send: after its own wait, still one touch.
    await sleep(9_000);
    const later = await readDatabase(session.context, session.extensionId);
    expect(later.touches.map((t) => t.id)).toEqual([touch.id]);
    expect(later.touches[0]!.confirmed).toBe(true);
  });

  test('Ctrl+Enter in the compose body sends over fetch and records one confirmed touch', async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, { ...NEW_COMPOSE, transport: 'fetch' });
    await fillCompose(page, 'jane.doe@acme.example', 'Ten minutes on Thursday?');
    await page.locator('div[role="textbox"][aria-label="Message Body"]').first().focus();
    await page.keyboard.press('Control+Enter');

    const rows = await waitForRows((r) => r.touches.length > 0);
    expectOneConfirmedTouch(rows, 'Ten minutes on Thursday?');
    expect(
      await page.evaluate(() => (window as unknown as { fakeGmailLog: string[] }).fakeGmailLog),
    ).toEqual(['send', 'status:200']);
  });

  test('an inline reply in a thread records a touch on the thread, with its link', async () => {
    const replace: [string, string][] = [
      ['thread-f:1743802434391390786', 'thread-f:1828907528778129395'],
      ['18333b13345c3a42', '196195b51bdb9ff3'],
    ];
    await answerSync(session.context, {
      status: 200,
      response: 'cvOnReplySend_2_response',
      replace,
    });
    const page = await openGmail(THREAD_URL, INLINE_REPLY_PAGE, {
      template: capture('cvOnReplySend_2_request'),
      captureId: 'msg-a:r2026878197680476540',
      // Only the To: the capture's From is the same test address, and stays the sender.
      recipient: [
        '[[1, "test@streak.com", "Test Test"]]',
        '[[1, "cora.hale@example.org", "Cora Hale"]]',
      ],
      replace,
    });
    await page.locator('.M9 div.T-I.aoO').click();

    const rows = await waitForRows((r) => r.touches.length > 0);
    expect(rows.prospects).toHaveLength(1);
    expect(rows.prospects[0]).toMatchObject({
      emails: ['cora.hale@example.org'],
      name: 'Cora Hale',
    });
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({
      summary: 'Re: hey2',
      confirmed: true,
      threadId: 'thread-f:1828907528778129395',
      link: 'https://mail.google.com/mail/u/0/#all/196195b51bdb9ff3',
      dedupeKey: `email:gmail:${INLINE_DRAFT_ID}:${rows.prospects[0]!.id}`,
    });

    // The thread-view bar appears for the new prospect: first touch done, the next one planned.
    const bar = {
      host: 'fifth-touch-thread-bar',
      selector: '[role="region"]',
      name: 'Fifth Touch: follow-up status',
    };
    const text = await waitForOverlayText(page, bar, /Touch 2 of \d+/, 25_000);
    expect(text).toContain('Cora Hale');
    expect(text).toContain('0 nos');
  });

  test('a draft save records nothing; the send after it records one touch', async () => {
    const requests = await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, NEW_COMPOSE);
    const draftStatus = await page.evaluate(
      (body) =>
        (
          window as unknown as { fakeGmailSaveDraft(b: string): Promise<number> }
        ).fakeGmailSaveDraft(body),
      capture('cvOnDraftSave_request'),
    );
    expect(draftStatus).toBe(200);
    await sleep(2_500);
    expect((await readDatabase(session.context, session.extensionId)).touches).toEqual([]);

    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    const rows = await waitForRows((r) => r.touches.length > 0);
    expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
    expect(requests).toHaveLength(2);
  });

  test('a send answered 500 records no touch, although the compose closed', async () => {
    await answerSync(session.context, { ...SEND_RESPONSE, status: 500 });
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, NEW_COMPOSE);
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { fakeGmailLog: string[] }).fakeGmailLog),
      )
      .toEqual(['send', 'status:500']);
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    // Past the DOM layer's wait for the network (8 s): still nothing.
    await sleep(10_000);
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.touches).toEqual([]);
    expect(rows.prospects).toEqual([]);
  });

  test('when the network says nothing recognisable, the DOM layer records the send unconfirmed', async () => {
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, { ...NEW_COMPOSE, transport: 'none' });
    await fillCompose(page, '"Doe, Jane" <jane.doe@acme.example>', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();

    const rows = await waitForRows((r) => r.touches.length > 0, 20_000);
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({
      summary: 'Renewal numbers for Acme',
      confirmed: false,
      account: '/mail/u/0',
      dedupeKey: `email:gmail:${COMPOSE_DRAFT_ID}:${rows.prospects[0]!.id}`,
    });
    expect(rows.prospects[0]).toMatchObject({
      emails: ['jane.doe@acme.example'],
      name: 'Doe, Jane',
    });
  });

  test("Undo within Gmail's undo window leaves no touch", async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, { ...NEW_COMPOSE, undoWindow: true });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    await page.locator('#link_undo').waitFor();
    await sleep(2_000);
    await page.locator('#link_undo').click();
    await sleep(10_000);
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.touches).toEqual([]);
  });

  test('a send in the undo window is recorded once the window closes', async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, { ...NEW_COMPOSE, undoWindow: true });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    await page.locator('#link_undo').waitFor();
    await sleep(3_000);
    // Stored while Undo is offered, but only as sending: an Undo would still take it back.
    const held = (await readDatabase(session.context, session.extensionId)).touches;
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ confirmed: true, sending: { until: expect.any(Number) } });
    await page.evaluate(() =>
      (window as unknown as { fakeGmailHideNotice(): void }).fakeGmailHideNotice(),
    );
    const rows = await waitForRows((r) => r.touches.length > 0);
    expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
  });

  test("keeps working under Gmail's require-trusted-types-for 'script' CSP", async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, NEW_COMPOSE, {
      'Content-Security-Policy': "require-trusted-types-for 'script'",
    });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/trusted ?type|TrustedHTML|TrustedScript|Content Security Policy/i.test(message.text())) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // The header is in force: the page itself cannot assign a string to innerHTML.
    const enforced = await page.evaluate(() => {
      try {
        document.createElement('div')[('inner' + 'HTML') as 'innerHTML'] = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    expect(enforced).toBe(true);
    problems.length = 0;

    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    const rows = await waitForRows((r) => r.touches.length > 0);
    expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
    expect(problems).toEqual([]);
  });
});

describe('scheduled sends and same-origin frames', () => {
  const DAY_MS = 86_400_000;
  /** The compose sent as a scheduled send (hand-built from the send capture) for `scheduledFor`. */
  const scheduledCompose = (scheduledFor: number) => ({
    template: scheduledSendRequest(scheduledFor),
    captureId: CAPTURE_MESSAGE_ID,
    // The hand-built body is compact JSON: no space after the comma.
    recipient: ['"test+1@gmail.com","Test Test"', '"jane.doe@acme.example","Jane Doe"'] as [
      string,
      string,
    ],
    captureSubject: 'subject_111',
  });
  const postSync = (page: Page, body: string) =>
    page.evaluate(
      (text) =>
        (
          window as unknown as { fakeGmailSaveDraft(b: string): Promise<number> }
        ).fakeGmailSaveDraft(text),
      body,
    );

  async function scheduleOne(scheduledFor: number): Promise<{ page: Page; rows: DatabaseRows }> {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, scheduledCompose(scheduledFor));
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    const rows = await waitForRows((r) => r.touches.length > 0, 20_000);
    return { page, rows };
  }

  test('a scheduled send is one touch at its scheduled time, and nothing is due before it', async () => {
    const scheduledFor = Math.floor((session.now() + 2 * DAY_MS) / 60_000) * 60_000;
    const { rows } = await scheduleOne(scheduledFor);
    expect(rows.touches).toHaveLength(1);
    expect(rows.touches[0]).toMatchObject({
      at: scheduledFor,
      day: localDayOf(scheduledFor),
      summary: 'Renewal numbers for Acme',
      confirmed: true,
      dedupeKey: `email:gmail:${COMPOSE_DRAFT_ID}:${rows.prospects[0]!.id}`,
    });
    const prospect = rows.prospects[0]!;
    expect(prospect.touchCount).toBe(1);
    expect(prospect.nextDueDay! > localDayOf(scheduledFor)).toBe(true);
  });

  test('"Cancel send" on that scheduled send (back to a draft) removes its touch', async () => {
    const { page, rows } = await scheduleOne(session.now() + 3 * DAY_MS);
    expect(rows.touches).toHaveLength(1);
    const cancel = cancelSendRequest().split(CAPTURE_MESSAGE_ID).join(COMPOSE_DRAFT_ID);
    expect(await postSync(page, cancel)).toBe(200);
    const after = await waitForRows((r) => r.touches.length === 0, 20_000);
    expect(after.touches).toEqual([]);
    expect(after.prospects[0]).toMatchObject({ touchCount: 0 });
    expect(after.prospects[0]!.lastTouchAt).toBeUndefined();
  });

  test('"Cancel send" from a later page (the request names ^scheduled) removes the touch too', async () => {
    const { page } = await scheduleOne(session.now() + 3 * DAY_MS);
    await page.reload();
    await waitForGmailContentScript(page);
    const cancel = cancelSendRequestNamingScheduled()
      .split(CAPTURE_MESSAGE_ID)
      .join(COMPOSE_DRAFT_ID);
    expect(await postSync(page, cancel)).toBe(200);
    const after = await waitForRows((r) => r.touches.length === 0, 20_000);
    expect(after.touches).toEqual([]);
  });

  test("a send made with a same-origin frame's XMLHttpRequest is one confirmed touch", async () => {
    const requests = await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, {
      ...NEW_COMPOSE,
      transport: 'frame-xhr',
    });
    await page.locator('iframe#js_frame').waitFor({ state: 'attached' });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();
    const rows = await waitForRows((r) => r.touches.length > 0);
    expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
    expect(requests).toHaveLength(1);
    // The DOM layer's wait passes: still one touch, still confirmed by the network.
    await sleep(9_000);
    const later = await readDatabase(session.context, session.extensionId);
    expect(later.touches).toHaveLength(1);
    expect(later.touches[0]!.confirmed).toBe(true);
  });
});

describe("Gmail's own follow-up nudge in the thread list", () => {
  const DAY_MS = 86_400_000;
  const record = async (page: Page, email: string, sendKey: string, at: number) => {
    const reply = await sendFromContentScript(
      page,
      'recordSend',
      {
        channel: 'email',
        at,
        sendKey,
        summary: 'Earlier email',
        confirmed: true,
        account: '/mail/u/0',
        recipients: [{ email, role: 'to' }],
      },
      { extensionId: session.extensionId },
    );
    expect(reply.err).toBeUndefined();
    return reply.res!.touches[0]!.prospectId;
  };

  test("a nudged row of a tracked prospect gets one slim line after Gmail's nudge; other rows nothing", async () => {
    const page = await openGmail(INBOX_URL, LIST_PAGE, {
      template: '[]',
      captureId: 'none',
      recipient: ['none', 'none'],
      transport: 'none',
    });
    const now = session.now();
    const jane = await record(
      page,
      'jane.doe@acme.example',
      'gmail:msg-a:r-9000000000000000001',
      now - 9 * DAY_MS,
    );
    await record(
      page,
      'jane.doe@acme.example',
      'gmail:msg-a:r-9000000000000000002',
      now - 3 * DAY_MS,
    );
    const no = await sendFromContentScript(
      page,
      'logOutcome',
      { prospectId: jane, kind: 'no' },
      { extensionId: session.extensionId },
    );
    expect(no.err).toBeUndefined();
    // Tracked but not nudged (Ola), nudged but not a prospect any more (Kim); Sam is unknown.
    await record(page, 'ola.berg@gamma.example', 'gmail:msg-a:r-9000000000000000003', now - DAY_MS);
    const kim = await record(
      page,
      'kim@delta.example',
      'gmail:msg-a:r-9000000000000000004',
      now - 6 * DAY_MS,
    );
    const notProspect = await sendFromContentScript(
      page,
      'markNotAProspect',
      { prospectId: kim },
      { extensionId: session.extensionId },
    );
    expect(notProspect.err).toBeUndefined();
    const stored = (await readDatabase(session.context, session.extensionId)).prospects.find(
      (p) => p.id === jane,
    )!;

    await page.reload();
    await waitForGmailContentScript(page);
    const note = { host: 'tr[id=":1a"] fifth-touch-row-nudge', selector: '[role="note"]' };
    const text = await waitForOverlayText(page, note, /Touch/);
    expect(text).toContain(`Touch ${stored.nextStep} of ${stored.totalSteps}`);
    expect(text).toContain('1 no');
    expect(text).toMatch(/Angle: \S/);
    expect(text).not.toMatch(/follow up|overdue|due today|Jane/i);
    // Right after Gmail's own nudge, in the same slim space.
    expect(
      await page
        .locator('tr[id=":1a"] fifth-touch-row-nudge')
        .evaluate((host) => host.previousElementSibling?.textContent),
    ).toBe('Sent 3 days ago. Follow up?');

    await sleep(2_000);
    expect(await page.locator('fifth-touch-row-nudge').count()).toBe(1);
    // The page's own rows are untouched otherwise: Gmail's nudge text is still there.
    await expect
      .poll(() => page.locator('tr[id=":1a"] .y6').textContent())
      .toContain('Sent 3 days ago. Follow up?');
  });

  test("the compose coach watches Gmail's compose dock: a compose opened there is coached", async () => {
    const page = await openGmail(INBOX_URL, LIST_PAGE, {
      template: '[]',
      captureId: 'none',
      recipient: ['none', 'none'],
      transport: 'none',
    });
    await page.locator('.dw fifth-touch-compose-coach').first().waitFor({ state: 'attached' });
    // Gmail opens a second compose: a new mole in the dock, built with DOM APIs only.
    await page.evaluate(() => {
      const dock = document.querySelector('div.dw .no')!;
      const mole = document.createElement('div');
      mole.className = 'nn nH';
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.id = 'second-compose';
      const draft = document.createElement('input');
      draft.type = 'hidden';
      draft.name = 'draft';
      draft.value = '#msg-a:r-6666666666666666666';
      const body = document.createElement('div');
      body.setAttribute('role', 'textbox');
      body.contentEditable = 'true';
      dialog.append(draft, body);
      mole.append(dialog);
      dock.append(mole);
    });
    await page
      .locator('#second-compose fifth-touch-compose-coach')
      .waitFor({ state: 'attached', timeout: 15_000 });
    expect(await page.locator('fifth-touch-compose-coach').count()).toBe(2);
  });
});

describe('own addresses', () => {
  test('a send from me@myco.com records the address as own; a later send to me+crm@myco.com is skipped', async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, {
      ...NEW_COMPOSE,
      // The capture's From becomes the rep's work address.
      replace: [['"test@gmail.com"', '"me@myco.com"']],
    });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers for Acme');
    await page.locator('div.T-I.aoO').click();

    const rows = await waitForRows((r) => {
      const settings = r.settings[0] as { ownAddresses?: string[] } | undefined;
      return r.touches.length > 0 && !!settings?.ownAddresses?.includes('me@myco.com');
    });
    expectOneConfirmedTouch(rows, 'Renewal numbers for Acme');
    expect(rows.settings[0]).toMatchObject({
      ownAddresses: ['me@myco.com'],
      ownDomains: ['myco.com'],
    });

    // Later, a send to a plus-addressed variant of it: the store skips it (no prospect, no touch).
    const later = await sendFromContentScript(
      page,
      'recordSend',
      {
        channel: 'email',
        at: session.now(),
        sendKey: 'gmail:msg-a:r-2222222222222222222',
        summary: 'Note to self',
        confirmed: true,
        account: '/mail/u/0',
        recipients: [{ email: 'me+crm@myco.com', role: 'to' }],
      },
      { extensionId: session.extensionId },
    );
    expect(later.res).toEqual({ touches: [], skipped: 1 });
    const after = await readDatabase(session.context, session.extensionId);
    expect(after.prospects.map((p) => p.emails)).toEqual([['jane.doe@acme.example']]);
    expect(after.touches).toHaveLength(1);
  });
});

describe('the private page-world channel', () => {
  test('a script that grabbed the port floods it with valid-looking sends: a bounded number of touches', async () => {
    // Stands for another extension's page-world script that ran before ours and kept a reference
    // to the port offered in the handshake (Gmail's own scripts run too late to see it).
    await serveGmailPage(session.context, COMPOSE_PAGE);
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      window.addEventListener(
        'pointerrawupdate-sync',
        (event) => {
          const port = (event as MouseEvent).relatedTarget;
          if (port) (window as unknown as { __port?: EventTarget }).__port ??= port;
        },
        true,
      );
    });
    await page.goto(INBOX_URL);
    await waitForGmailContentScript(page);
    const template = capture('cvOnSend_request');
    const response = capture('cvOnSend_response');
    const grabbed = await page.evaluate(
      ({ template, response }) => {
        const port = (window as unknown as { __port?: MessagePort }).__port;
        if (!port) return false;
        for (let index = 0; index < 300; index++) {
          const id = `msg-a:r${1000000 + index}`;
          const request = template
            .split('msg-a:r8190137112111191537')
            .join(id)
            .split('test+1@gmail.com')
            .join(`forged${index}@spam.example`);
          port.postMessage({
            type: 'event',
            detail: { account: 'u/0', status: 200, request, response },
          });
          port.postMessage({ type: 'event', detail: { not: 'a record' } });
        }
        return true;
      },
      { template, response },
    );
    expect(grabbed).toBe(true);
    // Past the hold of what was admitted.
    await sleep(4_000);
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.touches.length).toBeGreaterThan(0);
    // No send gesture in this tab: only the small no-gesture budget is admitted.
    expect(rows.touches.length).toBeLessThanOrEqual(5);
    // What our page side never sends pauses tracking in this tab, visibly.
    await waitForOverlayText(
      page,
      { host: 'fifth-touch-status' },
      'Tracking paused in this tab — reload Gmail',
    );
    // The extension still answers afterwards.
    const reply = await sendFromContentScript(page, 'ping', undefined, {
      extensionId: session.extensionId,
    });
    expect(reply.res?.version).toBeDefined();
  });
});

describe('replies and the thread bar', () => {
  /** Records a touch to Cora from the real Gmail URL, as an earlier send would have. */
  async function seedTouch(page: Page, at: number): Promise<void> {
    const reply = await sendFromContentScript(
      page,
      'recordSend',
      {
        channel: 'email',
        at,
        sendKey: 'gmail:msg-a:r-1111111111111111111',
        summary: 'Pricing for the Acme rollout',
        confirmed: true,
        account: '/mail/u/0',
        recipients: [{ email: 'cora.hale@example.org', name: 'Cora Hale', role: 'to' }],
      },
      { extensionId: session.extensionId },
    );
    expect(reply.err).toBeUndefined();
  }

  /** A thread page with no sends of its own (the fake client stays idle). */
  const openThread = (html: string) =>
    openGmail(THREAD_URL, html, {
      template: '[]',
      captureId: 'none',
      recipient: ['none', 'none'],
      transport: 'none',
    });

  // Cora's message in the thread arrived 2025-04-09 07:02 UTC (its legacy id says so).
  const BEFORE_HER_MESSAGE = Date.UTC(2025, 3, 8, 12, 0);

  test('opening a thread where the prospect wrote after the last touch marks them replied, with undo', async () => {
    const page = await openThread(INLINE_REPLY_PAGE);
    await seedTouch(page, BEFORE_HER_MESSAGE);
    await page.reload();
    const bar = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
    await waitForOverlayText(page, bar, 'Marked replied.');
    const marked = await readDatabase(session.context, session.extensionId);
    expect(marked.outcomes).toHaveLength(1);
    expect(marked.outcomes[0]).toMatchObject({
      kind: 'reply',
      at: Date.UTC(2025, 3, 9, 7, 2, 17, 277),
      prospectId: marked.prospects[0]!.id,
    });
    expect(marked.prospects[0]!.status).toBe('replied');

    await clickInOverlay(page, { ...bar, selector: 'button', name: 'Undo' });
    await waitForOverlayText(page, bar, 'Reply mark undone.');
    const undone = await readDatabase(session.context, session.extensionId);
    expect(undone.outcomes).toEqual([]);
    expect(undone.prospects[0]!.status).toBe('active');

    // The undo sticks: opening the thread again does not mark the same message again.
    await page.reload();
    await waitForOverlayText(page, bar, /Touch \d+ of/);
    await sleep(1_000);
    expect((await readDatabase(session.context, session.extensionId)).outcomes).toEqual([]);
  });

  test('a mailer-daemon report naming the prospect flags the address undeliverable, never a reply', async () => {
    const page = await openThread(BOUNCE_PAGE);
    await seedTouch(page, BEFORE_HER_MESSAGE);
    await page.reload();
    const bar = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
    await waitForOverlayText(
      page,
      bar,
      'Delivery failed to cora.hale@example.org: marked undeliverable.',
    );
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.prospects).toHaveLength(1);
    expect(rows.prospects[0]).toMatchObject({
      emails: ['cora.hale@example.org'],
      undeliverable: ['cora.hale@example.org'],
      status: 'active',
    });
    expect(rows.outcomes).toEqual([]);

    // Opening the thread again flags nothing twice.
    await page.reload();
    await waitForOverlayText(page, bar, /Touch \d+ of/);
    await sleep(1_000);
    const again = await readDatabase(session.context, session.extensionId);
    expect(again.prospects[0]!.undeliverable).toEqual(['cora.hale@example.org']);
    expect(again.outcomes).toEqual([]);
  });

  test("Snooze in the bar offers the side panel's choices and snoozes to the one picked", async () => {
    const page = await openThread(INLINE_REPLY_PAGE);
    await seedTouch(page, session.now());
    await page.reload();
    const bar = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
    await waitForOverlayText(page, bar, /Touch \d+ of/);
    await clickInOverlay(page, { ...bar, selector: 'button', name: 'Snooze' });
    const menu = { ...bar, selector: '[role="group"][aria-label="Snooze until"] button' };
    await waitForOverlayText(page, { ...bar, selector: '[role="group"]' }, 'Monday');
    // Named by the day each really lands on, as the side panel names them (the same function):
    // on the browser's Wednesday, tomorrow is Thursday; in 3 days and next week both land on
    // Monday with weekends skipped, offered once.
    const today = localDayOf(session.now());
    const labels = await overlayTexts(page, menu);
    expect(labels).toEqual(['Tomorrow (Thu)', 'Monday']);
    expect(labels).toEqual(
      snoozeChoices(today, { skipWeekends: DEFAULT_SETTINGS.skipWeekends }).map((c) => c.label),
    );
    await clickInOverlay(page, { ...menu, name: 'Monday' });
    const rows = await waitForRows((r) => r.outcomes.length > 0);
    const monday = addDaysToDay(today, 5);
    expect(rows.outcomes).toEqual([
      expect.objectContaining({ kind: 'snooze', until: monday, prospectId: rows.prospects[0]!.id }),
    ]);
    // The label and the result agree: the lead comes due that Monday.
    expect(rows.prospects[0]!.nextDueDay).toBe(monday);
  });

  test("the bar suggests an angle from the user's settings, never the last touch's", async () => {
    const page = await openThread(INLINE_REPLY_PAGE);
    await seedTouch(page, session.now() - 3 * 86_400_000);
    const [prospect] = (await readDatabase(session.context, session.extensionId)).prospects;
    // The angle the defaults would suggest (A), and the one they would suggest after A (B): the
    // last touch used A and the user turned B off, so the bar must show a third one.
    const a = nextAngle(prospect!, DEFAULT_SETTINGS, 'email')!;
    const b = nextAngle({ ...prospect!, lastAngleId: a.id }, DEFAULT_SETTINGS, 'email')!;
    const settings = { ...DEFAULT_SETTINGS, disabledAngles: [b.id] };
    const c = nextAngle({ ...prospect!, lastAngleId: a.id }, settings, 'email')!;
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    await seedDatabase(session.context, session.extensionId, {
      prospects: [{ ...prospect!, lastAngleId: a.id }],
      settings: [{ id: SETTINGS_ROW_ID, disabledAngles: [b.id] }],
    });
    // Raw writes bypass Dexie's change relay, which is how a running worker learns of a settings
    // change; its next life reads them afresh, as after any options-page save.
    await stopServiceWorker(session.context);

    await page.reload();
    await waitForOverlayText(
      page,
      { host: 'fifth-touch-thread-bar', selector: '.ft-angle' },
      `Angle: ${c.label}`,
    );
  });

  test("keys typed in the bar never reach Gmail's shortcuts", async () => {
    const page = await openThread(INLINE_REPLY_PAGE);
    await seedTouch(page, session.now());
    await page.reload();
    const bar = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
    await waitForOverlayText(page, bar, /Touch \d+ of/);
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { keysSeen: string[] }).keysSeen = []);
      document.addEventListener('keydown', (event) => seen.push(event.key));
    });
    await focusInOverlay(page, { ...bar, selector: 'button', name: 'Side panel' });
    await page.keyboard.press('j');
    await page.keyboard.press('Shift+3');
    expect(
      await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen),
    ).toEqual([]);
    // Outside our UI the page still gets its keys.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('k');
    expect(
      await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen),
    ).toEqual(['k']);
  });
});

describe('accounts, tabs and the compose coach', () => {
  test('two tabs on two accounts: one touch per send, each carrying its account', async () => {
    const otherDraft = 'msg-a:r-5555555555555555555';
    await session.context.route('https://mail.google.com/sync/**', async (route: Route) => {
      const body = route.request().postData() ?? '';
      const messageId = /msg-a:r-?\d+/.exec(body)![0];
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: capture('cvOnSend_response').split('msg-a:r8190137112111191537').join(messageId),
      });
    });
    // u/0 gets the capture as it is; u/1 the same page holding another draft.
    await session.context.route('https://mail.google.com/mail/**', (route: Route) => {
      const request = route.request();
      if (!request.isNavigationRequest()) return route.fallback();
      const html = request.url().includes('/mail/u/1/')
        ? COMPOSE_PAGE.split(COMPOSE_DRAFT_ID).join(otherDraft)
        : COMPOSE_PAGE;
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    });
    const open = async (url: string, syncUrl: string) => {
      const page = await session.context.newPage();
      await page.addInitScript(
        (value) => {
          (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = value;
        },
        { ...NEW_COMPOSE, replace: [], transport: 'xhr', syncUrl, undoWindow: false },
      );
      await page.addInitScript({ path: FAKE_CLIENT });
      await page.goto(url);
      await waitForGmailContentScript(page);
      return page;
    };
    const first = await open(INBOX_URL, SYNC_URL);
    const second = await open('https://mail.google.com/mail/u/1/#inbox', '/sync/u/1/i/s?hl=en');
    await fillCompose(first, 'jane.doe@acme.example', 'From the first account');
    await fillCompose(second, 'jane.doe@acme.example', 'From the second account');
    await Promise.all([
      first.locator('div.T-I.aoO').click(),
      second.locator('div.T-I.aoO').click(),
    ]);
    const rows = await waitForRows((r) => r.touches.length >= 2);
    await sleep(9_000);
    const settled = await readDatabase(session.context, session.extensionId);
    expect(settled.prospects).toHaveLength(1);
    expect(
      settled.touches
        .map((t) => [t.summary, t.account, t.link, t.confirmed])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      [
        'From the first account',
        '/mail/u/0',
        'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
        true,
      ],
      [
        'From the second account',
        '/mail/u/1',
        'https://mail.google.com/mail/u/1/#all/183234ce86ffa010',
        true,
      ],
    ]);
    expect(rows.touches.length).toBeGreaterThanOrEqual(2);
    expect(new Set(settled.touches.map((t) => t.prospectId))).toEqual(
      new Set([settled.prospects[0]!.id]),
    );
  });

  test('the compose coach shows the prospect and the lazy line; track off records nothing', async () => {
    await answerSync(session.context, SEND_RESPONSE);
    const page = await openGmail(INBOX_URL, COMPOSE_PAGE, NEW_COMPOSE);
    const seeded = await sendFromContentScript(
      page,
      'recordSend',
      {
        channel: 'email',
        at: session.now() - 3 * 86_400_000,
        sendKey: 'gmail:msg-a:r-1111111111111111111',
        summary: 'First note',
        confirmed: true,
        recipients: [{ email: 'jane.doe@acme.example', name: 'Jane Doe', role: 'to' }],
      },
      { extensionId: session.extensionId },
    );
    expect(seeded.err).toBeUndefined();

    await fillCompose(page, 'jane.doe@acme.example', 'Checking in');
    await page
      .locator('div[role="textbox"][aria-label="Message Body"]')
      .first()
      .evaluate((body) => {
        body.textContent = 'Hi Jane, just checking in on this.';
        body.dispatchEvent(new InputEvent('input', { bubbles: true }));
      });
    const coach = {
      host: 'fifth-touch-compose-coach',
      selector: '[role="region"]',
      name: 'Fifth Touch: compose coach',
    };
    await waitForOverlayText(page, coach, 'Jane Doe: Touch 2 of', 10_000);
    expect(await overlayText(page, coach)).toMatch(
      /just checking in.*gives them nothing\. Try instead: /,
    );

    const track = { ...coach, selector: 'input[type="checkbox"]', name: /Track this email/ };
    await clickInOverlay(page, track);
    expect(await isCheckedInOverlay(page, track)).toBe(false);
    await page.locator('div.T-I.aoO').click();
    await sleep(10_000);
    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.touches.map((t) => t.summary)).toEqual(['First note']);
  });
});
