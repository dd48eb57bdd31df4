import type { Channel, OutcomeKind, Settings } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { addDaysToDay, dayNumber, isWeekendDay } from './days';
import { dueState, isDue, listChannels, planFollowUp } from './plan';
import type { PlanInput } from './types';

type PlanTouch = PlanInput['touches'][number];
type PlanOutcome = PlanInput['outcomes'][number];

/** An instant on `day`, `hour` o'clock UTC: days are what the engine reads, instants only order events. */
const at = (day: string, hour = 12) => dayNumber(day) * 86_400_000 + hour * 3_600_000;
const out = (day: string, channel: Channel = 'email', hour = 12): PlanTouch => ({
  day,
  at: at(day, hour),
  channel,
  direction: 'out',
});
const inbound = (day: string, hour = 12): PlanTouch => ({
  day,
  at: at(day, hour),
  channel: 'email',
  direction: 'in',
});
const outcome = (
  kind: OutcomeKind,
  day: string,
  extra: { until?: string; hour?: number } = {},
): PlanOutcome => ({
  kind,
  day,
  at: at(day, extra.hour ?? 15),
  ...(extra.until ? { until: extra.until } : {}),
});
const weekdays: Settings = { ...DEFAULT_SETTINGS, skipWeekends: false };
const plan = (
  touches: PlanTouch[],
  outcomes: PlanOutcome[] = [],
  settings: Settings = weekdays,
  today = '2026-11-02',
) => planFollowUp({ touches, outcomes, settings, today });

// 2026-11-02 is a Monday.
const DAY1 = '2026-11-02';

describe('the default cadence, touched on each due day', () => {
  test('a new prospect is due today with step 1', () => {
    const result = plan([], [], DEFAULT_SETTINGS, '2026-11-04');
    expect(result).toMatchObject({
      status: 'active',
      phase: 'cadence',
      dueDay: '2026-11-04',
      channels: ['call', 'email'],
      step: 1,
      totalSteps: 9,
      touchCount: 0,
      noCount: 0,
    });
    expect(result.reason).toBe('Step 1 of 9: call and email, to start the cadence.');
  });

  test('each touch on its due day makes the next cadence day due, with its channels', () => {
    const touches: PlanTouch[] = [];
    const cadence = DEFAULT_SETTINGS.cadence;
    let result = plan(touches, [], weekdays, DAY1);
    for (let k = 0; k < cadence.length; k += 1) {
      const step = cadence[k]!;
      expect(result.dueDay).toBe(addDaysToDay(DAY1, step.day - 1));
      expect(result.channels).toEqual(step.channels);
      expect(result.step).toBe(k + 1);
      expect(result.phase).toBe('cadence');
      expect(result.reason.startsWith(`Step ${k + 1} of 9: ${listChannels(step.channels)}`)).toBe(
        true,
      );
      for (const channel of step.channels) touches.push(out(result.dueDay!, channel));
      result = plan(touches, [], weekdays, DAY1);
      expect(result.touchCount).toBe(k + 1);
    }
    // After day 28: nurture, an email every 30 days.
    expect(result).toMatchObject({
      phase: 'nurture',
      status: 'active',
      dueDay: addDaysToDay(DAY1, 27 + 30),
      channels: ['email'],
      step: 10,
    });
    expect(result.reason).toBe('Nurture: an email 30 days after your last touch.');
  });

  test('the documented reasons read as plain sentences', () => {
    const touches = [
      out('2026-11-02', 'call'),
      out('2026-11-02'),
      out('2026-11-03'),
      out('2026-11-04', 'twitter'),
    ];
    expect(plan(touches).reason).toBe(
      'Step 4 of 9: email and LinkedIn, 2 days after your last touch.',
    );
    expect(plan(touches).dueDay).toBe('2026-11-06');
  });

  test('a call and an email on the same day are one step; inbound touches are none', () => {
    const result = plan([
      out(DAY1, 'call', 9),
      out(DAY1, 'email', 16),
      inbound('2026-11-03'),
      inbound('2026-11-04'),
    ]);
    expect(result.touchCount).toBe(1);
    expect(result.step).toBe(2);
    expect(result.dueDay).toBe('2026-11-03');
    expect(result.channels).toEqual(['email', 'twitter']);
  });

  test('a late rep is asked for the next step only, counted from the actual last touch', () => {
    // Step 2 was due on 11-03 but happened on 11-20: step 3 is the next day, not "catch up".
    const result = plan([out(DAY1), out('2026-11-20')]);
    expect(result.step).toBe(3);
    expect(result.dueDay).toBe('2026-11-21');
    expect(result.channels).toEqual(['twitter']);
  });

  test('an edited cadence saved out of order is read in day order', () => {
    const settings = {
      ...weekdays,
      cadence: [
        { day: 8, channels: ['linkedin' as Channel] },
        { day: 1, channels: ['email' as Channel] },
        { day: 4, channels: ['call' as Channel] },
      ],
    };
    expect(plan([out(DAY1)], [], settings)).toMatchObject({
      dueDay: '2026-11-05',
      channels: ['call'],
      totalSteps: 3,
    });
  });
});

