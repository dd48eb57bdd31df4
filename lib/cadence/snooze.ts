// The snooze choices every surface offers (the side panel, the Gmail bar), named by the day the
// prospect will really come due: with weekends skipped, "tomorrow" on a Friday is Monday, and the
// choice says so and snoozes to Monday, so the label and the result agree. Pure.
import type { LocalDay } from '../model';
import { addDaysToDay, daysBetween, shiftOffWeekend, weekdayOf } from './days';

export interface SnoozeChoice {
  /** What the button says: "Tomorrow (Thu)", "Monday", "In 3 days (Mon)", "Next week (Mon)". */
  label: string;
  /** The day snoozed to, and the day the prospect comes due (already a business day). */
  until: LocalDay;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const short = (day: LocalDay) => WEEKDAYS[weekdayOf(day)]!.slice(0, 3);

/** The day a snooze to `day` really comes due: the next business day when weekends are skipped. */
export function snoozeLandsOn(day: LocalDay, skipWeekends: boolean): LocalDay {
  return skipWeekends ? shiftOffWeekend(day) : day;
}

/**
 * Tomorrow, in three days and next week (the coming Monday), each moved off the weekend when the
 * rep skips weekends; two choices that land on the same day are offered once, by the first name.
 */
export function snoozeChoices(
  today: LocalDay,
  { skipWeekends }: { skipWeekends: boolean },
): SnoozeChoice[] {
  const nextMonday = addDaysToDay(today, (8 - weekdayOf(today)) % 7 || 7);
  const wanted: [string, LocalDay][] = [
    ['Tomorrow', addDaysToDay(today, 1)],
    ['In 3 days', addDaysToDay(today, 3)],
    ['Next week', nextMonday],
  ];
  const choices: SnoozeChoice[] = [];
  for (const [name, day] of wanted) {
    const until = snoozeLandsOn(day, skipWeekends);
    if (choices.some((choice) => choice.until === until)) continue;
    choices.push({ label: labelOf(name, day, until, today), until });
  }
  return choices;
}

function labelOf(name: string, asked: LocalDay, until: LocalDay, today: LocalDay): string {
  // Moved off the weekend: the day it lands on is the name ("Monday"), never "Tomorrow".
  if (asked !== until) {
    const days = daysBetween(today, until);
    return days <= 6 ? WEEKDAYS[weekdayOf(until)]! : `${short(until)} in ${days} days`;
  }
  return `${name} (${short(until)})`;
}
