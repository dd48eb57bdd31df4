import { describe, expect, test } from 'vitest';
import type { Prospect } from '../model';
import { feedbackFriday, persistence, weekOf } from './feedback-friday';

// Local wall-clock instants so days hold in any time zone. 2026-03-06 is a Friday.
const at = (day: string) => new Date(`${day}T10:00:00`).getTime();
const FRIDAY = '2026-03-06';

function lead(fields: Partial<Prospect> & Pick<Prospect, 'id'>): Prospect {
  return {
    name: fields.id,
    company: '',
    emails: [],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: 0,
    nextChannels: [],
    nextStep: 1,
    totalSteps: 9,
    reason: '',
    touchCount: 0,
    noCount: 0,
    ...fields,
  };
}

describe('the week', () => {
  test('runs Monday to Sunday, whatever day it is asked on', () => {
    expect(weekOf(FRIDAY)).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2026-03-02')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekOf('2026-03-08')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    // Across a month and a year.
    expect(weekOf('2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
  });
});

describe('Feedback Friday', () => {
  const prospects = [
    lead({ id: 'busy', touchCount: 3, lastTouchAt: at('2026-03-05'), nextDueDay: '2026-03-09' }),
    lead({ id: 'quiet', touchCount: 2, lastTouchAt: at('2026-02-10'), nextDueDay: '2026-02-12' }),
    lead({ id: 'won', status: 'won', touchCount: 6, lastTouchAt: at('2026-03-03') }),
    lead({ id: 'lost', status: 'lost', touchCount: 1, noCount: 5, lastTouchAt: at('2026-01-05') }),
    lead({ id: 'replied', status: 'replied', touchCount: 4, lastTouchAt: at('2026-01-05') }),
    lead({ id: 'ignored', status: 'not-prospect', touchCount: 1, lastTouchAt: at('2026-01-05') }),
  ];
  const touches = [
    { prospectId: 'busy', direction: 'out' as const, day: '2026-03-02' },
    { prospectId: 'busy', direction: 'out' as const, day: '2026-03-05' },
    { prospectId: 'busy', direction: 'in' as const, day: '2026-03-05' },
    { prospectId: 'won', direction: 'out' as const, day: '2026-03-03' },
    // Last week: not counted.
    { prospectId: 'busy', direction: 'out' as const, day: '2026-03-01' },
  ];

  test('counts each lead’s outbound touches this week, lists who went quiet first', () => {
    const report = feedbackFriday({ today: FRIDAY, prospects, touches });
    expect(report.rows.map((row) => row.prospectId)).toEqual([
      'quiet',
      'busy',
      'lost',
      'replied',
      'won',
    ]);
    expect(report.rows.find((row) => row.prospectId === 'busy')).toMatchObject({
      touchesThisWeek: 2,
      totalTouches: 3,
      nextDueDay: '2026-03-09',
      lastTouchDay: '2026-03-05',
      quiet: false,
    });
    expect(report.rows.find((row) => row.prospectId === 'quiet')?.quiet).toBe(true);
    expect(report.totals).toEqual({
      leads: 5,
      touchesThisWeek: 3,
      leadsTouchedThisWeek: 2,
      quiet: 1,
      replied: 1,
      won: 1,
      lost: 1,
    });
  });

  test('persistence buckets leads that closed or went quiet by their touch count', () => {
    const figures = persistence(prospects, FRIDAY);
    // quiet after 2, won after 6 (5+), lost after 1; busy and replied have not stopped.
    expect(figures.counts).toEqual([1, 1, 0, 0, 1]);
    expect(figures.stopped).toBe(3);
    expect(figures.percentages).toEqual([33, 33, 0, 0, 33]);
  });

  test('with nothing stopped, persistence is all zeros rather than NaN', () => {
    expect(persistence([lead({ id: 'new' })], FRIDAY)).toEqual({
      counts: [0, 0, 0, 0, 0],
      percentages: [0, 0, 0, 0, 0],
      stopped: 0,
    });
  });
});
