// The background's periodic refresh, composed from the same lib/ calls its handlers make
// (entrypoints/background/badge.ts `readDueCount` + `badgeFor`; notifications.ts `runNotifications`:
// settings, `listDue` through today, `planNotifications`), minus the browser calls that only hand the
// result to Chrome. Bundled and run inside the service worker by the benchmark.
import { localDayOf } from '../../../lib/cadence/days';
import { countDue, countOverdue, getSettings, listDue } from '../../../lib/db/queries';
import { createFifthTouchDb, type FifthTouchDb } from '../../../lib/db/schema';
import { badgeFor, type Badge } from '../../../lib/nudges/badge';
import { planNotifications, type PlannedNotification } from '../../../lib/nudges/notifications';

export { createFifthTouchDb };

export async function computeRefresh(
  db: FifthTouchDb,
  now: number,
): Promise<{ badge: Badge; planned: PlannedNotification[]; due: number }> {
  const today = localDayOf(now);
  const [due, overdue] = await Promise.all([countDue(db, today), countOverdue(db, today)]);
  const badge = badgeFor({ due, overdue });
  const settings = await getSettings(db);
  // As if the digest were due now, so every run does the digest's whole work.
  const planned = planNotifications({
    today,
    digestDue: true,
    due: await listDue(db, { through: today }),
    settings,
    notifiedToday: new Set(),
  });
  return { badge, planned, due };
}
