// Importing a book of leads: checked against the store first (an address someone already holds is
// reported, never silently merged), then written in one transaction, so a failure halfway leaves
// the store exactly as it was. A lead's "last contacted" day becomes one imported touch, so the
// cadence resumes from there; leads that would otherwise all be due at once are spread over the
// next business days, at most `perDay` a day.
import { compareDays, localDayOf, nextBusinessDay, shiftOffWeekend } from '../cadence/days';
import { ownOrIgnoredTest } from '../identity';
import type { LocalDay, Prospect, Touch } from '../model';
import type { Lead, ParsedLead } from '../csv/leads';
import { getSettings } from './queries';
import type { FifthTouchDb } from './schema';
import { waitingSinceOf } from './work-order';
import { newProspect, StoreError, withPlan, writeTransaction, type WriteClock } from './writes';

/** How many imported leads may start on one business day unless the rep says otherwise. */
export const IMPORT_STARTS_PER_DAY = 10;

export interface ImportConflict {
  line: number;
  reason: string;
  cells: string[];
}

export interface ImportPlan {
  ready: ParsedLead[];
  conflicts: ImportConflict[];
}

/** Something per address and per LinkedIn id (who holds it, the line it is on). */
interface ByIdentity<T> {
  emails: Map<string, T>;
  linkedinIds: Map<string, T>;
}

function byIdentity<T>(): ByIdentity<T> {
  return { emails: new Map(), linkedinIds: new Map() };
}

/** The first of a lead's addresses, then of its LinkedIn ids, that `known` has, with its value. */
function firstKnown<T>(
  { emails, linkedinIds }: Pick<Lead, 'emails' | 'linkedinIds'>,
  known: ByIdentity<T>,
): { shown: string; value: T } | undefined {
  for (const email of emails) {
    const value = known.emails.get(email);
    if (value !== undefined) return { shown: email, value };
  }
  for (const linkedinId of linkedinIds) {
    const value = known.linkedinIds.get(linkedinId);
    if (value !== undefined) return { shown: linkedinId, value };
  }
  return undefined;
}

function remember<T>(
  { emails, linkedinIds }: Pick<Lead, 'emails' | 'linkedinIds'>,
  known: ByIdentity<T>,
  value: T,
): void {
  for (const email of emails) known.emails.set(email, value);
  for (const linkedinId of linkedinIds) known.linkedinIds.set(linkedinId, value);
}

/** The stored prospects' names by the addresses and LinkedIn ids among `leads`' that they hold. */
async function holdersOf(
  db: FifthTouchDb,
  leads: Pick<Lead, 'emails' | 'linkedinIds'>[],
): Promise<ByIdentity<string>> {
  const held = byIdentity<string>();
  // An empty store holds nothing: one count instead of walking the indexes for every key.
  if (leads.length === 0 || (await db.prospects.count()) === 0) return held;
  const emails = [...new Set(leads.flatMap((lead) => lead.emails))];
  const linkedinIds = [...new Set(leads.flatMap((lead) => lead.linkedinIds))];
  const [byEmail, byLinkedIn] = await Promise.all([
    emails.length ? db.prospects.where('emails').anyOf(emails).toArray() : [],
    linkedinIds.length ? db.prospects.where('linkedinIds').anyOf(linkedinIds).toArray() : [],
  ]);
  for (const prospect of byEmail) {
    for (const email of prospect.emails) held.emails.set(email, prospect.name);
  }
  for (const prospect of byLinkedIn) {
    for (const linkedinId of prospect.linkedinIds) held.linkedinIds.set(linkedinId, prospect.name);
  }
  return held;
}

/** Which leads can be added: not held by an existing prospect, not own or ignored, not repeated in the file. */
export async function planImport(db: FifthTouchDb, leads: ParsedLead[]): Promise<ImportPlan> {
  const [settings, held] = await Promise.all([
    getSettings(db),
    holdersOf(
      db,
      leads.map(({ lead }) => lead),
    ),
  ]);
  const plan: ImportPlan = { ready: [], conflicts: [] };
  const seenInFile = byIdentity<number>();
  const isOwnOrIgnored = ownOrIgnoredTest(settings);
  for (const entry of leads) {
    const own = entry.lead.emails.find(isOwnOrIgnored);
    const holder = own ? undefined : firstKnown(entry.lead, held);
    const repeat = own || holder ? undefined : firstKnown(entry.lead, seenInFile);
    const refuse = (reason: string) =>
      plan.conflicts.push({ line: entry.line, reason, cells: entry.cells });
    if (own) {
      refuse(`${own} is one of your own or ignored addresses`);
    } else if (holder) {
      refuse(`${holder.shown} already belongs to ${holder.value}`);
    } else if (repeat) {
      refuse(`${repeat.shown} is also on line ${repeat.value}`);
    } else {
      remember(entry.lead, seenInFile, entry.line);
      plan.ready.push(entry);
    }
  }
  return plan;
}

