import { addDays, differenceInCalendarDays, format, isWeekend, lightFormat } from 'date-fns';
import fc from 'fast-check';
import {
  addDaysToDay,
  compareDays,
  dayFromNumber,
  dayNumber,
  daysBetween,
  isLocalDay,
  isWeekendDay,
  localDayOf,
  maxDay,
  minDay,
  nextBusinessDay,
  shiftOffWeekend,
  weekdayOf,
} from './days';

// Zones with DST in both hemispheres, a half-hour DST shift, and the first zone to see each day.
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'Asia/Kolkata',
  'Pacific/Pago_Pago',
];

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

/** Runs `body` with the process in each zone; Node reads TZ again whenever it changes. */
function inEachZone(body: (zone: string) => void) {
  for (const zone of ZONES) {
    process.env.TZ = zone;
    body(zone);
  }
}

/** A reference built the other way: date-fns on a Date at local noon in the current zone. */
function referenceAddDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(addDays(new Date(y, m - 1, d, 12), n), 'yyyy-MM-dd');
}
/** Whether the current zone had this calendar day at all (some zones skipped one at a date-line move). */
function existsHere(day: string): boolean {
  return lightFormat(localNoon(day), 'yyyy-MM-dd') === day;
}
function localNoon(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

const dayArb = fc
  .integer({ min: dayNumber('1990-01-01'), max: dayNumber('2090-12-31') })
  .map(dayFromNumber);

// Days around each zone's DST changes in 2026 (US: Mar 8 / Nov 1; EU: Mar 29 / Oct 25;
// Lord Howe: Apr 5 / Oct 4; St John's follows the US dates).
const DST_DAYS = [
  '2026-03-08',
  '2026-11-01',
  '2026-03-29',
  '2026-10-25',
  '2026-04-05',
  '2026-10-04',
];

describe('local days', () => {
  test('the process zone is honoured when it changes at run time', () => {
    const instant = Date.UTC(2026, 0, 1, 10, 0);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(localDayOf(instant)).toBe('2026-01-02');
    process.env.TZ = 'Pacific/Pago_Pago';
    expect(localDayOf(instant)).toBe('2025-12-31');
    process.env.TZ = 'UTC';
    expect(localDayOf(instant)).toBe('2026-01-01');
  });

  test('the local day of an instant is the calendar day on the wall clock, around DST changes too', () => {
    process.env.TZ = 'America/New_York';
    // 01:30 EST, 03:30 EDT and 23:30 EDT on the spring-forward day.
    expect(localDayOf(Date.UTC(2026, 2, 8, 6, 30))).toBe('2026-03-08');
    expect(localDayOf(Date.UTC(2026, 2, 8, 7, 30))).toBe('2026-03-08');
    expect(localDayOf(Date.UTC(2026, 2, 9, 3, 30))).toBe('2026-03-08');
    expect(localDayOf(Date.UTC(2026, 2, 9, 4, 30))).toBe('2026-03-09');
    process.env.TZ = 'Australia/Lord_Howe';
    // Lord Howe is UTC+11 in summer, +10:30 in winter; DST ended 2026-04-05 at 02:00.
    expect(localDayOf(Date.UTC(2026, 3, 4, 12, 59))).toBe('2026-04-04');
    expect(localDayOf(Date.UTC(2026, 3, 4, 13, 0))).toBe('2026-04-05');
    expect(localDayOf(Date.UTC(2026, 3, 5, 13, 29))).toBe('2026-04-05');
    expect(localDayOf(Date.UTC(2026, 3, 5, 13, 30))).toBe('2026-04-06');
    process.env.TZ = 'Europe/Berlin';
    expect(localDayOf(Date.UTC(2026, 9, 24, 22, 30))).toBe('2026-10-25');
    expect(localDayOf(Date.UTC(2026, 9, 25, 22, 59))).toBe('2026-10-25');
    expect(localDayOf(Date.UTC(2026, 9, 25, 23, 0))).toBe('2026-10-26');
  });

  test("the local day of any instant is date-fns' lightFormat yyyy-MM-dd, in every zone", () => {
    // From 100,000 BC to 100,000 AD, and the edges of what a Date holds.
    const instant = fc.oneof(
      fc.integer({ min: -3_217_862_400_000_000, max: 3_093_527_980_800_000 }),
      fc.constantFrom(-8.64e15, 8.64e15, 0, -1, -62_135_596_800_001, -62_135_596_800_000),
    );
    inEachZone(() => {
      fc.assert(
        fc.property(instant, (epochMs) => {
          expect(localDayOf(epochMs)).toBe(lightFormat(epochMs, 'yyyy-MM-dd'));
        }),
        { numRuns: 300 },
      );
    });
    for (const invalid of [Number.NaN, 8.64e15 + 1, Number.POSITIVE_INFINITY]) {
      expect(() => localDayOf(invalid)).toThrow(RangeError);
      expect(() => lightFormat(invalid, 'yyyy-MM-dd')).toThrow(RangeError);
    }
  });

  test('adding days across DST changes moves exactly that many calendar days in every zone', () => {
    inEachZone(() => {
      for (const day of DST_DAYS) {
        expect(addDaysToDay(addDaysToDay(day, -1), 1)).toBe(day);
        expect(addDaysToDay(day, 1)).toBe(referenceAddDays(day, 1));
        expect(addDaysToDay(day, -1)).toBe(referenceAddDays(day, -1));
        expect(daysBetween(addDaysToDay(day, -3), addDaysToDay(day, 4))).toBe(7);
      }
      expect(addDaysToDay('2026-03-07', 1)).toBe('2026-03-08');
      expect(addDaysToDay('2026-03-08', 1)).toBe('2026-03-09');
      expect(addDaysToDay('2026-10-31', 1)).toBe('2026-11-01');
      expect(addDaysToDay('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDaysToDay('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDaysToDay('2026-03-01', -1)).toBe('2026-02-28');
      expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
      expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    });
  });

  test('day arithmetic agrees with date-fns at local noon, in every zone, on any day', () => {
    inEachZone(() => {
      fc.assert(
        fc.property(dayArb, fc.integer({ min: -400, max: 400 }), (day, n) => {
          const later = addDaysToDay(day, n);
          // A day the zone skipped (Kiritimati's 1994-12-31) has no local noon to compare with.
          fc.pre(existsHere(day) && existsHere(later));
          expect(later).toBe(referenceAddDays(day, n));
          expect(daysBetween(day, later)).toBe(n);
          expect(differenceInCalendarDays(localNoon(later), localNoon(day))).toBe(n);
          expect(isWeekendDay(day)).toBe(isWeekend(localNoon(day)));
          expect(weekdayOf(day)).toBe(localNoon(day).getDay());
        }),
        { numRuns: 200 },
      );
    });
  });

  test('weekends: Saturday and Sunday move to Monday, weekdays stay', () => {
    // 2026-11-06 is a Friday.
    expect(isWeekendDay('2026-11-06')).toBe(false);
    expect(isWeekendDay('2026-11-07')).toBe(true);
    expect(isWeekendDay('2026-11-08')).toBe(true);
    expect(shiftOffWeekend('2026-11-06')).toBe('2026-11-06');
    expect(shiftOffWeekend('2026-11-07')).toBe('2026-11-09');
    expect(shiftOffWeekend('2026-11-08')).toBe('2026-11-09');
    expect(nextBusinessDay('2026-11-06')).toBe('2026-11-09');
    expect(nextBusinessDay('2026-11-09')).toBe('2026-11-10');
    expect(shiftOffWeekend('2026-12-26')).toBe('2026-12-28');
  });

  test('shifting off the weekend lands on a weekday at most two days later', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const shifted = shiftOffWeekend(day);
        expect(isWeekendDay(shifted)).toBe(false);
        expect(daysBetween(day, shifted)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(day, shifted)).toBeLessThanOrEqual(2);
        const next = nextBusinessDay(day);
        expect(isWeekendDay(next)).toBe(false);
        expect(daysBetween(day, next)).toBeGreaterThanOrEqual(1);
        expect(daysBetween(day, next)).toBeLessThanOrEqual(3);
      }),
    );
  });

  test('ordering: compareDays, maxDay and minDay agree with text order', () => {
    expect(compareDays('2026-11-02', '2026-11-10')).toBeLessThan(0);
    expect(compareDays('2026-11-10', '2026-11-10')).toBe(0);
    expect(maxDay('2026-11-02', '2027-01-01', '2026-12-31')).toBe('2027-01-01');
    expect(minDay('2026-11-02', '2027-01-01', '2026-01-31')).toBe('2026-01-31');
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        expect(Math.sign(compareDays(a, b))).toBe(Math.sign(a.localeCompare(b)));
        expect(maxDay(a, b)).toBe(a > b ? a : b);
      }),
    );
  });

  test('only real calendar days are days; anything else is a clear error', () => {
    expect(isLocalDay('2026-02-28')).toBe(true);
    expect(isLocalDay('2026-02-29')).toBe(false);
    expect(isLocalDay('2026-13-01')).toBe(false);
    expect(isLocalDay('2026-1-01')).toBe(false);
    expect(isLocalDay('2026-01-01T00:00')).toBe(false);
    expect(isLocalDay(20260101)).toBe(false);
    expect(() => addDaysToDay('next tuesday', 1)).toThrow(/Not a day/);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(/Not a day/);
  });

  test('day numbers round-trip', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        expect(dayFromNumber(dayNumber(day))).toBe(day);
      }),
    );
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayFromNumber(0)).toBe('1970-01-01');
    expect(() => dayFromNumber(2e8)).toThrow(/out of range/);
  });
});

test('a day a zone skipped is still a day: Kiritimati had no 1994-12-31, our arithmetic does', () => {
  process.env.TZ = 'Pacific/Kiritimati';
  expect(existsHere('1994-12-31')).toBe(false);
  expect(addDaysToDay('1994-12-30', 1)).toBe('1994-12-31');
  expect(addDaysToDay('1994-12-31', 1)).toBe('1995-01-01');
  expect(daysBetween('1994-12-30', '1995-01-01')).toBe(2);
});
