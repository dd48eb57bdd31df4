// LinkedIn's messaging and invitation API, read for metadata only: who, which conversation, which
// message, whether an invitation had a note. Message text and note text are never read into any
// output; the walker skips the keys that hold them. Shapes are found by URN pattern, not by fixed
// paths, so a moved field still parses; anything unclear returns null instead of a guess.
// Every function here is total: no input makes it throw, and work is bounded by size and node count.
import * as v from 'valibot';
import { isMemberId, normalizeLinkedInId } from '../../identity';
import { detectedSendSchema, type DetectedSend, type Recipient } from '../../model';
import { ENDPOINTS } from './selectors';
import { conversationLink, isConversationId, profileLink } from './urls';

/** A createMessage request, as metadata. */
export interface CreateMessageRequest {
  kind: 'message';
  /** The `2-…` conversation id when the send goes to an existing conversation. */
  conversationId?: string;
  /** Member ids (`ACoAA…`) addressed by a new conversation (`hostRecipientUrns`). */
  recipientMemberIds: string[];
  /** The sender's own member id (`mailboxUrn`). */
  mailboxMemberId?: string;
  /** The client's per-send token, the same on a retry of the same send. */
  originToken?: string;
}

/** What a 2xx createMessage response says about the send. */
export interface CreateMessageResult {
  /** The `2-…` message id. */
  messageId?: string;
  /** The `2-…` conversation id, the one in `/messaging/thread/<id>/`. */
  conversationId?: string;
  mailboxMemberId?: string;
  /** Epoch milliseconds. */
  deliveredAt?: number;
}

/** A connection invitation request, as metadata. */
export interface InvitationRequest {
  kind: 'invitation';
  /** Member id (`ACoAA…`) or, for the legacy endpoint, possibly a vanity id. */
  inviteeId: string;
  /**
   * Other ids the request gives for the same person (a 2026 SDUI invitation names the numeric
   * `member:<n>` and the vanity of the profile's URL beside the member id).
   */
  otherInviteeIds?: string[];
  /** True when the invitation carries a note; the note itself is never read out. */
  hasNote: boolean;
}

/** One send, request and response merged, ready to become a touch. */
export type LinkedInSend =
  (CreateMessageRequest & { messageId?: string; deliveredAt?: number }) | InvitationRequest;

// ---- Bounded JSON walking ----

/** Bodies above this are not LinkedIn sends (a message is at most 8,000 characters). */
export const MAX_BODY_CHARS = 256 * 1024;
const MAX_NODES = 4000;
const MAX_DEPTH = 12;

// Keys whose values are what someone wrote; never descended into.
const TEXT_KEYS = new Set([
  'body',
  'text',
  'attributedbody',
  'attributes',
  'subject',
  'custommessage',
  'rendercontentunions',
  'rendercontent',
  'rendercontentfallbacktext',
  'note',
]);

/** A key holding what someone wrote (a `message` string is the legacy invitation note). */
function isTextKey(key: string): boolean {
  const lower = key.toLowerCase();
  return TEXT_KEYS.has(lower) || lower === 'message';
}

type Visit = (key: string, value: unknown, depth: number) => void;

/** The JSON value of a body (a string or an already-parsed object), or undefined. */
function jsonOf(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.length === 0 || body.length > MAX_BODY_CHARS) return undefined;
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (body !== null && typeof body === 'object' && !ArrayBuffer.isView(body)) {
    const proto = Object.getPrototypeOf(body) as unknown;
    if (proto === Object.prototype || proto === null || Array.isArray(body)) return body;
  }
  return undefined;
}

