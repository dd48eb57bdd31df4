// Invariants of the engine over random histories and settings (fast-check).
import fc from 'fast-check';
import { CHANNELS, OUTCOME_KINDS } from '../model';
import type { Channel, OutcomeKind, Settings } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { addDaysToDay, compareDays, dayFromNumber, dayNumber, isWeekendDay } from './days';
import { planFollowUp } from './plan';
import type { PlanInput } from './types';

type PlanTouch = PlanInput['touches'][number];
type PlanOutcome = PlanInput['outcomes'][number];

const START = dayNumber('2026-01-01');
const MS_PER_DAY = 86_400_000;

const channelsArb = fc.uniqueArray(fc.constantFrom<Channel>(...CHANNELS), {
  minLength: 1,
  maxLength: 3,
});

const settingsArb: fc.Arbitrary<Settings> = fc
  .record({
    cadence: fc.oneof(
      fc.constant(DEFAULT_SETTINGS.cadence),
      fc.array(fc.record({ day: fc.integer({ min: 1, max: 60 }), channels: channelsArb }), {
        maxLength: 10,
      }),
    ),
    nurtureEveryDays: fc.integer({ min: 1, max: 60 }),
    nosThreshold: fc.integer({ min: 1, max: 6 }),
    daysAfterNo: fc.integer({ min: 0, max: 14 }),
    burstEndsAfterDay: fc.integer({ min: 0, max: 30 }),
    minDaysBetweenTouches: fc.integer({ min: 1, max: 10 }),
    skipWeekends: fc.boolean(),
    thankYouAfterWonDays: fc.integer({ min: 0, max: 5 }),
    checkInAfterWonDays: fc.integer({ min: 0, max: 60 }),
  })
  .map((picked) => ({ ...DEFAULT_SETTINGS, ...picked }));

/** An instant on day `offset` after START; events never share an instant, so "after" is unambiguous. */
const instantArb = fc.record({
  offset: fc.integer({ min: 0, max: 60 }),
  ms: fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
});
const toInstant = ({ offset, ms }: { offset: number; ms: number }) => ({
  day: dayFromNumber(START + offset),
  at: (START + offset) * MS_PER_DAY + ms,
});

const touchArb: fc.Arbitrary<PlanTouch> = fc
  .record({
    when: instantArb,
    channel: fc.constantFrom<Channel>(...CHANNELS),
    direction: fc.constantFrom<'out' | 'in'>('out', 'out', 'out', 'in'),
  })
  .map(({ when, channel, direction }) => ({ ...toInstant(when), channel, direction }));

const outcomeArb: fc.Arbitrary<PlanOutcome> = fc
  .record({
    when: instantArb,
    kind: fc.constantFrom<OutcomeKind>(...OUTCOME_KINDS, 'no', 'no'),
    untilIn: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ when, kind, untilIn }) => {
    const { day, at } = toInstant(when);
    return kind === 'snooze'
      ? { kind, day, at, until: addDaysToDay(day, untilIn) }
      : { kind, day, at };
  });

const inputArb = fc
  .record({
    settings: settingsArb,
    events: fc.uniqueArray(
      fc.oneof(
        touchArb.map((t) => ({ t })),
        outcomeArb.map((o) => ({ o })),
      ),
      {
        maxLength: 25,
        selector: (e) => ('t' in e ? e.t.at : e.o.at),
      },
    ),
    todayOffset: fc.integer({ min: 0, max: 150 }),
  })
  .map(({ settings, events, todayOffset }): PlanInput => ({
    settings,
    touches: events.flatMap((e) => ('t' in e ? [e.t] : [])),
    outcomes: events.flatMap((e) => ('o' in e ? [e.o] : [])),
    today: dayFromNumber(START + todayOffset),
  }));

const outboundDays = (input: PlanInput) =>
  input.touches
    .filter((t) => t.direction === 'out')
    .map((t) => t.day)
    .sort(compareDays);
const lastOf = <T>(items: T[]) => items[items.length - 1];
const byTime = <T extends { at: number }>(items: T[]) => [...items].sort((a, b) => a.at - b.at);

const RUNS = { numRuns: 500 };

