// Hostile page data, in real Chromium: names, companies and subjects carrying markup, script
// links, RTL overrides, 10,000-character strings and emoji are stored as a page would hand them
// over, then shown everywhere the extension's own contexts show them: the side panel and a
// prospect's page, the options page's diagnostics, notifications and the CSV export. Everywhere they
// must be text: no element injected, no script run, no dialog, no page error. (The overlays' own
// suites, components/gmail and components/linkedin, render hostile names in happy-dom.)
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { MESSAGE_MAX, TITLE_MAX } from '../../lib/nudges/notifications';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { Prospect, Touch } from '../../lib/model';
import { launchExtension, seedDatabase, type ExtensionSession } from './harness';

const XSS = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT_LINK = 'javascript:alert(document.domain)';
const RTL = 'Invoice \u202Efdp.exe';
const LONG = `Long${'W'.repeat(10_000)}`;
const EMOJI = 'Zoë 👩🏽‍💻🚀';
const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+1-555', '-2+3', '@SUM(A1:A9)'];

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close();
});

/** Everything that would show a hostile string had effect: dialogs, page errors, console errors. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

function prospect(id: string, name: string, company: string, today: string): Prospect {
  return {
    id,
    name,
    company,
    emails: [`${id}@hostile.example`],
    linkedinIds: [],
    status: 'active',
    tags: ['<b>tag</b>'],
    createdAt: session.now() - 10 * 86_400_000,
    nextDueDay: today,
    nextChannels: ['email'],
    nextStep: 2,
    totalSteps: 9,
    reason: `Because ${XSS}`,
    touchCount: 1,
    noCount: 0,
    lastTouchAt: session.now() - 3 * 86_400_000,
  };
}

function touch(prospectId: string, summary: string, link: string): Touch {
  const at = session.now() - 3 * 86_400_000;
  return {
    id: `t-${prospectId}`,
    prospectId,
    channel: 'email',
    direction: 'out',
    at,
    day: localDayOf(at),
    summary,
    link,
    source: 'detected',
    confirmed: true,
    dedupeKey: `email:seed:${prospectId}`,
  };
}

const HOSTILE = [
  { id: 'xss', name: XSS, company: FORMULAS[0]!, summary: XSS },
  { id: 'js', name: SCRIPT_LINK, company: FORMULAS[1]!, summary: SCRIPT_LINK },
  { id: 'rtl', name: RTL, company: FORMULAS[2]!, summary: RTL },
  { id: 'long', name: LONG, company: FORMULAS[3]!, summary: LONG },
  { id: 'emoji', name: EMOJI, company: EMOJI, summary: EMOJI },
];

/** Lets the panel create the schema, then seeds the hostile book with raw IndexedDB. */
async function seedHostileBook(overdue = false): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('sidepanel.html'));
  await page.getByRole('heading', { name: 'Fifth Touch' }).first().waitFor();
  await page.close();
  const today = localDayOf(session.now());
  // Overdue ones are the most urgent, so notifications name them one by one.
  const due = overdue ? addDaysToDay(today, -2) : today;
  await seedDatabase(session.context, session.extensionId, {
    settings: [
      {
        ...DEFAULT_SETTINGS,
        id: 'user',
        notifyAt: '00:00',
        notifyOnWeekends: true,
        quietHours: null,
        notificationCap: HOSTILE.length,
      },
    ],
    prospects: HOSTILE.map((h) => prospect(h.id, h.name, h.company, due)),
    touches: HOSTILE.map((h) => touch(h.id, h.summary, SCRIPT_LINK)),
  });
}

