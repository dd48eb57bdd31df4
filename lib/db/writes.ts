// The everyday changes to the store, by name: a send recorded, and the end of its undo window (settled
// or released), an unconfirmed send kept or discarded, a send withdrawn; an outcome or a touch logged
// by hand, and either deleted; a prospect added or marked not a prospect, or an address undeliverable;
// the settings and the rep's own addresses. A prospect's edits, merges and removal are in edits.ts;
// the other writes are a whole job's (import.ts, backup.ts's restore). Each is one read-write
// transaction (transaction.ts) that validates first, so bad input throws a clear error before
// anything is written, and an error halfway rolls everything back; each change to a history
// recomputes its prospect (recompute.ts).
import { isLocalDay, localDayOf } from '../cadence/days';
import {
  cleanDisplayName,
  emailDomain,
  guessCompanyFromDomain,
  guessNameFromEmail,
  guessNameFromLinkedInId,
  isOwnOrIgnored,
  isPublicMailDomain,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedInId,
} from '../identity';
import {
  detectedSendSchema,
  manualTouchSchema,
  newProspectSchema,
  type NewProspect,
  oneLine,
  outcomeInputSchema,
  type DetectedSend,
  type ManualTouch,
  type Outcome,
  type OutcomeInput,
  type Prospect,
  type Settings,
  type Touch,
  type UnconfirmedSend,
} from '../model';
import {
  learnOwnAddressesSchema,
  markUndeliverableSchema,
  type LearnOwnAddresses,
  type RecordSendResult,
} from '../messages';
import { findTouchByDedupeKey, getSettings, outcomesOf, touchesOf } from './queries';
import { SETTINGS_ROW_ID, type FifthTouchDb } from './schema';
import { sendId, touchesOfSend, type SendRef } from './sends';
import {
  commitWhenRequestsDone,
  parseInput,
  requireProspect,
  requireTrackedProspect,
  StoreError,
  writeTransaction,
  type WriteClock,
} from './transaction';
import { historyTables, inTimeOrder, recomputeAll, recomputeProspect, withPlan } from './recompute';
import { CADENCE_SETTING_KEYS, settingsPatchSchema, type SettingsPatch } from './settings-schema';

export type { NewProspect } from '../model';

export { StorageFullError, StoreError, writeTransaction, type WriteClock } from './transaction';
export { recomputeProspect, withPlan } from './recompute';

// ---- Sends ----

interface Identity {
  email: string | null;
  /** Every LinkedIn id the page saw for this person (member id and vanity id), normalised. */
  linkedinIds: string[];
  name?: string;
}

/** The prospect these identities belong to, given the identity it lacked; or a new one. */
async function findOrCreateProspect(
  db: FifthTouchDb,
  identity: Identity,
  now: number,
): Promise<{ prospect: Prospect; created: boolean }> {
  const [byEmail, holders] = await Promise.all([
    identity.email ? db.prospects.where('emails').equals(identity.email).first() : undefined,
    identity.linkedinIds.length
      ? db.prospects.where('linkedinIds').anyOf(identity.linkedinIds).toArray()
      : [],
  ]);
  const byLinkedIn = holders[0];
  const found = byEmail ?? byLinkedIn;

  if (found) {
    if (found.status === 'not-prospect') return { prospect: found, created: false };
    // An identity joins the prospect only when no other prospect holds it.
    const emails = identity.email && !byEmail ? [...found.emails, identity.email] : found.emails;
    const held = new Set(holders.flatMap((holder) => holder.linkedinIds));
    const joining = identity.linkedinIds.filter((id) => !held.has(id));
    const linkedinIds = joining.length ? [...found.linkedinIds, ...joining] : found.linkedinIds;
    if (emails !== found.emails || linkedinIds !== found.linkedinIds) {
      const linked = { ...found, emails, linkedinIds };
      await db.prospects.put(linked);
      return { prospect: linked, created: false };
    }
    return { prospect: found, created: false };
  }

  const domain = identity.email ? emailDomain(identity.email) : null;
  const prospect = newProspect({
    name:
      cleanDisplayName(identity.name) ||
      (identity.email ? guessNameFromEmail(identity.email) : '') ||
      (identity.linkedinIds[0] ? guessNameFromLinkedInId(identity.linkedinIds[0]) : '') ||
      identity.email ||
      identity.linkedinIds[0] ||
      '',
    company: domain ? guessCompanyFromDomain(domain) : '',
    emails: identity.email ? [identity.email] : [],
    linkedinIds: identity.linkedinIds,
    tags: [],
    createdAt: now,
  });
  await db.prospects.add(prospect);
  return { prospect, created: true };
}

