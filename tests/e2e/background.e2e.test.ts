/// <reference types="chrome" />
// The background in real Chromium with the built extension: the badge and notifications from a
// seeded database when the alarms fire, once a day across worker restarts; the badge following a
// write made in the side panel; the side panel opened from a click in a page; and the outbox
// keeping every send through worker stops.
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { rolldown } from 'rolldown';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import type { DetectedSend, Prospect } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  launchExtension,
  evaluateInContentScript,
  projectRoot,
  readDatabase,
  seedDatabase,
  sendFromContentScript,
  serveGmail,
  stopServiceWorker,
  waitForWorker,
  type ExtensionSession,
  until,
} from './harness';

// The alarm names are the background's contract with Chrome; the test fires them by name.
const REFRESH = 'fifth-touch:refresh';
const DIGEST = 'fifth-touch:digest';
const RED = [217, 48, 37, 255];
const BLUE = [26, 115, 232, 255];

let session: ExtensionSession;

beforeAll(async () => {}, 180_000);

beforeEach(async () => {
  session = await launchExtension();
  // The worker opens the database on its first turn; seeding needs the schema to exist.
  await until(
    () => session.worker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    (names) => names.includes('fifth-touch'),
  );
});

afterEach(async () => {
  await session?.close();
});

const today = () => localDayOf(session.now());

function prospect(id: string, name: string, fields: Partial<Prospect> = {}): Prospect {
  return {
    id,
    name,
    company: 'Acme',
    emails: [`${id}@acme.example`],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: session.now() - 30 * 86_400_000,
    nextChannels: ['email'],
    nextStep: 3,
    totalSteps: 9,
    reason: 'Step 3 of 9.',
    touchCount: 2,
    noCount: 0,
    lastTouchAt: session.now() - 5 * 86_400_000,
    ...fields,
  };
}

/** Two due today, two overdue (one by 3 days), one upcoming, one replied; digests any time of day. */
async function seedDesk(notificationCap = 2): Promise<void> {
  const day = today();
  await seedDatabase(session.context, session.extensionId, {
    settings: [
      {
        ...DEFAULT_SETTINGS,
        id: 'user',
        notifyAt: '00:00',
        notifyOnWeekends: true,
        quietHours: null,
        notificationCap,
      },
    ],
    prospects: [
      prospect('p-ann', 'Ann Today', { nextDueDay: day }),
      prospect('p-bo', 'Bo Today', { nextDueDay: day }),
      prospect('p-cy', 'Cy Late', { nextDueDay: addDaysToDay(day, -3) }),
      prospect('p-di', 'Di Late', { nextDueDay: addDaysToDay(day, -1) }),
      prospect('p-ed', 'Ed Later', { nextDueDay: addDaysToDay(day, 3) }),
      prospect('p-fi', 'Fi Replied', { status: 'replied' }),
    ],
  });
}

async function worker(): Promise<Worker> {
  return waitForWorker(session.context, session.extensionId);
}

/** Fires an alarm now, as Chrome does when its time comes, and waits until the worker re-armed it. */
async function fireAlarm(name: string): Promise<void> {
  const w = await worker();
  const firedAt = await w.evaluate(async (alarm) => {
    await chrome.alarms.create(alarm, { when: Date.now() });
    return Date.now();
  }, name);
  // Every alarm handler ends by re-arming: the refresh as periodic again, the digest in the future.
  await until(
    () => w.evaluate((alarm) => chrome.alarms.get(alarm), name),
    (alarm) =>
      !!alarm &&
      (name === REFRESH ? alarm.periodInMinutes === 5 : alarm.scheduledTime > firedAt + 1000),
  );
}

async function badge(): Promise<{ text: string; color: number[] }> {
  const w = await worker();
  return w.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: (await chrome.action.getBadgeBackgroundColor({})) as number[],
  }));
}

async function notificationIds(): Promise<string[]> {
  const w = await worker();
  return Object.keys(await w.evaluate(() => chrome.notifications.getAll())).sort();
}

