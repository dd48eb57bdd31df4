/// <reference types="chrome" />
// A seeded follow-up desk for the side-panel suites (actions, accessibility, screenshots): raw rows
// dated from the browser's "now" (never the test process's clock), the toolbar badge read in the service worker, and axe-core run in a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import type { Outcome, Prospect, Touch } from '../../lib/model';
import type { AxeViolationSummary } from '../a11y';
import { seedDatabase, stopServiceWorker, waitForWorker, type ExtensionSession } from './harness';

const DAY = 86_400_000;

export function prospect(
  fields: Partial<Prospect> & Pick<Prospect, 'id' | 'name'>,
  now: number,
): Prospect {
  return {
    company: '',
    emails: [`${fields.id}@example.com`],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: now - 10 * DAY,
    nextChannels: ['email'],
    nextStep: 1,
    totalSteps: 9,
    reason: 'Seeded.',
    touchCount: 0,
    noCount: 0,
    ...fields,
  };
}

/** An outbound email touch `daysAgo` days back. */
function sent(
  id: string,
  prospectId: string,
  daysAgo: number,
  summary: string,
  now: number,
): Touch {
  const at = now - daysAgo * DAY;
  return {
    id,
    prospectId,
    channel: 'email',
    direction: 'out',
    at,
    day: localDayOf(at),
    summary,
    link: `https://mail.google.com/mail/u/0/#sent/${id}`,
    source: 'detected',
    confirmed: true,
    dedupeKey: `email:${id}:${prospectId}`,
  };
}

/**
 * The desk: Jane and Omar overdue, Bob and Dana due today, Carol upcoming, Rae replied, Wes won.
 * Four follow-ups due or overdue, so the badge starts at 4.
 */
export function deskRows(now: number) {
  const today = localDayOf(now);
  const prospects: Prospect[] = [
    prospect(
      {
        id: 'jane',
        name: 'Jane Doe',
        company: 'Acme',
        emails: ['jane@acme.com'],
        linkedinIds: ['jane-doe-42'],
        nextDueDay: addDaysToDay(today, -3),
        nextChannels: ['email', 'linkedin'],
        nextStep: 4,
        touchCount: 3,
        lastTouchAt: now - 5 * DAY,
        tags: ['summit'],
      },
      now,
    ),
    prospect(
      {
        id: 'omar',
        name: 'Omar Haddad',
        company: 'Globex',
        nextDueDay: addDaysToDay(today, -1),
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - 2 * DAY,
      },
      now,
    ),
    prospect({ id: 'bob', name: 'Bob Stone', company: 'Quarry', nextDueDay: today }, now),
    prospect(
      {
        id: 'dana',
        name: 'Dana Scully',
        company: 'Bureau',
        nextDueDay: today,
        nextChannels: ['call', 'email'],
      },
      now,
    ),
    prospect(
      {
        id: 'carol',
        name: 'Carol King',
        company: 'Tapestry',
        nextDueDay: addDaysToDay(today, 2),
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - DAY,
      },
      now,
    ),
    prospect({ id: 'rae', name: 'Rae Replied', company: 'Echo', status: 'replied' }, now),
    prospect({ id: 'wes', name: 'Wes Won', company: 'Winco', status: 'won' }, now),
  ];
  const touches: Touch[] = [
    sent('t1', 'jane', 9, 'Intro: renewal numbers', now),
    sent('t2', 'jane', 7, 'The case study you asked about', now),
    sent('t3', 'jane', 5, 'A question on Q3', now),
    sent('t4', 'omar', 2, 'Hello from Fifth Touch', now),
    sent('t5', 'carol', 1, 'Tapestry and us', now),
  ];
  const replyAt = now - DAY;
  const outcomes: Outcome[] = [
    { id: 'o1', prospectId: 'rae', kind: 'reply', at: replyAt, day: localDayOf(replyAt) },
    { id: 'o2', prospectId: 'wes', kind: 'won', at: replyAt, day: localDayOf(replyAt) },
  ];
  return { prospects, touches, outcomes };
}

/**
 * Opens the panel once so its Dexie creates the schema, seeds the desk with raw IndexedDB, and
 * starts a fresh worker life: raw writes bypass Dexie's change relay, so only a new life (which
 * counts at start) sees them on the badge.
 */
export async function seedDesk(
  session: ExtensionSession,
  rows = deskRows(session.now()),
): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('sidepanel.html'));
  await page.getByRole('tab', { name: /Due today/ }).waitFor();
  await page.close();
  await seedDatabase(session.context, session.extensionId, rows);
  await stopServiceWorker(session.context);
  await waitForWorker(session.context, session.extensionId);
}

/** The toolbar badge's text, as the service worker set it. */
export async function badgeText(session: ExtensionSession): Promise<string> {
  const worker = await waitForWorker(session.context, session.extensionId);
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices, colour contrast included) on the whole page.
 * Its source goes in through the driver (page.evaluate runs outside the page's CSP), never as a
 * script the extension ships.
 */
export async function axeViolations(page: Page): Promise<AxeViolationSummary[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const results = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map(
        (node) =>
          `${node.target.join(' ')}${node.failureSummary ? ` — ${node.failureSummary}` : ''}`,
      ),
    }));
  });
}
