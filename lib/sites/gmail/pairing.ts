// Where a Gmail send becomes exactly one DetectedSend. Two layers see a send: the DOM layer (a
// click on Send, Ctrl/Cmd+Enter) and the network layer (the sync request, confirmed by a 2xx
// response). They are paired by the send key (the draft id is the message id), or, when the
// compose had no draft id yet, by recipients and subject.
//
// A send is held before it is recorded, because Gmail's Undo send can take it back: until the
// notice bar's Undo is gone (at most Gmail's longest undo window, 30 s). Meanwhile `held()` lists
// the network-confirmed ones, which the content script keeps in storage as pending (not before
// the hold's end), so a tab closing right after Send keeps them. Holding, rather than
// recording and removing on undo, is the choice that can never leave a wrong touch: if the tab
// closes during the hold, the page's `pagehide` flushes what the network confirmed (a closed tab
// can no longer undo), and nothing else. Pure: time and page facts are passed in.
import * as v from 'valibot';
import { isOwnOrIgnored } from '../../identity';
import { detectedSendSchema, oneLine, type DetectedSend } from '../../model';
import { detectedSendOfEvent, type BridgeEvent } from './bridge';
import { recipientsOf, type GmailContact } from './detected-send';
import { gmailSendKey } from './ids';
import type { ComposeState } from './read-compose';
import { threadLink } from './urls';

export interface PairingOptions {
  /** How long a DOM send waits for the network before it is recorded unconfirmed. */
  networkSilenceMs: number;
  /** A send is held at least this long, the time Gmail takes to show its Undo. */
  minHoldMs: number;
  /** Never held longer than Gmail's longest undo window plus a margin. */
  maxHoldMs: number;
  /** A DOM send and a network send further apart than this are not the same send. */
  pairWindowMs: number;
  /** How many recorded sends are remembered, to upgrade or skip late duplicates. */
  rememberRecorded: number;
}

export const DEFAULT_PAIRING: PairingOptions = {
  networkSilenceMs: 8_000,
  minHoldMs: 1_500,
  maxHoldMs: 35_000,
  pairWindowMs: 60_000,
  rememberRecorded: 500,
};

/** What the DOM layer saw at the moment of the send gesture. */
export interface DomSend {
  state: ComposeState;
  /** 'u/0' */
  account: string;
  at: number;
  /** True once the compose closed (Gmail removes a compose that sent). */
  isGone?: () => boolean;
}

/** What the page shows right now, asked on every tick. */
export interface PageFacts {
  /** Gmail's notice bar offers Undo for the latest send. */
  undoVisible: boolean;
  /** The user's own addresses learned so far (the From of sends). */
  ownAddresses?: readonly string[];
}

interface Pending {
  id: number;
  key: string | null;
  dom?: DomSend;
  network?: BridgeEvent;
  firstAt: number;
  confirmedAt?: number;
  /** A "Message sent" notice appeared after this send: DOM evidence that it went out. */
  sentNotice: boolean;
}

export class SendPairing {
  private readonly options: PairingOptions;
  private pending: Pending[] = [];
  private nextId = 1;
  private readonly recorded = new Map<string, { confirmed: boolean }>();
  private readonly excluded = new Set<string>();

  constructor(options: Partial<PairingOptions> = {}) {
    this.options = { ...DEFAULT_PAIRING, ...options };
  }

  /** Sends waiting for the network or for the undo window to pass. */
  get waiting(): number {
    return this.pending.length;
  }

  /** The per-email "track" toggle turned off: this send is never recorded. */
  exclude(draftOrMessageId: string): void {
    const key = gmailSendKey(draftOrMessageId);
    if (!key) return;
    this.excluded.add(key);
    this.pending = this.pending.filter((p) => p.key !== key);
  }

  include(draftOrMessageId: string): void {
    const key = gmailSendKey(draftOrMessageId);
    if (key) this.excluded.delete(key);
  }

  isExcluded(draftOrMessageId: string): boolean {
    const key = gmailSendKey(draftOrMessageId);
    return key !== null && this.excluded.has(key);
  }

  sawDomSend(dom: DomSend): void {
    const key = dom.state.draftId ? gmailSendKey(dom.state.draftId) : null;
    if (key && this.excluded.has(key)) return;
    if (key && this.recorded.get(key)?.confirmed) return;
    const fingerprint = fingerprintOf(dom.state);
    const same = this.pending.find(
      (p) =>
        (key !== null && p.key === key) ||
        (key === null &&
          p.dom &&
          !p.dom.state.draftId &&
          fingerprintOf(p.dom.state) === fingerprint &&
          Math.abs(p.dom.at - dom.at) <= this.options.pairWindowMs),
    );
    if (same) {
      // A second gesture for the same send (click and Enter, a double click): one send.
      same.dom ??= dom;
      return;
    }
    this.pending.push({ id: this.nextId++, key, dom, firstAt: dom.at, sentNotice: false });
  }

