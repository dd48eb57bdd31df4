// Reads Gmail's `POST /sync/u/N/i/s` bodies into sends. Messages are found by their shape (an array
// starting with a `msg-a:`/`msg-f:` id and holding a label array), wherever they sit in the batch,
// so a reshuffled envelope still parses; anything not recognised gives [] rather than a guess.
// Never throws, never reads a message body, and stops after a fixed amount of work.
//
// Failure is the caller's part: only a 2xx response confirms a send. On a non-2xx status or a
// network error the page-world observer must not call matchSends; it reports kind 'failed'.
import type { GmailContact } from './detected-send';
import { normaliseGmailId } from './ids';
import {
  SYNC_CONTACT_INDEX,
  SYNC_ID_PATTERNS,
  SYNC_LABELS,
  SYNC_MESSAGE_INDEX,
  SYNC_THREAD_INDEX,
} from './selectors';
import { legacyHexOfThreadF } from './urls';

export type { GmailContact };

export type SendKind = 'send' | 'scheduled';

/** One message the user sent (or scheduled), as metadata only. */
export interface ParsedSend {
  kind: SendKind;
  /** `msg-a:r…`: the same id as the compose's draft input. */
  messageId: string;
  /** `thread-a:…` (a thread this client started) or `thread-f:…`. */
  threadId?: string;
  /** The 16-hex thread id URLs and the DOM use; from the response. */
  legacyThreadId?: string;
  legacyMessageId?: string;
  from?: GmailContact;
  to: GmailContact[];
  cc: GmailContact[];
  bcc: GmailContact[];
  subject: string;
  /** The message's own timestamp in the request (epoch ms). */
  sentAt?: number;
  /** For a scheduled send, when it will go out, if the payload says. */
  scheduledFor?: number;
  /** True once a response carrying this message was matched to it. */
  seenInResponse: boolean;
}

export type ResponseMessageKind = SendKind | 'draft' | 'other';

/** A message a sync response mentions: ids and what its labels say it is. */
export interface SyncResponseMessage {
  messageId: string;
  kind: ResponseMessageKind;
  threadId?: string;
  legacyThreadId?: string;
  legacyMessageId?: string;
}

export const SYNC_LIMITS = {
  /** Bodies larger than this are not parsed (real sends are a few KB to a few hundred KB). */
  maxBodyChars: 5_000_000,
  /** Nodes and children looked at per body. */
  maxWork: 1_000_000,
  maxDepth: 64,
  maxKeysPerObject: 5_000,
  maxSends: 100,
  maxRecipients: 100,
} as const;

