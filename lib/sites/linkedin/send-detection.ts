// Where a LinkedIn send becomes a touch: the page world's network events (through the private
// channel, validated and rate-limited) and the DOM layer's gestures (click and Enter, read through
// composedPath so the 2026 shadow-root overlay and invitation modal count; trusted events only)
// meet in SendPairing; what it returns goes to the outbox, which keeps it until the background
// stored it. A heartbeat on the channel tells the overlays when this tab stopped tracking.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectedSend } from '../../lib/model';
import { createExtensionOutbox } from '../../lib/outbox/extension';
import {
  detectedSendOfBridgeEvent,
  isConfirmedEvent,
  parseBridgeEvent,
  type BridgeEvent,
} from '../../lib/sites/linkedin/bridge';
import { OverLimitLane } from '../../lib/outbox/over-limit';
import { openIsolatedChannel } from '../../lib/page-world/channel';
import { PAUSE_CHECKS, watchPageWorld, type PageWorldHealth } from '../../lib/page-world/health';
import { SendPairing } from '../../lib/sites/linkedin/pairing';
import { BridgeBudget, UNGESTURED_RATE_LIMIT } from '../../lib/sites/linkedin/bridge-budget';
import { domSendOfGesture, peopleForNetworkSend } from '../../lib/sites/linkedin/read-send';
import { createDiagnosticReporter } from '../../lib/diagnostics/reporter';
import { sendMessage } from '../../lib/messages';

/** A network send within this long after the user's own send gesture in this tab is theirs. */
const GESTURE_WINDOW_MS = 120_000;

export interface SendDetection {
  /** Called after each send handed to the outbox (overlays refresh their status). */
  onSend(listener: (send: DetectedSend) => void): () => void;
  /** Whether this tab's page world still tracks (the overlays say so when it does not). */
  health: PageWorldHealth;
}

export function startSendDetection(ctx: ContentScriptContext): SendDetection {
  const outbox = createExtensionOutbox();
  const pairing = new SendPairing();
  const limiter = new BridgeBudget();
  const ungestured = new BridgeBudget(UNGESTURED_RATE_LIMIT);
  const overLimit = new OverLimitLane(undefined, Date.now());
  let lastGestureAt = -Infinity;
  // What LinkedIn stopped showing us, for the options page's diagnostics (throttled, metadata only).
  const diagnostics = createDiagnosticReporter('linkedin', (diagnostic) =>
    sendMessage('reportDiagnostic', diagnostic),
  );
  const listeners = new Set<(send: DetectedSend) => void>();
  let timer: number | undefined;

  const deliver = (sends: DetectedSend[]) => {
    for (const send of sends) {
      if (!send.confirmed) {
        diagnostics.report('create-message-payload', 'a send without network confirmation');
        health.checkUnconfirmedSend(send.at);
      }
      void outbox.enqueue(send).then(() => {
        for (const listener of listeners) {
          try {
            listener(send);
          } catch {
            // One overlay's failure is not the others'.
          }
        }
      });
    }
    schedule();
  };

  function schedule() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const deadline = pairing.nextDeadline();
    if (deadline === undefined || ctx.isInvalid) return;
    timer = ctx.setTimeout(
      () => deliver(pairing.take(Date.now())),
      Math.max(0, deadline - Date.now()) + 10,
    );
  }

  // A confirmed send past a rate limit is kept for the rep to check, never dropped in silence.
  const keepOverLimit = (event: BridgeEvent, now: number) => {
    // Only a 2xx LinkedIn did not refuse in its body (a 429 or an SDUI error list is no send).
    if (event.stage !== 'response' || !isConfirmedEvent(event)) return;
    if (!overLimit.admit(now)) {
      diagnostics.report('send-over-limit', overLimit.describe('rate'));
      return;
    }
    const people = peopleForNetworkSend(event, document, location.href);
    const send = detectedSendOfBridgeEvent(event, people);
    if (send) void outbox.enqueue({ ...send, overLimit: 'rate' });
  };

  const channel = openIsolatedChannel(window, {
    onEvent(detail) {
      const now = Date.now();
      const withinBudget = limiter.take(now);
      // Past the budget an event is read only while sends past it can still be kept.
      if (!withinBudget && overLimit.exhausted) return;
      const parsed = parseBridgeEvent(detail);
      if (!parsed.ok) {
        // Our page side only ever sends valid events: someone else holds the port.
        if (withinBudget) diagnostics.report('bridge-event', parsed.reason);
        health.garbled();
        return;
      }
      // Only the rep's own trusted gestures move lastGestureAt (onGesture below). The ungestured
      // budget counts answers, not the request before each: it is sends it limits.
      const ungesturedSend =
        parsed.event.stage === 'response' && now - lastGestureAt > GESTURE_WINDOW_MS;
      if (!withinBudget || (ungesturedSend && !ungestured.take(now))) {
        keepOverLimit(parsed.event, now);
        return;
      }
      deliver(
        pairing.sawNetwork(parsed.event, now, (event) => {
          const people = peopleForNetworkSend(event, document, location.href);
          if (people.length === 0)
            diagnostics.report('conversation-header', 'no person for a send');
          return people;
        }),
      );
    },
    onGarbled: () => health.garbled(),
  });
  const health = watchPageWorld(
    channel,
    {
      now: Date.now,
      setTimeout: (work, ms) => ctx.setTimeout(work, ms),
      setInterval: (work, ms) => ctx.setInterval(work, ms),
    },
    () => document.visibilityState === 'visible',
  );
  health.onChange((paused) => {
    if (paused) diagnostics.report(PAUSE_CHECKS[paused], 'tracking paused in this tab');
  });
  ctx.onInvalidated(() => channel.close());
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') health.beat();
  });

  const onGesture = (event: Event) => {
    try {
      if (!event.isTrusted) return;
      const keyboard = event.type === 'keydown' ? (event as KeyboardEvent) : undefined;
      if (keyboard && keyboard.key !== 'Enter') return;
      const dom = domSendOfGesture(
        event.composedPath(),
        {
          type: keyboard ? 'keydown' : 'click',
          ...(keyboard
            ? {
                key: keyboard.key,
                shiftKey: keyboard.shiftKey,
                ctrlKey: keyboard.ctrlKey,
                metaKey: keyboard.metaKey,
                altKey: keyboard.altKey,
                isComposing: keyboard.isComposing,
              }
            : {}),
        },
        document,
        location.href,
        Date.now(),
      );
      if (!dom) return;
      lastGestureAt = Date.now();
      pairing.sawDom(dom);
      schedule();
    } catch {
      // Never into the page.
    }
  };
  // Capture on the window, from document_start: before LinkedIn's handlers clear the composer or
  // close the dialog, and before any listener a page script adds later, so none can stop ours.
  ctx.addEventListener(window, 'click', onGesture, { capture: true, passive: true });
  ctx.addEventListener(window, 'keydown', onGesture, { capture: true, passive: true });

  return {
    onSend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health,
  };
}