describe('five nos', () => {
  test('each no pushes the next touch a week out; the fifth closes the lead', () => {
    const touches = [out(DAY1)];
    const outcomes: PlanOutcome[] = [];
    const noDays = ['2026-11-03', '2026-11-12', '2026-11-20', '2026-12-01', '2026-12-10'];
    noDays.forEach((noDay, i) => {
      outcomes.push(outcome('no', noDay));
      const result = plan(touches, outcomes);
      if (i < 4) {
        expect(result.status).toBe('active');
        expect(result.noCount).toBe(i + 1);
        expect(result.dueDay).toBe(addDaysToDay(noDay, 7));
        expect(result.reason).toBe(`${i + 1} of 5 nos: next touch a week after the last no.`);
        touches.push(out(addDaysToDay(noDay, 7)));
      } else {
        expect(result).toMatchObject({ status: 'lost', phase: 'ended', noCount: 5, channels: [] });
        expect(result.dueDay).toBeUndefined();
        expect(result.reason).toBe('Fifth no: the lead is closed.');
      }
    });
  });

  test('a no that leaves the cadence due later than a week changes nothing', () => {
    // Last touch day 10 (step 6): step 7 is 7 days later anyway, 9 days after a no two days before it.
    const touches = [
      DAY1,
      '2026-11-03',
      '2026-11-04',
      '2026-11-06',
      '2026-11-08',
      '2026-11-11',
    ].map((d) => out(d));
    const result = plan(touches, [outcome('no', '2026-11-09')]);
    expect(result.dueDay).toBe('2026-11-18');
    expect(result.reason.startsWith('Step 7 of 9')).toBe(true);
    expect(result.noCount).toBe(1);
  });

  test('the threshold is a setting', () => {
    const result = plan([out(DAY1)], [outcome('no', '2026-11-03'), outcome('no', '2026-11-05')], {
      ...weekdays,
      nosThreshold: 2,
    });
    expect(result.status).toBe('lost');
    expect(result.reason).toBe('Second no: the lead is closed.');
  });

  test('a resume reopens a closed lead, and the next no closes it again', () => {
    const nos = ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07'].map((d) =>
      outcome('no', d),
    );
    const reopened = plan([out(DAY1)], [...nos, outcome('resume', '2026-11-20')]);
    expect(reopened.status).toBe('active');
    expect(reopened.dueDay).toBe('2026-11-20');
    const again = plan(
      [out(DAY1)],
      [...nos, outcome('resume', '2026-11-20'), outcome('no', '2026-11-21')],
    );
    expect(again.status).toBe('lost');
    expect(again.noCount).toBe(6);
  });
});

