// Where a Gmail send becomes a touch, in the isolated world: the page-world observer's raw sync
// requests (over the private channel, parsed here, rate-limited) and the DOM layer's send gestures
// go into one SendPairing, whose ready sends are handed to `outlets.deliver` (the outbox). Only
// trusted events (the rep's own input, never a script's dispatchEvent) are gestures. Listeners are
// capture-phase on the window, added at document_start before any page script could add one that
// stops them, end with the page's signal, and never stop, delay or alter Gmail's own handling of
// the event. Takes the page, a clock and a signal (../site-page.ts): the entrypoint only wires it.
import type { DetectedSend, OverLimitReason } from '../../model';
import type { Diagnostic } from '../../messages';
import type { LearnSource } from '../../own-addresses';
import { OverLimitLane } from '../../outbox/over-limit';
import {
  openIsolatedChannel,
  type IsolatedChannel,
  type IsolatedChannelOptions,
} from '../../page-world/channel';
import { PAUSE_CHECKS, watchPageWorld, type PageWorldHealth } from '../../page-world/health';
import { createDiagnosticReporter } from '../../diagnostics/reporter';
import { pageUrlOf, type SitePage } from '../site-page';
import type { BridgeEvent } from './bridge';
import { BridgeGate, DEFAULT_GATE, type GateVerdict } from './bridge-gate';
import { eventsOfSync, parseSyncRecord } from './sync-events';
import { SendPairing, type PageFacts } from './pairing';
import { findComposes, readCompose, sendButtonOf } from './read-compose';
import { isUndoButton, readSendNotice } from './read-notice';
import { closestOf, GMAIL_SELECTORS, queryFirst, UNDO_CONTROL } from './selectors';
import { accountPathOf } from './urls';
import { gmailSendKey } from './ids';

const TICK_MS = 400;
/**
 * Gmail's "Sending undone" notice takes a send back only this soon after the rep's own Undo (a
 * click on it, or the `z` shortcut): a page script can write that notice, it cannot make the gesture.
 */
const UNDO_GESTURE_MS = 10_000;

/** Where detected sends go, and what the detection needs from the extension. */
export interface GmailSendOutlets {
  /** A send to record (the outbox: stored first, then sent to the background). */
  deliver(send: DetectedSend): void;
  /** A network-confirmed send held while Gmail's Undo may take it back, kept as pending. */
  hold(send: DetectedSend, notBefore: number): void;
  /** A held send that was undone, failed or excluded. */
  drop(send: DetectedSend): void;
  /** A send Gmail put back to a draft after it may have been recorded (a scheduled send cancelled). */
  withdraw(sendKey: string): void;
  /** The options page's diagnostics (the reporter throttles). */
  reportDiagnostic(diagnostic: Diagnostic): Promise<unknown>;
  /** The rep's own addresses: left out of recipients; learnt from the rep's own confirmed sends. */
  ownAddresses: {
    current(): ReadonlySet<string>;
    learn(email: string, source: LearnSource): void;
  };
  /** The private channel to the page world (a stand-in in tests). */
  openChannel?: (win: SitePage['window'], options: IsolatedChannelOptions) => IsolatedChannel;
}

export interface SendDetection {
  pairing: SendPairing;
  /** Told after each send handed to the background (overlays refresh). */
  onRecorded(listener: (send: DetectedSend) => void): () => void;
  /** Composes whose "track" toggle is off. */
  excludeCompose(compose: Element): void;
  includeCompose(compose: Element): void;
  isComposeExcluded(compose: Element): boolean;
  /** Whether this tab's page world still tracks (the overlays say so when it does not). */
  health: PageWorldHealth;
}

/** The From of confirmed sends remembered until their pairing ends (own-address learning). */
const FROM_REMEMBERED = 200;

