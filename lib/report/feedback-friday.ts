// Feedback Friday: the week's report on every lead, and "your persistence" — how many touches leads
// got before the rep stopped or the lead closed — beside the published figures. Pure: prospects and
// the week's touches in, numbers out.
import { addDaysToDay, daysBetween, localDayOf, weekdayOf } from '../cadence/days';
import type { LocalDay, Prospect, ProspectStatus, Touch } from '../model';

/** A lead is "quiet" when it is still open and the rep has not touched it for this many days. */
export const QUIET_AFTER_DAYS = 14;

/**
 * Share of salespeople who stop after 1, 2, 3 and 4 attempts, and the share of sales that need five
 * or more follow-ups, as widely published (e.g. in sales-statistics round-ups citing the National
 * Sales Executive Association).
 */
export const PUBLISHED_PERSISTENCE = {
  stopAfter: [44, 22, 14, 12] as const,
  salesNeedingFivePlus: 80,
};

export const PERSISTENCE_BUCKETS = ['1', '2', '3', '4', '5+'] as const;

export interface ReportWeek {
  /** Monday. */
  start: LocalDay;
  /** Sunday. */
  end: LocalDay;
}

export interface ReportRow {
  prospectId: string;
  name: string;
  company: string;
  status: ProspectStatus;
  touchesThisWeek: number;
  totalTouches: number;
  noCount: number;
  nextDueDay?: LocalDay;
  lastTouchDay?: LocalDay;
  quiet: boolean;
}

export interface FeedbackFridayReport {
  week: ReportWeek;
  rows: ReportRow[];
  totals: {
    leads: number;
    touchesThisWeek: number;
    leadsTouchedThisWeek: number;
    quiet: number;
    replied: number;
    won: number;
    lost: number;
  };
  persistence: PersistenceFigures;
}

export interface PersistenceFigures {
  /** Leads that stopped (quiet or closed) after 1, 2, 3, 4 and 5+ touches. */
  counts: [number, number, number, number, number];
  /** The same as percentages of `stopped` (0 when none). */
  percentages: [number, number, number, number, number];
  stopped: number;
}

/** The Monday-to-Sunday week a day is in. */
export function weekOf(day: LocalDay): ReportWeek {
  const start = addDaysToDay(day, -((weekdayOf(day) + 6) % 7));
  return { start, end: addDaysToDay(start, 6) };
}

/** True when an open lead has gone `QUIET_AFTER_DAYS` without a touch from the rep. */
export function isQuiet(prospect: Prospect, today: LocalDay, quietAfterDays = QUIET_AFTER_DAYS) {
  if (prospect.status !== 'active' || prospect.lastTouchAt === undefined) return false;
  return daysBetween(localDayOf(prospect.lastTouchAt), today) >= quietAfterDays;
}

export function feedbackFriday({
  today,
  prospects,
  touches,
  quietAfterDays = QUIET_AFTER_DAYS,
}: {
  today: LocalDay;
  prospects: Prospect[];
  /** Touches of the week (any others are ignored). */
  touches: Pick<Touch, 'prospectId' | 'direction' | 'day'>[];
  quietAfterDays?: number;
}): FeedbackFridayReport {
  const week = weekOf(today);
  const weekTouches = new Map<string, number>();
  for (const touch of touches) {
    if (touch.direction !== 'out' || touch.day < week.start || touch.day > week.end) continue;
    weekTouches.set(touch.prospectId, (weekTouches.get(touch.prospectId) ?? 0) + 1);
  }
  const leads = prospects.filter((prospect) => prospect.status !== 'not-prospect');
  const rows: ReportRow[] = leads.map((prospect) => {
    const row: ReportRow = {
      prospectId: prospect.id,
      name: prospect.name,
      company: prospect.company,
      status: prospect.status,
      touchesThisWeek: weekTouches.get(prospect.id) ?? 0,
      totalTouches: prospect.touchCount,
      noCount: prospect.noCount,
      quiet: isQuiet(prospect, today, quietAfterDays),
    };
    if (prospect.nextDueDay) row.nextDueDay = prospect.nextDueDay;
    if (prospect.lastTouchAt !== undefined) row.lastTouchDay = localDayOf(prospect.lastTouchAt);
    return row;
  });
  // Quiet leads first (they need attention), then by due day, then by name.
  rows.sort(
    (a, b) =>
      Number(b.quiet) - Number(a.quiet) ||
      (a.nextDueDay ?? '9999').localeCompare(b.nextDueDay ?? '9999') ||
      a.name.localeCompare(b.name),
  );
  return {
    week,
    rows,
    totals: {
      leads: rows.length,
      touchesThisWeek: rows.reduce((sum, row) => sum + row.touchesThisWeek, 0),
      leadsTouchedThisWeek: rows.filter((row) => row.touchesThisWeek > 0).length,
      quiet: rows.filter((row) => row.quiet).length,
      replied: rows.filter((row) => row.status === 'replied').length,
      won: rows.filter((row) => row.status === 'won').length,
      lost: rows.filter((row) => row.status === 'lost').length,
    },
    persistence: persistence(leads, today, quietAfterDays),
  };
}

/**
 * How many touches leads got before they closed (won or lost) or the rep let them go quiet. Leads
 * still being worked, replied ones and never-touched ones have not stopped, so they do not count.
 */
export function persistence(
  prospects: Prospect[],
  today: LocalDay,
  quietAfterDays = QUIET_AFTER_DAYS,
): PersistenceFigures {
  const counts: PersistenceFigures['counts'] = [0, 0, 0, 0, 0];
  for (const prospect of prospects) {
    const stopped =
      prospect.status === 'won' ||
      prospect.status === 'lost' ||
      isQuiet(prospect, today, quietAfterDays);
    if (!stopped || prospect.touchCount < 1) continue;
    counts[Math.min(prospect.touchCount, 5) - 1]! += 1;
  }
  const stopped = counts.reduce((sum, n) => sum + n, 0);
  const percentages = counts.map((n) =>
    stopped ? Math.round((n / stopped) * 100) : 0,
  ) as PersistenceFigures['percentages'];
  return { counts, percentages, stopped };
}
