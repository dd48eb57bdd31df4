// The private contract between the page-world observer (which sees LinkedIn's fetch/XHR) and the
// isolated content script. The page world is LinkedIn's: anything arriving from it may be forged,
// so the isolated side parses every event with a strict schema, refuses anything that carries text
// or is too large, and only then turns it into a send. The detail is a JSON string, which crosses
// the world boundary unchanged in Chromium and Firefox alike.
import * as v from 'valibot';
import { normalizeLinkedInId } from '../../identity';
import type { DetectedSend } from '../../model';
import {
  isConfirmedStatus,
  toDetectedSend,
  type LinkedInSend,
  type PersonOnPage,
} from './parse-messaging';
import { isConversationId } from './urls';

/** A metadata event is a few hundred characters; anything near this is not one of ours. */
export const BRIDGE_MAX_CHARS = 4096;
export const BRIDGE_VERSION = 1;

const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const memberId = v.pipe(v.string(), v.regex(/^ACoA[A-Za-z0-9_-]{10,200}$/, 'a member id'));
const twoId = v.pipe(
  v.string(),
  v.maxLength(400),
  v.check((value) => isConversationId(value), 'a 2-… id'),
);
const linkedinId = v.pipe(
  v.string(),
  v.maxLength(200),
  v.check((value) => normalizeLinkedInId(value) === value, 'a normalised LinkedIn id'),
);
const base = {
  v: v.literal(BRIDGE_VERSION),
  /** When the page saw the request complete (epoch ms). */
  at: epochMs,
  /** LinkedIn's HTTP status; only 2xx is a send. */
  status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(599)),
  /**
   * 'request': the send left the page and no answer is in yet (status 0), so a DOM send waits for
   * it instead of being recorded unconfirmed; 'response' (or absent): LinkedIn answered.
   */
  stage: v.optional(v.picklist(['request', 'response'])),
  /**
   * LinkedIn answered 2xx but its body says the action failed (a Rest.li error body, an SDUI
   * response listing errors): nothing was sent.
   */
  rejected: v.optional(v.literal(true)),
};

const messageEventSchema = v.pipe(
  v.strictObject({
    ...base,
    kind: v.literal('message'),
    conversationId: v.optional(twoId),
    messageId: v.optional(twoId),
    recipientMemberIds: v.pipe(v.array(memberId), v.maxLength(100)),
    mailboxMemberId: v.optional(memberId),
    originToken: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,100}$/))),
    deliveredAt: v.optional(epochMs),
  }),
  v.check(
    (event) => !!event.conversationId || event.recipientMemberIds.length > 0,
    'a message names its conversation or its recipients',
  ),
);

const invitationEventSchema = v.strictObject({
  ...base,
  kind: v.literal('invitation'),
  inviteeId: linkedinId,
  /** The same person's other ids in the request (`member:<n>`, a vanity), at most four. */
  otherInviteeIds: v.optional(v.pipe(v.array(linkedinId), v.maxLength(4))),
  hasNote: v.boolean(),
});

export const bridgeEventSchema = v.union([messageEventSchema, invitationEventSchema]);
export type BridgeEvent = v.InferOutput<typeof bridgeEventSchema>;

export type BridgeRejection =
  'not-a-string' | 'too-large' | 'not-json' | 'carries-text' | 'invalid';

export type BridgeParse =
  { ok: true; event: BridgeEvent } | { ok: false; reason: BridgeRejection; detail?: string };

// Keys under which a forged or careless event could smuggle what someone wrote.
const TEXT_KEY = /^(?:body|text|message|custommessage|note|subject|attributedbody)$/i;

function carriesText(value: unknown, depth = 0): boolean {
  if (depth > 6 || value === null || typeof value !== 'object') return false;
  for (const [key, child] of Object.entries(value)) {
    if (TEXT_KEY.test(key) || carriesText(child, depth + 1)) return true;
  }
  return false;
}

