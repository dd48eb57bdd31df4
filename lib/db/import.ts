// Importing a book of leads: checked against the store first (an address someone already holds is
// reported, never silently merged), then written in one transaction, so a failure halfway leaves
// the store exactly as it was. A lead's "last contacted" day becomes one imported touch, so the
// cadence resumes from there; leads that would otherwise all be due at once are spread over the
// next business days, at most `perDay` a day.
import { compareDays, localDayOf, nextBusinessDay, shiftOffWeekend } from '../cadence/days';
import { isOwnOrIgnored } from '../identity';
import type { LocalDay, Prospect, Touch } from '../model';
import type { Lead, ParsedLead } from '../csv/leads';
import { getSettings } from './queries';
import type { FifthTouchDb } from './schema';
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

/** Which leads can be added: not held by an existing prospect, not own or ignored, not repeated in the file. */
export async function planImport(db: FifthTouchDb, leads: ParsedLead[]): Promise<ImportPlan> {
  const settings = await getSettings(db);
  const emails = [...new Set(leads.flatMap(({ lead }) => lead.emails))];
  const linkedinIds = [...new Set(leads.flatMap(({ lead }) => lead.linkedinIds))];
  const [byEmail, byLinkedIn] = await Promise.all([
    emails.length ? db.prospects.where('emails').anyOf(emails).toArray() : [],
    linkedinIds.length ? db.prospects.where('linkedinIds').anyOf(linkedinIds).toArray() : [],
  ]);
  const held = new Map<string, string>();
  for (const prospect of byEmail)
    for (const e of prospect.emails) held.set(`e:${e}`, prospect.name);
  for (const prospect of byLinkedIn) {
    for (const id of prospect.linkedinIds) held.set(`l:${id}`, prospect.name);
  }

  const plan: ImportPlan = { ready: [], conflicts: [] };
  const seenInFile = new Map<string, number>();
  for (const entry of leads) {
    const keys = [
      ...entry.lead.emails.map((e) => ({ key: `e:${e}`, shown: e })),
      ...entry.lead.linkedinIds.map((id) => ({ key: `l:${id}`, shown: id })),
    ];
    const own = entry.lead.emails.find((email) => isOwnOrIgnored(email, settings));
    const holder = keys.find(({ key }) => held.has(key));
    const repeat = keys.find(({ key }) => seenInFile.has(key));
    const refuse = (reason: string) =>
      plan.conflicts.push({ line: entry.line, reason, cells: entry.cells });
    if (own) {
      refuse(`${own} is one of your own or ignored addresses`);
    } else if (holder) {
      refuse(`${holder.shown} already belongs to ${held.get(holder.key)}`);
    } else if (repeat) {
      refuse(`${repeat.shown} is also on line ${seenInFile.get(repeat.key)}`);
    } else {
      for (const { key } of keys) seenInFile.set(key, entry.line);
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
  const waiting = dues
    .map((due, index) => ({ due, index }))
    .filter(({ due }) => compareDays(due, today) <= 0)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.index - b.index));
  const starts: (LocalDay | null)[] = dues.map(() => null);
  let day = shiftOffWeekend(today);
  let onDay = 0;
  for (const { index } of waiting) {
    if (onDay === limit) {
      day = nextBusinessDay(day);
      onDay = 0;
    }
    starts[index] = day;
    onDay += 1;
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

/**
 * Adds every lead as a prospect in one transaction, reporting progress as it goes. Any failure
 * (a conflict that appeared since planning, a full disk: StorageFullError) rolls the whole import
 * back. The store is read twice (who holds any of the addresses, the settings); every record is
 * computed in memory first (leads without history share one plan per start day), then the rows
 * are written with pipelined bulkAdds and no await between them.
 */
export async function importBook(
  db: FifthTouchDb,
  leads: Lead[],
  { now }: WriteClock,
  onProgress?: (done: number, total: number) => void,
  { perDay = IMPORT_STARTS_PER_DAY }: { perDay?: number } = {},
): Promise<ImportResult> {
  const today = localDayOf(now);
  const emails = [...new Set(leads.flatMap((lead) => lead.emails))];
  const linkedinIds = [...new Set(leads.flatMap((lead) => lead.linkedinIds))];
  return writeTransaction(db, async () => {
    const [settings, byEmail, byLinkedIn] = await Promise.all([
      getSettings(db),
      emails.length ? db.prospects.where('emails').anyOf(emails).primaryKeys() : [],
      linkedinIds.length ? db.prospects.where('linkedinIds').anyOf(linkedinIds).primaryKeys() : [],
    ]);
    const heldEmails = new Set<string>();
    const heldIds = new Set<string>();
    if (byEmail.length) {
      for (const prospect of await db.prospects.bulkGet(byEmail))
        for (const email of prospect?.emails ?? []) heldEmails.add(email);
    }
    if (byLinkedIn.length) {
      for (const prospect of await db.prospects.bulkGet(byLinkedIn))
        for (const id of prospect?.linkedinIds ?? []) heldIds.add(id);
    }

    // Leads without history share their plan: one per start day.
    const fresh = new Map<string, Prospect>();
    const freshPlan = (prospect: Prospect): Prospect => {
      const key = prospect.startsOn ?? '';
      let planned = fresh.get(key);
      if (!planned) {
        planned = withPlan(prospect, [], [], settings, today);
        fresh.set(key, planned);
      }
      const { nextChannels, ...plan } = planned;
      const out: Prospect = {
        ...plan,
        nextChannels: [...nextChannels],
        id: prospect.id,
        name: prospect.name,
        company: prospect.company,
        emails: prospect.emails,
        linkedinIds: prospect.linkedinIds,
        tags: prospect.tags,
      };
      delete out.startsOn;
      if (prospect.startsOn) out.startsOn = prospect.startsOn;
      if (prospect.phone) out.phone = prospect.phone;
      if (prospect.title) out.title = prospect.title;
      if (prospect.twitter) out.twitter = prospect.twitter;
      return out;
    };

    const skeletons: Prospect[] = [];
    const history: (Touch | null)[] = [];
    const dues: LocalDay[] = [];
    for (const lead of leads) {
      for (const email of lead.emails) {
        if (heldEmails.has(email)) {
          throw new StoreError(`${email} already belongs to a prospect: nothing was imported`);
        }
        heldEmails.add(email);
      }
      for (const linkedinId of lead.linkedinIds) {
        if (heldIds.has(linkedinId)) {
          throw new StoreError(`${linkedinId} already belongs to a prospect: nothing was imported`);
        }
        heldIds.add(linkedinId);
      }
      const prospect: Prospect = newProspect({
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
      skeletons.push(prospect);
      if (lead.lastContacted) {
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
        history.push(touch);
        dues.push(withPlan(prospect, [touch], [], settings, today).nextDueDay ?? NEVER);
      } else {
        history.push(null);
        dues.push(freshPlan(prospect).nextDueDay ?? NEVER);
      }
    }

    // Everyone due today or earlier starts on a business day of their own, `perDay` at most.
    const starts = spreadStarts(dues, { today, perDay });
    let spreadCount = 0;
    let first: LocalDay | undefined;
    let last: LocalDay | undefined;
    const prospects: Prospect[] = [];
    for (let index = 0; index < skeletons.length; index += 1) {
      const prospect = skeletons[index]!;
      const start = starts[index];
      const touch = history[index];
      if (start) {
        if (start !== dues[index]) prospect.startsOn = start;
        spreadCount += 1;
        if (!first || start < first) first = start;
        if (!last || start > last) last = start;
      }
      prospects.push(
        touch ? withPlan(prospect, [touch], [], settings, today) : freshPlan(prospect),
      );
    }

    const touches = history.filter((touch): touch is Touch => touch !== null);
    // All chunks are queued at once (IndexedDB runs them in order); each reports as it lands.
    const size = Math.max(MIN_CHUNK, Math.ceil(prospects.length / PROGRESS_STEPS));
    await Promise.all([
      touches.length ? db.touches.bulkAdd(touches) : undefined,
      ...Array.from({ length: Math.ceil(prospects.length / size) }, (_, index) => {
        const chunk = prospects.slice(index * size, (index + 1) * size);
        const done = index * size + chunk.length;
        return db.prospects.bulkAdd(chunk).then(() => onProgress?.(done, leads.length));
      }),
    ]);
    return {
      prospectIds: prospects.map((prospect) => prospect.id),
      resumed: touches.length,
      spread: first && last ? { count: spreadCount, perDay, first, last } : null,
    };
  }, [db.prospects, db.touches, db.settings]);
}
