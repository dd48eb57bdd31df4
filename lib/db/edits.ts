// Changes to who a prospect is: edit, merge two records of one person, remove one with their history,
// and the snapshots that make these (and "not a prospect") undoable. Each is one transaction that
// validates before writing; the everyday writes are in writes.ts.
import * as v from 'valibot';
import { localDayOf } from '../cadence/days';
import {
  isOwnOrIgnored,
  normalizeEmail,
  normalizeLinkedInId,
  normalizePhone,
  normalizeTwitterHandle,
} from '../identity';
import type { Outcome, Prospect, Settings, Touch } from '../model';
import { getSettings, outcomesOf, touchesOf } from './queries';
import { SETTINGS_ROW_ID, type FifthTouchDb } from './schema';
import { recomputeProspect, StoreError, writeTransaction, type WriteClock } from './writes';

function allTables(db: FifthTouchDb) {
  return [db.prospects, db.touches, db.outcomes, db.settings];
}

const shortText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));

export const prospectEditSchema = v.object({
  name: v.optional(v.pipe(shortText(200), v.minLength(1, 'a name cannot be empty'))),
  company: v.optional(shortText(200)),
  emails: v.optional(v.pipe(v.array(v.string()), v.maxLength(20))),
  linkedinIds: v.optional(v.pipe(v.array(v.string()), v.maxLength(20))),
  tags: v.optional(v.pipe(v.array(shortText(50)), v.maxLength(50))),
  // Empty text removes the field.
  phone: v.optional(
    v.pipe(
      shortText(40),
      v.check((value) => value === '' || normalizePhone(value) !== null, 'not a phone number'),
    ),
  ),
  title: v.optional(shortText(200)),
  twitter: v.optional(
    v.pipe(
      shortText(200),
      v.check(
        (value) => value === '' || normalizeTwitterHandle(value) !== null,
        'not a Twitter/X handle (like @jane_doe) or profile link',
      ),
    ),
  ),
});
export type ProspectEdit = v.InferInput<typeof prospectEditSchema>;

function parseEdit(input: ProspectEdit) {
  const result = v.safeParse(prospectEditSchema, input);
  if (!result.success) {
    const detail = result.issues
      .slice(0, 3)
      .map((issue) => `${v.getDotPath(issue) ?? 'prospect'}: ${issue.message}`)
      .join('; ');
    throw new StoreError(`Invalid prospect: ${detail}`);
  }
  return result.output;
}

function normalizeAll(raw: string[], normalize: (value: string) => string | null, what: string) {
  return [
    ...new Set(
      raw
        .map((value) => value.trim())
        .filter(Boolean)
        .map((value) => {
          const normalized = normalize(value);
          if (!normalized) throw new StoreError(`Not ${what}: ${JSON.stringify(value)}`);
          return normalized;
        }),
    ),
  ];
}

/** Everything one prospect is: restoring it puts back the prospect, its history and the settings. */
export interface ProspectSnapshot {
  prospects: Prospect[];
  touches: Touch[];
  outcomes: Outcome[];
  settings: Settings;
}

/** The prospects' current records, history and the settings, for an undo. */
export function snapshotProspects(
  db: FifthTouchDb,
  prospectIds: string[],
): Promise<ProspectSnapshot> {
  return db.transaction('r', allTables(db), async () => {
    const snapshot: ProspectSnapshot = {
      prospects: [],
      touches: [],
      outcomes: [],
      settings: await getSettings(db),
    };
    for (const id of prospectIds) {
      const prospect = await db.prospects.get(id);
      if (!prospect) throw new StoreError(`Unknown prospect ${id}`);
      snapshot.prospects.push(prospect);
      snapshot.touches.push(...(await touchesOf(db, id)));
      snapshot.outcomes.push(...(await outcomesOf(db, id)));
    }
    return snapshot;
  });
}

/**
 * Puts prospects back as a snapshot holds them: their records, their touches and outcomes (and
 * nothing logged for them since), and the settings.
 */
