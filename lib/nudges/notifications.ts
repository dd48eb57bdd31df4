// What the notifications say and who gets one. Plain text built from page data, so every value is
// reduced to one short line; ids carry the day and the prospect, so a click needs no memory.
import { plain } from '../angles/fill';
import { suggestAngle } from '../angles/choose';
import { daysBetween } from '../cadence/days';
import { listChannels } from '../cadence/plan';
import type { LocalDay, Prospect, Settings } from '../model';
import { followUps } from './badge';

export const TITLE_MAX = 80;
export const MESSAGE_MAX = 180;

const ID_PREFIX = 'fifth-touch';

export type NotificationRef =
  { kind: 'digest'; day: LocalDay } | { kind: 'prospect'; day: LocalDay; prospectId: string };

export function notificationId(ref: NotificationRef): string {
  return ref.kind === 'digest'
    ? `${ID_PREFIX}:digest:${ref.day}`
    : `${ID_PREFIX}:prospect:${ref.day}:${ref.prospectId}`;
}

/** The notification an id names, or undefined for anyone else's id. */
export function parseNotificationId(id: string): NotificationRef | undefined {
  const match = /^fifth-touch:(digest|prospect):(\d{4}-\d{2}-\d{2})(?::(.+))?$/.exec(id);
  if (!match) return undefined;
  const [, kind, day, prospectId] = match as unknown as [string, string, string, string?];
  if (kind === 'digest') return prospectId === undefined ? { kind, day } : undefined;
  return prospectId ? { kind: 'prospect', day, prospectId } : undefined;
}

/** The key the per-day log records a notification under. */
export function notifiedItem(ref: NotificationRef): string {
  return ref.kind === 'digest' ? 'digest' : `prospect:${ref.prospectId}`;
}

export interface NotificationText {
  title: string;
  message: string;
  contextMessage?: string;
}

function cut(value: string, max: number): string {
  const points = Array.from(plain(value));
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : points.join('');
}

const isWaiting = (prospect: Prospect, today: LocalDay) =>
  (prospect.status === 'active' || prospect.status === 'won') &&
  prospect.nextDueDay !== undefined &&
  prospect.nextDueDay <= today;

/** How many of the most urgent the digest names. */
export const NAMED_IN_DIGEST = 3;

/** How many are waiting and how many of them are overdue, counted from the store's index. */
export interface WaitingCount {
  due: number;
  overdue: number;
}

/**
 * "5 follow-ups due today", "2 of them overdue · Jane Doe, Omar Haddad and 3 more"; none when nothing
 * is due. Without `count`, `due` is every waiting prospect; with it, `due` need only hold the most
 * urgent (the three it names) and the totals come from `count`.
 */
export function digestText(
  due: Prospect[],
  today: LocalDay,
  count?: WaitingCount,
): NotificationText | undefined {
  const waiting = rankByUrgency(due.filter((prospect) => isWaiting(prospect, today)));
  const total = count ? Math.max(0, Math.trunc(count.due)) : waiting.length;
  if (total === 0 || waiting.length === 0) return undefined;
  const overdue = count
    ? Math.min(total, Math.max(0, Math.trunc(count.overdue)))
    : waiting.filter((prospect) => (prospect.nextDueDay as string) < today).length;
  const names = waiting
    .slice(0, NAMED_IN_DIGEST)
    .map((prospect) => cut(prospect.name || 'Someone', 40));
  const more = Math.max(0, total - names.length);
  const who =
    more > 0
      ? `${names.join(', ')} and ${more} more`
      : names.length > 1
        ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
        : (names[0] as string);
  const late = overdue === 0 ? '' : overdue === total ? 'All overdue · ' : `${overdue} overdue · `;
  return {
    title: `${followUps(total)} due today`,
    message: cut(`${late}${who}`, MESSAGE_MAX),
  };
}

