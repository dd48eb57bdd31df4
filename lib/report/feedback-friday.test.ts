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

  const outcomes = [
    { prospectId: 'won', kind: 'won' as const, day: '2026-03-04', at: at('2026-03-04') },
    { prospectId: 'replied', kind: 'reply' as const, day: '2026-02-20', at: at('2026-02-20') },
  ];

  test('counts touch days in the week (never more than in all), lists only leads worked in it', () => {
    const report = feedbackFriday({ today: FRIDAY, prospects, touches, outcomes });
    expect(report.rows.map((row) => row.prospectId)).toEqual(['busy', 'won']);
    expect(report.rows.find((row) => row.prospectId === 'busy')).toMatchObject({
      touchesThisWeek: 2,
      totalTouches: 3,
      nextDueDay: '2026-03-09',
      lastTouchDay: '2026-03-05',
      quiet: false,
    });
    expect(report.rows.find((row) => row.prospectId === 'won')?.outcomeThisWeek).toBe('won');
    for (const row of report.rows)
      expect(row.touchesThisWeek).toBeLessThanOrEqual(row.totalTouches);
    // The reply was last month: not this week's. Quiet went quiet on 02-24, before this week.
    expect(report.totals).toEqual({
      leads: 5,
      touchesThisWeek: 3,
      leadsTouchedThisWeek: 2,
      newThisWeek: 0,
      repliedThisWeek: 0,
      wonThisWeek: 1,
      lostThisWeek: 0,
      nosThisWeek: 0,
      wentQuietThisWeek: 0,
    });
  });

  test('Do next: who to touch by Monday, who is one touch from the fifth, who went quiet', () => {
    const four = lead({
      id: 'four',
      touchCount: 4,
      lastTouchAt: at('2026-03-04'),
      nextDueDay: '2026-03-11',
    });
    const report = feedbackFriday({ today: FRIDAY, prospects: [...prospects, four], touches });
    expect(report.nextMonday).toBe('2026-03-09');
    expect(report.doNext.touchMonday.shown.map((e) => e.prospectId)).toEqual(['quiet', 'busy']);
    expect(report.doNext.oneFromFifth.shown.map((e) => e.prospectId)).toEqual(['four']);
    expect(report.doNext.wentQuiet).toEqual({
      count: 1,
      shown: [{ prospectId: 'quiet', name: 'quiet', day: '2026-02-10' }],
    });
  });

  test('persistence places every touched lead; a win or a reply is never a stop', () => {
    const figures = persistence(
      [
        ...prospects,
        lead({ id: 'won-fast', status: 'won', touchCount: 1, lastTouchAt: at('2026-03-02') }),
      ],
      FRIDAY,
    );
    // busy 3 working, quiet 2 stopped, won 6 (5+) won, lost 1 lost, replied 4 replied, won-fast 1 won.
    expect(figures.touched).toBe(6);
    expect(figures.stopped).toBe(1);
    expect(figures.byTouches[0]).toEqual({ working: 0, replied: 0, won: 1, lost: 1, quiet: 0 });
    expect(figures.byTouches[1]).toEqual({ working: 0, replied: 0, won: 0, lost: 0, quiet: 1 });
    expect(figures.byTouches[4]!.won).toBe(1);
    expect(figures.stoppedPercentages).toEqual([0, 17, 0, 0, 0]);
  });

  test('with nothing touched, persistence is all zeros rather than NaN', () => {
    const figures = persistence([lead({ id: 'new' })], FRIDAY);
    expect(figures.touched).toBe(0);
    expect(figures.stoppedPercentages).toEqual([0, 0, 0, 0, 0]);
  });
});