const EPOCH_MIN = 946_684_800_000; // 2000-01-01
const EPOCH_MAX = 4_102_444_800_000; // 2100-01-01
const DAY_MS = 86_400_000;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,255}\.[^\s@<>()[\]\\,;:".]{2,63}$/;

interface ThreadContext {
  threadId?: string;
  legacyThreadId?: string;
}

interface FoundMessage {
  fields: unknown[];
  labels: string[];
  thread: ThreadContext;
}

export interface ParseSyncRequestOptions {
  /**
   * When the request was made (epoch ms): a scheduled send's time lies after it. Without it the
   * message's own timestamp stands in.
   */
  now?: number;
}

/** The sends and scheduled sends in a request; draft saves and updates give nothing. */
export function parseSyncRequest(
  body: unknown,
  { now }: ParseSyncRequestOptions = {},
): ParsedSend[] {
  try {
    const sends = new Map<string, ParsedSend>();
    for (const found of findMessages(body)) {
      const kind = kindOf(found.labels);
      if (kind !== 'send' && kind !== 'scheduled') continue;
      const send = toParsedSend(found, kind, now);
      if (!send) continue;
      // A batch can hold queued versions of one message; the last one is what went out.
      sends.set(send.messageId, send);
      if (sends.size >= SYNC_LIMITS.maxSends) break;
    }
    return [...sends.values()];
  } catch {
    return [];
  }
}

/** Every message a response mentions, with its thread ids. */
export function parseSyncResponse(body: unknown): SyncResponseMessage[] {
  try {
    const messages: SyncResponseMessage[] = [];
    for (const found of findMessages(body)) {
      const messageId = found.fields[SYNC_MESSAGE_INDEX.id] as string;
      const legacyMessageId = legacyHexAt(found.fields, SYNC_MESSAGE_INDEX.legacyMessageId);
      messages.push({
        messageId,
        kind: kindOf(found.labels),
        ...(found.thread.threadId ? { threadId: found.thread.threadId } : {}),
        ...(found.thread.legacyThreadId ? { legacyThreadId: found.thread.legacyThreadId } : {}),
        ...(legacyMessageId ? { legacyMessageId } : {}),
      });
    }
    return messages;
  } catch {
    return [];
  }
}

/**
 * Joins a request's sends with what the (2xx) response says about the same message ids: the
 * thread id Gmail settled on and the legacy ids links need. A send the response does not mention
 * keeps `seenInResponse: false`; the caller decides what that means.
 */
export function matchSends(
  request: readonly ParsedSend[],
  response: readonly SyncResponseMessage[],
): ParsedSend[] {
  const byId = new Map<string, SyncResponseMessage>();
  for (const message of response) {
    // A response lists a thread's older messages too; the entry for a send is the one to keep.
    const known = byId.get(message.messageId);
    if (!known || message.kind === 'send' || message.kind === 'scheduled') {
      byId.set(message.messageId, message);
    }
  }
  return request.map((send) => {
    const seen = byId.get(send.messageId);
    if (!seen) return { ...send, seenInResponse: false };
    const threadId = seen.threadId ?? send.threadId;
    const legacyThreadId = seen.legacyThreadId ?? send.legacyThreadId;
    const legacyMessageId = seen.legacyMessageId ?? send.legacyMessageId;
    return {
      ...send,
      ...(threadId ? { threadId } : {}),
      ...(legacyThreadId ? { legacyThreadId } : {}),
      ...(legacyMessageId ? { legacyMessageId } : {}),
      seenInResponse: true,
    };
  });
}

// ---- Finding messages by shape ----

function findMessages(body: unknown): FoundMessage[] {
  const root = toJson(body);
  if (root === undefined) return [];
  const found: FoundMessage[] = [];
  const stack: { node: unknown; depth: number; thread: ThreadContext }[] = [
    { node: root, depth: 0, thread: {} },
  ];
  // Work is counted per child looked at, so no shape of input costs more than the budget.
  let work = 0;
  while (stack.length > 0) {
    const { node, depth, thread } = stack.pop()!;
    if (++work > SYNC_LIMITS.maxWork) break;
    if (depth > SYNC_LIMITS.maxDepth) continue;
    const fields = positional(node);
    if (fields) {
      const labels = messageLabels(fields);
      if (labels) {
        // A message never holds another message; its body is not walked.
        found.push({ fields, labels, thread });
        continue;
      }
      const inner = threadContextOf(fields) ?? thread;
      work += fields.length;
      for (let index = fields.length - 1; index >= 0; index--) {
        const child = fields[index];
        if (child !== null && typeof child === 'object') {
          stack.push({ node: child, depth: depth + 1, thread: inner });
        }
      }
    } else if (node !== null && typeof node === 'object') {
      // An object with named keys: not positional, but messages may sit inside it.
      const values = Object.values(node).slice(0, SYNC_LIMITS.maxKeysPerObject);
      work += values.length;
      for (let index = values.length - 1; index >= 0; index--) {
        const child = values[index];
        if (child !== null && typeof child === 'object') {
          stack.push({ node: child, depth: depth + 1, thread });
        }
      }
    }
  }
  // The stack walks in document order, so batches keep their order.
  return found;
}

function toJson(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.length === 0 || body.length > SYNC_LIMITS.maxBodyChars) return undefined;
    // Some Gmail endpoints prefix JSON with an anti-XSSI line.
    const text = body.startsWith(")]}'") ? body.slice(body.indexOf('\n') + 1) : body;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return body !== null && typeof body === 'object' ? body : undefined;
}

