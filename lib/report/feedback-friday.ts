// Feedback Friday: the week shown, lead by lead, and what to do next. Every count is scoped to that
// week (touches, replies, wins, losses and nos logged in it; leads that went quiet in it), the CSV
// carries the very rows the screen shows, and "your persistence" places every lead touched at
// least once by how many touches it has had, beside the published share of reps who stop after 1,
// 2, 3 and 4: a won or replied lead is shown as won or replied, never as the rep giving up. Pure:
// prospects and the week's touches and outcomes in, numbers out.
import { addDaysToDay, daysBetween, localDayOf, weekdayOf } from '../cadence/days';
import type { LocalDay, Outcome, Prospect, ProspectStatus, Touch } from '../model';

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

/** Where a lead touched at least once stands: only `quiet` is the rep stopping. */
export const LEAD_STANDINGS = ['working', 'replied', 'won', 'lost', 'quiet'] as const;
export type LeadStanding = (typeof LEAD_STANDINGS)[number];

export const STANDING_LABELS: Record<LeadStanding, string> = {
  working: 'Working',
  replied: 'Replied',
  won: 'Won',
  lost: 'Lost',
  quiet: 'Stopped',
};

/** At most this many names in each "Do next" list (the count says how many in all). */
export const DO_NEXT_SHOWN = 5;

export interface ReportWeek {
  /** Monday. */
  start: LocalDay;
  /** Sunday. */
  end: LocalDay;
}

/** What happened to a lead in the week, the latest kind that counts. */
export type WeekOutcome = 'reply' | 'no' | 'won' | 'lost';

export interface ReportRow {
  prospectId: string;
  name: string;
  company: string;
  status: ProspectStatus;
  /** Days in the week with a touch from the rep: counted as the cadence counts touches. */
  touchesThisWeek: number;
  /** Touch days in all, up to now (never fewer than this week's). */
  totalTouches: number;
  noCount: number;
  outcomeThisWeek?: WeekOutcome;
  nextDueDay?: LocalDay;
  lastTouchDay?: LocalDay;
  quiet: boolean;
}

export interface DoNextEntry {
  prospectId: string;
  name: string;
  /** The day that puts the lead on the list: due on, or last touched on (quiet). */
  day?: LocalDay;
}

export interface DoNextList {
  count: number;
  shown: DoNextEntry[];
}

export interface FeedbackFridayReport {
  week: ReportWeek;
  /** The Monday after the week: the day "touch on Monday" means. */
  nextMonday: LocalDay;
  /** Leads the rep touched, or that answered, in the week. */
  rows: ReportRow[];
  totals: {
    /** Leads being tracked (not-a-prospect ones excepted). */
    leads: number;
    touchesThisWeek: number;
    leadsTouchedThisWeek: number;
    newThisWeek: number;
    repliedThisWeek: number;
    wonThisWeek: number;
    lostThisWeek: number;
    nosThisWeek: number;
    wentQuietThisWeek: number;
  };
  doNext: {
    /** Open leads due on or before next Monday, longest waiting first. */
    touchMonday: DoNextList;
    /** Open leads with four touches: their next one is the fifth. */
    oneFromFifth: DoNextList;
    /** Open leads with no touch for QUIET_AFTER_DAYS days, quiet longest first. */
    wentQuiet: DoNextList;
  };
  persistence: PersistenceFigures;
}