describe('the alarms', () => {
  test('are armed at start: a 5-minute refresh, the digest at the user’s time, local midnight', async () => {
    const alarms = await until(
      () => session.worker.evaluate(() => chrome.alarms.getAll()),
      (list) => list.length >= 3,
    );
    const byName = Object.fromEntries(alarms.map((alarm) => [alarm.name, alarm]));
    expect(byName[REFRESH]?.periodInMinutes).toBe(5);
    const [y, m, d] = addDaysToDay(today(), 1).split('-').map(Number) as [number, number, number];
    expect(byName['fifth-touch:midnight']?.scheduledTime).toBe(new Date(y, m - 1, d).getTime());
    // Default settings: 09:00 local on a weekday.
    const digest = new Date(byName[DIGEST]?.scheduledTime ?? 0);
    expect([digest.getHours(), digest.getMinutes()]).toEqual([9, 0]);
    expect([0, 6]).not.toContain(digest.getDay());
  });

  test('re-arm the digest when the settings change in the options page', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const time = page.getByLabel(/time/i).first();
    await time.waitFor({ timeout: 10_000 });
    await time.fill('07:45');
    await page.getByRole('button', { name: /save/i }).first().click();
    const digest = await until(
      () => session.worker.evaluate((name) => chrome.alarms.get(name), DIGEST),
      (alarm) => !!alarm && new Date(alarm.scheduledTime).getHours() === 7,
    );
    expect(new Date(digest?.scheduledTime ?? 0).getMinutes()).toBe(45);
  });
});

describe('a database with due and overdue prospects', () => {
  test('the refresh alarm sets the badge and shows the digest and the most urgent, once a day across restarts', async () => {
    expect(await badge()).toMatchObject({ text: '' });
    await seedDesk(2);

    await fireAlarm(REFRESH);
    expect(await badge()).toEqual({ text: '4', color: RED });
    const day = today();
    expect(await notificationIds()).toEqual([
      `fifth-touch:digest:${day}`,
      `fifth-touch:prospect:${day}:p-cy`,
      `fifth-touch:prospect:${day}:p-di`,
    ]);
    const log = await session.worker.evaluate(
      (key) => chrome.storage.local.get(key),
      `nudges:notified:${day}`,
    );
    expect(new Set(log[`nudges:notified:${day}`] as string[])).toEqual(
      new Set(['digest', 'prospect:p-cy', 'prospect:p-di']),
    );

    // The user dismisses them; the digest alarm, a worker restart and another refresh show nothing.
    const w = await worker();
    await w.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) {
        await chrome.notifications.clear(id);
      }
    });
    await fireAlarm(DIGEST);
    await stopServiceWorker(session.context);
    await fireAlarm(REFRESH);
    await fireAlarm(DIGEST);
    expect(await notificationIds()).toEqual([]);
    expect(await badge()).toEqual({ text: '4', color: RED });
  });

  test('logging a reply in the side panel updates the badge within seconds', async () => {
    await seedDesk();
    await fireAlarm(REFRESH);
    expect(await badge()).toEqual({ text: '4', color: RED });

    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByRole('tab', { name: /Overdue/ }).click();
    const started = Date.now();
    await panel
      .getByRole('group', { name: 'Actions for Cy Late' })
      .getByRole('button', { name: /Log reply/ })
      .click();
    await until(badge, (b) => b.text === '3', { timeout: 5_000, interval: 20 });
    console.info(`badge followed the side panel's write in ${Date.now() - started} ms`);

    await panel
      .getByRole('group', { name: 'Actions for Di Late' })
      .getByRole('button', { name: /Log reply/ })
      .click();
    // No overdue left: the count drops and the colour is no longer red.
    expect(await until(badge, (b) => b.text === '2', { timeout: 5_000 })).toEqual({
      text: '2',
      color: BLUE,
    });
  });
});