/** Most urgent first: the longest overdue, then the longest untouched, then by name. */
export function rankByUrgency(prospects: Prospect[]): Prospect[] {
  return [...prospects].sort(
    (a, b) =>
      (a.nextDueDay ?? '9999').localeCompare(b.nextDueDay ?? '9999') ||
      (a.lastTouchAt ?? 0) - (b.lastTouchAt ?? 0) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The prospects that get their own notification now: the most urgent waiting ones not notified
 * today, so that no more than `cap` are notified in one day.
 */
export function pickForNotification(
  due: Prospect[],
  today: LocalDay,
  cap: number,
  notifiedToday: ReadonlySet<string>,
): Prospect[] {
  const alreadyNotified = due.filter((p) =>
    notifiedToday.has(notifiedItem({ kind: 'prospect', day: today, prospectId: p.id })),
  ).length;
  const room = Math.max(0, Math.trunc(Number.isFinite(cap) ? cap : 0)) - alreadyNotified;
  if (room <= 0) return [];
  return rankByUrgency(
    due.filter(
      (prospect) =>
        isWaiting(prospect, today) &&
        !notifiedToday.has(notifiedItem({ kind: 'prospect', day: today, prospectId: prospect.id })),
    ),
  ).slice(0, room);
}

type AngleSettings = Pick<Settings, 'disabledAngles' | 'angleTemplates' | 'customAngles'>;

/** One prospect's notification: who, how late, and the suggested angle in one line. */
export function prospectText(
  prospect: Prospect,
  today: LocalDay,
  settings: AngleSettings,
): NotificationText {
  const late = prospect.nextDueDay ? daysBetween(prospect.nextDueDay, today) : 0;
  const when = late <= 0 ? 'due today' : late === 1 ? '1 day overdue' : `${late} days overdue`;
  const who = [prospect.name || 'A prospect', prospect.company].filter(Boolean).join(' · ');
  const angle = suggestAngle({
    channel: prospect.nextChannels[0],
    step: prospect.nextStep,
    phase:
      prospect.status === 'won'
        ? 'after-win'
        : prospect.totalSteps > 0 && prospect.nextStep > prospect.totalSteps
          ? 'nurture'
          : 'cadence',
    lastAngleId: prospect.lastAngleId,
    settings,
  });
  const step =
    prospect.totalSteps > 0 && prospect.nextStep <= prospect.totalSteps
      ? `Touch ${prospect.nextStep} of ${prospect.totalSteps}`
      : `Touch ${prospect.nextStep}`;
  const channels = prospect.nextChannels.length ? ` · ${listChannels(prospect.nextChannels)}` : '';
  return {
    title: `${cut(who, TITLE_MAX - when.length - 3)} — ${when}`,
    message: angle
      ? cut(`${angle.label}: ${angle.prompt}`, MESSAGE_MAX)
      : cut(prospect.reason || 'Time for the next touch.', MESSAGE_MAX),
    contextMessage: cut(`${step}${channels}`, TITLE_MAX),
  };
}

export const PROSPECT_BUTTONS = ['Open', 'Snooze a day'] as const;
export const OPEN_BUTTON = 0;
export const SNOOZE_BUTTON = 1;

export interface PlannedNotification {
  ref: NotificationRef;
  id: string;
  text: NotificationText;
  buttons: readonly string[];
}

/**
 * What to show now: once a day, when the digest is due, the digest and the most urgent prospects
 * not yet notified today; nothing when the digest already went out today or nothing is due.
 */
export function planNotifications({
  today,
  digestDue,
  due,
  count,
  settings,
  notifiedToday,
}: {
  today: LocalDay;
  digestDue: boolean;
  /** Every waiting prospect, or (with `count`) the most urgent and those notified today. */
  due: Prospect[];
  count?: WaitingCount;
  settings: AngleSettings & Pick<Settings, 'notificationCap'>;
  notifiedToday: ReadonlySet<string>;
}): PlannedNotification[] {
  const digestRef: NotificationRef = { kind: 'digest', day: today };
  if (!digestDue || notifiedToday.has(notifiedItem(digestRef))) return [];
  const digest = digestText(due, today, count);
  if (!digest) return [];
  const planned: PlannedNotification[] = [
    { ref: digestRef, id: notificationId(digestRef), text: digest, buttons: [] },
  ];
  for (const prospect of pickForNotification(due, today, settings.notificationCap, notifiedToday)) {
    const ref: NotificationRef = { kind: 'prospect', day: today, prospectId: prospect.id };
    planned.push({
      ref,
      id: notificationId(ref),
      text: prospectText(prospect, today, settings),
      buttons: PROSPECT_BUTTONS,
    });
  }
  return planned;
}