describe('engine invariants', () => {
  test('the due day is always after the last outbound touch day', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        const last = lastOf(outboundDays(input));
        if (plan.dueDay !== undefined && last !== undefined)
          expect(compareDays(plan.dueDay, last)).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  test('never due on a weekend when weekends are skipped', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        input.settings.skipWeekends = true;
        const plan = planFollowUp(input);
        if (plan.dueDay !== undefined) expect(isWeekendDay(plan.dueDay)).toBe(false);
      }),
      RUNS,
    );
  });

  test('after a no below the threshold, the next touch is at least daysAfterNo after it', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        const lastNo = lastOf(byTime(input.outcomes.filter((o) => o.kind === 'no')));
        if (plan.status === 'active' && lastNo && plan.dueDay !== undefined) {
          expect(
            compareDays(plan.dueDay, addDaysToDay(lastNo.day, input.settings.daysAfterNo)),
          ).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  test('after the early burst, touches are at least minDaysBetweenTouches apart', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        const days = [...new Set(outboundDays(input))];
        const last = lastOf(days);
        if (plan.status !== 'active' || plan.dueDay === undefined || last === undefined) return;
        const cadenceDays = input.settings.cadence.map((s) => s.day).sort((a, b) => a - b);
        const nextDay = cadenceDays[days.length];
        const pastBurst = nextDay === undefined || nextDay > input.settings.burstEndsAfterDay;
        expect(plan.phase).toBe(nextDay === undefined ? 'nurture' : 'cadence');
        if (pastBurst) {
          expect(
            compareDays(plan.dueDay, addDaysToDay(last, input.settings.minDaysBetweenTouches)),
          ).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  test('a reply with nothing after it leaves nothing due', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: MS_PER_DAY - 1 }), (input, ms) => {
        const latest = Math.max(
          0,
          ...input.outcomes.map((o) => o.at),
          ...input.touches.map((t) => t.at),
        );
        const at = latest + 1 + ms;
        const reply: PlanOutcome = {
          kind: 'reply',
          at,
          day: dayFromNumber(Math.floor(at / MS_PER_DAY)),
        };
        const withReply = {
          ...input,
          outcomes: [...input.outcomes.filter((o) => o.kind !== 'won'), reply],
        };
        const plan = planFollowUp(withReply);
        expect(plan.dueDay).toBeUndefined();
        expect(['replied', 'lost']).toContain(plan.status);
        expect(plan.channels).toEqual([]);
      }),
      RUNS,
    );
  });

  test('at or above the nos threshold, with no resume or win after the last no, the lead is lost', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        const nos = input.outcomes.filter((o) => o.kind === 'no').length;
        const lastReopening = lastOf(
          byTime(input.outcomes.filter((o) => ['no', 'won', 'resume'].includes(o.kind))),
        );
        expect(plan.noCount).toBe(nos);
        if (nos >= input.settings.nosThreshold && lastReopening?.kind === 'no') {
          expect(plan.status).toBe('lost');
          expect(plan.phase).toBe('ended');
          expect(plan.dueDay).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  test('a snooze with no touch after it holds the due day until its end', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        const snooze = lastOf(byTime(input.outcomes.filter((o) => o.kind === 'snooze')));
        const touchedSince =
          snooze && input.touches.some((t) => t.direction === 'out' && t.at > snooze.at);
        if (snooze?.until && !touchedSince && plan.dueDay !== undefined) {
          expect(compareDays(plan.dueDay, snooze.until)).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  test('statuses and phases go together; channels exist exactly when something is due', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planFollowUp(input);
        expect(plan.channels.length > 0).toBe(plan.dueDay !== undefined);
        if (plan.status === 'replied' || plan.status === 'paused')
          expect(plan.phase).toBe('paused');
        if (plan.status === 'lost') expect(plan.phase).toBe('ended');
        if (plan.status === 'active') expect(['cadence', 'nurture']).toContain(plan.phase);
        if (plan.status === 'won') expect(['after-win', 'ended']).toContain(plan.phase);
        expect(plan.touchCount).toBe(new Set(outboundDays(input)).size);
        expect(plan.reason.length).toBeGreaterThan(0);
        expect(plan.reason).not.toMatch(/undefined|NaN|null/);
      }),
      RUNS,
    );
  });

  test('the order of the input arrays does not matter', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.touches, { minLength: input.touches.length }),
            fc.shuffledSubarray(input.outcomes, { minLength: input.outcomes.length }),
          ),
        ),
        ([input, touches, outcomes]) => {
          expect(planFollowUp({ ...input, touches, outcomes })).toEqual(planFollowUp(input));
        },
      ),
      RUNS,
    );
  });

  test('the same history gives the same plan in every time zone', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Pacific/Kiritimati',
    ];
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(inputArb, (input) => {
          const plans = zones.map((zone) => {
            process.env.TZ = zone;
            return planFollowUp(input);
          });
          for (const plan of plans) expect(plan).toEqual(plans[0]);
        }),
        { numRuns: 200 },
      );
    } finally {
      process.env.TZ = original;
    }
  });
});
