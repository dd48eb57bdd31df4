// Where a LinkedIn send becomes a touch: the page world's network events (through the private
// channel, validated and rate-limited) and the DOM layer's gestures (click and Enter, read through
// composedPath so the 2026 shadow-root overlay and invitation modal count; trusted events only)
// meet in SendPairing; what it returns goes to `outlets.deliver` (the outbox, which keeps it until
// the background stored it). A heartbeat on the channel tells the overlays when this tab stopped
// tracking. Takes the page, a clock and a signal (../site-page.ts): the entrypoint only wires it.
import type { DetectedSend } from '../../model';
import type { Diagnostic } from '../../messages';
import { OverLimitLane } from '../../outbox/over-limit';
import {
  openIsolatedChannel,
  type IsolatedChannel,
  type IsolatedChannelOptions,
} from '../../page-world/channel';
import { PAUSE_CHECKS, watchPageWorld, type PageWorldHealth } from '../../page-world/health';
import { createDiagnosticReporter } from '../../diagnostics/reporter';
import { pageUrlOf, type SitePage } from '../site-page';
import {
  detectedSendOfBridgeEvent,
  isConfirmedEvent,
  parseBridgeEvent,
  type BridgeEvent,
} from './bridge';
import { BridgeBudget, UNGESTURED_RATE_LIMIT } from './bridge-budget';
import { SendPairing } from './pairing';
import { domSendOfGesture, peopleForNetworkSend } from './read-send';

/** Where detected sends go, and what the detection needs from the extension. */
export interface LinkedInSendOutlets {
  /** A send to record: the outbox stores it, then sends it to the background. */
  deliver(send: DetectedSend): Promise<unknown>;
  /** The options page's diagnostics (the reporter throttles). */
  reportDiagnostic(diagnostic: Diagnostic): Promise<unknown>;
  /** The private channel to the page world (a stand-in in tests). */
  openChannel?: (win: SitePage['window'], options: IsolatedChannelOptions) => IsolatedChannel;
}

/** A network send within this long after the user's own send gesture in this tab is theirs. */
const GESTURE_WINDOW_MS = 120_000;

export interface SendDetection {
  /** Called after each send handed to the outbox (overlays refresh their status). */
  onSend(listener: (send: DetectedSend) => void): () => void;
  /** Whether this tab's page world still tracks (the overlays say so when it does not). */
  health: PageWorldHealth;
}

export function startSendDetection(page: SitePage, outlets: LinkedInSendOutlets): SendDetection {
  const { window, document, clock, signal } = page;
  const outbox = { enqueue: (send: DetectedSend) => outlets.deliver(send) };
  const pairing = new SendPairing();
  const limiter = new BridgeBudget();
  const ungestured = new BridgeBudget(UNGESTURED_RATE_LIMIT);
  const overLimit = new OverLimitLane(undefined, clock.now());
  let lastGestureAt = -Infinity;
  // What LinkedIn stopped showing us, for the options page's diagnostics (throttled, metadata only).
  const diagnostics = createDiagnosticReporter('linkedin', outlets.reportDiagnostic, clock.now);
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
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    const deadline = pairing.nextDeadline();
    if (deadline === undefined || signal.aborted) return;
    timer = clock.setTimeout(
      () => deliver(pairing.take(clock.now())),
      Math.max(0, deadline - clock.now()) + 10,
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
    const people = peopleForNetworkSend(event, document, pageUrlOf(page));
    const send = detectedSendOfBridgeEvent(event, people);
    if (send) void outbox.enqueue({ ...send, overLimit: 'rate' });
  };

  const channel = (outlets.openChannel ?? openIsolatedChannel)(window, {
    onEvent(detail) {
      const now = clock.now();
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
          const people = peopleForNetworkSend(event, document, pageUrlOf(page));
          if (people.length === 0)
            diagnostics.report('conversation-header', 'no person for a send');
          return people;
        }),
      );
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
        pageUrlOf(page),
        clock.now(),
      );
      if (!dom) return;
      lastGestureAt = clock.now();
      pairing.sawDom(dom);
      schedule();
    } catch {
      // Never into the page.
    }
  };
  // Capture on the window, from document_start: before LinkedIn's handlers clear the composer or
  // close the dialog, and before any listener a page script adds later, so none can stop ours.
  window.addEventListener('click', onGesture, { capture: true, passive: true, signal });
  window.addEventListener('keydown', onGesture, { capture: true, passive: true, signal });

  return {
    onSend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health,
  };
}