/** Breadth-first, so the shallowest match (the send itself, not something it mentions) comes first. */
function walk(root: unknown, visit: Visit): void {
  const queue: { key: string; value: unknown; depth: number }[] = [
    { key: '', value: root, depth: 0 },
  ];
  let seen = 0;
  for (let i = 0; i < queue.length && seen < MAX_NODES; i++) {
    const { key, value, depth } = queue[i]!;
    seen++;
    visit(key, value, depth);
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') continue;
    if (TEXT_KEYS.has(key.toLowerCase())) continue;
    if (Array.isArray(value)) {
      for (let j = 0; j < value.length && queue.length < MAX_NODES; j++) {
        // Array items inherit their array's key, so `hostRecipientUrns: [urn]` reads as that key.
        queue.push({ key, value: value[j], depth: depth + 1 });
      }
    } else {
      for (const childKey of Object.keys(value)) {
        if (queue.length >= MAX_NODES) break;
        let child: unknown;
        try {
          child = (value as Record<string, unknown>)[childKey];
        } catch {
          continue;
        }
        queue.push({ key: childKey, value: child, depth: depth + 1 });
      }
    }
  }
}

// ---- URN patterns ----

const ID = '2-[A-Za-z0-9+/_-]{4,300}={0,2}';
const MEMBER = 'ACoA[A-Za-z0-9_-]{10,200}';
const CONVERSATION_URN = new RegExp(
  `^urn:li:msg_conversation:\\(urn:li:fsd_profile:(${MEMBER}),(${ID})\\)$`,
);
const THREAD_URN = new RegExp(`^urn:li:messagingThread:(${ID})$`);
const MESSAGE_URN = new RegExp(`^urn:li:msg_message:\\(urn:li:fsd_profile:(${MEMBER}),(${ID})\\)$`);
const BACKEND_MESSAGE_URN = new RegExp(`^urn:li:messagingMessage:(${ID})$`);
const PROFILE_URN = new RegExp(`^urn:li:(?:fsd_profile|fs_miniProfile|fs_profile):(${MEMBER})$`);

const SELF_KEYS = /mailbox|sender|actor|viewer|inviter|self|author|from/i;
const UUID_TAIL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_\d{1,4}$/i;

function memberFromProfileUrn(value: string): string | undefined {
  const match = PROFILE_URN.exec(value);
  return match && isMemberId(match[1]!) ? match[1] : undefined;
}

/**
 * The conversation a message id belongs to. A message id is `2-` + base64 of
 * `<time><hash>-<n>&<conversation uuid>_<suffix>`, and the conversation id is `2-` + base64 of the
 * part after `&` (seen on every message of a real thread capture and on live thread URLs).
 * Null when the id does not have that shape.
 */
export function conversationIdFromMessageId(messageId: string): string | null {
  if (typeof messageId !== 'string' || !messageId.startsWith('2-') || messageId.length > 400) {
    return null;
  }
  try {
    const decoded = atob(messageId.slice(2).replace(/-/g, '+').replace(/_/g, '/'));
    const amp = decoded.lastIndexOf('&');
    if (amp < 0) return null;
    const tail = decoded.slice(amp + 1);
    if (!UUID_TAIL.test(tail)) return null;
    const id = `2-${btoa(tail)}`;
    return isConversationId(id) ? id : null;
  } catch {
    return null;
  }
}

function matchesEndpoint(url: unknown, pattern: RegExp): boolean {
  return typeof url === 'string' && url.length <= 4096 && pattern.test(url);
}

// ---- Requests and responses ----

/**
 * A `voyagerMessagingDashMessengerMessages?action=createMessage` request: the existing
 * conversation (`message.conversationUrn`) or the recipients of a new one (`hostRecipientUrns`).
 * Null for any other URL or a body that names neither.
 */
