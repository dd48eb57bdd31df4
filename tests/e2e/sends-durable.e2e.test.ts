/// <reference types="chrome" />
// Every confirmed send is a touch within seconds, whatever happens to its tab or to the worker:
// the built extension in Chromium, Gmail served from the captures with the stand-in client that
// POSTs the captured sync request, LinkedIn's API answered by hand. Asserted is what the extension
// stored in its own IndexedDB, what the side panel shows and what the toolbar badge says.
import type { Page, Route } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { Prospect, Touch, UnconfirmedSend } from '../../lib/model';
import { readAllStores } from './database';
import {
  answerSync,
  clickSend,
  COMPOSE_DRAFT_ID,
  COMPOSE_PAGE,
  fillCompose,
  openGmailCompose,
  sendRequestBody,
  serveGmailHtml,
  SYNC_URL,
} from './gmail-page';
import {
  evaluateInContentScript,
  launchExtension,
  seedDatabase,
  serveLinkedIn,
  stopServiceWorker,
  until,
  waitForWorker,
  type ExtensionSession,
} from './harness';

let session: ExtensionSession;
/** An extension page kept open to read the store from (opening one per read costs ~200 ms). */
let reader: Page;

beforeEach(async () => {
  session = await launchExtension();
  await until(
    () => session.worker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    (names) => names.includes('fifth-touch'),
  );
  reader = await session.context.newPage();
  await reader.goto(session.extensionUrl('sidepanel.html'));
});

afterEach(async () => {
  await session?.close();
});

interface Stored {
  prospects: Prospect[];
  touches: Touch[];
  unconfirmedSends: UnconfirmedSend[];
  outbox: string[];
}

async function stored(): Promise<Stored> {
  const [rows, outbox] = await Promise.all([
    reader.evaluate(readAllStores, 'fifth-touch'),
    reader.evaluate(async () =>
      Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('outbox')),
    ),
  ]);
  return {
    prospects: (rows.prospects ?? []) as Prospect[],
    touches: (rows.touches ?? []) as Touch[],
    unconfirmedSends: (rows.unconfirmedSends ?? []) as UnconfirmedSend[],
    outbox,
  };
}

