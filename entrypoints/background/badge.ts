// The toolbar badge: due today + overdue, red when any are overdue. Recomputed from the database
// on every change any context makes (Dexie's liveQuery hears writes from extension pages too),
// after every write this worker handles, on the refresh alarm and at midnight.
import { liveQuery, type Subscription } from 'dexie';
import { browser } from 'wxt/browser';
import { localDayOf } from '../../lib/cadence/days';
import { countDue, countOverdue } from '../../lib/db/queries';
import type { FifthTouchDb } from '../../lib/db/schema';
import type { DueCount } from '../../lib/messages';
import { badgeFor } from '../../lib/nudges/badge';
import { openDatabase } from './database';

export async function readDueCount(db: FifthTouchDb, now = Date.now()): Promise<DueCount> {
  const today = localDayOf(now);
  const [due, overdue] = await Promise.all([countDue(db, today), countOverdue(db, today)]);
  return { due, overdue };
}

/** Firefox MV2 names it browserAction. */
function toolbarAction(): typeof browser.action {
  return (
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction
  );
}

export async function showBadge(count: DueCount): Promise<void> {
  const badge = badgeFor(count);
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
    const count = await readDueCount(await openDatabase(), now);
    await showBadge(count);
    return count;
  } catch (error) {
    console.warn('[Fifth Touch] could not update the badge', error);
    return undefined;
  }
}

let watching: Subscription | undefined;

/** Starts the live badge for this worker life. */
export function setUpBadge(): void {
  if (watching) return;
  void openDatabase()
    .then((db) => {
      if (watching) return;
      // liveQuery re-runs when a write from any same-origin context touches what it read; the day
      // is read inside, so the next change after midnight (and the midnight alarm) see the new day.
      watching = liveQuery(() => readDueCount(db)).subscribe({
        next: (count) => void showBadge(count).catch(() => undefined),
        error: (error) => {
          console.warn('[Fifth Touch] live badge stopped', error);
          watching = undefined;
        },
      });
    })
    .catch((error: unknown) => console.warn('[Fifth Touch] live badge not started', error));
}
