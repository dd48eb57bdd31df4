// LinkedIn's 2026 server-driven UI (SDUI) actions, read for metadata only. Its buttons POST one
// generic endpoint, /flagship-web/rsc-action/actions/server-request, naming the action in the
// `sduiid` query parameter (and `requestId` in the body); the answer is a React Server Components
// stream ("<id>:<json>" lines) that can carry the action's own errors under a 2xx status.
// Only `addaAddConnection` is a send (an invitation); `addaWithdrawInvitation` takes one back and
// is never recorded. Total: no input makes these throw; work is bounded by size and node count.
import { isMemberId, linkedInIdFromUrl } from '../../identity';
import { MAX_BODY_CHARS, type InvitationRequest } from './parse-messaging';
import { ENDPOINTS } from './selectors';

const ADD_CONNECTION = 'com.linkedin.sdui.requests.mynetwork.addaAddConnection';
const MAX_NODES = 4000;
const MAX_DEPTH = 14;
const MAX_LINES = 400;

/** Which SDUI invitation action a request URL (absolute) is, or null for anything else. */
export function sduiInvitationActionOf(url: unknown): 'add' | 'withdraw' | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  if (ENDPOINTS.sduiAddConnection.pattern.test(url)) return 'add';
  if (ENDPOINTS.sduiWithdrawInvitation.pattern.test(url)) return 'withdraw';
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Visit = (record: Record<string, unknown>) => void;

/** Every plain object under `root`, breadth-first, bounded. */
function eachObject(root: unknown, visit: Visit): void {
  const queue: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let i = 0; i < queue.length && i < MAX_NODES; i++) {
    const { value, depth } = queue[i]!;
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) continue;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 200)) queue.push({ value: item, depth: depth + 1 });
      continue;
    }
    const record = value as Record<string, unknown>;
    visit(record);
    for (const key of Object.keys(record).slice(0, 200)) {
      // What someone wrote is never walked into.
      if (/^(?:custommessage|message|note|text)$/i.test(key)) continue;
      let child: unknown;
      try {
        child = record[key];
      } catch {
        continue;
      }
      if (child !== null && typeof child === 'object')
        queue.push({ value: child, depth: depth + 1 });
    }
  }
}

function memberNumberOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
    return `member:${value}`;
  if (typeof value !== 'string' || value.length > 100) return undefined;
  const digits = /^(?:urn:li:member:)?(\d{1,15})$/.exec(value.trim())?.[1];
  return digits ? `member:${digits}` : undefined;
}

function profileIdOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  const bare =
    /^(?:urn:li:(?:fsd_profile|fs_miniProfile|fs_profile):)?(ACoA[A-Za-z0-9_-]{10,200})$/.exec(
      value.trim(),
    )?.[1];
  return bare && isMemberId(bare) ? bare : undefined;
}

/**
 * An SDUI `addaAddConnection` request: the invitee by every id the payload gives (the member id
 * `ACoAA…` from `nonIterableProfileId` or a profile URN, the numeric `inviteeUrn.memberId` as
 * `member:<n>`, the vanity of `profileCanonicalUrl`), and whether it carries a note (never the
 * note). Null for another action, a body that names nobody, or one naming two different people.
 */
export function parseSduiInvitationRequest(url: unknown, body: unknown): InvitationRequest | null {
  try {
    if (sduiInvitationActionOf(url) !== 'add') return null;
    if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY_CHARS) return null;
    const json = parseJson(body);
    if (json === null || typeof json !== 'object') return null;
    const requestId = (json as Record<string, unknown>).requestId;
    if (requestId !== undefined && requestId !== ADD_CONNECTION) return null;

    const members = new Set<string>();
    const numbers = new Set<string>();
    const vanities = new Set<string>();
    let hasNote = false;
    eachObject(json, (record) => {
      if (!('inviteeUrn' in record)) return;
      const invitee = record.inviteeUrn;
      if (invitee !== null && typeof invitee === 'object' && !Array.isArray(invitee)) {
        const fields = invitee as Record<string, unknown>;
        const number = memberNumberOf(fields.memberId);
        if (number) numbers.add(number);
        const member = profileIdOf(fields.profileId) ?? profileIdOf(fields.profileUrn);
        if (member) members.add(member);
      } else {
        const number = memberNumberOf(invitee);
        if (number) numbers.add(number);
        const member = profileIdOf(invitee);
        if (member) members.add(member);
      }
      const member = profileIdOf(record.nonIterableProfileId);
      if (member) members.add(member);
      const canonical = record.profileCanonicalUrl;
      if (typeof canonical === 'string' && canonical.length <= 500) {
        const id = linkedInIdFromUrl(canonical);
        if (id && isMemberId(id)) members.add(id);
        else if (id && id !== 'me') vanities.add(id);
      }
      // Only whether it is empty is looked at; the note never leaves this line.
      const note = record.customMessage;
      if (typeof note === 'string' && note.trim().length > 0) hasNote = true;
    });
    if (members.size > 1 || numbers.size > 1 || vanities.size > 1) return null;
    const ids = [...members, ...numbers, ...vanities];
    if (ids.length === 0) return null;
    const [inviteeId, ...otherInviteeIds] = ids;
    return {
      kind: 'invitation',
      inviteeId: inviteeId!,
      ...(otherInviteeIds.length ? { otherInviteeIds } : {}),
      hasNote,
    };
  } catch {
    return null;
  }
}

/** The JSON values of an RSC stream: one per "<hex id>:<json>" line, keyed by its id. */
function rscRows(text: string): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  const lines = text.split('\n');
  for (const line of lines.slice(0, MAX_LINES)) {
    const match = /^([0-9a-f]{1,8}):(.*)$/i.exec(line.trim());
    if (!match) continue;
    const value = parseJson(match[2]!);
    if (value !== undefined) rows.set(match[1]!.toLowerCase(), value);
  }
  return rows;
}

/**
 * True when a 2xx SDUI answer says the action failed: a `response` whose `errors` is a non-empty
 * list (inline, or a "$<id>" reference to another row). An answer that says nothing either way
 * is not a refusal: the 2xx stands.
 */
export function isSduiRefusal(body: unknown): boolean {
  try {
    if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY_CHARS) return false;
    const whole = parseJson(body);
    const rows = whole === undefined ? rscRows(body) : new Map([['0', whole]]);
    let refused = false;
    for (const row of rows.values()) {
      eachObject(row, (record) => {
        const response = record.response;
        if (response === null || typeof response !== 'object' || Array.isArray(response)) return;
        let errors = (response as Record<string, unknown>).errors;
        if (typeof errors === 'string' && /^\$[0-9a-f]{1,8}$/i.test(errors)) {
          errors = rows.get(errors.slice(1).toLowerCase());
        }
        if (Array.isArray(errors) && errors.length > 0) refused = true;
      });
      if (refused) return true;
    }
    return false;
  } catch {
    return false;
  }
}
