// LinkedIn's budgets for events from the page world: a person sends a few messages a minute at
// most, so a burst beyond that is forged or broken, and is dropped before it can reach the store.
// The bucket itself is the one limiter in ../../rate-limit.ts. Pure: time is passed in.
import { RateLimiter as SharedRateLimiter } from '../../rate-limit';

export interface BridgeBudgetOptions {
  /** Events allowed in a burst. */
  burst: number;
  /** One more event is allowed every this many milliseconds. */
  refillMs: number;
  /** Never more than this many in the page's whole life, whatever the pace. */
  lifetimeMax: number;
}

export const BRIDGE_RATE_LIMIT: BridgeBudgetOptions = {
  burst: 20,
  refillMs: 3_000,
  lifetimeMax: 2_000,
};

/**
 * Network events with no send gesture seen in the tab (a path the DOM layer missed, or a forgery
 * through a grabbed channel) share this smaller budget, so a flood cannot fill the store.
 */
export const UNGESTURED_RATE_LIMIT: BridgeBudgetOptions = {
  burst: 6,
  refillMs: 30_000,
  lifetimeMax: 40,
};

/** The shared limiter (../../rate-limit.ts) with the bridge's budget unless told otherwise. */
export class BridgeBudget extends SharedRateLimiter {
  constructor(options: BridgeBudgetOptions = BRIDGE_RATE_LIMIT) {
    super(options);
  }
}