/**
 * The day each lead starts on when `dues` (each lead's natural next due day, in file order) are
 * spread: leads due today or earlier start from today (or the next business day on a weekend),
 * longest waiting first, then in file order, at most `perDay` on each business day. Leads due
 * later keep their day (null).
 */
export function spreadStarts(
  dues: LocalDay[],
  { today, perDay }: { today: LocalDay; perDay: number },
): (LocalDay | null)[] {
  const limit = Math.max(1, Math.trunc(perDay) || 1);
  // The leads waiting for a start, by their due day in file order (an import's leads share a few
  // due days, so each day is compared once and the days, not the leads, are sorted).
  const byDue = new Map<LocalDay, number[] | null>();
  dues.forEach((due, index) => {
    let waiting = byDue.get(due);
    if (waiting === undefined) {
      waiting = compareDays(due, today) <= 0 ? [] : null;
      byDue.set(due, waiting);
    }
    waiting?.push(index);
  });
  const starts: (LocalDay | null)[] = dues.map(() => null);
  let day = shiftOffWeekend(today);
  let onDay = 0;
  for (const due of [...byDue.keys()].sort(compareDays)) {
    for (const index of byDue.get(due) ?? []) {
      if (onDay === limit) {
        day = nextBusinessDay(day);
        onDay = 0;
      }
      starts[index] = day;
      onDay += 1;
    }
  }
  return starts;
}

export interface ImportResult {
  prospectIds: string[];
  /** Leads whose cadence resumed from their last-contacted day. */
  resumed: number;
  /** Leads spread over business days, and the first and last day they start on. */
  spread: { count: number; perDay: number; first: LocalDay; last: LocalDay } | null;
}

/** Sorts after every real day: a lead with nothing due is never spread. */
const NEVER = '9999-12-31';

/** Rows per bulkAdd, at least: progress is reported as each chunk lands. */
const MIN_CHUNK = 50;
/** A big import reports about this many steps (each one re-renders the progress bar). */
const PROGRESS_STEPS = 20;

/** Noon of the last-contacted day (or now, when that is today and noon has not come yet). */
function contactedAt(day: LocalDay, now: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.min(new Date(y, m - 1, d, 12).getTime(), now);
}

/** The lead as a prospect not yet planned: a new id, its fields, and the day it starts on if any. */
function prospectOf(lead: Lead, now: number, startsOn: LocalDay | null): Prospect {
  const prospect = newProspect({
    name: lead.name || lead.emails[0] || lead.linkedinIds[0] || '',
    company: lead.company,
    emails: lead.emails,
    linkedinIds: lead.linkedinIds,
    tags: lead.tags,
    createdAt: now,
  });
  if (lead.phone) prospect.phone = lead.phone;
  if (lead.title) prospect.title = lead.title;
  if (lead.twitter) prospect.twitter = lead.twitter;
  if (startsOn) prospect.startsOn = startsOn;
  return prospect;
}

/**
 * Adds every lead as a prospect in one transaction, reporting progress as it goes. Any failure
 * (a conflict that appeared since planning, a full disk: StorageFullError) rolls the whole import
 * back. The store is read once (who holds any of the addresses, the settings) and every lead
 * checked before anything is written; then the rows are built chunk by chunk, each chunk's
 * bulkAdd issued as soon as it is built and none awaited before the next, so IndexedDB stores the
 * first chunks while the later ones are made. Leads without history share one plan per start day.
 */