describe('a click on a notification', () => {
  // Chrome offers no way to click a notification from outside: no CDP domain reaches the
  // notification centre (Runtime.evaluate's userGesture does not carry into a service worker), and
  // chrome.test is not exposed to an unpacked extension. What is real here: the notification Chrome
  // made, Chrome's own onClicked/onButtonClicked event objects (dispatched with their `dispatch`),
  // the production listeners, chrome.sidePanel, chrome.tabs, and a user gesture that comes from a
  // real mouse click in a page and reaches the worker with a runtime message, as a notification
  // click's gesture reaches it with the event.
  async function seedWithThread(): Promise<string> {
    await seedDesk(2);
    await seedDatabase(session.context, session.extensionId, {
      touches: [
        {
          id: 't-cy',
          prospectId: 'p-cy',
          channel: 'email',
          direction: 'out',
          at: session.now() - 5 * 86_400_000,
          day: localDayOf(session.now() - 5 * 86_400_000),
          summary: 'Pricing',
          link: CY_THREAD,
          source: 'detected',
          confirmed: true,
          dedupeKey: 'email:seed:p-cy',
        },
      ],
    });
    await fireAlarm(REFRESH);
    const id = `fifth-touch:prospect:${today()}:p-cy`;
    expect(await notificationIds()).toContain(id);
    return id;
  }

  const CY_THREAD = 'https://mail.google.com/mail/u/0/#inbox/18cafe0000000001';

  /**
   * A page whose button, clicked with the mouse, makes the worker dispatch the notification event
   * while the click's gesture lasts (button undefined: the body; 0: Open; 1: Snooze a day).
   */
  async function clickThrough(id: string, button?: number): Promise<void> {
    const w = await worker();
    await w.evaluate(() => {
      const scope = globalThis as { relayingClicks?: boolean };
      if (scope.relayingClicks) return;
      scope.relayingClicks = true;
      chrome.runtime.onMessage.addListener(
        (message: { notificationClick?: [string, number | null] }) => {
          if (!message?.notificationClick) return;
          const [notificationId, index] = message.notificationClick;
          // `dispatch` is on every extension event object, though not in the typings.
          type Dispatchable = { dispatch(...args: unknown[]): void };
          if (index == null) {
            (chrome.notifications.onClicked as unknown as Dispatchable).dispatch(notificationId);
          } else {
            (chrome.notifications.onButtonClicked as unknown as Dispatchable).dispatch(
              notificationId,
              index,
            );
          }
        },
      );
    });
    await serveGmail(
      session.context,
      '<!doctype html><title>Inbox</title><button id="click">Click the notification</button>',
    );
    const page = await session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await evaluateInContentScript(
      page,
      `document.getElementById('click').addEventListener('click', () => {
        chrome.runtime.sendMessage({ notificationClick: ${JSON.stringify([id, button ?? null])} });
      }); true`,
      { extensionId: session.extensionId },
    );
    await page.click('#click');
  }

  async function sidePanels(): Promise<string[]> {
    return (await worker()).evaluate(async () =>
      (
        await chrome.runtime.getContexts({
          contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType],
        })
      ).map((context) => context.documentUrl ?? ''),
    );
  }

  async function tabUrls(): Promise<string[]> {
    return (await worker()).evaluate(async () =>
      (await chrome.tabs.query({})).map((tab) => tab.url ?? tab.pendingUrl ?? ''),
    );
  }

  test.each([
    ['its body', undefined],
    ['its Open button', 0],
  ])('on %s opens the side panel on that prospect and clears it', async (_, button) => {
    const id = await seedWithThread();
    const tabsBefore = await tabUrls();
    await clickThrough(id, button);

    const panels = await until(sidePanels, (urls) => urls.length > 0 && urls.every(Boolean));
    expect(panels).toEqual([`chrome-extension://${session.extensionId}/sidepanel.html`]);
    const focus = await until(
      () => session.worker.evaluate(() => chrome.storage.session.get('panelFocus')),
      (value) => value.panelFocus !== undefined,
    );
    expect(focus.panelFocus).toMatchObject({ prospectId: 'p-cy' });
    await until(notificationIds, (ids) => !ids.includes(id));
    // The panel opened, so no fallback tab: the tabs are the ones there were, plus the test's page.
    expect((await tabUrls()).filter((url) => !tabsBefore.includes(url))).toEqual([
      'https://mail.google.com/mail/u/0/#inbox',
    ]);
  });

  test('without a user gesture the panel cannot open, and the prospect’s thread opens in a tab', async () => {
    const id = await seedWithThread();
    await (
      await worker()
    ).evaluate((notificationId) => {
      (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch(
        notificationId,
      );
    }, id);
    const tabs = await until(tabUrls, (urls) => urls.includes(CY_THREAD));
    expect(tabs.filter((url) => url === CY_THREAD)).toHaveLength(1);
    expect(await sidePanels()).toEqual([]);
    await until(notificationIds, (ids) => !ids.includes(id));
  });

  test('on Snooze a day snoozes the prospect to the next business day and lowers the badge', async () => {
    const id = await seedWithThread();
    expect(await badge()).toEqual({ text: '4', color: RED });
    await clickThrough(id, 1);
    await until(badge, (b) => b.text === '3');
    const rows = await readDatabase(session.context, session.extensionId);
    const snooze = rows.outcomes.find((outcome) => outcome.prospectId === 'p-cy');
    expect(snooze).toMatchObject({ kind: 'snooze' });
    const cy = rows.prospects.find((p) => p.id === 'p-cy');
    expect(cy?.nextDueDay).toBe(snooze?.until);
    expect(cy?.nextDueDay && cy.nextDueDay > today()).toBe(true);
    expect(await notificationIds()).not.toContain(id);
    expect(await sidePanels()).toEqual([]);
  });
});