export function parseCreateMessageRequest(
  url: unknown,
  body: unknown,
): CreateMessageRequest | null {
  try {
    if (!matchesEndpoint(url, ENDPOINTS.createMessage.pattern)) return null;
    const json = jsonOf(body);
    if (json === null || typeof json !== 'object') return null;

    let conversationId: string | undefined;
    let mailboxMemberId: string | undefined;
    let originToken: string | undefined;
    const recipients = new Set<string>();
    walk(json, (key, value) => {
      if (typeof value !== 'string' || value.length > 500 || isTextKey(key)) return;
      const conversation = CONVERSATION_URN.exec(value) ?? THREAD_URN.exec(value);
      if (conversation) {
        conversationId ??= conversation[2] ?? conversation[1];
        if (conversation[2]) mailboxMemberId ??= conversation[1];
        return;
      }
      if (key === 'conversationId' && isConversationId(value)) {
        conversationId ??= value;
        return;
      }
      if (key === 'originToken' && /^[A-Za-z0-9-]{8,100}$/.test(value)) {
        originToken ??= value;
        return;
      }
      const member =
        memberFromProfileUrn(value) ??
        (/recipient/i.test(key) && isMemberId(value) ? value : undefined);
      if (!member) return;
      if (SELF_KEYS.test(key)) mailboxMemberId ??= member;
      else if (recipients.size < 100) recipients.add(member);
    });
    if (mailboxMemberId) recipients.delete(mailboxMemberId);
    if (!conversationId && recipients.size === 0) return null;
    return {
      kind: 'message',
      ...(conversationId ? { conversationId } : {}),
      recipientMemberIds: [...recipients],
      ...(mailboxMemberId ? { mailboxMemberId } : {}),
      ...(originToken ? { originToken } : {}),
    };
  } catch {
    return null;
  }
}

/** A Rest.li error body (`{status: 429, code: …}`): what LinkedIn answers when it refused a send. */
export function isErrorBody(body: unknown): boolean {
  const json = jsonOf(body);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  const status = record.status;
  return (
    (typeof status === 'number' && status >= 400) ||
    typeof record.exceptionClass === 'string' ||
    typeof record.serviceErrorCode === 'number'
  );
}

/** Only a 2xx confirms a send; a 429 (rate limit) or any other status means nothing was sent. */
export function isConfirmedStatus(status: unknown): boolean {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status < 300;
}

/**
 * The ids in a createMessage response: the message (`entityUrn` / `backendUrn`) and its
 * conversation (`conversationUrn` / `backendConversationUrn`, or derived from the message id).
 * Null for an error body or one with neither id.
 */
export function parseCreateMessageResponse(body: unknown): CreateMessageResult | null {
  try {
    const json = jsonOf(body);
    if (json === null || typeof json !== 'object' || isErrorBody(json)) return null;
    let messageId: string | undefined;
    let conversationId: string | undefined;
    let mailboxMemberId: string | undefined;
    let deliveredAt: number | undefined;
    walk(json, (key, value) => {
      if (key === 'deliveredAt' && typeof value === 'number') {
        if (Number.isInteger(value) && value > 1e12 && value < 1e13) deliveredAt ??= value;
        return;
      }
      if (typeof value !== 'string' || value.length > 500 || isTextKey(key)) return;
      const message = MESSAGE_URN.exec(value);
      if (message) {
        messageId ??= message[2];
        mailboxMemberId ??= message[1];
        return;
      }
      const backendMessage = BACKEND_MESSAGE_URN.exec(value);
      if (backendMessage) {
        messageId ??= backendMessage[1];
        return;
      }
      const conversation = CONVERSATION_URN.exec(value);
      if (conversation) {
        conversationId ??= conversation[2];
        mailboxMemberId ??= conversation[1];
        return;
      }
      const thread = THREAD_URN.exec(value);
      if (thread) conversationId ??= thread[1];
    });
    if (!conversationId && messageId)
      conversationId = conversationIdFromMessageId(messageId) ?? undefined;
    if (!messageId && !conversationId) return null;
    return {
      ...(messageId ? { messageId } : {}),
      ...(conversationId ? { conversationId } : {}),
      ...(mailboxMemberId ? { mailboxMemberId } : {}),
      ...(deliveredAt ? { deliveredAt } : {}),
    };
  } catch {
    return null;
  }
}