describe('replies pause', () => {
  test('a reply pauses the cadence with nothing due', () => {
    const result = plan([out(DAY1), out('2026-11-03')], [outcome('reply', '2026-11-12')]);
    expect(result).toMatchObject({
      status: 'replied',
      phase: 'paused',
      channels: [],
      touchCount: 2,
    });
    expect(result.dueDay).toBeUndefined();
    expect(result.reason).toBe('Replied on 2026-11-12: paused until you act.');
  });

  test('touches after a reply do not unpause it: the user acts with an outcome', () => {
    const result = plan([out(DAY1), out('2026-11-13')], [outcome('reply', '2026-11-12')]);
    expect(result.status).toBe('replied');
    expect(result.dueDay).toBeUndefined();
  });

  test('a no after a reply answers it: back on the cadence a week after the no', () => {
    const result = plan([out(DAY1)], [outcome('reply', '2026-11-03'), outcome('no', '2026-11-04')]);
    expect(result.status).toBe('active');
    expect(result.dueDay).toBe('2026-11-11');
    expect(result.step).toBe(2);
  });

  test('a resume after a reply continues the cadence from the resume day', () => {
    const result = plan(
      [out(DAY1)],
      [outcome('reply', '2026-11-03'), outcome('resume', '2026-11-16')],
    );
    expect(result).toMatchObject({
      status: 'active',
      phase: 'cadence',
      dueDay: '2026-11-16',
      step: 2,
    });
    expect(result.reason).toBe('Resumed on 2026-11-16: step 2 of 9, email and Twitter.');
  });

  test('a resume before the next step is due keeps the cadence day', () => {
    const result = plan(
      [out(DAY1), out('2026-11-03')],
      [outcome('pause', '2026-11-03'), outcome('resume', '2026-11-03', { hour: 18 })],
    );
    expect(result.dueDay).toBe('2026-11-04');
  });

  test('pause holds until resume', () => {
    const paused = plan([out(DAY1)], [outcome('pause', '2026-11-02')]);
    expect(paused).toMatchObject({ status: 'paused', phase: 'paused' });
    expect(paused.dueDay).toBeUndefined();
  });
});

describe('won: thank-you, check-in, then done', () => {
  const history = [out(DAY1), out('2026-11-03')];
  const won = outcome('won', '2026-11-10');

  test('a win schedules a thank-you', () => {
    const result = plan(history, [won]);
    expect(result).toMatchObject({
      status: 'won',
      phase: 'after-win',
      dueDay: '2026-11-11',
      channels: ['email'],
    });
    expect(result.reason).toBe('Won: send a thank-you.');
  });

  test('after the thank-you, a check-in after delivery', () => {
    const result = plan([...history, out('2026-11-11')], [won]);
    expect(result).toMatchObject({
      status: 'won',
      phase: 'after-win',
      dueDay: '2026-12-10',
      channels: ['email'],
    });
    expect(result.reason).toBe('Won: check in after delivery.');
  });

  test('touches during delivery do not count as the check-in', () => {
    const result = plan([...history, out('2026-11-11'), out('2026-11-25')], [won]);
    expect(result.dueDay).toBe('2026-12-10');
  });

  test('a touch on or after the check-in day ends it', () => {
    const result = plan([...history, out('2026-11-11'), out('2026-12-10')], [won]);
    expect(result).toMatchObject({ status: 'won', phase: 'ended', channels: [] });
    expect(result.dueDay).toBeUndefined();
  });

  test('a touch earlier on the day of the win is not the thank-you', () => {
    const result = plan([...history, out('2026-11-10', 'email', 9)], [won]);
    expect(result.dueDay).toBe('2026-11-11');
    expect(result.reason).toBe('Won: send a thank-you.');
  });

  test('a same-day thank-you setting still asks for it after the last touch', () => {
    const settings = { ...weekdays, thankYouAfterWonDays: 0 };
    expect(plan([out('2026-11-10', 'email', 9)], [won], settings).dueDay).toBe('2026-11-11');
    expect(plan([out('2026-11-03')], [won], settings).dueDay).toBe('2026-11-10');
  });

  test('a reply after the win does not pause the after-win touches', () => {
    expect(plan(history, [won, outcome('reply', '2026-11-10', { hour: 20 })]).dueDay).toBe(
      '2026-11-11',
    );
  });
});

