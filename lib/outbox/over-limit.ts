// What happens to a network-confirmed send that came past a rate limit (no Send gesture seen in
// the tab, more at once than a person sends, or past the page's cap). It may be real (a batch of
// scheduled sends, a send path the DOM layer missed, another tool sending through the site's own
// page) or forged, so it is neither a touch nor dropped: it goes to the background marked
// `overLimit`, which keeps it for the rep's Keep or Discard. This lane has a budget of its own,
// larger than any real burst, so a forged flood still cannot grow the store without bound; what
// even this lane refuses is counted and reported. Pure: time is passed in.
import type { OverLimitReason } from '../model';
import { RateLimiter, type RateLimitOptions } from '../rate-limit';

export const OVER_LIMIT_LANE: Required<RateLimitOptions> = {
  burst: 100,
  refillMs: 3_000,
  lifetimeMax: 500,
};

export class OverLimitLane {
  private readonly limiter: RateLimiter;

  constructor(options: Required<RateLimitOptions> = OVER_LIMIT_LANE, startedAt?: number) {
    this.limiter = new RateLimiter(options, startedAt);
  }

  /** Whether one more send past a limit may still be kept for the rep now. */
  admit(now: number): boolean {
    return this.limiter.take(now);
  }

  /** The lane kept all it ever will in this page: nothing past a limit is worth reading now. */
  get exhausted(): boolean {
    return this.limiter.exhausted;
  }

  /** Sends past a limit this lane could not keep either (for diagnostics). */
  get refused(): number {
    return this.limiter.refused;
  }

  /** The diagnostic detail for a refusal: how many, and which limit the last one came past. */
  describe(reason: OverLimitReason): string {
    const which = reason === 'rate' ? 'the rate limit' : 'the page cap';
    return `${this.refused} send${this.refused === 1 ? '' : 's'} past ${which} not kept: too many`;
  }
}
