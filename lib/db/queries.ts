// The look-ups, by name: who is due and how many, a prospect by id, address, LinkedIn id or
// conversation (and the `lookUpProspects` answer), one prospect's touches and outcomes, a touch by
// its send, the settings. Each one is an index read (see the indexes in schema.ts); none walks a
// whole table. The other reads have modules of their own: the side panel's lists, search and the
// report (lists.ts), sends in flight (sends.ts), the digest (digest.ts).
import Dexie from 'dexie';
import { isOwnOrIgnored, normalizeEmail, normalizeLinkedInId } from '../identity';
import type { LocalDay, Outcome, Prospect, ProspectStatus, Settings, Touch } from '../model';
import type { LookUpProspects, ProspectSummary } from '../messages';
import { SETTINGS_ROW_ID, settingsFromRow, type FifthTouchDb } from './schema';

const DEFAULT_LIMIT = 500;

/** Prospects due on or before `through` (overdue first), in due-day order. */
export function listDue(
  db: FifthTouchDb,
  { through, limit = DEFAULT_LIMIT }: { through: LocalDay; limit?: number },
): Promise<Prospect[]> {
  return db.prospects.where('nextDueDay').belowOrEqual(through).limit(limit).toArray();
}

/** Prospects due after `after` and on or before `through`, in due-day order. */
export function listUpcoming(
  db: FifthTouchDb,
  { after, through, limit = DEFAULT_LIMIT }: { after: LocalDay; through: LocalDay; limit?: number },
): Promise<Prospect[]> {
  if (through <= after) return Promise.resolve([]);
  return db.prospects
    .where('nextDueDay')
    .between(after, through, false, true)
    .limit(limit)
    .toArray();
}

/** How many prospects are due on or before `through` (the badge count with `through` = today). */
export function countDue(db: FifthTouchDb, through: LocalDay): Promise<number> {
  return db.prospects.where('nextDueDay').belowOrEqual(through).count();
}

/** How many prospects were due before `today` and are still waiting. */
export function countOverdue(db: FifthTouchDb, today: LocalDay): Promise<number> {
  return db.prospects.where('nextDueDay').below(today).count();
}

/** How many are waiting: due today or overdue (`due`), and of those how many overdue. */
export interface WaitingCounts {
  due: number;
  overdue: number;
}

/**
 * The badge's and the digest's counts: two disjoint index counts (overdue, then today alone), so
 * each due entry is visited once; `countDue` and `countOverdue` together would visit every overdue
 * entry twice, and an index count costs a step per entry.
 */
export async function countWaiting(db: FifthTouchDb, today: LocalDay): Promise<WaitingCounts> {
  const [overdue, dueToday] = await Promise.all([
    db.prospects.where('nextDueDay').below(today).count(),
    db.prospects.where('nextDueDay').equals(today).count(),
  ]);
  return { due: overdue + dueToday, overdue };
}

/** Prospects in one status (the side panel's replied, won and paused lists). */
export function listByStatus(
  db: FifthTouchDb,
  status: ProspectStatus,
  { limit = DEFAULT_LIMIT }: { limit?: number } = {},
): Promise<Prospect[]> {
  return db.prospects.where('status').equals(status).limit(limit).toArray();
}

export function getProspect(db: FifthTouchDb, prospectId: string): Promise<Prospect | undefined> {
  return db.prospects.get(prospectId);
}

/** The prospect with this address, in any case or form (`Jane <JANE@acme.com>`). */
export async function findProspectByEmail(
  db: FifthTouchDb,
  email: string,
): Promise<Prospect | undefined> {
  const normalized = normalizeEmail(email);
  if (!normalized) return undefined;
  return db.prospects.where('emails').equals(normalized).first();
}

/** The prospect with this LinkedIn id, given as an id, a profile URL or a URN. */
export async function findProspectByLinkedInId(
  db: FifthTouchDb,
  linkedinId: string,
): Promise<Prospect | undefined> {
  const normalized = normalizeLinkedInId(linkedinId);
  if (!normalized) return undefined;
  return db.prospects.where('linkedinIds').equals(normalized).first();
}

/** The first prospect any of these identities belongs to; emails are tried before LinkedIn ids. */
export async function findProspect(
  db: FifthTouchDb,
  { emails = [], linkedinIds = [] }: { emails?: string[]; linkedinIds?: string[] },
): Promise<Prospect | undefined> {
  for (const email of emails) {
    const prospect = await findProspectByEmail(db, email);
    if (prospect) return prospect;
  }
  for (const linkedinId of linkedinIds) {
    const prospect = await findProspectByLinkedInId(db, linkedinId);
    if (prospect) return prospect;
  }
  return undefined;
}

