// The background's periodic refresh, composed from the same lib/ calls its handlers make
// (entrypoints/background/badge.ts `readDueCount` + `badgeFor`; notifications.ts `runNotifications`:
// settings, `readDigestInput` through today, `planNotifications`), minus the browser calls that only hand the
// result to Chrome. Bundled and run inside the service worker by the benchmark.
import { localDayOf } from '../../../lib/cadence/days';
import { readDigestInput, URGENT_MARGIN } from '../../../lib/db/digest';
import { countWaiting, getSettings } from '../../../lib/db/queries';
import { createFifthTouchDb, type FifthTouchDb } from '../../../lib/db/schema';
import { badgeFor, type Badge } from '../../../lib/nudges/badge';
import {
  NAMED_IN_DIGEST,
  planNotifications,
  type PlannedNotification,
} from '../../../lib/nudges/notifications';

export { createFifthTouchDb };

export async function computeRefresh(
  db: FifthTouchDb,
  now: number,
): Promise<{ badge: Badge; planned: PlannedNotification[]; due: number; today: string }> {
  const today = localDayOf(now);
  const { due, overdue } = await countWaiting(db, today);
  const badge = badgeFor({ due, overdue });
  const settings = await getSettings(db);
  // As if the digest were due now, so every run does the digest's whole work.
  const notifiedToday = new Set<string>();
  // As the refresh alarm does, the digest takes the badge's count rather than counting again.
  const input = await readDigestInput(db, today, {
    cap: settings.notificationCap,
    notifiedToday,
    count: { due, overdue },
  });
  const planned = planNotifications({ today, digestDue: true, ...input, settings, notifiedToday });
  return { badge, planned, due, today };
}

/** How many of the most urgent prospects the digest reads (its cap, at least those it names, plus a margin). */
export async function digestReadSize(db: FifthTouchDb): Promise<number> {
  const settings = await getSettings(db);
  return Math.max(settings.notificationCap, NAMED_IN_DIGEST) + URGENT_MARGIN;
}