export async function restoreSnapshot(
  db: FifthTouchDb,
  snapshot: ProspectSnapshot,
  { now }: WriteClock,
): Promise<void> {
  await writeTransaction(db, async () => {
    for (const prospect of snapshot.prospects) {
      const keepTouches = new Set(
        snapshot.touches.filter((t) => t.prospectId === prospect.id).map((t) => t.id),
      );
      const keepOutcomes = new Set(
        snapshot.outcomes.filter((o) => o.prospectId === prospect.id).map((o) => o.id),
      );
      const laterTouches = (await touchesOf(db, prospect.id)).filter((t) => !keepTouches.has(t.id));
      const laterOutcomes = (await outcomesOf(db, prospect.id)).filter(
        (o) => !keepOutcomes.has(o.id),
      );
      await db.touches.bulkDelete(laterTouches.map((t) => t.id));
      await db.outcomes.bulkDelete(laterOutcomes.map((o) => o.id));
    }
    await db.prospects.bulkPut(snapshot.prospects);
    await db.touches.bulkPut(snapshot.touches);
    await db.outcomes.bulkPut(snapshot.outcomes);
    await db.settings.put({ ...snapshot.settings, id: SETTINGS_ROW_ID });
    for (const prospect of snapshot.prospects) {
      await recomputeProspect(db, prospect.id, localDayOf(now), snapshot.settings);
    }
  });
}

/**
 * Edits a prospect's name, company, identities, tags, phone, title or Twitter/X handle; an identity
 * held by someone else is refused.
 */
export async function updateProspect(
  db: FifthTouchDb,
  prospectId: string,
  input: ProspectEdit,
  { now }: WriteClock,
): Promise<Prospect> {
  const edit = parseEdit(input);
  const emails = edit.emails && normalizeAll(edit.emails, normalizeEmail, 'an email address');
  const linkedinIds =
    edit.linkedinIds &&
    normalizeAll(edit.linkedinIds, normalizeLinkedInId, 'a LinkedIn profile or id');

  return writeTransaction(db, async () => {
    const prospect = await db.prospects.get(prospectId);
    if (!prospect) throw new StoreError(`Unknown prospect ${prospectId}`);
    const settings = await getSettings(db);
    const next: Prospect = { ...prospect };
    if (edit.name !== undefined) next.name = edit.name;
    if (edit.company !== undefined) next.company = edit.company;
    if (edit.tags !== undefined) next.tags = [...new Set(edit.tags.filter(Boolean))];
    const setOptional = (key: 'phone' | 'title' | 'twitter', value: string | null | undefined) => {
      if (value === undefined) return;
      if (value) next[key] = value;
      else delete next[key];
    };
    setOptional('phone', edit.phone === undefined ? undefined : normalizePhone(edit.phone));
    setOptional('title', edit.title);
    setOptional(
      'twitter',
      edit.twitter === undefined ? undefined : normalizeTwitterHandle(edit.twitter),
    );
    if (emails) {
      for (const email of emails) {
        if (isOwnOrIgnored(email, settings) && !prospect.emails.includes(email)) {
          throw new StoreError(`${email} is one of your own or ignored addresses`);
        }
        const holder = await db.prospects.where('emails').equals(email).first();
        if (holder && holder.id !== prospectId) {
          throw new StoreError(`${email} already belongs to ${holder.name}: merge them instead`);
        }
      }
      next.emails = emails;
    }
    if (linkedinIds) {
      for (const linkedinId of linkedinIds) {
        const holder = await db.prospects.where('linkedinIds').equals(linkedinId).first();
        if (holder && holder.id !== prospectId) {
          throw new StoreError(
            `${linkedinId} already belongs to ${holder.name}: merge them instead`,
          );
        }
      }
      next.linkedinIds = linkedinIds;
    }
    if (!next.emails.length && !next.linkedinIds.length) {
      throw new StoreError('A prospect needs an email address or a LinkedIn id');
    }
    await db.prospects.put(next);
    return recomputeProspect(db, prospectId, localDayOf(now), settings);
  });
}

