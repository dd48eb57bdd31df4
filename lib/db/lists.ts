// The side panel's reads, by name: one page of each list and the counts on its tabs (index reads
// with a limit, so the first paint stays light however many prospects there are); the search and
// the merge picker (bounded scans, no full-text index); every prospect (the Friday report, the leads
// export), and the report's touches of a time range and outcomes of a range of days.
import { addDaysToDay } from '../cadence/days';
import type { LocalDay, Outcome, Prospect, Touch } from '../model';
import type { FifthTouchDb } from './schema';

export const PAGE_SIZE = 50;

/** How far ahead the Upcoming list looks. */
export const UPCOMING_DAYS = 7;

export const PANEL_SECTIONS = ['overdue', 'today', 'upcoming', 'replied', 'closed'] as const;
export type PanelSection = (typeof PANEL_SECTIONS)[number];

const CLOSED_STATUSES = ['won', 'lost'];

/** One page of a section's prospects, in the order the rep works them. */
export async function listSection(
  db: FifthTouchDb,
  section: PanelSection,
  { today, limit = PAGE_SIZE }: { today: LocalDay; limit?: number },
): Promise<Prospect[]> {
  switch (section) {
    case 'overdue':
      return db.prospects.where('nextDueDay').below(today).limit(limit).toArray();
    case 'today':
      return db.prospects.where('nextDueDay').equals(today).limit(limit).toArray();
    case 'upcoming':
      return db.prospects
        .where('nextDueDay')
        .between(today, addDaysToDay(today, UPCOMING_DAYS), false, true)
        .limit(limit)
        .toArray();
    case 'replied':
      return db.prospects.where('status').equals('replied').limit(limit).toArray();
    case 'closed':
      return db.prospects.where('status').anyOf(CLOSED_STATUSES).limit(limit).toArray();
  }
}

export type SectionCounts = Record<PanelSection, number>;

/** The count on each tab, each one an index count. */
export async function countSections(db: FifthTouchDb, today: LocalDay): Promise<SectionCounts> {
  const [overdue, dueToday, upcoming, replied, closed] = await Promise.all([
    db.prospects.where('nextDueDay').below(today).count(),
    db.prospects.where('nextDueDay').equals(today).count(),
    db.prospects
      .where('nextDueDay')
      .between(today, addDaysToDay(today, UPCOMING_DAYS), false, true)
      .count(),
    db.prospects.where('status').equals('replied').count(),
    db.prospects.where('status').anyOf(CLOSED_STATUSES).count(),
  ]);
  return { overdue, today: dueToday, upcoming, replied, closed };
}

/**
 * Prospects whose name, company, address, LinkedIn id or tag contains the text. There is no
 * full-text index, so this scans, but stops at `limit` matches.
 */
export function searchProspects(
  db: FifthTouchDb,
  text: string,
  { limit = PAGE_SIZE }: { limit?: number } = {},
): Promise<Prospect[]> {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return Promise.resolve([]);
  return db.prospects
    .filter((prospect) => prospect.status !== 'not-prospect' && matchesText(prospect, needle))
    .limit(limit)
    .toArray();
}

export function matchesText(prospect: Prospect, needle: string): boolean {
  const fields = [
    prospect.name,
    prospect.company,
    ...prospect.emails,
    ...prospect.linkedinIds,
    ...prospect.tags,
  ];
  return fields.some((field) => field.toLocaleLowerCase().includes(needle));
}

/** Every prospect except the not-a-prospect ones, for the merge picker; scans, bounded. */
export function listProspectsForMerge(
  db: FifthTouchDb,
  exceptId: string,
  text: string,
  limit = 20,
): Promise<Prospect[]> {
  const needle = text.trim().toLocaleLowerCase();
  return db.prospects
    .filter(
      (prospect) =>
        prospect.id !== exceptId &&
        prospect.status !== 'not-prospect' &&
        (!needle || matchesText(prospect, needle)),
    )
    .limit(limit)
    .toArray();
}

/** Every prospect, for the weekly report and the leads export (loaded only when one is opened). */
export function listAllProspects(db: FifthTouchDb): Promise<Prospect[]> {
  return db.prospects.toArray();
}

/** Touches from `from` (inclusive) to `to` (exclusive), epoch milliseconds; an index range read. */
export function touchesBetween(db: FifthTouchDb, from: number, to: number): Promise<Touch[]> {
  return db.touches.where('at').between(from, to, true, false).toArray();
}

/** Outcomes logged on the days from `start` to `end` (inclusive); outcomes are few, so this scans. */
export function outcomesOfDays(
  db: FifthTouchDb,
  start: LocalDay,
  end: LocalDay,
): Promise<Outcome[]> {
  return db.outcomes.filter((outcome) => outcome.day >= start && outcome.day <= end).toArray();
}
