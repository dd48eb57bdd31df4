// The toolbar badge: due today + overdue, red when any are overdue, and in its title the sends in
// flight. Recomputed from the database shortly after any context changes the prospects or the
// sends (Dexie relays commits from extension pages too), debounced so a burst of writes recounts
// once and never delays the writes; also on the refresh alarm and at midnight.
import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { localDayOf } from '../../lib/cadence/days';
import { DEFAULT_DB_NAME, type FifthTouchDb } from '../../lib/db/schema';
import type { DueCount } from '../../lib/messages';
import { countWaiting } from '../../lib/db/queries';
import { countSending, countUnconfirmedSends } from '../../lib/db/sends';
import { badgeFor, type InFlightCount } from '../../lib/nudges/badge';
import { openDatabase } from './database';

export async function readDueCount(db: FifthTouchDb, now = Date.now()): Promise<DueCount> {
  return countWaiting(db, localDayOf(now));
}

/** Firefox MV2 names it browserAction. */
function toolbarAction(): typeof browser.action {
  return (
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction
  );
}

export async function showBadge(count: DueCount, inFlight?: InFlightCount): Promise<void> {
  const badge = badgeFor(count, inFlight);
  const action = toolbarAction();
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
  ]);
}

/** Recomputes the badge now; never throws (a badge is not worth an unhandled rejection). */
export async function refreshBadge(now = Date.now()): Promise<DueCount | undefined> {
  try {
    const db = await openDatabase();
    const [count, sending, unconfirmed] = await Promise.all([
      readDueCount(db, now),
      countSending(db),
      countUnconfirmedSends(db),
    ]);
    await showBadge(count, { sending, unconfirmed });
    return count;
  } catch (error) {
    console.warn('[Fifth Touch] could not update the badge', error);
    return undefined;
  }
}

/** A burst of writes (an import, a run of sends) recounts once, this long after the last. */
export const BADGE_DEBOUNCE_MS = 250;

let pending = false;
let lastChangeAt = 0;

/**
 * Recounts the badge once the writes settle: trailing, so the recount (two index counts in a
 * read-only transaction) never sits in front of the write that asked for it. Only the commit
 * watch below calls it: every write that changes a count commits, so no writer needs to. A commit
 * only notes its time (it runs before the write's caller hears back, so it sets no timer); the one
 * timer waits again when writes came since it was set.
 */
function scheduleBadge(): void {
  lastChangeAt = Date.now();
  if (pending) return;
  pending = true;
  const recountWhenQuiet = () => {
    // At most the debounce itself, whichever way the clock moved.
    const wait = Math.min(lastChangeAt + BADGE_DEBOUNCE_MS - Date.now(), BADGE_DEBOUNCE_MS);
    if (wait > 0) {
      setTimeout(recountWhenQuiet, wait);
      return;
    }
    pending = false;
    void refreshBadge();
  };
  setTimeout(recountWhenQuiet, BADGE_DEBOUNCE_MS);
}

let watching = false;

/** The tables the badge counts from: the prospects, and the touches and sends still in flight. */
const COUNTED = ['prospects', 'touches', 'unconfirmedSends'].map(
  (table) => `idb://${DEFAULT_DB_NAME}/${table}/`,
);

/** Whether a committed change touched a table the badge counts. */
function touchesProspects(parts: Record<string, unknown>): boolean {
  return Object.keys(parts).some((part) => COUNTED.some((prefix) => part.startsWith(prefix)));
}

/**
 * Starts the live badge for this worker life: counted once now, then again (debounced) after every
 * committed change to the prospects, from this worker or any extension page (Dexie relays each
 * commit to every same-origin context).
 */
export function setUpBadge(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts) => {
    if (touchesProspects(parts)) scheduleBadge();
  });
  void refreshBadge();
}