describe('the side panel', () => {
  test('opens from a click in a page, on the prospect; without a click it answers opened:false', async () => {
    await serveGmail(
      session.context,
      '<!doctype html><title>Inbox</title><button id="open">Open in Fifth Touch</button>',
    );
    const page = await session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    const options = { extensionId: session.extensionId };

    const unprompted = await sendFromContentScript(page, 'openSidePanel', {}, options);
    expect(unprompted).toEqual({ res: { opened: false } });

    await evaluateInContentScript(
      page,
      `document.getElementById('open').addEventListener('click', () => {
        chrome.runtime
          .sendMessage({ id: 2, type: 'openSidePanel', data: { prospectId: 'p-ann' }, timestamp: Date.now() })
          .then((reply) => { document.body.dataset.reply = JSON.stringify(reply); });
      }); true`,
      options,
    );
    await page.click('#open');
    const reply = await until(
      () => page.evaluate(() => document.body.dataset.reply),
      (value) => value !== undefined,
    );
    expect(JSON.parse(reply ?? '')).toEqual({ res: { opened: true } });
    const contexts = await until(
      () =>
        session.worker.evaluate(async () =>
          (
            await chrome.runtime.getContexts({
              contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType],
            })
          ).map((context) => context.documentUrl),
        ),
      (urls) => urls.length > 0 && urls.every(Boolean),
    );
    expect(contexts).toEqual([`chrome-extension://${session.extensionId}/sidepanel.html`]);
    const focus = await session.worker.evaluate(() => chrome.storage.session.get('panelFocus'));
    expect(focus.panelFocus).toMatchObject({ prospectId: 'p-ann' });
  });

  test('opens from the toolbar icon (the panel behaviour is set)', async () => {
    const behaviour = await until(
      () => session.worker.evaluate(() => chrome.sidePanel.getPanelBehavior()),
      (value) => value.openPanelOnActionClick === true,
    );
    expect(behaviour.openPanelOnActionClick).toBe(true);
    const manifest = await session.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.commands?.['open-side-panel']?.suggested_key).toEqual({
      default: 'Alt+Shift+F',
    });
  });
});

describe('the messages the overlays use', () => {
  test('count, track, not a prospect and undo answer and update the badge', async () => {
    await seedDesk();
    await serveGmail(session.context, '<!doctype html><title>Inbox</title>');
    const page = await session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    const options = { extensionId: session.extensionId };

    expect(await sendFromContentScript(page, 'countDue', undefined, options)).toEqual({
      res: { due: 4, overdue: 2 },
    });
    const tracked = await sendFromContentScript(
      page,
      'trackProspect',
      { name: 'Gus New', emails: ['gus@globex.example'] },
      options,
    );
    expect(tracked.err).toBeUndefined();
    // A new prospect is due today: the badge counts it at once.
    expect((await until(badge, (b) => b.text === '5')).text).toBe('5');

    const outcome = await sendFromContentScript(
      page,
      'logOutcome',
      { prospectId: 'p-ann', kind: 'reply' },
      options,
    );
    await until(badge, (b) => b.text === '4');
    const undone = await sendFromContentScript(
      page,
      'undoOutcome',
      { outcomeId: outcome.res?.outcomeId },
      options,
    );
    expect(undone).toEqual({ res: { undone: true } });
    await until(badge, (b) => b.text === '5');

    const marked = await sendFromContentScript(
      page,
      'markNotAProspect',
      { prospectId: tracked.res?.prospectId },
      options,
    );
    expect(marked).toEqual({ res: { deletedTouches: 0 } });
    expect((await until(badge, (b) => b.text === '4')).text).toBe('4');
    expect(await sendFromContentScript(page, 'countDue', undefined, options)).toEqual({
      res: { due: 4, overdue: 2 },
    });
  });
});

