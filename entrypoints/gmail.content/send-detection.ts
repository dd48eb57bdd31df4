// Where a Gmail send becomes a touch, in the isolated world: the page-world observer's events
// (validated, rate-limited) and the DOM layer's send gestures go into one SendPairing, whose ready
// sends are delivered to the background. Listeners are capture-phase on the document, registered
// through ctx, and never stop, delay or alter Gmail's own handling of the event.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectedSend } from '../../lib/model';
import {
  BRIDGE_EVENT,
  BRIDGE_NODE_TAG,
  parseBridgeEvent,
  type BridgeEvent,
} from '../../lib/sites/gmail/bridge';
import { OverLimitLane } from '../../lib/outbox/over-limit';
import { BridgeGate, type GateVerdict } from '../../lib/sites/gmail/bridge-gate';
import { SendPairing, type PageFacts } from '../../lib/sites/gmail/pairing';
import { findComposes, readCompose, sendButtonOf } from '../../lib/sites/gmail/read-compose';
import { isUndoButton, readSendNotice } from '../../lib/sites/gmail/read-notice';
import { closestOf, GMAIL_SELECTORS } from '../../lib/sites/gmail/selectors';
import { accountPathOf } from '../../lib/sites/gmail/urls';
import { gmailSendKey } from '../../lib/sites/gmail/ids';
import { createDiagnosticReporter } from '../../lib/diagnostics/report';
import { sendMessage } from '../../lib/messages';
import { deliverSend, dropHeldSend, holdSend, withdrawSend } from './deliver';
import { ownAddresses } from './own-addresses';

const TICK_MS = 400;

export interface SendDetection {
  pairing: SendPairing;
  /** Told after each send handed to the background (overlays refresh). */
  onRecorded(listener: (send: DetectedSend) => void): () => void;
  /** Composes whose "track" toggle is off. */
  excludeCompose(compose: Element): void;
  includeCompose(compose: Element): void;
  isComposeExcluded(compose: Element): boolean;
}

export function startSendDetection(
  ctx: ContentScriptContext,
  deliver: (send: DetectedSend) => void = deliverSend,
  held: {
    hold(send: DetectedSend, notBefore: number): void;
    drop(send: DetectedSend): void;
  } = { hold: holdSend, drop: dropHeldSend },
  withdraw: (sendKey: string) => void = withdrawSend,
): SendDetection {
  const pairing = new SendPairing();
  const gate = new BridgeGate(Date.now());
  const overLimit = new OverLimitLane(undefined, Date.now());
  // What Gmail stopped showing us, for the options page's diagnostics (throttled, metadata only).
  const diagnostics = createDiagnosticReporter('gmail', (diagnostic) =>
    sendMessage('reportDiagnostic', diagnostic),
  );
  const listeners = new Set<(send: DetectedSend) => void>();
  const excludedComposes = new WeakSet<Element>();
  let ticking = false;
  let lastNotice = '';

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
      // A send only the page saw: the sync payload no longer looks like what we know.
      if (!send.confirmed)
        diagnostics.report('sync-payload', 'a send without network confirmation');
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

  // A confirmed send the gate refused is kept for the rep to check, never dropped in silence.
  const keepOverLimit = (event: BridgeEvent, verdict: GateVerdict, now: number) => {
    const send = pairing.standalone(event, { ownAddresses: [...ownAddresses.current()] });
    if (!send) return;
    const reason = verdict === 'over-cap' ? 'page-cap' : 'rate';
    if (!overLimit.admit(now)) {
      diagnostics.report('send-over-limit', overLimit.describe(reason));
      return;
    }
    deliver({ ...send, overLimit: reason });
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
        if (notice.kind === 'undone') pairing.sawUndo();
      }
      lastNotice = text;
      hand(pairing.take(Date.now(), facts()));
    } catch (error) {
      console.debug('[Fifth Touch] send detection:', error);
    }
    if (pairing.waiting > 0 && ctx.isValid) ctx.setTimeout(tick, TICK_MS);
    else ticking = false;
  };
  const startTicking = () => {
    if (ticking) return;
    ticking = true;
    ctx.setTimeout(tick, TICK_MS);
  };

  // ---- The network layer, through the bridge node ----
  const node = bridgeNode();
  ctx.addEventListener(node, BRIDGE_EVENT, (event: Event) => {
    try {
      const parsed = parseBridgeEvent((event as CustomEvent<unknown>).detail);
      if (!parsed.ok) {
        diagnostics.report('bridge-event', parsed.reason);
        return;
      }
      const now = Date.now();
      const verdict = gate.admit(parsed.event, now);
      if (verdict !== 'admitted') {
        keepOverLimit(parsed.event, verdict, now);
        return;
      }
      if (parsed.event.from) ownAddresses.learn(parsed.event.from);
      hand(pairing.sawNetwork(parsed.event, now));
      if (parsed.event.kind === 'undone') {
        // Back to a draft after it may have been recorded (a scheduled send cancelled).
        const sendKey = gmailSendKey(parsed.event.messageId);
        if (sendKey) withdraw(sendKey);
      }
      startTicking();
    } catch (error) {
      console.debug('[Fifth Touch] bridge event:', error);
    }
  });

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
    const at = Date.now();
    const draftInput = compose.querySelector('input[name="draft"]');
    gate.sawGesture(at);
    pairing.sawDomSend({
      state,
      account: accountPathOf(location.href),
      at,
      // Gmail removes a compose that sent (or at least its form, with the draft id).
      isGone: () => !compose.isConnected || (draftInput !== null && !draftInput.isConnected),
    });
    startTicking();
  };

  const onPointer = (event: MouseEvent) => {
    try {
      if (event.button !== 0 || !(event.target instanceof Element)) return;
      if (sendButtonOf(event.target)) gesture(event.target);
      else if (isUndoClick(event.target)) {
        pairing.sawUndo();
        syncHeld([]);
      }
    } catch (error) {
      console.debug('[Fifth Touch] send click:', error);
    }
  };
  ctx.addEventListener(document, 'click', onPointer, { capture: true });
  ctx.addEventListener(document, 'mouseup', onPointer, { capture: true });

  ctx.addEventListener(
    document,
    'keydown',
    (event: KeyboardEvent) => {
      try {
        if (event.isComposing || !(event.target instanceof Element)) return;
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
    },
    { capture: true },
  );

  // A closed tab can no longer undo: what the network confirmed is recorded now.
  ctx.addEventListener(window, 'pagehide', () => {
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
  };
}

function isUndoClick(target: Element): boolean {
  const bar = closestOf(target, GMAIL_SELECTORS.noticeBar);
  if (!bar) return false;
  const button = target.closest('#link_undo, [role="link"], [role="button"], button');
  return !!button && isUndoButton(button);
}

/** The node the page-world observer dispatches on; whichever side runs first creates it. */
function bridgeNode(): Element {
  const found = document.querySelector(BRIDGE_NODE_TAG);
  if (found) return found;
  const node = document.createElement(BRIDGE_NODE_TAG);
  (node as HTMLElement).hidden = true;
  document.documentElement.append(node);
  return node;
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