  /** A validated bridge event from the page world. */
  sawNetwork(event: BridgeEvent, now: number): DetectedSend[] {
    const key = gmailSendKey(event.messageId);
    if (!key) return [];
    if (event.kind === 'failed' || event.kind === 'undone') {
      // Failed: nothing went out. Undone: Gmail put it back to a draft (Undo, or a scheduled
      // send cancelled). Either way, no touch; the draft may be sent again later as new.
      this.pending = this.pending.filter((p) => p.key !== key);
      if (event.kind === 'undone') this.recorded.delete(key);
      return [];
    }
    if (this.excluded.has(key)) return [];
    const known = this.recorded.get(key);
    if (known?.confirmed) return [];
    if (known && !known.confirmed) {
      // Recorded unconfirmed by the DOM layer after the hold: the network upgrades it now.
      const send = this.networkSend(event, undefined, []);
      if (send) this.remember(send);
      return send ? [send] : [];
    }
    const byKey = this.pending.find((p) => p.key === key);
    const fingerprint = fingerprintOfEvent(event);
    const byShape =
      byKey ??
      this.pending.find(
        (p) =>
          !p.network &&
          p.dom &&
          !p.dom.state.draftId &&
          fingerprintOf(p.dom.state) === fingerprint &&
          Math.abs(now - p.dom.at) <= this.options.pairWindowMs,
      );
    if (byShape) {
      byShape.key = key;
      byShape.network = event;
      byShape.confirmedAt ??= now;
    } else {
      this.pending.push({
        id: this.nextId++,
        key,
        network: event,
        firstAt: now,
        confirmedAt: now,
        sentNotice: false,
      });
    }
    return [];
  }

  /** The user clicked Gmail's Undo (or the bar says "Sending undone"): the latest send is off. */
  sawUndo(): void {
    const latest = this.latest();
    if (latest) this.pending = this.pending.filter((p) => p !== latest);
  }

  /** Gmail's notice bar said "Message sent" (or "Send scheduled"): the latest send went out. */
  sawSentNotice(): void {
    const latest = this.latest();
    if (latest) latest.sentNotice = true;
  }

  /**
   * The network-confirmed sends still held (the undo window may be open), with the time after
   * which a closed tab's entry may be delivered. The caller keeps them in storage meanwhile so a
   * tab closing right after Send loses nothing; an undone or failed send leaves this list.
   */
  held(facts: Pick<PageFacts, 'ownAddresses'> = {}): { send: DetectedSend; notBefore: number }[] {
    const own = facts.ownAddresses ?? [];
    const held: { send: DetectedSend; notBefore: number }[] = [];
    for (const p of this.pending) {
      if (!p.network) continue;
      const send = this.networkSend(p.network, p.dom, own);
      if (send) held.push({ send, notBefore: p.firstAt + this.options.maxHoldMs });
    }
    return held;
  }

  /** The sends whose hold is over, to record now. */
  take(now: number, facts: PageFacts): DetectedSend[] {
    const ready: DetectedSend[] = [];
    const latest = this.latest();
    const own = facts.ownAddresses ?? [];
    this.pending = this.pending.filter((p) => {
      const held = now - p.firstAt;
      const undoOpen = p === latest && facts.undoVisible && held < this.options.maxHoldMs;
      if (p.network) {
        if (now - (p.confirmedAt ?? now) < this.options.minHoldMs || undoOpen) return true;
        const send = this.networkSend(p.network, p.dom, own);
        if (send) ready.push(send);
        return false;
      }
      const dom = p.dom!;
      if (now - dom.at < this.options.networkSilenceMs || undoOpen) return true;
      const wentOut = p.sentNotice || (dom.isGone?.() ?? false);
      if (!wentOut) {
        // The compose is still open and Gmail said nothing: the send did not happen (an error
        // dialog, a blocked send). Waited on until the longest hold, then forgotten.
        return held < this.options.maxHoldMs;
      }
      const send = domDetectedSend(dom, own);
      if (send) ready.push(send);
      return false;
    });
    for (const send of ready) this.remember(send);
    return ready;
  }

