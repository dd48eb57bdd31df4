import { describe, expect, test } from 'vitest';
import { guessDateOrder, parseContactDay } from './dates';

describe('last-contacted dates as CRMs write them', () => {
  test.each([
    ['2026-11-02', '2026-11-02'],
    ['2026-11-02 14:33', '2026-11-02'],
    ['2026-11-2', '2026-11-02'],
    ['11/2/2026', '2026-11-02'],
    ['11/02/2026 2:33 PM', '2026-11-02'],
    ['11/2/26', '2026-11-02'],
    ['Nov 2, 2026', '2026-11-02'],
    ['Monday, November 2, 2026', '2026-11-02'],
    ['2 Nov 2026', '2026-11-02'],
    ['2026/11/02', '2026-11-02'],
    ['2026.11.02 09:15', '2026-11-02'],
    ['02-Nov-2026', '2026-11-02'],
    ['2-nov-26 10:00', '2026-11-02'],
  ])('month first: %j is %s', (raw, day) => {
    expect(parseContactDay(raw, 'month-first')).toBe(day);
  });

  test.each([
    ['2/11/2026', '2026-11-02'],
    ['02.11.2026', '2026-11-02'],
    ['2026-11-02', '2026-11-02'],
  ])('day first: %j is %s', (raw, day) => {
    expect(parseContactDay(raw, 'day-first')).toBe(day);
  });

  test('an instant with its zone is the day it was here', () => {
    const at = Date.parse('2026-11-02T12:00:00Z');
    const local = new Date(at);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
    expect(parseContactDay('2026-11-02T12:00:00Z', 'month-first')).toBe(expected);
    expect(parseContactDay(String(at), 'month-first')).toBe(expected);
  });

  test.each(['yesterday', '2026-02-30', '13/13/2026', 'Smarch 3, 2026', '42', '02-Smarch-2026'])(
    '%j is no date',
    (raw) => {
      expect(parseContactDay(raw, 'month-first')).toBeNull();
    },
  );

  test('a day above 12 settles the order of a whole column; all-ambiguous columns are flagged', () => {
    expect(guessDateOrder(['03/04/2026', '25/03/2026'])).toEqual({
      order: 'day-first',
      certain: true,
      numeric: true,
    });
    expect(guessDateOrder(['03/04/2026', '03/25/2026'])).toEqual({
      order: 'month-first',
      certain: true,
      numeric: true,
    });
    expect(guessDateOrder(['03/04/2026', ''])).toEqual({
      order: 'month-first',
      certain: false,
      numeric: true,
    });
    expect(guessDateOrder(['2026-03-04'])).toEqual({
      order: 'month-first',
      certain: true,
      numeric: false,
    });
  });
});
