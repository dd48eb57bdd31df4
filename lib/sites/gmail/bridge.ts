// What one Gmail sync request says about a send, as a metadata-only event: what the isolated
// content script makes of the page world's raw records (sync-events.ts) before the gate and the
// pairing see it. Each event is checked by a strict schema (lengths, address and id shapes, no
// message body under any name), so nothing a page made Gmail's requests carry goes further
// unchecked. As a JSON string (parseBridgeEvent) it is also what a test forges.
import * as v from 'valibot';
import { SYNC_ID_PATTERNS } from './selectors';
import type { DetectedSend } from '../../model';
import { toDetectedSend, type GmailContact } from './detected-send';
import type { ParsedSend } from './parse-sync';

/** As a JSON string, an event is at most this many characters. */
export const BRIDGE_MAX_CHARS = 32_768;
export const BRIDGE_VERSION = 1;

/** Keys that would mean a body is being passed: refused by name, whatever their value. */
const BODY_KEYS = ['body', 'html', 'text', 'snippet', 'content', 'contentHtml'];

const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const messageId = v.pipe(v.string(), v.regex(SYNC_ID_PATTERNS.message, 'a msg-a:/msg-f: id'));
const threadId = v.pipe(v.string(), v.regex(SYNC_ID_PATTERNS.thread, 'a thread-a:/thread-f: id'));
const legacyHex = v.pipe(v.string(), v.regex(SYNC_ID_PATTERNS.legacyHex, 'a legacy hex id'));

const bridgeRecipientSchema = v.strictObject({
  email: v.pipe(v.string(), v.maxLength(320), v.email()),
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  role: v.picklist(['to', 'cc', 'bcc']),
});

export const bridgeEventSchema = v.pipe(
  v.strictObject({
    version: v.literal(BRIDGE_VERSION),
    /**
     * 'failed': the request got a non-2xx status or a network error; nothing was sent.
     * 'undone': a later request put a message this page saw sent back to a draft (Undo send).
     */
    kind: v.picklist(['send', 'scheduled', 'failed', 'undone']),
    account: v.pipe(v.string(), v.regex(/^u\/\d{1,3}$/, 'an account path like u/1')),
    at: epochMs,
    messageId,
    threadId: v.optional(threadId),
    legacyThreadId: v.optional(legacyHex),
    legacyMessageId: v.optional(legacyHex),
    /** The sender's own address (From), so the isolated side learns the user's addresses. */
    from: v.optional(v.pipe(v.string(), v.maxLength(320), v.email())),
    recipients: v.pipe(v.array(bridgeRecipientSchema), v.maxLength(100)),
    subject: v.pipe(v.string(), v.maxLength(1000)),
    scheduledFor: v.optional(epochMs),
    /** The HTTP status of a failed request (0 for a network error). */
    status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999))),
  }),
  v.check(
    (event) => event.kind === 'failed' || event.kind === 'undone' || event.recipients.length > 0,
    'a send needs at least one recipient',
  ),
  v.check(
    (event) => event.kind === 'scheduled' || event.scheduledFor === undefined,
    'only a scheduled send has a scheduled time',
  ),
  // A failed or undone request names no sender: the From of a send is only ever learnt from one
  // that went out (and that the rep started).
  v.check(
    (event) => event.kind === 'send' || event.kind === 'scheduled' || event.from === undefined,
    'only a send has a sender',
  ),
);
export type BridgeEvent = v.InferOutput<typeof bridgeEventSchema>;

export type BridgeParseResult = { ok: true; event: BridgeEvent } | { ok: false; reason: string };

/** Validates an event's detail on the isolated side. Never throws. */
export function parseBridgeEvent(detail: unknown): BridgeParseResult {
  if (typeof detail !== 'string') return { ok: false, reason: 'detail is not a JSON string' };
  if (detail.length > BRIDGE_MAX_CHARS) {
    return { ok: false, reason: `detail is ${detail.length} characters, over ${BRIDGE_MAX_CHARS}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(detail);
  } catch {
    return { ok: false, reason: 'detail is not valid JSON' };
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const bodyKey = BODY_KEYS.find((key) => Object.hasOwn(data as object, key));
    if (bodyKey) return { ok: false, reason: `refused: carries "${bodyKey}", a message body` };
  }
  const result = v.safeParse(bridgeEventSchema, data);
  if (!result.success) {
    const reason = result.issues
      .slice(0, 3)
      .map((issue) => `${v.getDotPath(issue) ?? 'detail'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: `invalid event: ${reason}` };
  }
  return { ok: true, event: result.output };
}

/** The page side's serialiser: null (and nothing dispatched) if the event would be refused. */
export function encodeBridgeEvent(event: BridgeEvent): string | null {
  try {
    const detail = JSON.stringify(event);
    return parseBridgeEvent(detail).ok ? detail : null;
  } catch {
    return null;
  }
}

/** A parsed send as the event the page side dispatches once the response is 2xx. */
export function bridgeEventOfSend(
  send: ParsedSend,
  { account, at }: { account: string; at: number },
): BridgeEvent {
  const recipients = [
    ...send.to.map((c) => recipientOf(c, 'to')),
    ...send.cc.map((c) => recipientOf(c, 'cc')),
    ...send.bcc.map((c) => recipientOf(c, 'bcc')),
  ].slice(0, 100);
  return {
    version: BRIDGE_VERSION,
    kind: send.kind,
    account,
    at,
    messageId: send.messageId,
    ...(send.threadId ? { threadId: send.threadId } : {}),
    ...(send.legacyThreadId ? { legacyThreadId: send.legacyThreadId } : {}),
    ...(send.legacyMessageId ? { legacyMessageId: send.legacyMessageId } : {}),
    ...(send.from ? { from: send.from.email } : {}),
    recipients,
    subject: send.subject.slice(0, 1000),
    ...(send.kind === 'scheduled' && send.scheduledFor !== undefined
      ? { scheduledFor: send.scheduledFor }
      : {}),
  };
}

/**
 * The isolated side's DetectedSend of a send event, straight from the event (its recipients carry
 * their roles); null for a failed or undone request, which is no send. `at` defaults to the event's.
 */
export function detectedSendOfEvent(
  event: BridgeEvent,
  at: number = event.at,
): DetectedSend | null {
  if (event.kind !== 'send' && event.kind !== 'scheduled') return null;
  return toDetectedSend(event, { account: event.account, at, confirmed: true });
}

function recipientOf(contact: GmailContact, role: 'to' | 'cc' | 'bcc') {
  return { email: contact.email, role, ...(contact.name ? { name: contact.name } : {}) };
}
