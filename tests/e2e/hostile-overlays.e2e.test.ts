/// <reference types="chrome" />
// Hostile stored prospects shown by the overlays inside Gmail and LinkedIn, in real Chromium: a
// name carrying markup, a `javascript:` link, an RTL override, 10,000 characters or emoji (and the
// same in the company, reason and touch) on the Gmail thread bar and due pill and on LinkedIn's
// profile card and conversation bar. Each must be text only: no element made from the data, no
// script run, no dialog, no navigation; the overlay's box stays within the page's width and a
// bounded height; and nothing is thrown into the page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import type { Prospect, Touch } from '../../lib/model';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  seedDatabase,
  sendFromContentScript,
  serveGmail,
  serveLinkedIn,
  sharedFixture,
  type ExtensionSession,
} from './harness';

const XSS = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT_LINK = 'javascript:alert(document.domain)';
const RTL = 'Invoice \u202Efdp.exe';
const LONG = `Long${'W'.repeat(10_000)}`;
const EMOJI = 'Zoë 👩🏽‍💻🚀';
const HOSTILE: [string, string][] = [
  ['markup', XSS],
  ['a javascript: link', SCRIPT_LINK],
  ['an RTL override', RTL],
  ['10,000 characters', LONG],
  ['emoji', EMOJI],
];

const INLINE_REPLY_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-inline-reply.html'),
  'utf8',
);
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const LINKEDIN_THREAD = readFileSync(
  sharedFixture('linkedin/dom/messaging-thread-2025.html'),
  'utf8',
);
const LINKEDIN_THREAD_URL =
  'https://www.linkedin.com/messaging/thread/2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==/';
const LINKEDIN_PROFILE = readFileSync(sharedFixture('linkedin/dom/profile-2025.html'), 'utf8');
/** The people the captures show: Cora in the Gmail thread, Tariq in the LinkedIn conversation, Rowan's profile. */
const CORA = 'cora.hale@example.org';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';

/** Our overlay hosts in the page, read from the content script's world (shadow roots may be closed). */
const OVERLAY_HOSTS = 'fifth-touch-thread-bar, fifth-touch-due-count, ft-overlay';
/** How tall an overlay may grow, whatever the data: a few lines, never the page. */
const MAX_OVERLAY_HEIGHT = 400;

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close();
});

function hostileProspect(id: string, value: string, identity: Partial<Prospect>): Prospect {
  const today = localDayOf(session.now());
  return {
    id,
    name: value,
    company: value,
    emails: [],
    linkedinIds: [],
    status: 'active',
    tags: [value],
    createdAt: session.now() - 20 * 86_400_000,
    nextDueDay: addDaysToDay(today, -1),
    nextChannels: ['email', 'linkedin'],
    nextStep: 3,
    totalSteps: 9,
    reason: value,
    touchCount: 2,
    noCount: 0,
    // After every message in the captures, so no reply is marked and the prospect stays due.
    lastTouchAt: session.now() - 86_400_000,
    ...identity,
  };
}

function hostileTouch(prospectId: string, value: string): Touch {
  const at = session.now() - 86_400_000;
  return {
    id: `t-${prospectId}`,
    prospectId,
    channel: 'email',
    direction: 'out',
    at,
    day: localDayOf(at),
    summary: value,
    link: SCRIPT_LINK,
    source: 'detected',
    confirmed: true,
    dedupeKey: `email:hostile:${prospectId}`,
  };
}

/** Everything a hostile string could do to the page, as it happens. */
function watch(page: Page): { problems: string[]; navigations: string[] } {
  const problems: string[] = [];
  const navigations: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Fifth Touch|Uncaught/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  return { problems, navigations };
}

interface OverlayReport {
  tag: string;
  text: string;
  width: number;
  height: number;
  right: number;
  /** Elements only markup in the data could have made (the overlays render none of these). */
  foreign: string[];
  scriptLinks: number;
  /** Whether the element holding an RTL-override name isolates it from the text after it. */
  rtlIsolated: boolean | null;
}

/** Each overlay's text, box and any element that should not be there, from the content world. */
function inspectOverlays(page: Page): Promise<OverlayReport[]> {
  return evaluateInContentScript<OverlayReport[]>(
    page,
    `[...document.querySelectorAll(${JSON.stringify(OVERLAY_HOSTS)})].map((host) => {
      const root = chrome.dom.openOrClosedShadowRoot(host);
      const all = root ? [...root.querySelectorAll('*')] : [];
      const box = host.getBoundingClientRect();
      const inner = all.reduce((r, el) => {
        const b = el.getBoundingClientRect();
        return { height: Math.max(r.height, b.bottom - box.top), right: Math.max(r.right, b.right) };
      }, { height: box.height, right: box.right });
      return {
        tag: host.tagName.toLowerCase(),
        text: root ? [...root.children].filter((el) => el.tagName !== 'STYLE').map((el) => el.textContent).join(' ') : '',
        width: box.width,
        height: inner.height,
        right: inner.right,
        foreign: all.filter((el) => ['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'svg', 'A'].includes(el.tagName) || [...el.attributes].some((a) => a.name.startsWith('on'))).map((el) => el.tagName),
        rtlIsolated: (() => {
          const holder = all.filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.includes('\u202E'))).pop();
          if (!holder) return null;
          for (let el = holder; el && el !== root; el = el.parentElement) {
            if (el.tagName === 'BDI' || ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi)) return true;
          }
          return false;
        })(),
        scriptLinks: all.filter((el) => /^\\s*javascript:/i.test(el.getAttribute('href') ?? '') || /^\\s*javascript:/i.test(el.getAttribute('src') ?? '')).length,
      };
    })`,
    { extensionId: session.extensionId },
  );
}