const NOTE_KEYS = new Set(['custommessage', 'message', 'note']);
const INVITEE_KEYS = /invitee|memberprofile|profileurn|profileid|recipient/i;

/**
 * A connection invitation (`voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreate`
 * with or without `V2`, or the legacy `growth/normInvitations`): who is invited and whether the
 * invitation has a note. Null for any other URL or a body that names nobody.
 */
export function parseInvitationRequest(url: unknown, body: unknown): InvitationRequest | null {
  try {
    if (
      !matchesEndpoint(url, ENDPOINTS.invitation.pattern) &&
      !matchesEndpoint(url, ENDPOINTS.invitationLegacy.pattern)
    ) {
      return null;
    }
    const json = jsonOf(body);
    if (json === null || typeof json !== 'object') return null;
    let inviteeId: string | undefined;
    let hasNote = false;
    walk(json, (key, value) => {
      if (typeof value !== 'string') return;
      const lower = key.toLowerCase();
      if (NOTE_KEYS.has(lower)) {
        // Only whether it is empty is looked at; the note never leaves this line.
        if (value.trim().length > 0) hasNote = true;
        return;
      }
      if (value.length > 500 || SELF_KEYS.test(key)) return;
      const member = memberFromProfileUrn(value);
      if (member) {
        inviteeId ??= member;
        return;
      }
      // The legacy body names the invitee by `profileId` (a member or vanity id).
      if (INVITEE_KEYS.test(key) && !value.startsWith('urn:')) {
        const id = normalizeLinkedInId(value);
        if (id) inviteeId ??= id;
      }
    });
    if (!inviteeId) return null;
    return { kind: 'invitation', inviteeId, hasNote };
  } catch {
    return null;
  }
}

/** A message send from its request and, when LinkedIn confirmed it, its response. */
export function messageSendFrom(
  request: CreateMessageRequest,
  response: CreateMessageResult | null | undefined,
): LinkedInSend {
  const conversationId = response?.conversationId ?? request.conversationId;
  const mailboxMemberId = request.mailboxMemberId ?? response?.mailboxMemberId;
  return {
    kind: 'message',
    recipientMemberIds: request.recipientMemberIds,
    ...(conversationId ? { conversationId } : {}),
    ...(mailboxMemberId ? { mailboxMemberId } : {}),
    ...(request.originToken ? { originToken: request.originToken } : {}),
    ...(response?.messageId ? { messageId: response.messageId } : {}),
    ...(response?.deliveredAt ? { deliveredAt: response.deliveredAt } : {}),
  };
}

// ---- To a DetectedSend ----

/** Someone the page shows the conversation or invitation is with. */
export interface PersonOnPage {
  profileId?: string | null;
  /** Every id the page shows for them (a profile page knows vanity and member id). */
  profileIds?: readonly (string | null | undefined)[];
  name?: string | null;
}

export interface SendContext {
  /** When the send happened (epoch ms); LinkedIn's `deliveredAt` wins when present. */
  at: number;
  /** True only when LinkedIn answered 2xx. */
  confirmed: boolean;
  /**
   * Who the page shows (thread or bubble header, profile). Needed for a send to an existing
   * conversation, whose request names only the conversation.
   */
  people?: readonly PersonOnPage[];
}

function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function cleanName(name: string | null | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  const flat = name.replace(/\s+/g, ' ').trim();
  return flat ? flat.slice(0, 200) : undefined;
}

function idsOf(person: PersonOnPage): string[] {
  const ids = [person.profileId, ...(person.profileIds ?? [])]
    .map((id) => normalizeLinkedInId(id ?? null))
    .filter((id): id is string => !!id);
  return [...new Set(ids)];
}