/** Validates an event's detail as the isolated world receives it. Never throws. */
export function parseBridgeEvent(detail: unknown): BridgeParse {
  try {
    if (typeof detail !== 'string') return { ok: false, reason: 'not-a-string' };
    if (detail.length > BRIDGE_MAX_CHARS) return { ok: false, reason: 'too-large' };
    let json: unknown;
    try {
      json = JSON.parse(detail);
    } catch {
      return { ok: false, reason: 'not-json' };
    }
    if (carriesText(json)) return { ok: false, reason: 'carries-text' };
    const parsed = v.safeParse(bridgeEventSchema, json);
    if (!parsed.success) {
      return { ok: false, reason: 'invalid', detail: parsed.issues[0]?.message ?? 'invalid' };
    }
    return { ok: true, event: parsed.output };
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

/** True for a response LinkedIn answered 2xx and did not refuse in its body: a send went out. */
export function isConfirmedEvent(event: BridgeEvent): boolean {
  return event.stage !== 'request' && isConfirmedStatus(event.status) && event.rejected !== true;
}

/** Every id an event names for the person it went to (invitations). */
export function inviteeIdsOf(event: BridgeEvent): string[] {
  return event.kind === 'invitation' ? [event.inviteeId, ...(event.otherInviteeIds ?? [])] : [];
}

/** The detail the page world dispatches for a send it observed, or null if it would not validate. */
export function bridgeDetailOf(
  send: LinkedInSend,
  observed: { at: number; status: number; stage?: 'request' | 'response'; rejected?: boolean },
): string | null {
  const stage = {
    ...(observed.stage ? { stage: observed.stage } : {}),
    ...(observed.rejected ? { rejected: true as const } : {}),
  };
  const event =
    send.kind === 'invitation'
      ? {
          v: BRIDGE_VERSION,
          kind: send.kind,
          at: observed.at,
          status: observed.status,
          ...stage,
          inviteeId: send.inviteeId,
          ...(send.otherInviteeIds?.length
            ? { otherInviteeIds: send.otherInviteeIds.slice(0, 4) }
            : {}),
          hasNote: send.hasNote,
        }
      : {
          v: BRIDGE_VERSION,
          kind: send.kind,
          at: observed.at,
          status: observed.status,
          ...stage,
          recipientMemberIds: send.recipientMemberIds,
          ...(send.conversationId ? { conversationId: send.conversationId } : {}),
          ...(send.messageId ? { messageId: send.messageId } : {}),
          ...(send.mailboxMemberId ? { mailboxMemberId: send.mailboxMemberId } : {}),
          ...(send.originToken ? { originToken: send.originToken } : {}),
          ...(send.deliveredAt ? { deliveredAt: send.deliveredAt } : {}),
        };
  const detail = JSON.stringify(event);
  return parseBridgeEvent(detail).ok ? detail : null;
}

/** The send an event describes, without its envelope. */
export function sendOfBridgeEvent(event: BridgeEvent): LinkedInSend {
  if (event.kind === 'invitation') {
    return {
      kind: 'invitation',
      inviteeId: event.inviteeId,
      ...(event.otherInviteeIds?.length ? { otherInviteeIds: event.otherInviteeIds } : {}),
      hasNote: event.hasNote,
    };
  }
  const { v: _v, at: _at, status: _status, stage: _stage, rejected: _rejected, ...send } = event;
  return send;
}

/**
 * The touch-to-be for a validated event: only a 2xx LinkedIn did not refuse is a send (a 429, an
 * error body or an SDUI error list records nothing). `people` is who the page shows, for sends to an existing conversation.
 */
export function detectedSendOfBridgeEvent(
  event: BridgeEvent,
  people: readonly PersonOnPage[] = [],
): DetectedSend | null {
  if (!isConfirmedEvent(event)) return null;
  return toDetectedSend(sendOfBridgeEvent(event), { at: event.at, confirmed: true, people });
}
