// Importing a book of leads: checked against the store first (an address someone already holds is
// reported, never silently merged), then written in one transaction, so a failure halfway leaves
// the store exactly as it was.
import { localDayOf } from '../cadence/days';
import { isOwnOrIgnored } from '../identity';
import type { Prospect } from '../model';
import type { Lead } from '../csv/leads';
import { getSettings } from './queries';
import type { FifthTouchDb } from './schema';
import { newProspect, StoreError, withPlan, writeTransaction, type WriteClock } from './writes';

export interface ImportConflict {
  line: number;
  reason: string;
}

export interface ImportPlan {
  ready: { line: number; lead: Lead }[];
  conflicts: ImportConflict[];
}

/** Which leads can be added: not held by an existing prospect, not own or ignored, not repeated in the file. */
export async function planImport(
  db: FifthTouchDb,
  leads: { line: number; lead: Lead }[],
): Promise<ImportPlan> {
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
    if (own) {
      plan.conflicts.push({
        line: entry.line,
        reason: `${own} is one of your own or ignored addresses`,
      });
    } else if (holder) {
      plan.conflicts.push({
        line: entry.line,
        reason: `${holder.shown} already belongs to ${held.get(holder.key)}`,
      });
    } else if (repeat) {
      plan.conflicts.push({
        line: entry.line,
        reason: `${repeat.shown} is also on line ${seenInFile.get(repeat.key)}`,
      });
    } else {
      for (const { key } of keys) seenInFile.set(key, entry.line);
      plan.ready.push(entry);
    }
  }
  return plan;
}

/** Rows per bulkAdd, at least: progress is reported as each chunk lands. */
const MIN_CHUNK = 50;
/** A big import reports about this many steps (each one re-renders the progress bar). */
const PROGRESS_STEPS = 20;

/**
 * Adds every lead as a prospect in one transaction, reporting progress as it goes. Any failure
 * (a conflict that appeared since planning, a full disk: StorageFullError) rolls the whole import
 * back. The store is read twice (who holds any of the addresses, the settings); every prospect's
 * plan is computed in memory (a new prospect has no history, so they all share one) and the rows
 * are written with pipelined bulkAdds.
 */
export async function importBook(
  db: FifthTouchDb,
  leads: Lead[],
  { now }: WriteClock,
  onProgress?: (done: number, total: number) => void,
): Promise<{ prospectIds: string[] }> {
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

    const prospects: Prospect[] = [];
    let planned: Prospect | undefined;
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
      // Every new prospect has the same (empty) history: plan it once.
      planned ??= withPlan(prospect, [], [], settings, today);
      const { nextChannels, ...plan } = planned;
      prospects.push({
        ...plan,
        nextChannels: [...nextChannels],
        id: prospect.id,
        name: prospect.name,
        company: prospect.company,
        emails: prospect.emails,
        linkedinIds: prospect.linkedinIds,
        tags: prospect.tags,
      });
    }

    // All chunks are queued at once (IndexedDB runs them in order); each reports as it lands.
    const size = Math.max(MIN_CHUNK, Math.ceil(prospects.length / PROGRESS_STEPS));
    await Promise.all(
      Array.from({ length: Math.ceil(prospects.length / size) }, (_, index) => {
        const chunk = prospects.slice(index * size, (index + 1) * size);
        const done = index * size + chunk.length;
        return db.prospects.bulkAdd(chunk).then(() => onProgress?.(done, leads.length));
      }),
    );
    return { prospectIds: prospects.map((prospect) => prospect.id) };
  }, [db.prospects, db.settings]);
}