  /**
   * The page is going away: the network-confirmed sends are recorded now (a closed tab cannot
   * undo any more). DOM-only sends are dropped: without the network or a notice nothing proves them.
   */
  flush(facts: PageFacts): DetectedSend[] {
    const own = facts.ownAddresses ?? [];
    const ready: DetectedSend[] = [];
    for (const p of this.pending) {
      if (p.network) {
        const send = this.networkSend(p.network, p.dom, own);
        if (send) ready.push(send);
      } else if (p.dom && p.sentNotice) {
        const send = domDetectedSend(p.dom, own);
        if (send) ready.push(send);
      }
    }
    this.pending = [];
    for (const send of ready) this.remember(send);
    return ready;
  }

  /**
   * A network-confirmed send as it would be recorded, but neither paired nor held: one that came
   * past a rate limit, which the rep keeps or discards. Null for anything that is not a send.
   */
  standalone(event: BridgeEvent, facts: Pick<PageFacts, 'ownAddresses'> = {}): DetectedSend | null {
    if (event.kind !== 'send' && event.kind !== 'scheduled') return null;
    const key = gmailSendKey(event.messageId);
    if (!key || this.excluded.has(key)) return null;
    return this.networkSend(event, undefined, facts.ownAddresses ?? []);
  }

  private latest(): Pending | undefined {
    let latest: Pending | undefined;
    for (const p of this.pending) if (!latest || p.firstAt >= latest.firstAt) latest = p;
    return latest;
  }

  private networkSend(
    event: BridgeEvent,
    dom: DomSend | undefined,
    own: readonly string[],
  ): DetectedSend | null {
    const send = detectedSendOfEvent(event, dom ? Math.min(dom.at, event.at) : event.at);
    return send ? withoutOwn(send, [...own, ...(event.from ? [event.from] : [])]) : null;
  }

  private remember(send: DetectedSend): void {
    this.recorded.delete(send.sendKey);
    this.recorded.set(send.sendKey, { confirmed: send.confirmed });
    while (this.recorded.size > this.options.rememberRecorded) {
      const oldest = this.recorded.keys().next().value;
      if (oldest === undefined) break;
      this.recorded.delete(oldest);
    }
  }
}

/** The DetectedSend of a send only the DOM saw: unconfirmed, keyed by the draft id when known. */
export function domDetectedSend(dom: DomSend, own: readonly string[] = []): DetectedSend | null {
  const { state, account, at } = dom;
  const recipients = recipientsOf(state);
  const sendKey =
    (state.draftId ? gmailSendKey(state.draftId) : null) ??
    `gmail:dom:${account}:${at}:${hashOf(fingerprintOf(state))}`;
  const link = state.threadId ? threadLink(account, state.threadId) : undefined;
  const candidate: DetectedSend = {
    channel: 'email',
    at,
    sendKey,
    summary: oneLine(state.subject) || '(no subject)',
    confirmed: false,
    account: `/mail/${account}`,
    recipients: recipients.slice(0, 100),
    ...(link ? { link } : {}),
    ...(state.threadId ? { threadId: state.threadId } : {}),
  };
  const result = v.safeParse(detectedSendSchema, candidate);
  return result.success ? withoutOwn(result.output, own) : null;
}

/** Drops the user's own addresses (the From of a send, learned ones); null when nobody is left. */
export function withoutOwn(send: DetectedSend, own: readonly string[]): DetectedSend | null {
  if (own.length === 0) return send;
  const settings = { ownAddresses: [...own], ownDomains: [], ignoreList: [] };
  const recipients = send.recipients.filter((r) => !r.email || !isOwnOrIgnored(r.email, settings));
  return recipients.length > 0 ? { ...send, recipients } : null;
}

// ---- Telling two views of one send apart from two sends ----

const REPLY_PREFIX =
  /^(?:\s*(?:re|fwd?|aw|wg|sv|vs|tr|rv|enc|r|odp|antw|ynt)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** Same people, same subject (ignoring Re:/Fwd:, which an inline reply's DOM does not show). */
function fingerprint(contacts: GmailContact[][], subject: string): string {
  const emails = contacts
    .flat()
    .map((c) => c.email.toLowerCase())
    .sort();
  const topic = oneLine(subject).replace(REPLY_PREFIX, '').toLowerCase();
  return `${[...new Set(emails)].join(',')}|${topic}`;
}

function fingerprintOf(state: ComposeState): string {
  return fingerprint([state.to, state.cc, state.bcc], state.subject);
}

function fingerprintOfEvent(event: BridgeEvent): string {
  const byRole = (role: string) =>
    event.recipients.filter((r) => r.role === role).map((r) => ({ email: r.email }));
  return fingerprint([byRole('to'), byRole('cc'), byRole('bcc')], event.subject);
}

/** A short stable hash (FNV-1a), so a key says which send without carrying addresses. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