/**
 * The prospects a LinkedIn conversation (its `2-…` id, as in `/messaging/thread/<id>/`) was sent to,
 * once each, in the order they were first recorded in it; empty for a conversation never touched.
 */
export async function prospectsInConversation(
  db: FifthTouchDb,
  conversationId: string,
): Promise<Prospect[]> {
  const id = conversationId.trim();
  if (!id) return [];
  const touches = await db.touches.where('[channel+threadId]').equals(['linkedin', id]).toArray();
  const prospectIds = [...new Set(touches.sort((a, b) => a.at - b.at).map((t) => t.prospectId))];
  const prospects = await db.prospects.bulkGet(prospectIds);
  return prospects.filter((prospect): prospect is Prospect => prospect !== undefined);
}

/** Every prospect any of these identities belongs to, once each (for the `lookUpProspects` message). */
export async function lookUpProspects(
  db: FifthTouchDb,
  query: LookUpProspects,
): Promise<ProspectSummary[]> {
  const emails = unique(query.emails.map(normalizeEmail));
  const linkedinIds = unique(query.linkedinIds.map(normalizeLinkedInId));
  const [byEmail, byLinkedIn] = await Promise.all([
    emails.length ? db.prospects.where('emails').anyOf(emails).toArray() : [],
    linkedinIds.length ? db.prospects.where('linkedinIds').anyOf(linkedinIds).toArray() : [],
  ]);
  const seen = new Map<string, Prospect>();
  for (const prospect of [...byEmail, ...byLinkedIn]) seen.set(prospect.id, prospect);
  return [...seen.values()].map(summarize);
}

/** Why an address cannot be offered for tracking (see trackability). */
export type NotTrackable = 'invalid' | 'own' | 'ignored' | 'known';

/**
 * Whether "Track … as a prospect" may be offered for an address: it is one, is not the rep's own
 * (an own address or domain), not ignored, and belongs to nobody in the store (a prospect, or
 * someone marked not a prospect). Null when it may; else why not.
 */
export async function whyNotTrackable(db: FifthTouchDb, raw: string): Promise<NotTrackable | null> {
  const email = normalizeEmail(raw);
  if (!email) return 'invalid';
  const settings = await getSettings(db);
  if (isOwnOrIgnored(email, { ...settings, ignoreList: [] })) return 'own';
  if (isOwnOrIgnored(email, settings)) return 'ignored';
  return (await db.prospects.where('emails').equals(email).count()) > 0 ? 'known' : null;
}

/** A prospect's touches, oldest first. */
export function touchesOf(db: FifthTouchDb, prospectId: string): Promise<Touch[]> {
  return db.touches
    .where('[prospectId+at]')
    .between([prospectId, Dexie.minKey], [prospectId, Dexie.maxKey])
    .toArray();
}

/** A prospect's outcomes, oldest first. */
export function outcomesOf(db: FifthTouchDb, prospectId: string): Promise<Outcome[]> {
  return db.outcomes
    .where('[prospectId+at]')
    .between([prospectId, Dexie.minKey], [prospectId, Dexie.maxKey])
    .toArray();
}

export function findTouchByDedupeKey(
  db: FifthTouchDb,
  dedupeKey: string,
): Promise<Touch | undefined> {
  return db.touches.where('dedupeKey').equals(dedupeKey).first();
}

/** The user's settings, with defaults for anything never saved. */
export async function getSettings(db: FifthTouchDb): Promise<Settings> {
  return settingsFromRow(await db.settings.get(SETTINGS_ROW_ID));
}

/** Where a prospect stands, as overlays and notifications show it. */
export function summarize(prospect: Prospect): ProspectSummary {
  const summary: ProspectSummary = {
    id: prospect.id,
    name: prospect.name,
    company: prospect.company,
    status: prospect.status,
    emails: [...prospect.emails],
    linkedinIds: [...prospect.linkedinIds],
    nextChannels: [...prospect.nextChannels],
    nextStep: prospect.nextStep,
    totalSteps: prospect.totalSteps,
    touchCount: prospect.touchCount,
    noCount: prospect.noCount,
    reason: prospect.reason,
  };
  if (prospect.nextDueDay !== undefined) summary.nextDueDay = prospect.nextDueDay;
  if (prospect.lastTouchAt !== undefined) summary.lastTouchAt = prospect.lastTouchAt;
  if (prospect.lastAngleId !== undefined) summary.lastAngleId = prospect.lastAngleId;
  return summary;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}