/** A prospect with nothing logged yet; the engine fills its plan. */
export function newProspect(
  fields: Pick<Prospect, 'name' | 'company' | 'emails' | 'linkedinIds' | 'tags' | 'createdAt'>,
): Prospect {
  return {
    id: crypto.randomUUID(),
    ...fields,
    status: 'active',
    nextChannels: [],
    nextStep: 1,
    totalSteps: 0,
    reason: '',
    touchCount: 0,
    noCount: 0,
  };
}

/** At most this many unconfirmed sends wait for the rep; past it one more is refused (and counted). */
export const UNCONFIRMED_SENDS_MAX = 1_000;

/**
 * Stores a send a content script saw: one touch per recipient who is a prospect (creating the
 * prospect when new), never twice for the same send, then recomputes who is due. Bcc is never
 * tracked, Cc only when the user turned it on, and own or ignored addresses never.
 *
 * With `sendingUntil` each touch is stored as still *sending* (Gmail's undo window is open); the
 * same send without it settles them. With `overLimit` nothing becomes a touch: the send waits for
 * the rep as an UnconfirmedSend. A send recorded here supersedes an unconfirmed copy of itself.
 */
export async function recordSend(
  db: FifthTouchDb,
  input: DetectedSend,
  { now }: WriteClock,
  {
    settings: knownSettings,
    angleOf,
  }: {
    /** The settings, when the caller holds them already (the background caches them). */
    settings?: Settings;
    /** The angle a prospect's new touch takes (a draft the rep put into the composer), if any. */
    angleOf?: (prospectId: string) => string | undefined;
  } = {},
): Promise<RecordSendResult> {
  const send = parseInput(detectedSendSchema, input, 'send');
  if (send.overLimit) return holdUnconfirmedSend(db, send, send.overLimit, now);
  const at = send.scheduledFor ?? send.at;
  const today = localDayOf(now);

  return writeTransaction(db, async () => {
    // Asked beside the first look-up, not after the writes: a send seldom has an unconfirmed copy
    // to supersede, and deleting one that is not there would still tell every context it changed.
    const heldCopy = db.unconfirmedSends.get(sendId(send));
    const settings = knownSettings ?? (await getSettings(db));
    const result: RecordSendResult = { touches: [], skipped: 0 };
    const writes: Promise<unknown>[] = [];

    for (const recipient of send.recipients) {
      const role = recipient.role ?? 'to';
      const email = recipient.email ? normalizeEmail(recipient.email) : null;
      const linkedinIds = [
        ...new Set(
          [recipient.linkedinId, ...(recipient.otherLinkedinIds ?? [])]
            .map((raw) => (raw ? normalizeLinkedInId(raw) : null))
            .filter((id): id is string => !!id),
        ),
      ];
      if (
        role === 'bcc' ||
        (role === 'cc' && !settings.trackCc) ||
        (email && isOwnOrIgnored(email, settings)) ||
        (!email && !linkedinIds.length)
      ) {
        result.skipped += 1;
        continue;
      }

      const { prospect, created } = await findOrCreateProspect(
        db,
        { email, linkedinIds, name: recipient.name },
        now,
      );
      if (prospect.status === 'not-prospect') {
        result.skipped += 1;
        continue;
      }

      const dedupeKey = `${send.channel}:${send.sendKey}:${prospect.id}`;
      const touch: Touch = {
        id: crypto.randomUUID(),
        prospectId: prospect.id,
        channel: send.channel,
        direction: 'out',
        at,
        day: localDayOf(at),
        summary: oneLine(send.summary),
        source: 'detected',
        confirmed: send.confirmed,
        dedupeKey,
      };
      if (send.link !== undefined) touch.link = send.link;
      if (send.threadId !== undefined) touch.threadId = send.threadId;
      if (send.account !== undefined) touch.account = send.account;
      const angleId = angleOf?.(prospect.id);
      if (angleId) touch.angleId = angleId;
      if (send.sendingUntil !== undefined) {
        touch.sending = { until: send.sendingUntil, ...(created ? { newProspect: true } : {}) };
      }
      // The touch is added beside the history's reads (one round trip, not two): the unique
      // dedupeKey index refuses it when this send made it already, and only then is that one read
      // (a repeat, which nobody waits on, pays that round trip rather than every first report).
      const [added, history, outcomes] = await Promise.all([
        db.touches.add(touch).then(
          () => true,
          (error: unknown) => {
            if ((error as { name?: unknown } | null)?.name === 'ConstraintError') return false;
            throw error;
          },
        ),
        touchesOf(db, prospect.id),
        outcomesOf(db, prospect.id),
      ]);
      if (!added) {
        const existing = await findTouchByDedupeKey(db, dedupeKey);
        // Refused for another reason than this send's touch (its id, say): not a duplicate.
        if (!existing) throw new StoreError(`The touch of ${dedupeKey} could not be stored`);
        // The page saw the send first; the network confirming it later upgrades the same touch.
        const confirm = send.confirmed && !existing.confirmed;
        // The undo window ended (or its tab is gone): the touch stands. A settled touch is never
        // put back to sending: a late repeat of the hold changes nothing.
        const settle = existing.sending !== undefined && send.sendingUntil === undefined;
        if (confirm || settle) {
          const { sending: _sending, ...rest } = existing;
          await db.touches.put({
            ...(settle ? rest : existing),
            confirmed: existing.confirmed || send.confirmed,
          });
        }
        result.touches.push({ prospectId: prospect.id, touchId: existing.id, duplicate: true });
        continue;
      }

      // Whether the history was read before or after the add, it holds the new touch once.
      const touches = inTimeOrder(
        history.filter((earlier) => earlier.id !== touch.id),
        touch,
      );
      // Not awaited here: a later read in this transaction sees it (IndexedDB keeps the order).
      writes.push(db.prospects.put(withPlan(prospect, touches, outcomes, settings, today)));
      result.touches.push({ prospectId: prospect.id, touchId: touch.id, duplicate: false });
    }

    if (await heldCopy) writes.push(db.unconfirmedSends.delete(sendId(send)));
    // Nothing is read after the last writes, so the commit need not wait for their answers to
    // come back here first: none of them can fail alone (the prospects have no unique index, the
    // touches were added already), and a failed commit still rolls every write back.
    if (writes.length) commitWhenRequestsDone();
    await Promise.all(writes);
    return result;
  }, [...historyTables(db, knownSettings), db.unconfirmedSends]);
}

