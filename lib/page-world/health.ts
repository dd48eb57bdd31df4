// Whether a tab's page world is still tracking, from the isolated side. The page can cut what it
// can reach: another extension's early script may hold the port, a page script may route the site's
// requests around the observer (a frame's untouched XMLHttpRequest, a replaced fetch) or poison
// what the observer relies on. Each of those shows here as one of four signs, and the tab says
// "Tracking paused" instead of missing sends in silence:
// - the page side never took the port (`not-ready`);
// - it stopped answering the heartbeat (`silent`; two missed pings in a row, so one slow moment of
//   a busy page is not enough; an answer later lifts it);
// - something arrived on the port that our page side never sends (`garbled`);
// - the rep's own send went out (the DOM saw it) and the observer saw no request to the send
//   endpoint since that gesture (`observer-silent`).
// Pure: the channel, the clock and the page's visibility are passed in.
import type { PageStats } from './channel';

export type PauseReason = 'not-ready' | 'silent' | 'garbled' | 'observer-silent';

/** The diagnostics check each reason is reported under (options page, "Not recognised"). */
export const PAUSE_CHECKS: Record<PauseReason, string> = {
  'not-ready': 'page-world-not-ready',
  silent: 'page-world-silent',
  garbled: 'page-world-garbled',
  'observer-silent': 'page-world-observer-silent',
};

export interface HealthChannel {
  readonly ready: boolean;
  ping(): Promise<PageStats | null>;
}

export interface HealthClock {
  now(): number;
  setTimeout(work: () => void, ms: number): unknown;
  setInterval(work: () => void, ms: number): unknown;
}

export interface HealthOptions {
  /** The port must be taken by then (the handshake is at document_start; this is generous). */
  readyWithinMs: number;
  /** A heartbeat this often while the tab is visible. */
  everyMs: number;
  /** Missed heartbeats in a row before the tab says so. */
  missesToPause: number;
}

export const DEFAULT_HEALTH: HealthOptions = {
  readyWithinMs: 15_000,
  everyMs: 30_000,
  missesToPause: 2,
};

export interface PageWorldHealth {
  readonly paused: PauseReason | null;
  /** Told each time `paused` changes. */
  onChange(listener: (paused: PauseReason | null) => void): () => void;
  /** Something arrived that our page side never sends. */
  garbled(): void;
  /**
   * A send the rep made at `gestureAt` went out by the page's own account (the compose closed, the
   * site said "sent") but no network event confirmed it: was the observer there at all?
   */
  checkUnconfirmedSend(gestureAt: number): void;
  /** A heartbeat now (e.g. when the tab becomes visible). */
  beat(): void;
}

export function watchPageWorld(
  channel: HealthChannel,
  clock: HealthClock,
  isVisible: () => boolean,
  overrides: Partial<HealthOptions> = {},
): PageWorldHealth {
  const options = { ...DEFAULT_HEALTH, ...overrides };
  const listeners = new Set<(paused: PauseReason | null) => void>();
  let paused: PauseReason | null = null;
  let misses = 0;
  let beating = false;

  // The first reason sticks, except `silent`, which an answer lifts (the page was only busy).
  const set = (next: PauseReason | null) => {
    if (next === paused) return;
    if (next === null && paused !== 'silent') return;
    if (next !== null && paused !== null && paused !== 'silent') return;
    paused = next;
    for (const listener of listeners) {
      try {
        listener(paused);
      } catch {
        // One listener's trouble is not the others'.
      }
    }
  };

  const answered = (stats: PageStats | null): stats is PageStats => {
    if (stats) {
      misses = 0;
      if (paused === 'silent') set(null);
      return true;
    }
    misses += 1;
    if (misses >= options.missesToPause) set(channel.ready ? 'silent' : 'not-ready');
    return false;
  };

  const beat = () => {
    if (beating || !channel.ready) return;
    beating = true;
    void channel.ping().then((stats) => {
      beating = false;
      answered(stats);
    });
  };

  clock.setTimeout(() => {
    if (!channel.ready) set('not-ready');
  }, options.readyWithinMs);
  clock.setInterval(() => {
    if (isVisible()) beat();
  }, options.everyMs);

  return {
    get paused() {
      return paused;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    garbled() {
      set('garbled');
    },
    checkUnconfirmedSend(gestureAt) {
      if (!channel.ready) {
        set('not-ready');
        return;
      }
      void channel.ping().then((stats) => {
        if (!answered(stats)) return;
        if (stats.lastAt < gestureAt) set('observer-silent');
      });
    },
    beat,
  };
}