/**
 * An array as is; an object whose keys are all positive integers (the 2018 protocol) as the same
 * array with key n at index n-1; anything else null.
 */
function positional(node: unknown): unknown[] | null {
  if (Array.isArray(node)) return node;
  if (node === null || typeof node !== 'object') return null;
  const keys = Object.keys(node);
  if (keys.length === 0 || keys.length > SYNC_LIMITS.maxKeysPerObject) return null;
  const fields: unknown[] = [];
  for (const key of keys) {
    if (!/^[1-9]\d{0,2}$/.test(key)) return null;
    fields[Number(key) - 1] = (node as Record<string, unknown>)[key];
  }
  return fields;
}

/** The labels of a message-shaped array, or null when the array is not a message. */
function messageLabels(fields: unknown[]): string[] | null {
  const id = fields[SYNC_MESSAGE_INDEX.id];
  if (typeof id !== 'string' || !SYNC_ID_PATTERNS.message.test(id)) return null;
  const atIndex = asLabels(fields[SYNC_MESSAGE_INDEX.labels]);
  if (atIndex) return atIndex;
  // The label list moved: take the first direct child that looks like one.
  for (let index = 1; index < Math.min(fields.length, 80); index++) {
    const labels = asLabels(fields[index]);
    if (labels) return labels;
  }
  return null;
}

function asLabels(value: unknown): string[] | null {
  const list = positional(value);
  if (!list || list.length === 0 || list.length > 200) return null;
  for (const item of list) {
    if (typeof item !== 'string' || !/^\^[a-z]/.test(item) || item.length > 100) return null;
  }
  return list as string[];
}

function kindOf(labels: readonly string[]): ResponseMessageKind {
  if (labels.includes(SYNC_LABELS.send)) return 'send';
  if (labels.includes(SYNC_LABELS.scheduled)) return 'scheduled';
  if (labels.includes(SYNC_LABELS.draft)) return 'draft';
  return 'other';
}

/** When an array names a thread among its direct children, its descendants belong to that thread. */
function threadContextOf(fields: unknown[]): ThreadContext | null {
  let threadId: string | undefined;
  for (let index = 0; index < Math.min(fields.length, 40); index++) {
    const child = fields[index];
    if (typeof child !== 'string') continue;
    const id = normaliseGmailId(child);
    if (id && id.startsWith('thread-')) {
      threadId = id;
      break;
    }
  }
  if (!threadId) return null;
  // A thread-f id is the legacy id in decimal; a thread-a id needs the response's hex.
  const legacyThreadId =
    legacyHexAt(fields, SYNC_THREAD_INDEX.legacyThreadId) ??
    legacyHexOfThreadF(threadId) ??
    onlyLegacyHexChild(fields);
  return { threadId, ...(legacyThreadId ? { legacyThreadId } : {}) };
}

function legacyHexAt(fields: unknown[], index: number): string | undefined {
  const value = fields[index];
  return typeof value === 'string' && SYNC_ID_PATTERNS.legacyHex.test(value) ? value : undefined;
}

function onlyLegacyHexChild(fields: unknown[]): string | undefined {
  const hex = fields.filter(
    (child): child is string => typeof child === 'string' && SYNC_ID_PATTERNS.legacyHex.test(child),
  );
  return hex.length === 1 ? hex[0] : undefined;
}

// ---- Reading one message's metadata ----