/**
 * Keeps a send that came past a rate limit for the rep to keep or discard: once per send, not when
 * it is a touch already, and not past UNCONFIRMED_SENDS_MAX (a flood is bounded, and counted).
 */
async function holdUnconfirmedSend(
  db: FifthTouchDb,
  send: DetectedSend,
  reason: NonNullable<DetectedSend['overLimit']>,
  now: number,
): Promise<RecordSendResult> {
  const id = sendId(send);
  return writeTransaction(db, async () => {
    const answer = (status: NonNullable<RecordSendResult['unconfirmed']>['status']) => ({
      touches: [],
      skipped: 0,
      unconfirmed: { id, status },
    });
    const [touched, known, held] = await Promise.all([
      db.touches.where('dedupeKey').startsWith(`${id}:`).first(),
      db.unconfirmedSends.get(id),
      db.unconfirmedSends.count(),
    ]);
    if (touched || known) return answer('known');
    if (held >= UNCONFIRMED_SENDS_MAX) return answer('full');
    const { overLimit: _overLimit, sendingUntil: _sendingUntil, ...kept } = send;
    const row: UnconfirmedSend = { id, send: kept, reason, receivedAt: now };
    await db.unconfirmedSends.add(row);
    return answer('held');
  }, [db.touches, db.unconfirmedSends]);
}

// ---- Sends in flight: the undo window's end, Keep and Discard, a send withdrawn ----

/**
 * The send stands (its undo window ended, or its tab is gone): each of its touches still sending
 * is settled. Nothing else changes; the cadence counted the touch already.
 */
export async function settleSend(db: FifthTouchDb, ref: SendRef): Promise<{ settled: number }> {
  return writeTransaction(db, async () => {
    const sending = (await touchesOfSend(db, ref)).filter((touch) => touch.sending);
    await db.touches.bulkPut(sending.map(({ sending: _sending, ...touch }) => touch));
    return { settled: sending.length };
  }, [db.touches]);
}

