// Where a LinkedIn send becomes exactly one DetectedSend. Two layers see a send: the DOM layer (Enter
// in a composer, a click on Send or "Send invitation") and the network layer (the page world's
// request and response events). The network wins: it confirms the send (2xx) and carries LinkedIn's
// own ids, so its send key is stable. The DOM layer adds who the page shows (name, vanity id) and
// is recorded on its own, unconfirmed, only when the network stays silent.
//
// The same message must never become two touches with different send keys, so:
// - a DOM send waits `networkSilenceMs` for the request to leave; once the page world saw the
//   request leave, it waits for LinkedIn's answer (up to `inFlightMaxMs`) rather than the clock;
// - a refused send (429, any non-2xx, a 2xx whose body says it failed) records nothing;
// - a gesture that may or may not send (a Connect button: it sends at once in the 2026 UI, or
//   opens the invitation modal) only lends its page facts to a confirmed send, never records alone;
// - a network answer that arrives after its DOM send was already recorded unconfirmed is recorded
//   under the DOM send's key, so the store upgrades that touch to confirmed instead of adding one;
// - a second gesture for the same send (a double click, Enter then click) is one send.
// Pure: time and page facts are passed in.
import { isMemberId, normalizeLinkedInId } from '../../identity';
import type { DetectedSend } from '../../model';
import {
  detectedSendOfBridgeEvent,
  inviteeIdsOf,
  isConfirmedEvent,
  type BridgeEvent,
} from './bridge';
import { toDetectedSend, type PersonOnPage } from './parse-messaging';

export interface PairingOptions {
  /** How long a DOM send waits for its request to leave before it is recorded unconfirmed. */
  networkSilenceMs: number;
  /** How long a DOM send whose request left waits for LinkedIn's answer. */
  inFlightMaxMs: number;
  /** A network event more than this long after a DOM send is not that send. */
  pairWindowMs: number;
  /** How long a DOM send recorded unconfirmed can still be upgraded by a late answer. */
  lateWindowMs: number;
  /** Two gestures this close on the same target are one send. */
  sameGestureMs: number;
}

export const DEFAULT_PAIRING: PairingOptions = {
  networkSilenceMs: 4_000,
  inFlightMaxMs: 60_000,
  pairWindowMs: 60_000,
  lateWindowMs: 120_000,
  sameGestureMs: 1_500,
};

/** What the DOM layer saw at the moment of a send gesture. */
export interface DomSend {
  kind: 'message' | 'invitation';
  at: number;
  /** Who the conversation header, the bubble or the profile shows. */
  people: PersonOnPage[];
  conversationId?: string;
  /** Invitations: whether the note field held something. */
  hasNote?: boolean;
  /**
   * A gesture that may not have sent anything (a Connect button): recorded only when the network
   * confirms a send it pairs with, and dropped when a real send gesture for the same person follows.
   */
  confirmOnly?: boolean;
}

interface Pending {
  dom: DomSend;
  requestAt?: number;
}

interface Flushed {
  dom: DomSend;
  sendKey: string;
  at: number;
}

function idsOf(person: PersonOnPage): string[] {
  const ids = [person.profileId, ...(person.profileIds ?? [])]
    .map((id) => normalizeLinkedInId(id ?? null))
    .filter((id): id is string => !!id);
  return [...new Set(ids)];
}

function domIds(dom: DomSend): string[] {
  return dom.people.flatMap(idsOf);
}

function targetOf(dom: DomSend): string {
  return dom.conversationId ?? domIds(dom)[0] ?? dom.people[0]?.name ?? '';
}

type Match = 'strong' | 'weak' | 'none';

