// What the digest reads from the store, by name, and no more: how many are waiting (two index counts), then
// only the most urgent few (the ones it names and the ones that may get their own notification),
// so a book of 10,000 with hundreds due costs a few dozen rows, not every due prospect.
import type { LocalDay, Prospect } from '../model';
import { NAMED_IN_DIGEST, rankByUrgency, type WaitingCount } from '../nudges/notifications';
import { countWaiting } from './queries';
import type { FifthTouchDb } from './schema';

/** Read beyond the cap, so a few rows that no longer wait (or were notified) never leave it short. */
export const URGENT_MARGIN = 5;
/** Same-day ties at the boundary are ranked among at most this many (as the full list was before). */
const TIE_LIMIT = 500;
const NOTIFIED_PREFIX = 'prospect:';

export interface DigestInput {
  count: WaitingCount;
  /** The most urgent waiting prospects, plus those notified today that still wait. */
  due: Prospect[];
}

/**
 * The `count` most urgent prospects due on or before `today`, in urgency order. The index gives
 * them by due day; only the boundary day's ties are read in full, to rank them by last touch.
 */
export async function readMostUrgent(
  db: FifthTouchDb,
  today: LocalDay,
  count: number,
): Promise<Prospect[]> {
  if (count <= 0) return [];
  const head = await db.prospects.where('nextDueDay').belowOrEqual(today).limit(count).toArray();
  const boundary = head[count - 1]?.nextDueDay;
  if (boundary === undefined) return rankByUrgency(head);
  const before = head.filter((prospect) => (prospect.nextDueDay as string) < boundary);
  const ties = await db.prospects.where('nextDueDay').equals(boundary).limit(TIE_LIMIT).toArray();
  return rankByUrgency([...before, ...ties]).slice(0, count);
}

/**
 * The digest's input in one read-only transaction: the counts and just enough prospects for
 * `planNotifications` to name the most urgent and pick up to `cap` of them not notified today.
 * Counting is most of the cost (an index count visits every due entry), so a caller that has
 * just counted for the badge passes its `count` in.
 */
export function readDigestInput(
  db: FifthTouchDb,
  today: LocalDay,
  {
    cap,
    notifiedToday,
    count,
  }: { cap: number; notifiedToday: ReadonlySet<string>; count?: WaitingCount },
): Promise<DigestInput> {
  const notifiedIds = [...notifiedToday]
    .filter((item) => item.startsWith(NOTIFIED_PREFIX))
    .map((item) => item.slice(NOTIFIED_PREFIX.length));
  const room = Math.max(0, Math.trunc(Number.isFinite(cap) ? cap : 0));
  const wanted = Math.max(room, NAMED_IN_DIGEST) + notifiedIds.length + URGENT_MARGIN;
  return db.transaction('r', db.prospects, async (): Promise<DigestInput> => {
    const [waiting, urgent, notified] = await Promise.all([
      count ?? countWaiting(db, today),
      readMostUrgent(db, today, wanted),
      notifiedIds.length
        ? db.prospects.bulkGet(notifiedIds)
        : Promise.resolve([] as (Prospect | undefined)[]),
    ]);
    const seen = new Set(urgent.map((prospect) => prospect.id));
    // Those notified earlier today count against the cap wherever they rank now.
    const stillDue = notified.filter(
      (prospect): prospect is Prospect =>
        !!prospect &&
        !seen.has(prospect.id) &&
        prospect.nextDueDay !== undefined &&
        prospect.nextDueDay <= today,
    );
    return { count: waiting, due: [...urgent, ...stillDue] };
  });
}