/**
 * The send was undone (or failed, or its compose was excluded) while its undo window was open:
 * each of its touches still sending goes, a prospect the send itself created goes with it when
 * nothing else is left of them, and the others are recomputed. A settled touch is never removed
 * here, so a late or repeated release cannot take back a send that stood.
 */
export async function releaseSend(
  db: FifthTouchDb,
  ref: SendRef,
  { now }: WriteClock,
): Promise<{ removedTouches: number; removedProspects: number }> {
  return writeTransaction(db, async () => {
    const sending = (await touchesOfSend(db, ref)).filter((touch) => touch.sending);
    if (sending.length === 0) return { removedTouches: 0, removedProspects: 0 };
    await db.touches.bulkDelete(sending.map((touch) => touch.id));
    const settings = await getSettings(db);
    let removedProspects = 0;
    for (const touch of sending) {
      const prospect = await db.prospects.get(touch.prospectId);
      if (!prospect) continue;
      if (touch.sending?.newProspect) {
        const [touches, outcomes] = await Promise.all([
          touchesOf(db, prospect.id),
          outcomesOf(db, prospect.id),
        ]);
        if (touches.length === 0 && outcomes.length === 0 && prospect.status !== 'not-prospect') {
          await db.prospects.delete(prospect.id);
          removedProspects += 1;
          continue;
        }
      }
      await recomputeProspect(db, prospect.id, localDayOf(now), settings);
    }
    return { removedTouches: sending.length, removedProspects };
  });
}

/** "Keep": the send becomes the touch it would have been, and leaves the unconfirmed list. */
export async function keepUnconfirmedSend(
  db: FifthTouchDb,
  id: string,
  clock: WriteClock,
): Promise<RecordSendResult> {
  return writeTransaction(db, async () => {
    const row = await db.unconfirmedSends.get(id);
    if (!row) throw new StoreError('That send was already kept or discarded.');
    // recordSend removes the unconfirmed row in the same transaction.
    return recordSend(db, row.send, clock);
  });
}

/** "Discard": the send is forgotten; nothing of it was ever a touch. */
export async function discardUnconfirmedSends(
  db: FifthTouchDb,
  ids: readonly string[],
): Promise<{ discarded: number }> {
  return writeTransaction(db, async () => {
    const known = (await db.unconfirmedSends.bulkGet([...ids])).filter(Boolean).length;
    await db.unconfirmedSends.bulkDelete([...ids]);
    return { discarded: known };
  }, [db.unconfirmedSends]);
}

/** How long after it was sent a detected send can still be withdrawn (Undo, a late event). */
export const WITHDRAW_WINDOW_MS = 2 * 60_000;

/**
 * Removes every touch a detected send left (one per prospect it reached), found by the send's
 * dedupe-key prefix, and recomputes those prospects: the send never went out (a Gmail scheduled
 * send cancelled back to a draft). Touches logged by hand are never removed; an unknown send
 * removes nothing.
 */
export async function deleteWithdrawnSend(
  db: FifthTouchDb,
  { channel, sendKey }: { channel: Touch['channel']; sendKey: string },
  { now }: WriteClock,
): Promise<{ removedTouches: number }> {
  if (!sendKey) throw new StoreError('A send key is needed to withdraw a send');
  const prefix = `${channel}:${sendKey}:`;
  return writeTransaction(db, async () => {
    // Only a send that has not gone out can be withdrawn: one scheduled for later, or one just
    // sent (Gmail's Undo lasts at most 30 s). An event naming an older send, forged or late,
    // removes nothing.
    const touches = (await db.touches.where('dedupeKey').startsWith(prefix).toArray()).filter(
      (touch) => touch.source === 'detected' && touch.at > now - WITHDRAW_WINDOW_MS,
    );
    // A copy held for the rep (it came past a rate limit) never went out either.
    await db.unconfirmedSends.delete(`${channel}:${sendKey}`);
    if (touches.length === 0) return { removedTouches: 0 };
    await db.touches.bulkDelete(touches.map((touch) => touch.id));
    const settings = await getSettings(db);
    for (const prospectId of new Set(touches.map((touch) => touch.prospectId))) {
      if (await db.prospects.get(prospectId)) {
        await recomputeProspect(db, prospectId, localDayOf(now), settings);
      }
    }
    return { removedTouches: touches.length };
  });
}