function toParsedSend(
  found: FoundMessage,
  kind: SendKind,
  now: number | undefined,
): ParsedSend | null {
  const { fields } = found;
  const messageId = fields[SYNC_MESSAGE_INDEX.id] as string;
  const to = contactsAt(fields, SYNC_MESSAGE_INDEX.to);
  const cc = contactsAt(fields, SYNC_MESSAGE_INDEX.cc);
  const bcc = contactsAt(fields, SYNC_MESSAGE_INDEX.bcc);
  if (to.length + cc.length + bcc.length === 0) return null;
  const from = contactOf(fields[SYNC_MESSAGE_INDEX.from]);
  const subjectValue = fields[SYNC_MESSAGE_INDEX.subject];
  const subject = typeof subjectValue === 'string' ? subjectValue.slice(0, 1000) : '';
  const sentAt = epochOf(fields[SYNC_MESSAGE_INDEX.timestamp]);
  const scheduledFor = kind === 'scheduled' ? scheduledTimeOf(fields, now ?? sentAt) : undefined;
  const legacyMessageId = legacyHexAt(fields, SYNC_MESSAGE_INDEX.legacyMessageId);
  return {
    kind,
    messageId,
    ...(found.thread.threadId ? { threadId: found.thread.threadId } : {}),
    ...(found.thread.legacyThreadId ? { legacyThreadId: found.thread.legacyThreadId } : {}),
    ...(legacyMessageId ? { legacyMessageId } : {}),
    ...(from ? { from } : {}),
    to,
    cc,
    bcc,
    subject,
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(scheduledFor !== undefined ? { scheduledFor } : {}),
    seenInResponse: false,
  };
}

function contactsAt(fields: unknown[], index: number): GmailContact[] {
  const list = positional(fields[index]);
  if (!list) return [];
  const contacts: GmailContact[] = [];
  const seen = new Set<string>();
  for (const entry of list.slice(0, SYNC_LIMITS.maxRecipients)) {
    const contact = contactOf(entry);
    if (contact && !seen.has(contact.email)) {
      seen.add(contact.email);
      contacts.push(contact);
    }
  }
  return contacts;
}

function contactOf(value: unknown): GmailContact | null {
  const fields = positional(value);
  if (!fields) return null;
  const rawEmail = fields[SYNC_CONTACT_INDEX.email];
  if (typeof rawEmail !== 'string') return null;
  const email = rawEmail.trim().toLowerCase();
  if (email.length > 320 || !EMAIL.test(email)) return null;
  const rawName = fields[SYNC_CONTACT_INDEX.name];
  const name = typeof rawName === 'string' ? rawName.trim().slice(0, 200) : '';
  return name && name.toLowerCase() !== email ? { email, name } : { email };
}

function epochOf(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{12,13}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(number) && number >= EPOCH_MIN && number <= EPOCH_MAX
    ? number
    : undefined;
}

/**
 * Where a scheduled send keeps its time. What is known (2026-11): gmail.js (b7dfdab,
 * `send_scheduled_message`) and InboxSDK (PR #1244, its `SCHEDULE` compose action) recognise a
 * scheduled send only by the `^scheduled` label and read no time from the request; Gmail's
 * Android client (a public smali dump of its sync code) sets `^scheduled` instead of `^pfg` and
 * leaves out `^i`/`^u`. No public source or capture names the field that holds the time, so it is
 * read where a message's own dates live: the two date fields every captured send carries
 * (SYNC_MESSAGE_INDEX.timestamp and .timestampAgain, both the send time on an immediate send),
 * then, as the fallback, any epoch-ms value among the message's fields (one level deep, never
 * the body). A time counts only when it lies after `reference` (the request's time) by more than
 * a minute and within a year; otherwise the send has no known time and its touch is at `at`.
 */
function scheduledTimeOf(fields: unknown[], reference: number | undefined): number | undefined {
  if (reference === undefined) return undefined;
  const isFuture = (value: unknown): number | undefined => {
    const time = epochOf(value);
    return time !== undefined && time > reference + 60_000 && time <= reference + 366 * DAY_MS
      ? time
      : undefined;
  };
  for (const index of SYNC_MESSAGE_INDEX.dates) {
    const time = isFuture(fields[index]);
    if (time !== undefined) return time;
  }
  for (let index = 0; index < Math.min(fields.length, 120); index++) {
    if (index === SYNC_MESSAGE_INDEX.body) continue;
    const direct = isFuture(fields[index]);
    if (direct !== undefined) return direct;
    const nested = positional(fields[index]);
    if (nested && index !== SYNC_MESSAGE_INDEX.labels) {
      for (const value of nested.slice(0, 20)) {
        const time = isFuture(value);
        if (time !== undefined) return time;
      }
    }
  }
  return undefined;
}
