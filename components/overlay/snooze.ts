// The snooze choices every surface offers, so the side panel and the overlays agree: tomorrow,
// in three days, or next week (the coming Monday).
import { addDaysToDay, weekdayOf } from '../../lib/cadence/days';
import type { LocalDay } from '../../lib/model';

export interface SnoozeChoice {
  label: string;
  until: LocalDay;
}

export function snoozeChoices(today: LocalDay): SnoozeChoice[] {
  return [
    { label: 'Tomorrow', until: addDaysToDay(today, 1) },
    { label: '3 days', until: addDaysToDay(today, 3) },
    { label: 'Next week', until: addDaysToDay(today, (8 - weekdayOf(today)) % 7 || 7) },
  ];
}