// ---- Logged by hand ----

/** Logs a reply, a "no", a win, a loss, a snooze, a pause or a resume, and recomputes the prospect. */
export async function logOutcome(
  db: FifthTouchDb,
  input: OutcomeInput,
  { now }: WriteClock,
): Promise<{ outcomeId: string }> {
  const parsed = parseInput(outcomeInputSchema, input, 'outcome');
  const at = parsed.at ?? now;
  const day = localDayOf(at);
  if (parsed.kind === 'snooze') {
    if (!parsed.until) throw new StoreError('A snooze needs an until day');
    if (!isLocalDay(parsed.until)) throw new StoreError(`Not a calendar day: ${parsed.until}`);
    if (parsed.until <= day) {
      throw new StoreError(
        `A snooze must end after the day it starts (${day}), not ${parsed.until}`,
      );
    }
  }

  return writeTransaction(db, async () => {
    await requireTrackedProspect(db, parsed.prospectId);
    const outcome: Outcome = {
      id: crypto.randomUUID(),
      prospectId: parsed.prospectId,
      kind: parsed.kind,
      at,
      day,
    };
    if (parsed.kind === 'snooze') outcome.until = parsed.until;
    if (parsed.note) outcome.note = parsed.note;
    await db.outcomes.add(outcome);
    await recomputeProspect(db, parsed.prospectId, localDayOf(now));
    return { outcomeId: outcome.id };
  });
}

/** Logs a touch the extension could not see (a call, a meeting, a tweet) and recomputes the prospect. */
export async function logManualTouch(
  db: FifthTouchDb,
  input: ManualTouch,
  { now }: WriteClock,
): Promise<{ touchId: string }> {
  const parsed = parseInput(manualTouchSchema, input, 'manual touch');
  // A clock a minute apart between contexts is fine; a touch that has not happened yet is not.
  if (parsed.at > now + 60_000) throw new StoreError('A touch cannot be in the future.');

  return writeTransaction(db, async () => {
    await requireTrackedProspect(db, parsed.prospectId);
    const touch: Touch = {
      id: crypto.randomUUID(),
      prospectId: parsed.prospectId,
      channel: parsed.channel,
      direction: 'out',
      at: parsed.at,
      day: localDayOf(parsed.at),
      summary: oneLine(parsed.summary),
      source: 'manual',
      confirmed: true,
      dedupeKey: `manual:${crypto.randomUUID()}`,
    };
    if (parsed.link !== undefined) touch.link = parsed.link;
    if (parsed.angleId !== undefined) touch.angleId = parsed.angleId;
    if (parsed.note) touch.note = parsed.note;
    await db.touches.add(touch);
    await recomputeProspect(db, parsed.prospectId, localDayOf(now));
    return { touchId: touch.id };
  });
}

/** Adds a prospect by hand ("track as prospect"); refuses identities that belong to someone already. */
export async function addProspect(
  db: FifthTouchDb,
  input: NewProspect,
  { now }: WriteClock,
): Promise<{ prospectId: string }> {
  const parsed = parseInput(newProspectSchema, input, 'prospect');
  const emails = [
    ...new Set(
      parsed.emails.map((raw) => {
        const email = normalizeEmail(raw);
        if (!email) throw new StoreError(`Not an email address: ${JSON.stringify(raw)}`);
        return email;
      }),
    ),
  ];
  const linkedinIds = [
    ...new Set(
      parsed.linkedinIds.map((raw) => {
        const id = normalizeLinkedInId(raw);
        if (!id) throw new StoreError(`Not a LinkedIn profile or id: ${JSON.stringify(raw)}`);
        return id;
      }),
    ),
  ];
  if (!emails.length && !linkedinIds.length) {
    throw new StoreError('A prospect needs an email address or a LinkedIn id');
  }

  return writeTransaction(db, async () => {
    const settings = await getSettings(db);
    for (const email of emails) {
      if (isOwnOrIgnored(email, settings)) {
        throw new StoreError(`${email} is one of your own or ignored addresses`);
      }
      const holder = await db.prospects.where('emails').equals(email).first();
      if (holder) throw new StoreError(`${email} already belongs to ${holder.name} (${holder.id})`);
    }
    for (const linkedinId of linkedinIds) {
      const holder = await db.prospects.where('linkedinIds').equals(linkedinId).first();
      if (holder) {
        throw new StoreError(`${linkedinId} already belongs to ${holder.name} (${holder.id})`);
      }
    }
    const firstEmail = emails[0];
    const domain = firstEmail ? emailDomain(firstEmail) : null;
    const prospect = newProspect({
      name:
        parsed.name ||
        (firstEmail ? guessNameFromEmail(firstEmail) : '') ||
        (linkedinIds[0] ? guessNameFromLinkedInId(linkedinIds[0]) : '') ||
        firstEmail ||
        linkedinIds[0]!,
      company: parsed.company || (domain ? guessCompanyFromDomain(domain) : ''),
      emails,
      linkedinIds,
      tags: [...new Set(parsed.tags.filter(Boolean))],
      createdAt: now,
    });
    await db.prospects.add(prospect);
    await recomputeProspect(db, prospect.id, localDayOf(now), settings);
    return { prospectId: prospect.id };
  });
}

