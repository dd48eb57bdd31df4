// When the background wakes: a periodic refresh, the daily digest at the user's time (moved out of
// quiet hours, weekdays only unless they asked for weekends) and local midnight for the badge.
// Pure: instants in, instants out, in the process's time zone, so DST is the Date constructor's job.
import { addDaysToDay, isWeekendDay, localDayOf } from '../cadence/days';
import type { LocalDay, Settings } from '../model';

export const REFRESH_PERIOD_MINUTES = 5;

export type ScheduleSettings = Pick<Settings, 'notifyAt' | 'notifyOnWeekends' | 'quietHours'>;

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const FALLBACK_NOTIFY_AT = '09:00';

/** Minutes after midnight of an `HH:mm` time, or undefined when it is not one. */
export function clockMinutes(hhmm: string | undefined): number | undefined {
  const match = CLOCK.exec(hhmm ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant a wall-clock time falls on a local day; a time skipped by DST lands just after the gap. */
export function atLocalTime(day: LocalDay, minutes: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, Math.floor(minutes / 60), minutes % 60).getTime();
}

function minutesOfDay(instant: number): number {
  const date = new Date(instant);
  return date.getHours() * 60 + date.getMinutes();
}

/** True when `instant` is inside quiet hours (start inclusive, end exclusive; may wrap midnight). */
export function isQuietAt(instant: number, quietHours: ScheduleSettings['quietHours']): boolean {
  if (!quietHours) return false;
  const start = clockMinutes(quietHours.start);
  const end = clockMinutes(quietHours.end);
  if (start === undefined || end === undefined || start === end) return false;
  const now = minutesOfDay(instant);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The end of the quiet period `instant` is in (the instant itself when it is not quiet). */
function afterQuietHours(instant: number, quietHours: ScheduleSettings['quietHours']): number {
  if (!quietHours || !isQuietAt(instant, quietHours)) return instant;
  const end = clockMinutes(quietHours.end) as number;
  const day = localDayOf(instant);
  const sameDay = atLocalTime(day, end);
  return sameDay > instant ? sameDay : atLocalTime(addDaysToDay(day, 1), end);
}

/**
 * When the digest planned for `day` is shown: the notify time, or the end of quiet hours when that
 * time is quiet; undefined when that moment falls on a weekend the user keeps free.
 */
export function digestTimeFor(day: LocalDay, settings: ScheduleSettings): number | undefined {
  const minutes = clockMinutes(settings.notifyAt) ?? (clockMinutes(FALLBACK_NOTIFY_AT) as number);
  const shown = afterQuietHours(atLocalTime(day, minutes), settings.quietHours);
  if (!settings.notifyOnWeekends && isWeekendDay(localDayOf(shown))) return undefined;
  return shown;
}

/** The next digest strictly after `now`. */
export function nextDigestAt(now: number, settings: ScheduleSettings): number {
  const today = localDayOf(now);
  // From yesterday: a digest moved past midnight by quiet hours may still be ahead.
  for (let offset = -1; offset <= 8; offset += 1) {
    const at = digestTimeFor(addDaysToDay(today, offset), settings);
    if (at !== undefined && at > now) return at;
  }
  // Unreachable with a valid clock time (a week always has weekdays); a day later is safe.
  return now + 86_400_000;
}

/**
 * True when today's digest time has passed and now is a moment one may be shown (a notify day,
 * outside quiet hours): the refresh alarm catches up a digest the browser was closed for.
 */
export function isDigestDue(now: number, settings: ScheduleSettings): boolean {
  const today = localDayOf(now);
  if (!settings.notifyOnWeekends && isWeekendDay(today)) return false;
  if (isQuietAt(now, settings.quietHours)) return false;
  return [-1, 0].some((offset) => {
    const at = digestTimeFor(addDaysToDay(today, offset), settings);
    return at !== undefined && at <= now && localDayOf(at) === today;
  });
}

/** The next local midnight after `now` (a DST change makes that day 23 or 25 hours long). */
export function nextMidnightAt(now: number): number {
  return atLocalTime(addDaysToDay(localDayOf(now), 1), 0);
}
