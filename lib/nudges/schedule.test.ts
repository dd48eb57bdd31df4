import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings';
import {
  isDigestDue,
  isQuietAt,
  nextDigestAt,
  nextMidnightAt,
  type ScheduleSettings,
} from './schedule';

// A zone with daylight saving, so the DST cases are real: Berlin springs forward on 2026-03-29
// (02:00 → 03:00) and falls back on 2026-10-25 (03:00 → 02:00).
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  process.env.TZ = previousTz;
});

const at = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();
const iso = (instant: number) => new Date(instant).toISOString();

const weekdays: ScheduleSettings = {
  notifyAt: DEFAULT_SETTINGS.notifyAt,
  notifyOnWeekends: false,
  quietHours: null,
};

describe('the next digest', () => {
  // 2026-03-04 is a Wednesday, 2026-03-06 a Friday.
  it('is today at the notify time when that is still ahead', () => {
    expect(nextDigestAt(at(2026, 3, 4, 8, 0), weekdays)).toBe(at(2026, 3, 4, 9, 0));
  });

  it('is tomorrow once today’s time has come', () => {
    expect(nextDigestAt(at(2026, 3, 4, 9, 0), weekdays)).toBe(at(2026, 3, 5, 9, 0));
  });

  it('skips the weekend unless the user asked for weekends', () => {
    expect(nextDigestAt(at(2026, 3, 6, 10), weekdays)).toBe(at(2026, 3, 9, 9, 0));
    expect(nextDigestAt(at(2026, 3, 6, 10), { ...weekdays, notifyOnWeekends: true })).toBe(
      at(2026, 3, 7, 9, 0),
    );
  });

  it('waits for the end of quiet hours when the notify time is quiet', () => {
    const quiet = { ...weekdays, quietHours: { start: '08:00', end: '10:30' } };
    expect(nextDigestAt(at(2026, 3, 4, 7), quiet)).toBe(at(2026, 3, 4, 10, 30));
  });

  it('moves an evening time inside overnight quiet hours to the next morning, on a weekday', () => {
    const quiet = {
      notifyAt: '23:00',
      notifyOnWeekends: false,
      quietHours: { start: '22:00', end: '07:00' },
    };
    expect(nextDigestAt(at(2026, 3, 4, 12), quiet)).toBe(at(2026, 3, 5, 7, 0));
    // Friday's evening digest would land on Saturday morning: the next one is Monday's.
    expect(nextDigestAt(at(2026, 3, 6, 8), quiet)).toBe(at(2026, 3, 9, 7, 0));
  });

  it('keeps its wall-clock time across the spring-forward and fall-back changes', () => {
    const daily = { ...weekdays, notifyOnWeekends: true };
    // 09:00 CET is 08:00 UTC; 09:00 CEST is 07:00 UTC.
    expect(iso(nextDigestAt(at(2026, 3, 28, 12), daily))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(nextDigestAt(at(2026, 10, 24, 12), daily))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('lands just after the gap when the notify time does not exist that day', () => {
    const early = { notifyAt: '02:30', notifyOnWeekends: true, quietHours: null };
    // 02:30 does not exist on 2026-03-29; the clock reads 03:30 CEST then (01:30 UTC).
    expect(iso(nextDigestAt(at(2026, 3, 28, 12), early))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('falls back to 09:00 when the stored time is not a time', () => {
    expect(nextDigestAt(at(2026, 3, 4, 6), { ...weekdays, notifyAt: 'soon' })).toBe(
      at(2026, 3, 4, 9, 0),
    );
  });
});

describe('whether the digest is due now (the refresh alarm catching up)', () => {
  it('is once the time has passed on a weekday, outside quiet hours', () => {
    expect(isDigestDue(at(2026, 3, 4, 8, 59), weekdays)).toBe(false);
    expect(isDigestDue(at(2026, 3, 4, 9, 0), weekdays)).toBe(true);
    expect(isDigestDue(at(2026, 3, 4, 23, 0), weekdays)).toBe(true);
  });

  it('is not on a weekend the user keeps free', () => {
    expect(isDigestDue(at(2026, 3, 7, 12), weekdays)).toBe(false);
    expect(isDigestDue(at(2026, 3, 7, 12), { ...weekdays, notifyOnWeekends: true })).toBe(true);
  });

  it('is not during quiet hours, even after the time', () => {
    const quiet = { ...weekdays, quietHours: { start: '18:00', end: '08:00' } };
    expect(isDigestDue(at(2026, 3, 4, 12), quiet)).toBe(true);
    expect(isDigestDue(at(2026, 3, 4, 19), quiet)).toBe(false);
  });

  it('counts a digest moved past midnight by quiet hours on the day it is shown', () => {
    const quiet = {
      notifyAt: '23:00',
      notifyOnWeekends: false,
      quietHours: { start: '22:00', end: '07:00' },
    };
    expect(isDigestDue(at(2026, 3, 5, 6, 59), quiet)).toBe(false);
    expect(isDigestDue(at(2026, 3, 5, 7, 0), quiet)).toBe(true);
  });
});

describe('quiet hours', () => {
  it('include the start and exclude the end, also across midnight', () => {
    const overnight = { start: '22:00', end: '07:00' };
    expect(isQuietAt(at(2026, 3, 4, 21, 59), overnight)).toBe(false);
    expect(isQuietAt(at(2026, 3, 4, 22, 0), overnight)).toBe(true);
    expect(isQuietAt(at(2026, 3, 5, 3, 0), overnight)).toBe(true);
    expect(isQuietAt(at(2026, 3, 5, 7, 0), overnight)).toBe(false);
    expect(isQuietAt(at(2026, 3, 5, 3, 0), null)).toBe(false);
  });
});

describe('the midnight alarm', () => {
  it('is the next local midnight, 23 hours away across spring-forward', () => {
    expect(nextMidnightAt(at(2026, 3, 4, 15))).toBe(at(2026, 3, 5));
    expect(iso(nextMidnightAt(at(2026, 3, 28, 23, 30)))).toBe('2026-03-28T23:00:00.000Z');
    const sunday = nextMidnightAt(at(2026, 3, 29, 0, 30));
    expect(iso(sunday)).toBe('2026-03-29T22:00:00.000Z');
    expect(sunday - at(2026, 3, 29)).toBe(23 * 3_600_000);
  });
});