/**
 * "Not a prospect": removes the person's touches, keeps them as not-a-prospect (so LinkedIn sends to
 * them stay ignored) and puts their addresses on the ignore list.
 */
export async function markNotAProspect(
  db: FifthTouchDb,
  prospectId: string,
  { now }: WriteClock,
): Promise<{ deletedTouches: number }> {
  return writeTransaction(db, async () => {
    const prospect = await requireProspect(db, prospectId);
    const settings = await getSettings(db);
    const touchIds = (await touchesOf(db, prospectId)).map((touch) => touch.id);
    await db.touches.bulkDelete(touchIds);
    await db.prospects.update(prospectId, { status: 'not-prospect' });

    const ignored = settings.ignoreList.map((entry) => normalizeEmail(entry) ?? entry);
    const ignoreList = [...new Set([...ignored, ...prospect.emails])];
    const nextSettings = { ...settings, ignoreList };
    await db.settings.put({ ...nextSettings, id: SETTINGS_ROW_ID });

    await recomputeProspect(db, prospectId, localDayOf(now), nextSettings);
    return { deletedTouches: touchIds.length };
  });
}

// ---- Settings ----

/**
 * Validates and saves a change to the settings; when it changes the cadence or its rules, every
 * prospect's due day is recomputed in the same transaction.
 */
export async function saveSettings(
  db: FifthTouchDb,
  patch: SettingsPatch,
  { now }: WriteClock,
): Promise<Settings> {
  const parsed = parseInput(settingsPatchSchema, patch, 'settings');

  return writeTransaction(db, async () => {
    const current = await getSettings(db);
    const next: Settings = { ...current };
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    await db.settings.put({ ...next, id: SETTINGS_ROW_ID });
    const cadenceChanged = CADENCE_SETTING_KEYS.some(
      (key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]),
    );
    if (cadenceChanged) await recomputeAll(db, localDayOf(now), next);
    return next;
  });
}

/**
 * Adds addresses the user sends from to their own addresses, and the company domain of each to
 * their own domains (a public mail domain never: gmail.com says nothing about a company). What is
 * already covered is left alone, so learning the same address again changes nothing. The result
 * goes through the same validation as saveSettings.
 */
