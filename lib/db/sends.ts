// Reads of the sends that are not settled touches yet, by name: touches still *sending* (Gmail's
// undo window open in their tab), and sends that came past a rate limit waiting for the rep's Keep
// or Discard; and how the store names a send (its id, the ref a touch keeps of it). Each is an
// index read over the few rows in flight; the writes that settle, release, keep or discard a send
// are in writes.ts.
import type { DetectedSend, Touch, UnconfirmedSend } from '../model';
import type { FifthTouchDb } from './schema';

export interface SendRef {
  channel: DetectedSend['channel'];
  sendKey: string;
}

/** The id an UnconfirmedSend of this send has, and the prefix of every touch it left. */
export function sendId(send: Pick<DetectedSend, 'channel' | 'sendKey'>): string {
  return `${send.channel}:${send.sendKey}`;
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

/** Every touch a send left, settled or still sending (one per prospect it reached). */
export function touchesOfSend(db: FifthTouchDb, ref: SendRef): Promise<Touch[]> {
  return db.touches
    .where('dedupeKey')
    .startsWith(`${sendId(ref)}:`)
    .toArray();
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