export function startSendDetection(page: SitePage, outlets: GmailSendOutlets): SendDetection {
  const { window, document, clock, signal } = page;
  const { ownAddresses } = outlets;
  const held = { hold: outlets.hold, drop: outlets.drop };
  const deliver = (send: DetectedSend) => outlets.deliver(send);
  const withdraw = (sendKey: string) => outlets.withdraw(sendKey);
  const listen = <K extends keyof WindowEventMap>(
    type: K,
    listener: (event: WindowEventMap[K]) => void,
  ) => window.addEventListener(type, listener, { capture: true, signal });
  const pairing = new SendPairing();
  const gate = new BridgeGate(clock.now());
  const overLimit = new OverLimitLane(undefined, clock.now());
  // What Gmail stopped showing us, for the options page's diagnostics (throttled, metadata only).
  const diagnostics = createDiagnosticReporter('gmail', outlets.reportDiagnostic, clock.now);
  const listeners = new Set<(send: DetectedSend) => void>();
  const excludedComposes = new WeakSet<Element>();
  let ticking = false;
  let lastNotice = '';
  let lastUndoGestureAt = -Infinity;
  // Every send this page hands over counts against one cap per page life, whichever layer saw it.
  const handedKeys = new Set<string>();
  // Sends the rep's own trusted gesture started (by send key), and the From the network gave each.
  const gestured = new Set<string>();
  const fromOf = new Map<string, string>();
  const recentSends = new Set<string>();

  // Held sends kept in storage as pending, by send key: written when the network confirms a send,
  // replaced by the delivery when the hold ends, removed when it is undone, failed or excluded.
  const stored = new Map<string, DetectedSend>();
  const syncHeld = (delivered: readonly DetectedSend[]) => {
    try {
      const now = new Map<string, { send: DetectedSend; notBefore: number }>();
      for (const entry of pairing.held({ ownAddresses: [...ownAddresses.current()] }))
        now.set(entry.send.sendKey, entry);
      for (const [key, entry] of now) {
        if (stored.has(key)) continue;
        stored.set(key, entry.send);
        held.hold(entry.send, entry.notBefore);
      }
      const deliveredKeys = new Set(delivered.map((send) => send.sendKey));
      for (const [key, send] of stored) {
        if (now.has(key)) continue;
        stored.delete(key);
        if (!deliveredKeys.has(key)) held.drop(send);
      }
    } catch (error) {
      console.debug('[Fifth Touch] held sends:', error);
    }
  };

  const hand = (sends: DetectedSend[]) => {
    syncHeld(sends);
    for (const send of sends) {
      if (!handedKeys.has(send.sendKey) && handedKeys.size >= DEFAULT_GATE.lifetimeSends) {
        // Past the page's cap a network-confirmed send is still kept for the rep to check.
        if (send.confirmed) keepSendOverLimit(send, 'page-cap', clock.now());
        else
          diagnostics.report(
            'send-cap',
            `over ${DEFAULT_GATE.lifetimeSends} sends in one page life`,
          );
        continue;
      }
      handedKeys.add(send.sendKey);
      if (!send.confirmed) {
        // A send only the page saw: the sync payload no longer looks like what we know, or the
        // observer was cut off from Gmail's requests (the heartbeat tells which).
        diagnostics.report('sync-payload', 'a send without network confirmation');
        health.checkUnconfirmedSend(send.at);
      } else if (gestured.has(send.sendKey)) {
        // Network-confirmed and started by the rep's own gesture: its From is the rep's address.
        const from = fromOf.get(send.sendKey);
        if (from) ownAddresses.learn(from, 'send');
      }
      deliver(send);
      for (const listener of listeners) {
        try {
          listener(send);
        } catch {
          // An overlay's trouble is not the send's.
        }
      }
    }
  };

  // A confirmed send past a limit is kept for the rep to check, never dropped in silence.
  const keepSendOverLimit = (send: DetectedSend, reason: OverLimitReason, now: number) => {
    if (!overLimit.admit(now)) {
      diagnostics.report('send-over-limit', overLimit.describe(reason));
      return;
    }
    const { sendingUntil: _sendingUntil, ...kept } = send;
    deliver({ ...kept, overLimit: reason });
  };
  const keepOverLimit = (event: BridgeEvent, verdict: GateVerdict, now: number) => {
    const send = pairing.standalone(event, { ownAddresses: [...ownAddresses.current()] });
    if (!send) return;
    keepSendOverLimit(send, verdict === 'over-cap' ? 'page-cap' : 'rate', now);
  };

  const facts = (): PageFacts => {
    const notice = safe(() => readSendNotice(document), null);
    return { undoVisible: !!notice?.undoButton, ownAddresses: [...ownAddresses.current()] };
  };

  const tick = () => {
    try {
      const notice = readSendNotice(document);
      const text = notice ? `${notice.kind}:${notice.text}` : '';
      if (notice && text !== lastNotice) {
        if (notice.kind === 'sent' || notice.kind === 'scheduled') pairing.sawSentNotice();
        if (notice.kind === 'undone' && clock.now() - lastUndoGestureAt <= UNDO_GESTURE_MS) {
          pairing.sawUndo();
        }
      }
      lastNotice = text;
      hand(pairing.take(clock.now(), facts()));
    } catch (error) {
      console.debug('[Fifth Touch] send detection:', error);
    }
    if (pairing.waiting > 0 && !signal.aborted) clock.setTimeout(tick, TICK_MS);
    else ticking = false;
  };
  const startTicking = () => {
    if (ticking) return;
    ticking = true;
    clock.setTimeout(tick, TICK_MS);
  };

  // ---- The network layer, through the private channel ----
  const onNetworkEvent = (event: BridgeEvent, now: number) => {
    // The gate's budgets open only for the rep's trusted gestures (see the DOM layer below); a
    // confirmed send it refuses is kept for the rep to check, never dropped in silence.
    const verdict = gate.admit(event, now);
    if (verdict !== 'admitted') {
      keepOverLimit(event, verdict, now);
      return;
    }
    const sendKey = gmailSendKey(event.messageId);
    if (sendKey && event.from) {
      fromOf.delete(sendKey);
      fromOf.set(sendKey, event.from);
      while (fromOf.size > FROM_REMEMBERED) fromOf.delete(fromOf.keys().next().value!);
    }
    hand(pairing.sawNetwork(event, now));
    // Back to a draft after it may have been recorded (a scheduled send cancelled).
    if (event.kind === 'undone' && sendKey) withdraw(sendKey);
    startTicking();
  };
  const channel = (outlets.openChannel ?? openIsolatedChannel)(window, {
    onEvent(detail) {
      try {
        const parsed = parseSyncRecord(detail);
        if (!parsed.ok) {
          // Our page side only ever sends valid records: someone else holds the port.
          diagnostics.report('bridge-event', parsed.reason);
          health.garbled();
          return;
        }
        const { record } = parsed;
        const now = clock.now();
        const events = eventsOfSync(
          { account: record.account, body: record.request },
          { status: record.status, body: record.response },
          now,
          recentSends,
        );
        const sent = events.filter((e) => e.kind === 'send' || e.kind === 'scheduled');
        // The page side forwards a later request naming one of these (an Undo puts it back).
        if (sent.length > 0) channel.command({ watch: sent.map((e) => e.messageId) });
        for (const event of events) onNetworkEvent(event, now);
      } catch (error) {
        console.debug('[Fifth Touch] sync record:', error);
      }
    },
    onGarbled: () => health.garbled(),
  });
  const health = watchPageWorld(channel, clock, () => document.visibilityState === 'visible');
  health.onChange((paused) => {
    if (paused) diagnostics.report(PAUSE_CHECKS[paused], 'tracking paused in this tab');
  });
  signal.addEventListener('abort', () => channel.close(), { once: true });
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState === 'visible') health.beat();
    },
    { signal },
  );

  // ---- The DOM layer ----
  const gesture = (target: EventTarget | null) => {
    if (!(target instanceof Element)) return;
    const compose = findComposes(document).find((c) => c.contains(target));
    if (!compose || excludedComposes.has(compose)) return;
    const state = readCompose(compose);
    if (state.draftId && pairing.isExcluded(state.draftId)) return;
    if (state.to.length + state.cc.length + state.bcc.length === 0) {
      diagnostics.report('compose-recipients', 'Send clicked, no recipient read');
      return;
    }
    if (!state.draftId) diagnostics.report('compose-draft-id', 'Send clicked, no draft id read');
    const at = clock.now();
    const draftInput = queryFirst(compose, GMAIL_SELECTORS.draftInput);
    gate.sawGesture(at);
    const key = state.draftId ? gmailSendKey(state.draftId) : null;
    if (key) {
      gestured.add(key);
      if (gestured.size > FROM_REMEMBERED) gestured.delete(gestured.values().next().value!);
    }
    pairing.sawDomSend({
      state,
      account: accountPathOf(pageUrlOf(page)),
      at,
      // Gmail removes a compose that sent (or at least its form, with the draft id).
      isGone: () => !compose.isConnected || (draftInput !== null && !draftInput.isConnected),
    });
    startTicking();
  };

  const onPointer = (event: MouseEvent) => {
    try {
      // A script's click is not the rep's: it neither sends, nor unlocks a budget, nor undoes.
      if (!event.isTrusted) return;
      if (event.button !== 0 || !(event.target instanceof Element)) return;
      if (sendButtonOf(event.target)) gesture(event.target);
      else if (isUndoClick(event.target)) {
        lastUndoGestureAt = clock.now();
        pairing.sawUndo();
        syncHeld([]);
      }
    } catch (error) {
      console.debug('[Fifth Touch] send click:', error);
    }
  };
  // On the window, in the capture phase, from document_start: ours run before any listener a page
  // script adds later, so none can stop them.
  listen('click', onPointer);
  listen('mouseup', onPointer);

  listen('keydown', (event: KeyboardEvent) => {
    try {
      if (!event.isTrusted) return;
      if (event.isComposing || !(event.target instanceof Element)) return;
      if (
        (event.key === 'z' || event.key === 'Z') &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isEditable(event.target)
      ) {
        // Gmail's own Undo shortcut: the notice that follows may take the latest send back.
        lastUndoGestureAt = clock.now();
      }
      const isSendShortcut =
        event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
      const onSendButton =
        (event.key === 'Enter' || event.key === ' ') &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        sendButtonOf(event.target) !== null;
      if (isSendShortcut || onSendButton) gesture(event.target);
    } catch (error) {
      console.debug('[Fifth Touch] send key:', error);
    }
  });

  // A closed tab can no longer undo: what the network confirmed is recorded now.
  listen('pagehide', () => {
    try {
      hand(pairing.flush(facts()));
    } catch {
      // Never into the page.
    }
  });

  return {
    pairing,
    onRecorded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    excludeCompose(compose) {
      excludedComposes.add(compose);
      const { draftId } = readCompose(compose);
      if (draftId) pairing.exclude(draftId);
      syncHeld([]);
    },
    includeCompose(compose) {
      excludedComposes.delete(compose);
      const { draftId } = readCompose(compose);
      if (draftId) pairing.include(draftId);
    },
    isComposeExcluded: (compose) => excludedComposes.has(compose),
    health,
  };
}

function isEditable(target: Element): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

function isUndoClick(target: Element): boolean {
  const bar = closestOf(target, GMAIL_SELECTORS.noticeBar);
  if (!bar) return false;
  const button = target.closest(UNDO_CONTROL);
  return !!button && isUndoButton(button);
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