export async function learnOwnAddresses(
  db: FifthTouchDb,
  input: LearnOwnAddresses,
  _clock: WriteClock,
  {
    maxNewDomains = Infinity,
    admit,
  }: {
    /** At most this many new domains (learnt domains are capped: lib/own-addresses.ts). */
    maxNewDomains?: number;
    /** Which of the addresses may be learnt, given those already known (the caller's cap). */
    admit?: (emails: readonly string[], known: ReadonlySet<string>) => readonly string[];
  } = {},
): Promise<{ addedAddresses: string[]; addedDomains: string[] }> {
  const parsed = parseInput(learnOwnAddressesSchema, input, 'own addresses');
  const learned = [...new Set(parsed.emails.map((raw) => normalizeEmail(raw)!))];

  return writeTransaction(db, async () => {
    const settings = await getSettings(db);
    const ownAddresses = new Set(settings.ownAddresses.map((own) => normalizeEmail(own) ?? own));
    const ownDomains = new Set(settings.ownDomains.map((own) => normalizeDomain(own) ?? own));
    const addedAddresses: string[] = [];
    const addedDomains: string[] = [];
    for (const email of admit ? admit(learned, new Set(ownAddresses)) : learned) {
      if (!ownAddresses.has(email)) {
        ownAddresses.add(email);
        addedAddresses.push(email);
      }
      const domain = emailDomain(email);
      const covered = [...ownDomains].some((own) => domain === own || domain?.endsWith(`.${own}`));
      if (
        domain &&
        !isPublicMailDomain(domain) &&
        !covered &&
        addedDomains.length < maxNewDomains
      ) {
        ownDomains.add(domain);
        addedDomains.push(domain);
      }
    }
    if (!addedAddresses.length && !addedDomains.length) return { addedAddresses, addedDomains };

    const patch = parseInput(
      settingsPatchSchema,
      { ownAddresses: [...ownAddresses], ownDomains: [...ownDomains] },
      'settings',
    );
    await db.settings.put({
      ...settings,
      ownAddresses: patch.ownAddresses ?? settings.ownAddresses,
      ownDomains: patch.ownDomains ?? settings.ownDomains,
      id: SETTINGS_ROW_ID,
    });
    return { addedAddresses, addedDomains };
  });
}

/**
 * The rep removed one of their own addresses: it leaves the settings, with the domains it taught
 * (`domains`), read and saved in one transaction so a change saved meanwhile is never undone.
 */
export async function forgetOwnAddress(
  db: FifthTouchDb,
  { email, domains }: { email: string; domains: readonly string[] },
  clock: WriteClock,
): Promise<{ changed: boolean }> {
  return writeTransaction(db, async () => {
    const settings = await getSettings(db);
    const taught = new Set(domains);
    const ownAddresses = settings.ownAddresses.filter((own) => normalizeEmail(own) !== email);
    const ownDomains = settings.ownDomains.filter((own) => !taught.has(own));
    const changed =
      ownAddresses.length !== settings.ownAddresses.length ||
      ownDomains.length !== settings.ownDomains.length;
    if (changed) await saveSettings(db, { ownAddresses, ownDomains }, clock);
    return { changed };
  });
}

// ---- Bounces ----

/**
 * A mail system said this prospect's address bounced: the address is flagged undeliverable (once)
 * on the prospect who holds it. It is not a reply, so the cadence and outcomes stay as they were.
 */
export async function markUndeliverable(
  db: FifthTouchDb,
  input: { email: string },
  _clock: WriteClock,
): Promise<{ prospectId: string; added: boolean }> {
  const parsed = parseInput(markUndeliverableSchema, input, 'undeliverable address');
  const email = normalizeEmail(parsed.email)!;

  return writeTransaction(db, async () => {
    const prospect = await db.prospects.where('emails').equals(email).first();
    if (!prospect) throw new StoreError(`No prospect has the address ${email}`);
    const undeliverable = prospect.undeliverable ?? [];
    if (undeliverable.includes(email)) return { prospectId: prospect.id, added: false };
    await db.prospects.update(prospect.id, { undeliverable: [...undeliverable, email] });
    return { prospectId: prospect.id, added: true };
  });
}

// ---- Undo ----

/** Undoes a logged outcome (the "undo" after marking replied, a "no"…). */
export async function deleteOutcome(
  db: FifthTouchDb,
  outcomeId: string,
  { now }: WriteClock,
): Promise<void> {
  await writeTransaction(db, async () => {
    const outcome = await db.outcomes.get(outcomeId);
    if (!outcome) throw new StoreError(`Unknown outcome ${outcomeId}`);
    await db.outcomes.delete(outcomeId);
    if (await db.prospects.get(outcome.prospectId)) {
      await recomputeProspect(db, outcome.prospectId, localDayOf(now));
    }
  });
}

/** Removes a touch (logged by mistake, or detected wrongly). */
export async function deleteTouch(
  db: FifthTouchDb,
  touchId: string,
  { now }: WriteClock,
): Promise<void> {
  await writeTransaction(db, async () => {
    const touch = await db.touches.get(touchId);
    if (!touch) throw new StoreError(`Unknown touch ${touchId}`);
    await db.touches.delete(touchId);
    if (await db.prospects.get(touch.prospectId)) {
      await recomputeProspect(db, touch.prospectId, localDayOf(now));
    }
  });
}
