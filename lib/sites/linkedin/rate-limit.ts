// A token bucket for events from the page world: a person sends a few messages a minute at most,
// so a burst beyond that is forged or broken, and is dropped before it can reach the store.
// Pure: time is passed in.

export interface RateLimitOptions {
  /** Events allowed in a burst. */
  burst: number;
  /** One more event is allowed every this many milliseconds. */
  refillMs: number;
  /** Never more than this many in the page's whole life, whatever the pace. */
  lifetimeMax: number;
}

export const BRIDGE_RATE_LIMIT: RateLimitOptions = {
  burst: 20,
  refillMs: 3_000,
  lifetimeMax: 2_000,
};

/**
 * Network events with no send gesture seen in the tab (a path the DOM layer missed, or a forgery
 * through a grabbed channel) share this smaller budget, so a flood cannot fill the store.
 */
export const UNGESTURED_RATE_LIMIT: RateLimitOptions = {
  burst: 6,
  refillMs: 30_000,
  lifetimeMax: 40,
};

export class RateLimiter {
  private tokens: number;
  private last: number | undefined;
  private used = 0;
  private dropped = 0;

  constructor(private readonly options: RateLimitOptions = BRIDGE_RATE_LIMIT) {
    this.tokens = options.burst;
  }

  /** True when one more event may pass now (and counts it). */
  take(now: number): boolean {
    if (!Number.isFinite(now)) return this.drop();
    if (this.last !== undefined && now > this.last) {
      this.tokens = Math.min(
        this.options.burst,
        this.tokens + (now - this.last) / this.options.refillMs,
      );
    }
    if (this.last === undefined || now > this.last) this.last = now;
    if (this.used >= this.options.lifetimeMax || this.tokens < 1) return this.drop();
    this.tokens -= 1;
    this.used += 1;
    return true;
  }

  /** How many events were refused so far (for diagnostics). */
  get refused(): number {
    return this.dropped;
  }

  private drop(): false {
    this.dropped += 1;
    return false;
  }
}
