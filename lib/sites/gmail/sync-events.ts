// What one finished Gmail sync request says, on the isolated side. The page-world observer
// (sync-observer.ts) hands over the raw request and response of each sync POST that may matter;
// they are parsed here, in the content script's own world, with its own JSON and regular
// expressions: a page script can replace any builtin of the page world, none of this one's. The
// record itself came from the page, so it is checked whole first; what it gives are bridge events
// (bridge.ts), which go through the same validation, gate and pairing as before.
import * as v from 'valibot';
import { BRIDGE_VERSION, bridgeEventOfSend, bridgeEventSchema, type BridgeEvent } from './bridge';
import { matchSends, parseSyncRequest, parseSyncResponse } from './parse-sync';
import { SYNC, SYNC_LABELS } from './selectors';

/** A sync body longer than this is not one of Gmail's sends (the largest captures are ~10 KB). */
export const SYNC_RECORD_MAX_CHARS = 4_000_000;

/** One sync request as the page world saw it finish: 2xx, any other status, or 0 (network error). */
export const syncRecordSchema = v.strictObject({
  account: v.pipe(v.string(), v.regex(/^u\/\d{1,3}$/, 'an account path like u/1')),
  status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
  request: v.pipe(v.string(), v.maxLength(SYNC_RECORD_MAX_CHARS)),
  response: v.optional(v.pipe(v.string(), v.maxLength(SYNC_RECORD_MAX_CHARS))),
});
export type SyncRecord = v.InferOutput<typeof syncRecordSchema>;

export type SyncRecordParse = { ok: true; record: SyncRecord } | { ok: false; reason: string };

/** Checks what the page world handed over. Never throws. */
export function parseSyncRecord(detail: unknown): SyncRecordParse {
  try {
    const result = v.safeParse(syncRecordSchema, detail);
    if (result.success) return { ok: true, record: result.output };
    const issue = result.issues[0];
    return {
      ok: false,
      reason: `invalid sync record: ${issue ? `${v.getDotPath(issue) ?? 'record'}: ${issue.message}` : 'unknown'}`,
    };
  } catch {
    return { ok: false, reason: 'invalid sync record' };
  }
}

/** `/sync/u/1/i/s?…` → 'u/1' (the path as matched from its first character); null otherwise. */
export function syncAccountOfPath(path: string): string | null {
  const match = SYNC.sendPath.exec(path);
  if (!match || match.index !== 0) return null;
  return `u/${match[1] ? Number(match[1]) : 0}`;
}

/**
 * `POST /sync/u/1/i/s` on mail.google.com over https → 'u/1'; null for any other request. The URL
 * is resolved against Gmail's own origin and matched whole (see lib/page-world/request-url.ts).
 */
export function syncAccountOf(method: unknown, url: unknown): string | null {
  const text = typeof url === 'string' ? url : url instanceof URL ? url.href : null;
  if (text === null || typeof method !== 'string' || method.toUpperCase() !== 'POST') return null;
  try {
    const resolved = new URL(text, `https://${SYNC.host}/`);
    if (resolved.protocol !== 'https:' || resolved.host !== SYNC.host) return null;
    return syncAccountOfPath(resolved.pathname + resolved.search);
  } catch {
    return null;
  }
}

/** How many sent message ids are remembered to recognise an undo (a send put back to draft). */
export const RECENT_SENDS = 200;