/** No element a hostile string could have become, and no script it could have run. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
}

describe('hostile data in the extension’s own pages', () => {
  test('the side panel lists and opens hostile prospects as text, with no script link', async () => {
    await seedHostileBook();
    const page = await session.context.newPage();
    const problems = watch(page);
    await page.goto(session.extensionUrl('sidepanel.html'));
    const today = page.getByRole('list', { name: 'Due today' });
    await today.getByText(XSS, { exact: false }).first().waitFor();
    for (const shown of [SCRIPT_LINK, RTL, EMOJI]) {
      await today.getByText(shown, { exact: false }).first().waitFor();
    }
    // The 10,000-character name is there as text (the layout may cut it visually).
    expect(await today.textContent()).toContain(LONG.slice(0, 2000));
    await expectInert(page);

    // A prospect's own page shows the touch with its hostile summary, and no javascript: link.
    await today.getByText(XSS, { exact: false }).first().click();
    await page.getByText(XSS, { exact: false }).first().waitFor();
    await expectInert(page);
    expect(problems).toEqual([]);
  });

  test('the CSV export escapes every formula and keeps every value', async () => {
    await seedHostileBook();
    const page = await session.context.newPage();
    const problems = watch(page);
    await page.goto(session.extensionUrl('sidepanel.html'));
    await page.getByRole('button', { name: 'Import/export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export leads as CSV' }).click();
    const download = await downloading;
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, '')).data.filter((r) => r.length > 1);
    expect(rows).toHaveLength(HOSTILE.length + 1);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const companies = rows.slice(1).map((row) => row[1]);
    for (const formula of FORMULAS) expect(companies).toContain(`'${formula}`);
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      expect.arrayContaining([XSS, RTL, LONG, EMOJI]),
    );
    expect(problems).toEqual([]);
  });

  test('the options page shows a hostile diagnostic detail as text', async () => {
    await session.worker.evaluate(
      (detail) =>
        chrome.storage.local.set({
          diagnostics: {
            entries: [
              {
                site: 'gmail',
                check: 'sync-payload',
                detail,
                firstSeen: 1,
                lastSeen: Date.now(),
                count: 3,
              },
            ],
          },
        }),
      XSS,
    );
    const page = await session.context.newPage();
    const problems = watch(page);
    await page.goto(session.extensionUrl('options.html'));
    await page
      .getByRole('table', { name: 'Not recognised' })
      .getByText(XSS, { exact: false })
      .waitFor();
    await expectInert(page);
    expect(problems).toEqual([]);
  });
});

describe('hostile data in notifications', () => {
  test('are plain text, cut to a notification’s length', async () => {
    await seedHostileBook(true);
    const shown = await session.worker.evaluate(async () => {
      // Records what the worker asks Chrome to show, then shows it as usual.
      const calls: { id: string; options: chrome.notifications.NotificationOptions }[] = [];
      const original = chrome.notifications.create.bind(chrome.notifications);
      (chrome.notifications as { create: unknown }).create = (
        id: string,
        options: chrome.notifications.NotificationOptions,
      ) => {
        calls.push({ id, options });
        return original(id, options as chrome.notifications.NotificationCreateOptions);
      };
      (globalThis as { __notified?: unknown }).__notified = calls;
      await chrome.alarms.create('fifth-touch:refresh', { when: Date.now() });
      const deadline = Date.now() + 10_000;
      while (calls.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { calls, ids: Object.keys(await chrome.notifications.getAll()) };
    });
    expect(shown.calls.length).toBeGreaterThan(0);
    expect(shown.ids.length).toBe(shown.calls.length);
    for (const { options } of shown.calls) {
      // Cut in code points, so an emoji is never split in half.
      expect([...(options.title ?? '')].length).toBeLessThanOrEqual(TITLE_MAX);
      expect([...(options.message ?? '')].length).toBeLessThanOrEqual(MESSAGE_MAX);
      for (const text of [options.title, options.message, options.contextMessage]) {
        if (text !== undefined) expect(text).not.toContain(LONG);
      }
      expect(options.type).toBe('basic');
      expect(options.iconUrl).toMatch(/^chrome-extension:\/\//);
    }
    const everything = shown.calls
      .map(({ options }) => `${options.title} ${options.message}`)
      .join(' ');
    // Names stay the text they were (Chrome shows notification text as plain text).
    expect(everything).toMatch(/<img src=x|javascript:alert|Zoë|Invoice/);
  });
});