function recipientOf(ids: readonly string[], name: string | undefined): Recipient {
  const [linkedinId, ...others] = ids;
  return {
    linkedinId: linkedinId!,
    ...(others.length ? { otherLinkedinIds: others.slice(0, 4) } : {}),
    ...(name ? { name } : {}),
  };
}

function recipientsOf(ids: readonly string[], people: readonly PersonOnPage[]): Recipient[] {
  const shown = people
    .map((person) => ({ ids: idsOf(person), name: cleanName(person.name) }))
    .filter((person) => person.ids.length > 0);
  if (ids.length === 0) {
    return shown.slice(0, 100).map((person) => recipientOf(person.ids, person.name));
  }
  return ids.slice(0, 100).map((id) => {
    // One person addressed and one shown: the same person, maybe seen by another id (a vanity).
    const person =
      shown.find((candidate) => candidate.ids.includes(id)) ??
      (ids.length === 1 && shown.length === 1 ? shown[0] : undefined);
    const name =
      person?.name ??
      (ids.length === 1 && people.length === 1 ? cleanName(people[0]!.name) : undefined);
    return recipientOf([id, ...(person?.ids ?? []).filter((other) => other !== id)], name);
  });
}

/** An invitation's one recipient, with the request's other ids for the same person added. */
function withOtherIds(recipients: Recipient[], others: readonly string[] | undefined): Recipient[] {
  const recipient = recipients[0];
  if (!recipient || !others?.length) return recipients;
  const ids = [
    ...new Set([...(recipient.otherLinkedinIds ?? []), ...others.map(normalizeLinkedInId)]),
  ].filter((id): id is string => !!id && id !== recipient.linkedinId);
  return [{ ...recipient, ...(ids.length ? { otherLinkedinIds: ids.slice(0, 4) } : {}) }];
}

/** The key that identifies this send, stable between the request, the response and a retry. */
export function sendKeyOf(send: LinkedInSend, at: number): string | null {
  if (send.kind === 'invitation') return `linkedin:invitation:${send.inviteeId}:${utcDay(at)}`;
  const target = send.conversationId ?? [...send.recipientMemberIds].sort().join(',');
  if (!target) return null;
  if (send.messageId) return `linkedin:message:${send.messageId}`;
  if (send.originToken) return `linkedin:message:${target}:${send.originToken}`;
  return `linkedin:message:${target}:${at}`;
}

/**
 * The DetectedSend for a LinkedIn message or invitation: recipients by LinkedIn id, a link to the
 * conversation (or the profile), never any text. Null when it cannot name anyone or is invalid.
 */
export function toDetectedSend(send: LinkedInSend, context: SendContext): DetectedSend | null {
  try {
    const people = context.people ?? [];
    const at = send.kind === 'message' && send.deliveredAt ? send.deliveredAt : context.at;
    const recipients =
      send.kind === 'invitation'
        ? withOtherIds(recipientsOf([send.inviteeId], people), send.otherInviteeIds)
        : recipientsOf(send.recipientMemberIds, people);
    if (recipients.length === 0) return null;
    const sendKey = sendKeyOf(send, at);
    if (!sendKey) return null;

    const conversationId = send.kind === 'message' ? send.conversationId : undefined;
    const link =
      (conversationId && conversationLink(conversationId)) ||
      profileLink(recipients[0]!.linkedinId!) ||
      undefined;
    const summary =
      send.kind === 'message'
        ? 'LinkedIn message'
        : send.hasNote
          ? 'LinkedIn invitation with a note'
          : 'LinkedIn invitation';
    const candidate = {
      channel: 'linkedin' as const,
      at,
      sendKey,
      summary,
      ...(link ? { link } : {}),
      ...(conversationId ? { threadId: conversationId } : {}),
      ...(send.kind === 'message' && send.mailboxMemberId ? { account: send.mailboxMemberId } : {}),
      confirmed: context.confirmed,
      recipients,
    };
    const parsed = v.safeParse(detectedSendSchema, candidate);
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
