// Sends that are not settled touches yet, by name: touches still *sending* (Gmail's undo window
// open in their tab), and sends that came past a rate limit waiting for the rep's Keep or Discard.
// Each write is one transaction; each read is an index read over the few rows in flight.
import { localDayOf } from '../cadence/days';
import type { Channel, DetectedSend, Touch, UnconfirmedSend } from '../model';
import type { RecordSendResult } from '../messages';
import { getSettings, outcomesOf, touchesOf } from './queries';
import type { FifthTouchDb } from './schema';
import {
  recomputeProspect,
  recordSend,
  sendId,
  StoreError,
  writeTransaction,
  type WriteClock,
} from './writes';

export interface SendRef {
  channel: DetectedSend['channel'];
  sendKey: string;
}

/** The send a detected touch came from: its dedupe key is `${channel}:${sendKey}:${prospectId}`. */
export function sendRefOf(
  touch: Pick<Touch, 'channel' | 'dedupeKey' | 'prospectId'>,
): SendRef | null {
  if (touch.channel !== 'email' && touch.channel !== 'linkedin') return null;
  const head = `${touch.channel}:`;
  const tail = `:${touch.prospectId}`;
  const { dedupeKey } = touch;
  if (!dedupeKey.startsWith(head) || !dedupeKey.endsWith(tail)) return null;
  const sendKey = dedupeKey.slice(head.length, dedupeKey.length - tail.length);
  return sendKey ? { channel: touch.channel, sendKey } : null;
}

// ---- Sending ----

/** Every touch still sending, the one whose window ends first first. */
export function sendingTouches(db: FifthTouchDb): Promise<Touch[]> {
  return db.touches.orderBy('sending.until').toArray();
}

/** How many touches are still sending (the badge's title says so). */
export function countSending(db: FifthTouchDb): Promise<number> {
  return db.touches.orderBy('sending.until').count();
}

/** When the first undo window still open ends, or undefined when nothing is sending. */
export async function firstSendingUntil(db: FifthTouchDb): Promise<number | undefined> {
  return (await db.touches.orderBy('sending.until').first())?.sending?.until;
}

/** One send in its undo window, as the side panel lists it: to whom, what, until when. */
export interface SendInFlight extends SendRef {
  summary: string;
  at: number;
  until: number;
  prospects: { id: string; name: string }[];
}

/** The sends still in their undo window, each once with the prospects it reached. */
export async function listSendsInFlight(db: FifthTouchDb): Promise<SendInFlight[]> {
  const touches = await sendingTouches(db);
  const names = new Map(
    (await db.prospects.bulkGet([...new Set(touches.map((touch) => touch.prospectId))]))
      .filter((prospect) => prospect !== undefined)
      .map((prospect) => [prospect.id, prospect.name]),
  );
  const sends = new Map<string, SendInFlight>();
  for (const touch of touches) {
    const ref = sendRefOf(touch);
    if (!ref) continue;
    const key = sendId(ref);
    const send = sends.get(key) ?? {
      ...ref,
      summary: touch.summary,
      at: touch.at,
      until: touch.sending?.until ?? touch.at,
      prospects: [],
    };
    send.prospects.push({ id: touch.prospectId, name: names.get(touch.prospectId) ?? '' });
    sends.set(key, send);
  }
  return [...sends.values()];
}

function touchesOfSend(db: FifthTouchDb, ref: SendRef): Promise<Touch[]> {
  return db.touches
    .where('dedupeKey')
    .startsWith(`${sendId(ref)}:`)
    .toArray();
}

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

// ---- Unconfirmed ----

/** The sends waiting for the rep's Keep or Discard, oldest first. */
export function listUnconfirmedSends(
  db: FifthTouchDb,
  { limit = 200 }: { limit?: number } = {},
): Promise<UnconfirmedSend[]> {
  return db.unconfirmedSends.orderBy('receivedAt').limit(limit).toArray();
}

export function countUnconfirmedSends(db: FifthTouchDb): Promise<number> {
  return db.unconfirmedSends.count();
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

/** Which site a channel's sends come from, for diagnostics. */
export function siteOf(channel: Channel): 'gmail' | 'linkedin' {
  return channel === 'linkedin' ? 'linkedin' : 'gmail';
}