describe('lost and not a prospect', () => {
  test('lost ends the cadence', () => {
    const result = plan([out(DAY1)], [outcome('lost', '2026-11-05')]);
    expect(result).toMatchObject({ status: 'lost', phase: 'ended', channels: [] });
    expect(result.dueDay).toBeUndefined();
    expect(result.reason).toBe('Lost on 2026-11-05: the cadence has ended.');
  });

  test('pause or reply after lost leave it lost', () => {
    const result = plan(
      [out(DAY1)],
      [
        outcome('lost', '2026-11-05'),
        outcome('pause', '2026-11-06'),
        outcome('reply', '2026-11-07'),
      ],
    );
    expect(result.status).toBe('lost');
  });

  test('not a prospect, set by hand, wins over everything', () => {
    const result = planFollowUp({
      touches: [out(DAY1)],
      outcomes: [outcome('won', '2026-11-03')],
      settings: weekdays,
      today: DAY1,
      manualStatus: 'not-prospect',
    });
    expect(result).toMatchObject({ status: 'not-prospect', phase: 'ended', channels: [] });
    expect(result.dueDay).toBeUndefined();
  });

  test('other hand-set statuses are derived from outcomes instead', () => {
    const result = planFollowUp({
      touches: [out(DAY1)],
      outcomes: [],
      settings: weekdays,
      today: DAY1,
      manualStatus: 'replied',
    });
    expect(result.status).toBe('active');
  });
});

describe('snooze', () => {
  test('moves the due day to the snooze day', () => {
    const result = plan([out(DAY1)], [outcome('snooze', '2026-11-02', { until: '2026-12-01' })]);
    expect(result).toMatchObject({ status: 'active', dueDay: '2026-12-01', step: 2 });
    expect(result.reason).toBe('Snoozed until 2026-12-01.');
  });

  test('never brings a due day earlier', () => {
    const result = plan(
      [out(DAY1)],
      [outcome('no', '2026-11-02'), outcome('snooze', '2026-11-02', { until: '2026-11-04' })],
    );
    expect(result.dueDay).toBe('2026-11-09');
  });

  test('ends when the rep touches the prospect after snoozing', () => {
    const result = plan(
      [out(DAY1), out('2026-11-05')],
      [outcome('snooze', '2026-11-03', { until: '2026-12-01' })],
    );
    expect(result.dueDay).toBe('2026-11-06');
  });

  test('the latest snooze is the one that counts', () => {
    const result = plan(
      [out(DAY1)],
      [
        outcome('snooze', '2026-11-02', { until: '2026-12-01' }),
        outcome('snooze', '2026-11-03', { until: '2026-11-20' }),
      ],
    );
    expect(result.dueDay).toBe('2026-11-20');
  });

  test('a snooze also holds a new prospect and a thank-you', () => {
    expect(plan([], [outcome('snooze', DAY1, { until: '2026-11-09' })]).dueDay).toBe('2026-11-09');
    const wonSnoozed = plan(
      [out(DAY1)],
      [
        outcome('won', '2026-11-03'),
        outcome('snooze', '2026-11-03', { hour: 16, until: '2026-11-16' }),
      ],
    );
    expect(wonSnoozed).toMatchObject({ status: 'won', dueDay: '2026-11-16' });
  });
});

