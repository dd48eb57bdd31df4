import { DEFAULT_SETTINGS } from '../settings';
import { planFollowUp } from './plan';
import { snoozeChoices, snoozeLandsOn } from './snooze';

// Fixed days: 2026-11-18 is a Wednesday, 2026-11-20 a Friday, 2026-11-21 a Saturday.
const WEDNESDAY = '2026-11-18';
const FRIDAY = '2026-11-20';
const SATURDAY = '2026-11-21';

describe('snooze choices name the day the prospect really comes due', () => {
  test('on a Wednesday: tomorrow is Thursday; in 3 days lands on Monday, as does next week', () => {
    expect(snoozeChoices(WEDNESDAY, { skipWeekends: true })).toEqual([
      { label: 'Tomorrow (Thu)', until: '2026-11-19' },
      { label: 'Monday', until: '2026-11-23' },
    ]);
  });

  test('on a Friday with weekends skipped, "tomorrow" says Monday and snoozes to Monday', () => {
    const choices = snoozeChoices(FRIDAY, { skipWeekends: true });
    expect(choices[0]).toEqual({ label: 'Monday', until: '2026-11-23' });
    expect(choices.map((choice) => choice.label)).not.toContain('Tomorrow (Sat)');
    expect(choices).toEqual([{ label: 'Monday', until: '2026-11-23' }]);
  });

  test('on a Friday with weekends worked, tomorrow is Saturday and says so', () => {
    expect(snoozeChoices(FRIDAY, { skipWeekends: false })).toEqual([
      { label: 'Tomorrow (Sat)', until: '2026-11-21' },
      { label: 'In 3 days (Mon)', until: '2026-11-23' },
    ]);
  });

  test('on a Saturday: tomorrow is Monday; next week is the Monday after', () => {
    expect(snoozeChoices(SATURDAY, { skipWeekends: true })).toEqual([
      { label: 'Monday', until: '2026-11-23' },
      { label: 'In 3 days (Tue)', until: '2026-11-24' },
    ]);
    expect(snoozeLandsOn('2026-11-22', true)).toBe('2026-11-23');
    expect(snoozeLandsOn('2026-11-22', false)).toBe('2026-11-22');
  });

  test('every choice, every weekday, agrees with the engine: the prospect comes due on its day', () => {
    for (let offset = 0; offset < 14; offset += 1) {
      const today = new Date(Date.UTC(2026, 10, 16 + offset)).toISOString().slice(0, 10);
      for (const skipWeekends of [true, false]) {
        const settings = { ...DEFAULT_SETTINGS, skipWeekends };
        for (const choice of snoozeChoices(today, { skipWeekends })) {
          // A prospect due today (one touch yesterday would be due today or later; a fresh one is due today).
          const plan = planFollowUp({
            touches: [],
            outcomes: [{ kind: 'snooze', at: 1, day: today, until: choice.until }],
            settings,
            today,
          });
          expect(plan.dueDay, `${today} ${choice.label}`).toBe(choice.until);
        }
      }
    }
  });
});