/** Pure: the bridge events one finished sync request gives, each valid. Never throws. */
export function eventsOfSync(
  request: { account: string; body: unknown },
  response: { status: number; body: unknown },
  at: number,
  recentSends?: Set<string>,
): BridgeEvent[] {
  try {
    const sends = parseSyncRequest(request.body, { now: at });
    const events: BridgeEvent[] = [];
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) {
      for (const send of sends) {
        events.push({
          version: BRIDGE_VERSION,
          kind: 'failed',
          account: request.account,
          at,
          messageId: send.messageId,
          recipients: [],
          subject: '',
          status: response.status,
        });
      }
      return valid(events);
    }
    const matched = matchSends(sends, parseSyncResponse(response.body));
    for (const send of matched) {
      events.push(bridgeEventOfSend(send, { account: request.account, at }));
      recentSends?.add(send.messageId);
    }
    const sentNow = new Set(matched.map((send) => send.messageId));
    for (const messageId of backToDraft(request.body, response.body, recentSends)) {
      if (sentNow.has(messageId)) continue;
      recentSends?.delete(messageId);
      events.push({
        version: BRIDGE_VERSION,
        kind: 'undone',
        account: request.account,
        at,
        messageId,
        recipients: [],
        subject: '',
      });
    }
    if (recentSends) {
      while (recentSends.size > RECENT_SENDS) {
        const oldest = recentSends.values().next().value;
        if (oldest === undefined) break;
        recentSends.delete(oldest);
      }
    }
    return valid(events);
  } catch {
    return [];
  }
}

/** Only events the bridge contract accepts leave here (lengths, addresses, id shapes). */
function valid(events: BridgeEvent[]): BridgeEvent[] {
  const accepted: BridgeEvent[] = [];
  for (const event of events) {
    const result = v.safeParse(bridgeEventSchema, event);
    if (result.success) accepted.push(result.output);
  }
  return accepted;
}

/**
 * The messages a (2xx) request put back to a draft: a send taken back by Gmail's Undo, or a
 * scheduled send cancelled from the Scheduled folder ("Cancel send" turns it back into a draft;
 * Gmail's Android client does the same by swapping `^scheduled` for `^r`). Two signs, by shape:
 * a message this page saw sent or scheduled comes back with the draft label `^r`; or, in any page
 * life, a request that names `^scheduled` carries a message (or gets one back in its response)
 * as a draft. A wrong guess costs nothing: withdrawing a send no touch was recorded for removes
 * nothing.
 */
function backToDraft(
  requestBody: unknown,
  responseBody: unknown,
  recentSends: ReadonlySet<string> | undefined,
): string[] {
  const ids = new Set<string>();
  const namesScheduled =
    typeof requestBody === 'string' && requestBody.includes(SYNC_LABELS.scheduled);
  if (!namesScheduled && (!recentSends || recentSends.size === 0)) return [];
  for (const message of parseSyncResponse(requestBody)) {
    if (message.kind !== 'draft') continue;
    if (namesScheduled || recentSends?.has(message.messageId)) ids.add(message.messageId);
  }
  if (namesScheduled && typeof requestBody === 'string') {
    // The cancel may name the message only by id (a label change); the response shows it whole.
    for (const message of parseSyncResponse(responseBody)) {
      if (message.kind === 'draft' && requestBody.includes(message.messageId)) {
        ids.add(message.messageId);
      }
    }
  }
  return [...ids];
}

/** Message ids as they appear anywhere in a sync body (for the undo check). */
export const MESSAGE_ID_IN_TEXT = /msg-[af]:[\w-]{1,64}/g;

/**
 * The cheap gate before any parse: a request body can only give an event when it carries a send
 * label (`^pfg`, `^scheduled`) or, once this page saw sends, one of their ids (an Undo puts the
 * message back as a draft). A plain draft save, most sync traffic, costs a few substring searches.
 * The page world runs the same test with captured functions (sync-observer.ts).
 */
export function syncMayMatter(body: unknown, recentSends: ReadonlySet<string>): boolean {
  if (typeof body !== 'string') return false;
  if (body.includes(SYNC_LABELS.send) || body.includes(SYNC_LABELS.scheduled)) return true;
  if (recentSends.size === 0 || !body.includes('msg-')) return false;
  for (const match of body.matchAll(MESSAGE_ID_IN_TEXT)) if (recentSends.has(match[0])) return true;
  return false;
}