export async function importBook(
  db: FifthTouchDb,
  leads: Lead[],
  { now }: WriteClock,
  onProgress?: (done: number, total: number) => void,
  { perDay = IMPORT_STARTS_PER_DAY }: { perDay?: number } = {},
): Promise<ImportResult> {
  const today = localDayOf(now);
  return writeTransaction(db, async () => {
    const [settings, held] = await Promise.all([getSettings(db), holdersOf(db, leads)]);
    const inFile = byIdentity<true>();
    for (const lead of leads) {
      const taken = firstKnown(lead, held) ?? firstKnown(lead, inFile);
      if (taken) {
        throw new StoreError(`${taken.shown} already belongs to a prospect: nothing was imported`);
      }
      remember(lead, inFile, true);
    }

    // What the engine says of a lead without history depends only on the day it starts on.
    const freshPlans = new Map<LocalDay | null, Prospect>();
    const freshPlan = (startsOn: LocalDay | null): Prospect => {
      let planned = freshPlans.get(startsOn);
      if (!planned) {
        const template = newProspect({
          name: '',
          company: '',
          emails: [],
          linkedinIds: [],
          tags: [],
          createdAt: now,
        });
        if (startsOn) template.startsOn = startsOn;
        planned = withPlan(template, [], [], settings, today);
        freshPlans.set(startsOn, planned);
      }
      return planned;
    };

    // Each lead's natural next due day: a last-contacted day is one imported touch to resume from.
    const history: ({ prospect: Prospect; touch: Touch } | null)[] = [];
    const dues: LocalDay[] = [];
    for (const lead of leads) {
      if (lead.lastContacted) {
        const prospect = prospectOf(lead, now, null);
        const touch: Touch = {
          id: crypto.randomUUID(),
          prospectId: prospect.id,
          channel: 'other',
          direction: 'out',
          at: contactedAt(lead.lastContacted, now),
          day: lead.lastContacted,
          summary: 'Last contacted (from the imported file)',
          source: 'import',
          confirmed: true,
          dedupeKey: `import:${prospect.id}`,
        };
        history.push({ prospect, touch });
        dues.push(withPlan(prospect, [touch], [], settings, today).nextDueDay ?? NEVER);
      } else {
        history.push(null);
        dues.push(freshPlan(null).nextDueDay ?? NEVER);
      }
    }

    // Everyone due today or earlier starts on a business day of their own, `perDay` at most.
    const starts = spreadStarts(dues, { today, perDay });
    let spreadCount = 0;
    let first: LocalDay | undefined;
    let last: LocalDay | undefined;
    for (const start of starts) {
      if (!start) continue;
      spreadCount += 1;
      if (!first || start < first) first = start;
      if (!last || start > last) last = start;
    }

    /** The stored row of lead `index`: the engine's plan from its start day and its history. */
    const rowOf = (index: number): Prospect => {
      const start = starts[index];
      // A start on the lead's own due day changes nothing, so it is not kept.
      const startsOn = start && start !== dues[index] ? start : null;
      const resumed = history[index];
      if (resumed) {
        if (startsOn) resumed.prospect.startsOn = startsOn;
        const row = withPlan(resumed.prospect, [resumed.touch], [], settings, today);
        // Set here, the store's work-order middleware has nothing to copy (work-order.ts).
        row.waitingSince = waitingSinceOf(row);
        return row;
      }
      const prospect = prospectOf(leads[index]!, now, startsOn);
      const planned = freshPlan(startsOn);
      prospect.status = planned.status;
      prospect.nextChannels = [...planned.nextChannels];
      prospect.nextStep = planned.nextStep;
      prospect.totalSteps = planned.totalSteps;
      prospect.reason = planned.reason;
      prospect.touchCount = planned.touchCount;
      prospect.noCount = planned.noCount;
      if (planned.nextDueDay !== undefined) prospect.nextDueDay = planned.nextDueDay;
      prospect.waitingSince = waitingSinceOf(prospect);
      return prospect;
    };

    const touches = history.flatMap((resumed) => (resumed ? [resumed.touch] : []));
    const prospectIds: string[] = [];
    const writes: Promise<unknown>[] = [];
    if (touches.length) writes.push(db.touches.bulkAdd(touches));
    const size = Math.max(MIN_CHUNK, Math.ceil(leads.length / PROGRESS_STEPS));
    for (let from = 0; from < leads.length; from += size) {
      const to = Math.min(from + size, leads.length);
      const chunk: Prospect[] = [];
      for (let index = from; index < to; index += 1) chunk.push(rowOf(index));
      for (const prospect of chunk) prospectIds.push(prospect.id);
      writes.push(db.prospects.bulkAdd(chunk).then(() => onProgress?.(to, leads.length)));
    }
    await Promise.all(writes);
    return {
      prospectIds,
      resumed: touches.length,
      spread: first && last ? { count: spreadCount, perDay, first, last } : null,
    };
  }, [db.prospects, db.touches, db.settings]);
}
