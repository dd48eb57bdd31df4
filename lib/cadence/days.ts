// Local calendar days (`yyyy-MM-dd`) and the arithmetic on them. A day is a label, not an
// instant: all arithmetic runs on a UTC day number, so the process time zone and daylight-saving
// changes can never move a due day. Only `localDayOf` reads the time zone, by design.
import type { LocalDay } from '../model';

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day written `yyyy-MM-dd` (2026-02-30 is not). */
export function isLocalDay(value: unknown): value is LocalDay {
  if (typeof value !== 'string') return false;
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Days since 1970-01-01 for a local day; throws a clear error on anything that is not a day. */
export function dayNumber(day: LocalDay): number {
  if (!isLocalDay(day)) throw new RangeError(`Not a day (yyyy-MM-dd): ${JSON.stringify(day)}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** The local day of a day number (inverse of `dayNumber`). */
export function dayFromNumber(n: number): LocalDay {
  const date = new Date(n * MS_PER_DAY);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Day number out of range: ${n}`);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * The calendar day an instant falls on in the user's (the process's) time zone: what date-fns'
 * `lightFormat(epochMs, 'yyyy-MM-dd')` gives (years before 1 as their era year, an invalid instant
 * a RangeError), written out because this file rides in every Gmail and LinkedIn tab.
 */
export function localDayOf(epochMs: number): LocalDay {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid time value');
  const year = date.getFullYear();
  const y = String(year > 0 ? year : 1 - year).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDaysToDay(day: LocalDay, n: number): LocalDay {
  return dayFromNumber(dayNumber(day) + Math.trunc(n));
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDay): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

export function isWeekendDay(day: LocalDay): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** The day itself when it is a weekday, else the Monday after. */
export function shiftOffWeekend(day: LocalDay): LocalDay {
  const weekday = weekdayOf(day);
  if (weekday === 6) return addDaysToDay(day, 2);
  if (weekday === 0) return addDaysToDay(day, 1);
  return day;
}

/** The first weekday strictly after `day`. */
export function nextBusinessDay(day: LocalDay): LocalDay {
  return shiftOffWeekend(addDaysToDay(day, 1));
}

/** Negative, zero or positive, for sorting. `yyyy-MM-dd` strings also compare as text. */
export function compareDays(a: LocalDay, b: LocalDay): number {
  return dayNumber(a) - dayNumber(b);
}

export function maxDay(first: LocalDay, ...rest: LocalDay[]): LocalDay {
  return rest.reduce((latest, day) => (compareDays(day, latest) > 0 ? day : latest), first);
}

export function minDay(first: LocalDay, ...rest: LocalDay[]): LocalDay {
  return rest.reduce((earliest, day) => (compareDays(day, earliest) < 0 ? day : earliest), first);
}
