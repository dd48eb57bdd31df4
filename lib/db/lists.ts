// The side panel's reads, by name: one page of each list and the counts on its tabs (index reads
// with a limit, so the first paint stays light however many prospects there are); the search and
// the merge picker (bounded scans, no full-text index); every prospect (the Friday report, the leads
// export), and the report's touches of a time range and outcomes of a range of days.
import Dexie from 'dexie';
import { addDaysToDay } from '../cadence/days';
import type { LocalDay, Outcome, Prospect, Touch } from '../model';
import { foldForSearch } from '../text/fold';
import type { FifthTouchDb } from './schema';
import { WORK_ORDER_INDEX } from './work-order';

export const PAGE_SIZE = 50;

/** How far ahead the Upcoming list looks. */
export const UPCOMING_DAYS = 7;

export const PANEL_SECTIONS = ['overdue', 'today', 'upcoming', 'replied', 'closed'] as const;
export type PanelSection = (typeof PANEL_SECTIONS)[number];

const CLOSED_STATUSES = ['won', 'lost'];

/** The most urgent first: the section the panel opens on is the first of these that is not empty. */
export const SECTIONS_BY_URGENCY: readonly PanelSection[] = [
  'overdue',
  'today',
  'upcoming',
  'replied',
];

/** One page of a section's prospects, in the order the rep works them (work-order.ts). */
export async function listSection(
  db: FifthTouchDb,
  section: PanelSection,
  { today, limit = PAGE_SIZE }: { today: LocalDay; limit?: number },
): Promise<Prospect[]> {
  switch (section) {
    case 'overdue':
      return firstInWorkOrder(db, [MIN_DAY, today], [true, false], limit);
    case 'today':
      return firstInWorkOrder(db, [today, today], [true, true], limit);
    case 'upcoming':
      return firstInWorkOrder(
        db,
        [today, addDaysToDay(today, UPCOMING_DAYS)],
        [false, true],
        limit,
      );
    case 'replied':
      return db.prospects.where('status').equals('replied').limit(limit).toArray();
    case 'closed':
      return db.prospects.where('status').anyOf(CLOSED_STATUSES).limit(limit).toArray();
  }
}

const MIN_DAY = '0000-01-01';

/**
 * The first `limit` prospects due in a day range, in work order: one range read of the
 * work-order index, whatever the size of the book or of the last day read.
 */
function firstInWorkOrder(
  db: FifthTouchDb,
  [from, to]: [LocalDay, LocalDay],
  [includeFrom, includeTo]: [boolean, boolean],
  limit: number,
): Promise<Prospect[]> {
  if (limit <= 0) return Promise.resolve([]);
  // A key [day] sorts before every [day, since, step] and [day, maxKey] after them all.
  const lower = includeFrom ? [from] : [from, Dexie.maxKey];
  const upper = includeTo ? [to, Dexie.maxKey] : [to];
  return db.prospects
    .where(WORK_ORDER_INDEX)
    .between(lower, upper, true, true)
    .limit(limit)
    .toArray();
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
  const needle = foldForSearch(text.trim());
  if (!needle) return Promise.resolve([]);
  return db.prospects
    .filter((prospect) => prospect.status !== 'not-prospect' && matchesText(prospect, needle))
    .limit(limit)
    .toArray();
}

/** Whether any of the prospect's words contains `needle`, folded (accents and case ignored). */
export function matchesText(prospect: Prospect, needle: string): boolean {
  const folded = foldForSearch(needle);
  const fields = [
    prospect.name,
    prospect.company,
    ...prospect.emails,
    ...prospect.linkedinIds,
    ...prospect.tags,
  ];
  return fields.some((field) => foldForSearch(field).includes(folded));
}

/** Every prospect except the not-a-prospect ones, for the merge picker; scans, bounded. */
export function listProspectsForMerge(
  db: FifthTouchDb,
  exceptId: string,
  text: string,
  limit = 20,
): Promise<Prospect[]> {
  const needle = foldForSearch(text.trim());
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