const settled = (touches: Touch[]) => touches.filter((touch) => touch.sending === undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jane Doe, a prospect with nothing sent yet and a week overdue by the browser's clock; a cadence of two steps a month apart. */
async function seedJane(): Promise<string> {
  const overdueDay = addDaysToDay(localDayOf(session.now()), -7);
  await seedDatabase(session.context, session.extensionId, {
    settings: [
      {
        ...DEFAULT_SETTINGS,
        id: 'user',
        cadence: [
          { day: 1, channels: ['email'] },
          { day: 31, channels: ['email'] },
        ],
        skipWeekends: false,
      },
    ],
    prospects: [
      {
        id: 'p-jane',
        name: 'Jane Doe',
        company: 'Acme',
        emails: ['jane.doe@acme.example'],
        linkedinIds: [],
        status: 'active',
        tags: [],
        createdAt: session.now() - 14 * 86_400_000,
        // Overdue today; after a send, the next step is 30 days later.
        nextDueDay: overdueDay,
        nextChannels: ['email'],
        nextStep: 1,
        totalSteps: 2,
        reason: 'Step 1 of 2.',
        touchCount: 0,
        noCount: 0,
      } satisfies Prospect,
    ],
  });
  return overdueDay;
}

async function badge(): Promise<{ text: string; title: string }> {
  const worker = await waitForWorker(session.context, session.extensionId);
  return worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

/** The refresh alarm, as Chrome fires it: the badge counts the seeded desk. */
async function refreshBadgeNow(): Promise<void> {
  const worker = await waitForWorker(session.context, session.extensionId);
  await worker.evaluate(() => chrome.alarms.create('fifth-touch:refresh', { when: Date.now() }));
}

/** Sends Jane a new compose in a fresh Gmail tab; resolves when Gmail's server answered it. */
async function sendToJane(
  undoWindow: boolean,
  subject = 'Renewal numbers for Acme',
  draftId = COMPOSE_DRAFT_ID,
): Promise<{ page: Page; answeredAt: () => number | undefined }> {
  let answeredAt: number | undefined;
  await session.context.route('https://mail.google.com/sync/**', async (route: Route) => {
    await route.fallback();
    answeredAt ??= Date.now();
  });
  const page = await openGmailCompose(session.context, { undoWindow });
  await fillCompose(page, 'Jane Doe <jane.doe@acme.example>', subject);
  // Another compose of the capture: Gmail gives each draft its own id, and the send carries it.
  await page
    .locator('input[name="draft"]')
    .evaluate((input, id) => ((input as HTMLInputElement).value = `#${id}`), draftId);
  await clickSend(page);
  await until(
    async () => answeredAt,
    (at) => at !== undefined,
    { timeout: 10_000, interval: 10 },
  );
  return { page, answeredAt: () => answeredAt };
}

beforeEach(async () => {
  await serveGmailHtml(session.context, COMPOSE_PAGE);
  await answerSync(session.context);
});

describe('a confirmed Gmail send', () => {
  test('is stored within 1 s as sending, the side panel and the badge say so, and it is a touch once the undo window ends', async () => {
    const overdueDay = await seedJane();
    await refreshBadgeNow();
    await until(badge, (b) => b.text === '1');

    const { page, answeredAt } = await sendToJane(true);
    const sending = await until(stored, (s) => s.touches.length > 0, { interval: 20 });
    const elapsed = Date.now() - answeredAt()!;
    console.info(`confirmed send stored as sending ${elapsed} ms after Gmail's answer`);
    expect(elapsed).toBeLessThan(1_000);
    expect(sending.touches).toHaveLength(1);
    expect(sending.touches[0]).toMatchObject({
      prospectId: 'p-jane',
      confirmed: true,
      summary: 'Renewal numbers for Acme',
      dedupeKey: `email:gmail:${COMPOSE_DRAFT_ID}:p-jane`,
      sending: { until: expect.any(Number) },
    });

    // Counted as touched already: no longer due, and the badge's title names the send in flight.
    const inFlight = await until(badge, (b) => b.text === '');
    expect(inFlight.title).toMatch(/1 sending/);
    const panel = reader;
    const region = panel.getByRole('region', { name: 'Sending' });
    await region.waitFor();
    expect(await region.textContent()).toContain('Jane Doe');
    expect(await region.textContent()).toContain('Renewal numbers for Acme');
    expect((await stored()).prospects.find((p) => p.id === 'p-jane')?.nextDueDay).not.toBe(
      overdueDay,
    );

    // Gmail's notice bar drops Undo: the undo window is over.
    await page.evaluate(() =>
      (window as unknown as { fakeGmailHideNotice(): void }).fakeGmailHideNotice(),
    );
    const after = await until(
      stored,
      (s) => settled(s.touches).length === 1 && s.outbox.length === 0,
    );
    expect(after.touches).toHaveLength(1);
    expect(after.touches[0]).not.toHaveProperty('sending');
    await region.waitFor({ state: 'detached' });
    expect((await until(badge, (b) => !b.title.includes('sending'))).text).toBe('');
  });

  for (const [what, leave] of [
    ['its tab closed', (page: Page) => page.close()],
    [
      'its tab navigated away',
      async (page: Page) => {
        await serveLinkedIn(session.context, '<!doctype html><title>Feed</title><p>Feed</p>');
        await page.goto('https://www.linkedin.com/feed/');
      },
    ],
    [
      'its tab crashed (Page.crash)',
      async (page: Page) => {
        const cdp = await session.context.newCDPSession(page);
        // Never answered: the page is gone before it could be.
        void cdp.send('Page.crash').catch(() => undefined);
      },
    ],
  ] as const) {
    test(`with ${what} one second later is one touch within 5 s`, async () => {
      await seedJane();
      const { page, answeredAt } = await sendToJane(true);
      await until(stored, (s) => s.touches.length > 0, { interval: 50 });
      await sleep(Math.max(0, answeredAt()! + 1_000 - Date.now()));
      const leftAt = Date.now();
      await leave(page);
      // Undo was still offered when the tab went: only the tab's end can settle it.
      const after = await until(
        stored,
        (s) => settled(s.touches).length === 1 && s.outbox.length === 0,
        { timeout: 5_000, interval: 50 },
      );
      console.info(`${what}: settled ${Date.now() - leftAt} ms after`);
      expect(after.touches).toHaveLength(1);
      expect(after.touches[0]).toMatchObject({ prospectId: 'p-jane', confirmed: true });
      expect(after.touches[0]).not.toHaveProperty('sending');
      // And it stays one touch.
      await sleep(1_500);
      expect((await stored()).touches).toHaveLength(1);
    });
  }

  test('undone within the window leaves nothing: not the touch, nor the prospect it created', async () => {
    const { page } = await sendToJane(true);
    const sending = await until(stored, (s) => s.touches.length > 0, { interval: 50 });
    expect(sending.prospects.map((p) => p.name)).toEqual(['Jane Doe']);
    await page.locator('#link_undo').click();
    const after = await until(stored, (s) => s.touches.length === 0 && s.prospects.length === 0);
    expect(after.outbox).toEqual([]);
    await reader.getByRole('region', { name: 'Sending' }).waitFor({ state: 'detached' });
  });
});

describe('six confirmed sends in one tab with no Send gesture', () => {
  test('are six touches or held unconfirmed, none lost; Keep in the side panel makes the held one a touch, and diagnostics count it', async () => {
    const page = await openGmailCompose(session.context);
    const ids = Array.from({ length: 6 }, (_, i) => `msg-a:r-90000000000000000${i}`);
    // Another tool sending through Gmail's own page: six sync requests, no compose, no click.
    await page.evaluate(
      ({ url, bodies }) =>
        Promise.all(
          bodies.map(
            (body) =>
              new Promise<number>((resolve) => {
                const xhr = new XMLHttpRequest();
                xhr.open('POST', url);
                xhr.addEventListener('loadend', () => resolve(xhr.status));
                xhr.send(body);
              }),
          ),
        ),
      {
        url: SYNC_URL,
        bodies: ids.map((id, i) => sendRequestBody(id, `person${i}@acme.example`, `Person ${i}`)),
      },
    );
    const keyOf = (id: string) => `gmail:${id}`;
    const all = await until(
      stored,
      (s) => settled(s.touches).length + s.unconfirmedSends.length === 6 && s.outbox.length === 0,
    );
    const recorded = new Set([
      ...all.touches.map((touch) => touch.dedupeKey.split(':').slice(1, 4).join(':')),
      ...all.unconfirmedSends.map((row) => row.send.sendKey),
    ]);
    expect([...recorded].sort()).toEqual(ids.map(keyOf).sort());
    // The small no-gesture budget admits five; the sixth is kept for the rep, not dropped.
    expect(all.touches).toHaveLength(5);
    expect(all.unconfirmedSends).toHaveLength(1);
    expect(all.unconfirmedSends[0]).toMatchObject({ reason: 'rate', send: { confirmed: true } });
    expect((await badge()).title).toMatch(/1 unconfirmed send to keep or discard/);

    const diagnostics = await reader.evaluate(() => chrome.storage.local.get('diagnostics'));
    expect(diagnostics.diagnostics).toMatchObject({
      entries: [expect.objectContaining({ site: 'gmail', check: 'send-unconfirmed', count: 1 })],
    });

    const held = all.unconfirmedSends[0]!;
    const who = held.send.recipients[0]!.name!;
    const region = reader.getByRole('region', { name: 'Unconfirmed sends' });
    await region.waitFor();
    await region
      .getByRole('group', { name: `Unconfirmed send to ${who}` })
      .getByRole('button', { name: 'Keep' })
      .click();
    const kept = await until(stored, (s) => s.touches.length === 6);
    expect(kept.unconfirmedSends).toEqual([]);
    expect(kept.prospects.map((p) => p.name).sort()).toEqual(
      ids.map((_, i) => `Person ${i}`).sort(),
    );
    await region.waitFor({ state: 'detached' });
  });
});

describe('worker stops', () => {
  test('a held send whose worker is stopped at any moment, then its tab closed, is one touch: none lost, none doubled', async () => {
    await seedJane();
    const trials = 5;
    const timings: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const subject = `Trial ${trial}`;
      const { page } = await sendToJane(true, subject, `msg-a:r-80000000000000000${trial}`);
      // Anywhere from before the hold reaches the worker to well after it.
      await sleep(Math.floor(Math.random() * 800));
      await stopServiceWorker(session.context);
      const closedAt = Date.now();
      await page.close();
      await until(
        stored,
        (s) =>
          s.outbox.length === 0 &&
          s.touches.filter((t) => t.summary === subject && t.sending === undefined).length === 1,
        { timeout: 20_000, interval: 100 },
      );
      timings.push(Date.now() - closedAt);
    }
    console.info(`settled after the stop and close in ${timings.join(', ')} ms`);
    await sleep(2_000);
    const after = await stored();
    expect(after.touches.map((t) => t.summary).sort()).toEqual(
      Array.from({ length: trials }, (_, i) => `Trial ${i}`).sort(),
    );
    expect(after.touches.every((t) => t.sending === undefined)).toBe(true);
    expect(after.outbox).toEqual([]);
  });

  test('a held send whose page cannot reach the worker, the worker stopped, then the tab closed: one touch within 5 s', async () => {
    await seedJane();
    // As after an extension update: this page's content script can no longer reach the worker
    // (no port, no message); only what it writes to storage is left.
    const page = await openGmailCompose(session.context, { undoWindow: true });
    await evaluateInContentScript(
      page,
      `chrome.runtime.connect = () => { throw new Error('Extension context invalidated.'); };
       chrome.runtime.sendMessage = () => Promise.reject(new Error('Extension context invalidated.'));
       true`,
      { extensionId: session.extensionId },
    );
    await fillCompose(page, 'Jane Doe <jane.doe@acme.example>', 'Sent with no port');
    await clickSend(page);
    // Only the outbox's held entry knows of it.
    await until(stored, (s) => s.outbox.length === 1, { interval: 50 });
    expect((await stored()).touches).toEqual([]);
    await stopServiceWorker(session.context);
    const closedAt = Date.now();
    // Nothing is running to see this page go but the tab's removal, which wakes the worker.
    await page.close();
    const after = await until(
      stored,
      (s) => settled(s.touches).length === 1 && s.outbox.length === 0,
      { timeout: 5_000, interval: 100 },
    );
    console.info(`no port, worker stopped: settled ${Date.now() - closedAt} ms after the close`);
    expect(after.touches[0]).toMatchObject({ summary: 'Sent with no port', prospectId: 'p-jane' });
  });

  test('a held send whose worker is stopped while Undo is offered is still undone, and one left to stand is one touch', async () => {
    const { page } = await sendToJane(true, 'Undone after a stop');
    await until(stored, (s) => s.touches.length > 0, { interval: 50 });
    await stopServiceWorker(session.context);
    await page.locator('#link_undo').click();
    await until(stored, (s) => s.touches.length === 0 && s.prospects.length === 0);

    const second = await sendToJane(true, 'Stands after a stop', 'msg-a:r-8100000000000000001');
    await until(stored, (s) => s.touches.length > 0, { interval: 50 });
    await stopServiceWorker(session.context);
    await second.page.evaluate(() =>
      (window as unknown as { fakeGmailHideNotice(): void }).fakeGmailHideNotice(),
    );
    const after = await until(
      stored,
      (s) => settled(s.touches).length === 1 && s.outbox.length === 0,
    );
    expect(after.touches.map((t) => t.summary)).toEqual(['Stands after a stop']);
    await page.close();
  });
});

describe('LinkedIn', () => {
  const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
  const CREATE_MESSAGE = '/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage';

  /** LinkedIn's createMessage answered by hand (as in linkedin.e2e.test.ts), a new conversation each. */
  async function answerCreateMessage(): Promise<void> {
    let counter = 0;
    await session.context.route('https://www.linkedin.com/voyager/api/**', async (route) => {
      const parsed = JSON.parse(route.request().postData() ?? '{}') as {
        message: { originToken: string };
        mailboxUrn: string;
      };
      counter += 1;
      const uuid = `0b1c2d3e-4f50-4617-8293-a4b5c6d7e${String(counter).padStart(3, '0')}_100`;
      const conversation = `2-${Buffer.from(uuid).toString('base64')}`;
      const messageId = `2-${Buffer.from(`${session.now()}b${counter}-100&${uuid}`).toString('base64')}`;
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          value: {
            entityUrn: `urn:li:msg_message:(${parsed.mailboxUrn},${messageId})`,
            backendConversationUrn: `urn:li:messagingThread:${conversation}`,
            conversationUrn: `urn:li:msg_conversation:(${parsed.mailboxUrn},${conversation})`,
            originToken: parsed.message.originToken,
            deliveredAt: session.now(),
          },
        }),
      });
    });
  }

  test('eight confirmed sends with no gesture, the tab closed a second later: every one a touch or held unconfirmed within 5 s', async () => {
    await answerCreateMessage();
    await serveLinkedIn(
      session.context,
      '<!doctype html><title>Messaging | LinkedIn</title><main>Messaging</main>',
    );
    const page = await session.context.newPage();
    await page.goto('https://www.linkedin.com/messaging/');
    // The content script is in once it answers.
    await until(
      () => page.evaluate(() => document.readyState),
      (state) => state === 'complete',
    );
    await sleep(500);
    const members = Array.from(
      { length: 8 },
      (_, i) => `ACoAABatchSend${String(i).padStart(10, '0')}`,
    );
    // A batch sent through LinkedIn's own page by something other than the rep's clicks.
    const statuses = await page.evaluate(
      ({ url, mailbox, recipients }) =>
        Promise.all(
          recipients.map(
            (member) =>
              new Promise<number>((resolve) => {
                const xhr = new XMLHttpRequest();
                xhr.open('POST', url);
                xhr.setRequestHeader('content-type', 'application/json; charset=UTF-8');
                xhr.addEventListener('loadend', () => resolve(xhr.status));
                xhr.send(
                  JSON.stringify({
                    message: {
                      body: { attributes: [], text: 'Hello' },
                      renderContentUnions: [],
                      originToken: crypto.randomUUID(),
                    },
                    mailboxUrn: `urn:li:fsd_profile:${mailbox}`,
                    trackingId: 'abcdefghijklmnop',
                    dedupeByClientGeneratedToken: false,
                    hostRecipientUrns: [`urn:li:fsd_profile:${member}`],
                  }),
                );
              }),
          ),
        ),
      { url: CREATE_MESSAGE, mailbox: MAILBOX, recipients: members },
    );
    expect(statuses).toEqual(members.map(() => 200));
    await sleep(1_000);
    const closedAt = Date.now();
    await page.close();
    const after = await until(
      stored,
      (s) => s.touches.length + s.unconfirmedSends.length === 8 && s.outbox.length === 0,
      { timeout: 5_000, interval: 50 },
    );
    console.info(
      `LinkedIn: ${after.touches.length} touches and ${after.unconfirmedSends.length} unconfirmed, all stored ${Date.now() - closedAt} ms after the close`,
    );
    const reached = [
      ...after.prospects.flatMap((prospect) => prospect.linkedinIds),
      ...after.unconfirmedSends.flatMap((row) => row.send.recipients.map((r) => r.linkedinId)),
    ];
    expect(reached.map((id) => id?.toLowerCase()).sort()).toEqual(
      members.map((id) => id.toLowerCase()).sort(),
    );
    expect(after.touches.every((touch) => touch.channel === 'linkedin' && touch.confirmed)).toBe(
      true,
    );
    // The no-gesture budget admits a small burst; the rest is kept for the rep, not dropped.
    expect(after.touches.length).toBeGreaterThan(0);
    expect(after.unconfirmedSends.length).toBeGreaterThan(0);
  });
});
