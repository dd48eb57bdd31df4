/// <reference types="chrome" />
// The weekend rule in the built extension: a prospect tracked on a Saturday is due on Monday, so the
// toolbar badge leaves them out all weekend and counts them when Monday comes. The browser is
// started on the stated days (its clock, the service worker's included) and restarted on the same
// profile to move from one day to the next.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  atLocal,
  launchExtension,
  readDatabase,
  sendFromContentScript,
  serveGmail,
  until,
  type ExtensionSession,
} from './harness';

const SATURDAY_NOON = atLocal(2026, 11, 21, 12);
const SUNDAY_EVENING = atLocal(2026, 11, 22, 20);
const MONDAY_MORNING = atLocal(2026, 11, 23, 8, 30);

let profile: string;
let session: ExtensionSession | undefined;

beforeEach(async () => {
  profile = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-weekend-'));
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  await rm(profile, { recursive: true, force: true });
});

/** The browser on the test's profile with its clock started at `now`, the schema in place. */
async function openOn(now: number): Promise<ExtensionSession> {
  await session?.close();
  session = await launchExtension({ userDataDir: profile, now });
  const opened = session;
  await until(
    () => opened.worker.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
    (names) => names.includes('fifth-touch'),
  );
  return opened;
}

async function badgeText(on: ExtensionSession): Promise<string> {
  return on.worker.evaluate(() => chrome.action.getBadgeText({}));
}

async function countDue(on: ExtensionSession) {
  await serveGmail(on.context, '<!doctype html><title>Inbox</title>');
  const page = await on.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  try {
    return await sendFromContentScript(page, 'countDue', undefined, {
      extensionId: on.extensionId,
    });
  } finally {
    await page.close();
  }
}

test('a prospect tracked on a Saturday is due Monday: not on the badge all weekend, counted on Monday', async () => {
  const saturday = await openOn(SATURDAY_NOON);
  expect(new Date(saturday.now()).getDay()).toBe(6);
  await serveGmail(saturday.context, '<!doctype html><title>Inbox</title>');
  const page = await saturday.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  const tracked = await sendFromContentScript(
    page,
    'trackProspect',
    { name: 'Sam Saturday', emails: ['sam@weekend.example'] },
    { extensionId: saturday.extensionId },
  );
  expect(tracked.err).toBeUndefined();

  const stored = await until(
    () => readDatabase(saturday.context, saturday.extensionId),
    (rows) => rows.prospects.length === 1,
  );
  expect(stored.prospects[0]).toMatchObject({ name: 'Sam Saturday', nextDueDay: '2026-11-23' });
  expect(await countDue(saturday)).toEqual({ res: { due: 0, overdue: 0 } });
  expect(await badgeText(saturday)).toBe('');

  // Sunday evening: still the weekend, still nothing due.
  const sunday = await openOn(SUNDAY_EVENING);
  expect(await countDue(sunday)).toEqual({ res: { due: 0, overdue: 0 } });
  expect(await badgeText(sunday)).toBe('');

  // Monday: the new worker life counts at start.
  const monday = await openOn(MONDAY_MORNING);
  expect(
    await until(
      () => badgeText(monday),
      (text) => text === '1',
    ),
  ).toBe('1');
  expect(await countDue(monday)).toEqual({ res: { due: 1, overdue: 0 } });
});