export interface PersistenceFigures {
  /** Per touch count (1, 2, 3, 4, 5+): how many leads stand where. */
  byTouches: Record<LeadStanding, number>[];
  /** Leads you stopped on (quiet) at each touch count, as a share of all leads touched. */
  stoppedPercentages: [number, number, number, number, number];
  /** Every lead touched at least once. */
  touched: number;
  /** Of those, leads you stopped on. */
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

/** The day an open lead went (or goes) quiet: its last touch plus the quiet period. */
function quietSince(prospect: Prospect, quietAfterDays: number): LocalDay | undefined {
  if (prospect.status !== 'active' || prospect.lastTouchAt === undefined) return undefined;
  return addDaysToDay(localDayOf(prospect.lastTouchAt), quietAfterDays);
}

const OUTCOME_RANK: Record<WeekOutcome, number> = { no: 0, reply: 1, lost: 2, won: 3 };

export function feedbackFriday({
  today,
  prospects,
  touches,
  outcomes = [],
  quietAfterDays = QUIET_AFTER_DAYS,
}: {
  today: LocalDay;
  prospects: Prospect[];
  /** Touches around the week (any outside it are ignored). */
  touches: Pick<Touch, 'prospectId' | 'direction' | 'day'>[];
  /** Outcomes around the week (any outside it are ignored). */
  outcomes?: Pick<Outcome, 'prospectId' | 'kind' | 'day' | 'at'>[];
  quietAfterDays?: number;
}): FeedbackFridayReport {
  const week = weekOf(today);
  const inWeek = (day: LocalDay) => day >= week.start && day <= week.end;
  const touchDays = new Map<string, Set<LocalDay>>();
  for (const touch of touches) {
    if (touch.direction !== 'out' || !inWeek(touch.day)) continue;
    const days = touchDays.get(touch.prospectId) ?? new Set<LocalDay>();
    days.add(touch.day);
    touchDays.set(touch.prospectId, days);
  }
  const weekOutcome = new Map<string, { kind: WeekOutcome; at: number }>();
  const counted = {
    reply: new Set<string>(),
    no: 0,
    won: new Set<string>(),
    lost: new Set<string>(),
  };
  for (const outcome of outcomes) {
    if (!inWeek(outcome.day)) continue;
    const kind = outcome.kind;
    if (kind !== 'reply' && kind !== 'no' && kind !== 'won' && kind !== 'lost') continue;
    if (kind === 'no') counted.no += 1;
    else counted[kind].add(outcome.prospectId);
    const held = weekOutcome.get(outcome.prospectId);
    if (
      !held ||
      outcome.at > held.at ||
      (outcome.at === held.at && OUTCOME_RANK[kind] > OUTCOME_RANK[held.kind])
    ) {
      weekOutcome.set(outcome.prospectId, { kind, at: outcome.at });
    }
  }

  const leads = prospects.filter((prospect) => prospect.status !== 'not-prospect');
  const rows: ReportRow[] = [];
  let wentQuietThisWeek = 0;
  let newThisWeek = 0;
  for (const prospect of leads) {
    const quiet = isQuiet(prospect, today, quietAfterDays);
    const since = quietSince(prospect, quietAfterDays);
    if (quiet && since && inWeek(since)) wentQuietThisWeek += 1;
    if (inWeek(localDayOf(prospect.createdAt))) newThisWeek += 1;
    const days = touchDays.get(prospect.id)?.size ?? 0;
    const outcome = weekOutcome.get(prospect.id);
    if (days === 0 && !outcome) continue;
    const row: ReportRow = {
      prospectId: prospect.id,
      name: prospect.name,
      company: prospect.company,
      status: prospect.status,
      touchesThisWeek: days,
      totalTouches: Math.max(prospect.touchCount, days),
      noCount: prospect.noCount,
      quiet,
    };
    if (outcome) row.outcomeThisWeek = outcome.kind;
    if (prospect.nextDueDay) row.nextDueDay = prospect.nextDueDay;
    if (prospect.lastTouchAt !== undefined) row.lastTouchDay = localDayOf(prospect.lastTouchAt);
    rows.push(row);
  }
  // Due soonest first (nothing due last), then by name.
  rows.sort(
    (a, b) =>
      (a.nextDueDay ?? '9999').localeCompare(b.nextDueDay ?? '9999') ||
      a.name.localeCompare(b.name),
  );

  const nextMonday = addDaysToDay(week.start, 7);
  return {
    week,
    nextMonday,
    rows,
    totals: {
      leads: leads.length,
      touchesThisWeek: rows.reduce((sum, row) => sum + row.touchesThisWeek, 0),
      leadsTouchedThisWeek: rows.filter((row) => row.touchesThisWeek > 0).length,
      newThisWeek,
      repliedThisWeek: counted.reply.size,
      wonThisWeek: counted.won.size,
      lostThisWeek: counted.lost.size,
      nosThisWeek: counted.no,
      wentQuietThisWeek,
    },
    doNext: doNext(leads, today, nextMonday, quietAfterDays),
    persistence: persistence(leads, today, quietAfterDays),
  };
}

function listOf(entries: DoNextEntry[]): DoNextList {
  return { count: entries.length, shown: entries.slice(0, DO_NEXT_SHOWN) };
}

function doNext(
  leads: Prospect[],
  today: LocalDay,
  nextMonday: LocalDay,
  quietAfterDays: number,
): FeedbackFridayReport['doNext'] {
  const open = leads.filter((prospect) => prospect.status === 'active');
  const byDay = (a: DoNextEntry, b: DoNextEntry) =>
    (a.day ?? '').localeCompare(b.day ?? '') || a.name.localeCompare(b.name);
  const touchMonday = open
    .filter((prospect) => prospect.nextDueDay !== undefined && prospect.nextDueDay <= nextMonday)
    .map((prospect) => ({ prospectId: prospect.id, name: prospect.name, day: prospect.nextDueDay }))
    .sort(byDay);
  const oneFromFifth = open
    .filter((prospect) => prospect.touchCount === 4)
    .map((prospect) => ({ prospectId: prospect.id, name: prospect.name, day: prospect.nextDueDay }))
    .sort(byDay);
  const wentQuiet = open
    .filter((prospect) => isQuiet(prospect, today, quietAfterDays))
    .map((prospect) => ({
      prospectId: prospect.id,
      name: prospect.name,
      day: localDayOf(prospect.lastTouchAt!),
    }))
    .sort(byDay);
  return {
    touchMonday: listOf(touchMonday),
    oneFromFifth: listOf(oneFromFifth),
    wentQuiet: listOf(wentQuiet),
  };
}

/** Where a touched lead stands today. */
export function standingOf(
  prospect: Prospect,
  today: LocalDay,
  quietAfterDays = QUIET_AFTER_DAYS,
): LeadStanding {
  switch (prospect.status) {
    case 'won':
      return 'won';
    case 'replied':
      return 'replied';
    case 'lost':
      return 'lost';
    default:
      return isQuiet(prospect, today, quietAfterDays) ? 'quiet' : 'working';
  }
}

/**
 * Every lead from its first touch on, by touch count: still being worked, replied, won, lost (the
 * lead's own no), or stopped (gone quiet: the rep let it go). Only the last is the rep giving up,
 * and only it is set beside the published share of reps who stop after that many touches.
 */
export function persistence(
  prospects: Prospect[],
  today: LocalDay,
  quietAfterDays = QUIET_AFTER_DAYS,
): PersistenceFigures {
  const byTouches = PERSISTENCE_BUCKETS.map(
    () => Object.fromEntries(LEAD_STANDINGS.map((s) => [s, 0])) as Record<LeadStanding, number>,
  );
  let touched = 0;
  for (const prospect of prospects) {
    if (prospect.status === 'not-prospect' || prospect.touchCount < 1) continue;
    touched += 1;
    byTouches[Math.min(prospect.touchCount, 5) - 1]![standingOf(prospect, today, quietAfterDays)] +=
      1;
  }
  const stopped = byTouches.reduce((sum, bucket) => sum + bucket.quiet, 0);
  const stoppedPercentages = byTouches.map((bucket) =>
    touched ? Math.round((bucket.quiet / touched) * 100) : 0,
  ) as PersistenceFigures['stoppedPercentages'];
  return { byTouches, stoppedPercentages, touched, stopped };
}