describe('the outbox', () => {
  async function loadOutbox(page: Page): Promise<void> {
    // The content scripts' own wiring helper, bundled as the content scripts will bundle it.
    const bundle = await rolldown({
      input: path.join(projectRoot, 'lib/outbox/extension.ts'),
      platform: 'browser',
      cwd: projectRoot,
      logLevel: 'silent',
    });
    const { output } = await bundle.generate({ format: 'iife', name: 'FifthTouchOutbox' });
    await evaluateInContentScript(
      page,
      `${output[0].code}
       globalThis.outbox = FifthTouchOutbox.createExtensionOutbox({
         retryDelaysMs: [50, 100, 200, 400, 800, 1600, 3200],
         attemptTimeoutMs: 5000,
       });
       true`,
      { extensionId: session.extensionId },
    );
  }

  function send(i: number): DetectedSend {
    return {
      channel: 'email',
      at: session.now(),
      sendKey: `msg-f:trial-${i}`,
      summary: `Trial ${i}`,
      link: 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3',
      confirmed: true,
      recipients: [{ email: 'jane.doe@example.com', name: 'Jane Doe', role: 'to' }],
    };
  }

  /** CDP ServiceWorker.stopAllWorkers, returning as soon as Chrome took the order. */
  async function stopWorkersNow(): Promise<void> {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    const cdp = await session.context.newCDPSession(page);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  test('a send during which the worker is stopped is stored exactly once, over 20 random trials', async () => {
    await serveGmail(session.context, '<!doctype html><title>Inbox</title>');
    const page = await session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    await loadOutbox(page);
    const options = { extensionId: session.extensionId };

    const attempts: number[] = [];
    const durations: number[] = [];
    let restarts = 0;
    for (let i = 0; i < 20; i += 1) {
      const w = await worker();
      await w.evaluate((trial) => {
        (globalThis as { trialLife?: number }).trialLife = trial;
      }, i);
      const stopAfter = Math.floor(Math.random() * 25);
      const started = Date.now();
      await evaluateInContentScript(
        page,
        `globalThis.delivery = outbox.enqueue(${JSON.stringify(send(i))}); true`,
        options,
      );
      await new Promise((resolve) => setTimeout(resolve, stopAfter));
      // Not waiting for the worker to stay stopped: the outbox's retry wakes it straight away.
      await stopWorkersNow();
      const delivery = await evaluateInContentScript<{ status: string; attempts: number }>(
        page,
        'globalThis.delivery',
        options,
      );
      durations.push(Date.now() - started);
      expect(delivery.status).toBe('recorded');
      attempts.push(delivery.attempts);
      const life = await (
        await worker()
      ).evaluate(() => (globalThis as { trialLife?: number }).trialLife);
      if (life !== i) restarts += 1;
    }
    console.info(
      `outbox trials: ${restarts}/20 worker restarts; attempts per send ${attempts.join(',')}; ms per send (incl. the stop) ${durations.join(',')}`,
    );
    // The stops really happened: most trials ended in a new worker life.
    expect(restarts).toBeGreaterThanOrEqual(15);

    const { touches, prospects } = await readDatabase(session.context, session.extensionId);
    expect(prospects).toHaveLength(1);
    expect(touches.map((touch) => touch.summary).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `Trial ${i}`).sort(),
    );
    const left = await (await worker()).evaluate(() => chrome.storage.local.get(null));
    expect(Object.keys(left).filter((key) => key.startsWith('outbox'))).toEqual([]);
  });

  test('a send left behind by a closed tab is stored on the worker’s next wake', async () => {
    await serveGmail(session.context, '<!doctype html><title>Inbox</title>');
    const page = await session.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    // What enqueue writes before it sends; the tab closes before the message goes out.
    await evaluateInContentScript(
      page,
      `chrome.storage.local.set({ 'outbox:msg-f:left-behind': ${JSON.stringify({
        send: { ...send(99), sendKey: 'msg-f:left-behind', summary: 'Left behind' },
        stamp: 'closed-tab',
        enqueuedAt: session.now(),
      })} }).then(() => true)`,
      { extensionId: session.extensionId },
    );
    await page.close();
    await stopServiceWorker(session.context);
    await worker();

    const rows = await until(
      () => readDatabase(session.context, session.extensionId),
      (db) => db.touches.length > 0,
    );
    expect(rows.touches.map((touch) => touch.summary)).toEqual(['Left behind']);
    const left = await (await worker()).evaluate(() => chrome.storage.local.get(null));
    expect(Object.keys(left).filter((key) => key.startsWith('outbox'))).toEqual([]);
  });
});