describe('weekends and the weekly cap', () => {
  test('a due day on Saturday or Sunday moves to Monday when weekends are skipped', () => {
    // Thursday 11-05 then the 2-day gap to step 4 lands on Saturday 11-07.
    const touches = [out('2026-11-03'), out('2026-11-04'), out('2026-11-05')];
    expect(plan(touches, [], weekdays).dueDay).toBe('2026-11-07');
    const skipping = plan(touches, [], DEFAULT_SETTINGS);
    expect(skipping.dueDay).toBe('2026-11-09');
    expect(skipping.reason).toBe(
      'Step 4 of 9: email and LinkedIn, 2 days after your last touch, moved off the weekend to Monday.',
    );
  });

  test('a snooze ending on a Sunday moves to Monday too', () => {
    const result = plan(
      [out(DAY1)],
      [outcome('snooze', DAY1, { until: '2026-11-15' })],
      DEFAULT_SETTINGS,
    );
    expect(result.dueDay).toBe('2026-11-16');
  });

  test('after the early burst, touches are at least minDaysBetweenTouches apart', () => {
    const settings = {
      ...weekdays,
      cadence: [
        { day: 1, channels: ['email' as Channel] },
        { day: 12, channels: ['call' as Channel] },
        { day: 13, channels: ['email' as Channel] },
      ],
    };
    const result = plan([out(DAY1), out('2026-11-13')], [], settings);
    expect(result.dueDay).toBe('2026-11-17');
    expect(result.reason).toContain('4 days after your last touch');
    // Inside the burst the same one-day gap is kept.
    const early = plan([out(DAY1)], [], {
      ...settings,
      cadence: [
        { day: 1, channels: ['email'] },
        { day: 2, channels: ['call'] },
      ],
    });
    expect(early.dueDay).toBe('2026-11-03');
  });

  test('nurture respects the cap too', () => {
    const settings = {
      ...weekdays,
      cadence: [{ day: 1, channels: ['email' as Channel] }],
      nurtureEveryDays: 1,
    };
    expect(plan([out(DAY1)], [], settings)).toMatchObject({
      phase: 'nurture',
      dueDay: '2026-11-06',
    });
  });

  test('an empty cadence goes straight to nurture', () => {
    const settings = { ...weekdays, cadence: [] };
    expect(plan([], [], settings, DAY1)).toMatchObject({
      phase: 'nurture',
      dueDay: DAY1,
      channels: ['email'],
      totalSteps: 0,
    });
    expect(plan([out(DAY1)], [], settings)).toMatchObject({
      phase: 'nurture',
      dueDay: '2026-12-02',
    });
  });
});

describe('due state', () => {
  test('overdue, today, upcoming, none', () => {
    expect(dueState('2026-11-01', '2026-11-02')).toBe('overdue');
    expect(dueState('2026-11-02', '2026-11-02')).toBe('today');
    expect(dueState('2026-11-03', '2026-11-02')).toBe('upcoming');
    expect(dueState(undefined, '2026-11-02')).toBe('none');
    expect(isDue({ dueDay: '2026-11-01' }, '2026-11-02')).toBe(true);
    expect(isDue({ dueDay: '2026-11-02' }, '2026-11-02')).toBe(true);
    expect(isDue({ dueDay: '2026-11-03' }, '2026-11-02')).toBe(false);
    expect(isDue({}, '2026-11-02')).toBe(false);
  });

  test('compares calendar days, not strings of any shape', () => {
    expect(() => dueState('2026-11-3', '2026-11-02')).toThrow(/Not a day/);
  });
});

describe('bad records', () => {
  test('a touch without a valid day still counts, on the day of its instant', () => {
    const result = plan([{ ...out(DAY1), day: 'garbage' }]);
    expect(result.touchCount).toBe(1);
  });

  test('a cadence step saved without channels asks for an email', () => {
    const settings = {
      ...weekdays,
      cadence: [
        { day: 1, channels: [] },
        { day: 3, channels: [] },
      ],
    };
    expect(plan([out(DAY1)], [], settings)).toMatchObject({
      dueDay: '2026-11-04',
      channels: ['email'],
    });
  });

  test('a snooze without a valid until day is ignored', () => {
    const result = plan([out(DAY1)], [{ kind: 'snooze', at: at(DAY1), day: DAY1, until: 'soon' }]);
    expect(result.dueDay).toBe('2026-11-03');
  });
});

test('due days never land on a weekend when skipped, across a whole walk', () => {
  const touches: PlanTouch[] = [];
  for (let i = 0; i < 15; i += 1) {
    const result = plan(touches, [], DEFAULT_SETTINGS, '2026-11-07');
    expect(isWeekendDay(result.dueDay!)).toBe(false);
    touches.push(out(result.dueDay!));
  }
});