async function waitForOverlays(
  page: Page,
  done: (overlays: OverlayReport[]) => boolean,
  timeout = 15_000,
): Promise<OverlayReport[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const overlays = await inspectOverlays(page);
    if (done(overlays)) return overlays;
    if (Date.now() > deadline) {
      throw new Error(
        `Overlays not as expected: ${JSON.stringify(overlays.map((o) => [o.tag, o.text.slice(0, 200)]))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What the page itself must still look like: nothing of the data became an element or ran. */
async function expectPageInert(page: Page): Promise<void> {
  expect(await page.locator('img[src="x"], img[onerror]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:alert" i]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
}

function expectTextOnly(overlay: OverlayReport, value: string, viewportWidth: number): void {
  // The value is there as text (the long one at least in part: a view may cut it).
  expect(overlay.text).toContain(value === LONG ? LONG.slice(0, 40) : value);
  expect(overlay.foreign).toEqual([]);
  expect(overlay.scriptLinks).toBe(0);
  expect(overlay.right).toBeLessThanOrEqual(viewportWidth + 1);
  // An RTL override in a name must not reverse the status text that follows it.
  if (value === RTL) expect(overlay.rtlIsolated).toBe(true);
  expect(overlay.height).toBeLessThanOrEqual(MAX_OVERLAY_HEIGHT);
}

/** Creates the schema (a ping opens the store), then seeds one hostile prospect for each site. */
async function seed(page: Page, value: string): Promise<void> {
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
  const prospects = [
    hostileProspect('cora', value, { emails: [CORA] }),
    hostileProspect('tariq', value, { linkedinIds: [TARIQ] }),
    hostileProspect('rowan', value, { linkedinIds: [ROWAN] }),
  ];
  await seedDatabase(session.context, session.extensionId, {
    prospects,
    touches: prospects.map((prospect) => hostileTouch(prospect.id, value)),
  });
}

describe('hostile prospects in the Gmail overlays', () => {
  test.each(HOSTILE)(
    'a name with %s shows as text in the thread bar, the due pill stays a count',
    async (_, value) => {
      await serveGmail(session.context, INLINE_REPLY_PAGE);
      const page = await session.context.newPage();
      await page.goto(THREAD_URL);
      await seed(page, value);
      const { problems, navigations } = watch(page);
      await page.reload();
      const overlays = await waitForOverlays(
        page,
        (list) =>
          list.some((o) => o.tag === 'fifth-touch-thread-bar' && /touch \d+ of/i.test(o.text)) &&
          list.some((o) => o.tag === 'fifth-touch-due-count' && /\d/.test(o.text)),
      );
      const viewport = await page.evaluate(() => document.documentElement.clientWidth);
      const bar = overlays.find((o) => o.tag === 'fifth-touch-thread-bar')!;
      expectTextOnly(bar, value, viewport);
      const pill = overlays.find((o) => o.tag === 'fifth-touch-due-count')!;
      // All three seeded prospects are overdue; the pill shows counts, never a name.
      expect(pill.text).toMatch(/^3 follow-ups due \(3 overdue\)$/);
      expect(pill.foreign).toEqual([]);
      expect(pill.height).toBeLessThanOrEqual(MAX_OVERLAY_HEIGHT);
      await expectPageInert(page);
      expect(navigations).toEqual([THREAD_URL]);
      expect(page.url()).toBe(THREAD_URL);
      expect(problems).toEqual([]);
    },
  );
});

describe('hostile prospects in the LinkedIn overlays', () => {
  test.each(HOSTILE)(
    'a name with %s shows as text on the profile card and the conversation bar',
    async (_, value) => {
      await serveLinkedIn(session.context, LINKEDIN_THREAD);
      const thread = await session.context.newPage();
      await thread.goto(LINKEDIN_THREAD_URL);
      await seed(thread, value);
      const threadWatch = watch(thread);
      await thread.reload();
      const bars = await waitForOverlays(thread, (list) =>
        list.some((o) => /touch \d+ of/i.test(o.text)),
      );
      const threadWidth = await thread.evaluate(() => document.documentElement.clientWidth);
      for (const bar of bars.filter((o) => /touch \d+ of/i.test(o.text))) {
        expectTextOnly(bar, value, threadWidth);
      }
      await expectPageInert(thread);
      expect(threadWatch.navigations).toEqual([LINKEDIN_THREAD_URL]);
      expect(threadWatch.problems).toEqual([]);

      // The newest route answers first: from here every LinkedIn page is the profile.
      await serveLinkedIn(session.context, LINKEDIN_PROFILE);
      const profile = await session.context.newPage();
      const profileWatch = watch(profile);
      await profile.goto('https://www.linkedin.com/in/rowanchase/');
      const cards = await waitForOverlays(profile, (list) =>
        list.some((o) => /touch \d+ of/i.test(o.text)),
      );
      const profileWidth = await profile.evaluate(() => document.documentElement.clientWidth);
      const card = cards.find((o) => /touch \d+ of/i.test(o.text))!;
      expectTextOnly(card, value, profileWidth);
      await expectPageInert(profile);
      expect(profileWatch.navigations).toEqual(['https://www.linkedin.com/in/rowanchase/']);
      expect(profileWatch.problems).toEqual([]);
    },
  );
});