function namesOf(dom: DomSend): string[] {
  return dom.people
    .map((person) => person.name?.replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((name): name is string => !!name);
}

/** Two gestures about the same person: an id or a name in common. */
function samePerson(a: DomSend, b: DomSend): boolean {
  if (a.kind !== b.kind) return false;
  const ids = domIds(a);
  if (domIds(b).some((id) => ids.includes(id))) return true;
  const names = namesOf(a);
  return namesOf(b).some((name) => names.includes(name));
}

/** How well a network event fits a DOM send: by conversation, by member id, or only by kind. */
export function matchOf(dom: DomSend, event: BridgeEvent): Match {
  if (dom.kind !== event.kind) return 'none';
  const ids = domIds(dom);
  const memberIds = ids.filter(isMemberId);
  if (event.kind === 'invitation') {
    const invitee = inviteeIdsOf(event);
    if (invitee.some((id) => ids.includes(id))) return 'strong';
    return memberIds.length > 0 && invitee.some(isMemberId) ? 'none' : 'weak';
  }
  if (dom.conversationId && event.conversationId) {
    return dom.conversationId === event.conversationId ? 'strong' : 'none';
  }
  if (event.recipientMemberIds.length > 0 && memberIds.length > 0) {
    return event.recipientMemberIds.some((id) => memberIds.includes(id)) ? 'strong' : 'none';
  }
  return 'weak';
}

/** The unconfirmed send for a DOM send alone, or null when the page named nobody. */
export function domDetectedSend(dom: DomSend): DetectedSend | null {
  if (dom.confirmOnly) return null;
  const people = dom.people.filter((person) => idsOf(person).length > 0);
  if (people.length === 0) return null;
  if (dom.kind === 'invitation') {
    return toDetectedSend(
      { kind: 'invitation', inviteeId: idsOf(people[0]!)[0]!, hasNote: !!dom.hasNote },
      { at: dom.at, confirmed: false, people },
    );
  }
  return toDetectedSend(
    dom.conversationId
      ? { kind: 'message', conversationId: dom.conversationId, recipientMemberIds: [] }
      : { kind: 'message', recipientMemberIds: people.map((person) => idsOf(person)[0]!) },
    { at: dom.at, confirmed: false, people },
  );
}

export class SendPairing {
  private readonly options: PairingOptions;
  private pending: Pending[] = [];
  private flushed: Flushed[] = [];
  private readonly recordedKeys: string[] = [];

  constructor(options: Partial<PairingOptions> = {}) {
    this.options = { ...DEFAULT_PAIRING, ...options };
  }

  /** DOM sends waiting for the network. */
  get waiting(): number {
    return this.pending.length;
  }

  sawDom(dom: DomSend): void {
    const target = targetOf(dom);
    const same = (other: DomSend) =>
      other.kind === dom.kind &&
      targetOf(other) === target &&
      !!other.confirmOnly === !!dom.confirmOnly &&
      Math.abs(other.at - dom.at) <= this.options.sameGestureMs;
    if (this.pending.some((p) => same(p.dom)) || this.flushed.some((f) => same(f.dom))) return;
    // A real send for the same person supersedes a Connect that only opened the modal.
    if (!dom.confirmOnly) {
      this.pending = this.pending.filter((p) => !(p.dom.confirmOnly && samePerson(p.dom, dom)));
    }
    this.pending.push({ dom });
  }

  /**
   * A validated bridge event. Returns the sends to record now. `peopleFor` tells who the page
   * shows for a send no DOM gesture was seen for (a conversation found by its id, the profile).
   */
  sawNetwork(
    event: BridgeEvent,
    now: number,
    peopleFor: (event: BridgeEvent) => PersonOnPage[] = () => [],
  ): DetectedSend[] {
    this.expire(now);
    const pending = this.find(this.pending, (p) => p.dom, event, now);
    if (event.stage === 'request') {
      if (pending) pending.requestAt ??= now;
      return [];
    }
    if (!isConfirmedEvent(event)) {
      // LinkedIn refused it (429, an error, an error in a 2xx body): nothing went out.
      if (pending) this.pending = this.pending.filter((p) => p !== pending);
      return [];
    }
    if (pending) {
      this.pending = this.pending.filter((p) => p !== pending);
      // A gesture whose page named nobody still confirms the send: who it went to then comes
      // from the page as for a send no gesture was seen for.
      const send =
        detectedSendOfBridgeEvent(event, pending.dom.people) ??
        this.confirmedDomSend(pending.dom) ??
        detectedSendOfBridgeEvent(event, peopleFor(event));
      return this.record(send);
    }
    const late = this.find(this.flushed, (f) => f.dom, event, now);
    if (late) {
      this.flushed = this.flushed.filter((f) => f !== late);
      const send = detectedSendOfBridgeEvent(event, late.dom.people);
      // Under the key the unconfirmed touch was stored with: the store upgrades it.
      return send ? [{ ...send, sendKey: late.sendKey, confirmed: true }] : [];
    }
    return this.record(detectedSendOfBridgeEvent(event, peopleFor(event)));
  }

  /** DOM sends whose wait is over, recorded unconfirmed. */
  take(now: number): DetectedSend[] {
    this.expire(now);
    const ready: DetectedSend[] = [];
    this.pending = this.pending.filter((p) => {
      const waited =
        p.requestAt === undefined
          ? now - p.dom.at >= this.options.networkSilenceMs
          : now - p.requestAt >= this.options.inFlightMaxMs;
      if (!waited) return true;
      const send = domDetectedSend(p.dom);
      if (send && !this.recordedKeys.includes(send.sendKey)) {
        ready.push(send);
        this.remember(send.sendKey);
        this.flushed.push({ dom: p.dom, sendKey: send.sendKey, at: now });
      }
      return false;
    });
    return ready;
  }

  /** The earliest time `take` may have something to return, or undefined when nothing waits. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const p of this.pending) {
      const at =
        p.requestAt === undefined
          ? p.dom.at + this.options.networkSilenceMs
          : p.requestAt + this.options.inFlightMaxMs;
      next = next === undefined ? at : Math.min(next, at);
    }
    return next;
  }

  private confirmedDomSend(dom: DomSend): DetectedSend | null {
    const send = domDetectedSend(dom);
    return send ? { ...send, confirmed: true } : null;
  }

  private record(send: DetectedSend | null): DetectedSend[] {
    if (!send || this.recordedKeys.includes(send.sendKey)) return [];
    this.remember(send.sendKey);
    return [send];
  }

  private remember(key: string): void {
    this.recordedKeys.push(key);
    if (this.recordedKeys.length > 500) this.recordedKeys.splice(0, this.recordedKeys.length - 500);
  }

  /** The best DOM send for `event`: a strong match first, else the oldest weak one, in the window. */
  private find<T>(
    list: T[],
    domOf: (item: T) => DomSend,
    event: BridgeEvent,
    now: number,
  ): T | undefined {
    let weak: T | undefined;
    for (const item of list) {
      const dom = domOf(item);
      if (now - dom.at > this.options.pairWindowMs || dom.at - now > this.options.sameGestureMs) {
        continue;
      }
      const match = matchOf(dom, event);
      if (match === 'strong') return item;
      if (match === 'weak' && !weak) weak = item;
    }
    return weak;
  }

  private expire(now: number): void {
    this.flushed = this.flushed.filter((f) => now - f.at <= this.options.lateWindowMs);
  }
}