/**
 * Merges two records of the same person (one found by email, one on LinkedIn): `keepId` gains the
 * other's identities, tags, touches and outcomes, and the other record is deleted.
 */
export async function mergeProspects(
  db: FifthTouchDb,
  { keepId, mergeId }: { keepId: string; mergeId: string },
  { now }: WriteClock,
): Promise<Prospect> {
  if (keepId === mergeId) throw new StoreError('A prospect cannot be merged with itself');
  return writeTransaction(db, async () => {
    const [keep, merged] = await Promise.all([db.prospects.get(keepId), db.prospects.get(mergeId)]);
    if (!keep) throw new StoreError(`Unknown prospect ${keepId}`);
    if (!merged) throw new StoreError(`Unknown prospect ${mergeId}`);

    for (const touch of await touchesOf(db, mergeId)) {
      // Dedupe keys name the prospect; a send both records saw is one touch.
      const dedupeKey = touch.dedupeKey.endsWith(`:${mergeId}`)
        ? `${touch.dedupeKey.slice(0, -mergeId.length)}${keepId}`
        : touch.dedupeKey;
      const twin = await db.touches.where('dedupeKey').equals(dedupeKey).first();
      if (twin && twin.id !== touch.id) await db.touches.delete(touch.id);
      else await db.touches.update(touch.id, { prospectId: keepId, dedupeKey });
    }
    for (const outcome of await outcomesOf(db, mergeId)) {
      await db.outcomes.update(outcome.id, { prospectId: keepId });
    }
    await db.prospects.delete(mergeId);
    await db.prospects.put({
      ...keep,
      name: keep.name || merged.name,
      company: keep.company || merged.company,
      emails: [...new Set([...keep.emails, ...merged.emails])],
      linkedinIds: [...new Set([...keep.linkedinIds, ...merged.linkedinIds])],
      tags: [...new Set([...keep.tags, ...merged.tags])],
      createdAt: Math.min(keep.createdAt, merged.createdAt),
      undeliverable: [...new Set([...(keep.undeliverable ?? []), ...(merged.undeliverable ?? [])])],
    });
    return recomputeProspect(db, keepId, localDayOf(now));
  });
}

/** Deletes a prospect and its whole history (the undo of adding one by hand). */
export async function removeProspect(db: FifthTouchDb, prospectId: string): Promise<void> {
  await writeTransaction(db, async () => {
    await db.touches.bulkDelete((await touchesOf(db, prospectId)).map((touch) => touch.id));
    await db.outcomes.bulkDelete((await outcomesOf(db, prospectId)).map((outcome) => outcome.id));
    await db.prospects.delete(prospectId);
  });
}

/** How long after "Track … as a prospect" in a page its Undo may still remove the prospect. */
export const UNTRACK_WINDOW_MS = 10 * 60_000;

/**
 * The undo of "Track … as a prospect" clicked in Gmail or LinkedIn: removes the prospect only while
 * it is new (created within UNTRACK_WINDOW_MS) and nothing is logged for it, so a page can never
 * remove anyone's history. An unknown prospect (already removed, a second click) removes nothing.
 */
export async function untrackProspect(
  db: FifthTouchDb,
  prospectId: string,
  { now }: WriteClock,
): Promise<{ removed: boolean }> {
  return writeTransaction(db, async () => {
    const prospect = await db.prospects.get(prospectId);
    if (!prospect) return { removed: false };
    if (prospect.createdAt < now - UNTRACK_WINDOW_MS || prospect.createdAt > now + 60_000) {
      throw new StoreError(
        `${prospect.name} was added more than 10 minutes ago: remove them in the side panel`,
      );
    }
    const [touches, outcomes] = await Promise.all([
      touchesOf(db, prospectId),
      outcomesOf(db, prospectId),
    ]);
    if (touches.length > 0 || outcomes.length > 0) {
      throw new StoreError(
        `${prospect.name} has touches or outcomes logged now: remove them in the side panel`,
      );
    }
    await db.prospects.delete(prospectId);
    return { removed: true };
  });
}
