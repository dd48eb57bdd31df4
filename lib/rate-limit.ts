// One token bucket for whatever must not come faster than a person acts: events from the page
// world on Gmail and on LinkedIn, where anything on the page can dispatch them. A burst passes at
// once, then one more per refill interval; an optional lifetime cap bounds a slow flood. Pure: time
// is passed in, and a clock going back, or not a number, never adds a token.

export interface RateLimitOptions {
  /** Events allowed in a burst (the bucket starts full). */
  burst: number;
  /** One more event is allowed every this many milliseconds. */
  refillMs: number;
  /** Never more than this many in the limiter's whole life, whatever the pace. */
  lifetimeMax?: number;
}

export class RateLimiter {
  private tokens: number;
  private last: number | undefined;
  private used = 0;
  private dropped = 0;

  /** `startedAt`, when given, is the instant refills count from (else the first `take`). */
  constructor(
    private readonly options: RateLimitOptions,
    startedAt?: number,
  ) {
    this.tokens = options.burst;
    if (startedAt !== undefined && Number.isFinite(startedAt)) this.last = startedAt;
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
    if (this.used >= (this.options.lifetimeMax ?? Infinity) || this.tokens < 1) return this.drop();
    this.tokens -= 1;
    this.used += 1;
    return true;
  }

  /** Whether the lifetime cap is reached: nothing will ever pass again. */
  get exhausted(): boolean {
    return this.used >= (this.options.lifetimeMax ?? Infinity);
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
