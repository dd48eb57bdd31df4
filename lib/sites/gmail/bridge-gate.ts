// The isolated side's door for network events. The page world's records are read with functions
// captured before any page script ran and come over a private port, yet another extension's script
// could hold that port, and a page script can make Gmail send real requests; so each event must
// also pass a rate limit: sends right after the rep's own (trusted) send gesture get a generous
// budget, sends with no gesture seen (Gmail's schedule menu, a path the DOM layer missed, or a
// forgery) a small one, and every page life has a hard cap. A forged flood therefore adds at most
// a bounded number of touches.
import { RateLimiter } from '../../rate-limit';
import type { BridgeEvent } from './bridge';

/** A token bucket: `capacity` at once, refilled at `perMs` per token. Time is passed in. */
export class TokenBucket {
  private readonly limiter: RateLimiter;

  constructor(capacity: number, perMs: number, now: number) {
    this.limiter = new RateLimiter({ burst: capacity, refillMs: perMs }, now);
  }

  take(now: number): boolean {
    return this.limiter.take(now);
  }
}

export interface BridgeGateOptions {
  /** A send within this long after a send gesture in this tab counts as the user's. */
  gestureWindowMs: number;
  withGesture: { capacity: number; perMs: number };
  withoutGesture: { capacity: number; perMs: number };
  /** Failed/undone events only ever remove pending sends; still limited, so a flood costs little. */
  other: { capacity: number; perMs: number };
  /** At most this many sends per page life, whatever the rate. Gmail itself allows 2,000 a day. */
  lifetimeSends: number;
}

export const DEFAULT_GATE: BridgeGateOptions = {
  gestureWindowMs: 120_000,
  withGesture: { capacity: 30, perMs: 2_000 },
  withoutGesture: { capacity: 5, perMs: 60_000 },
  other: { capacity: 60, perMs: 500 },
  lifetimeSends: 500,
};

export type GateVerdict = 'admitted' | 'rate-limited' | 'over-cap';

export class BridgeGate {
  private readonly options: BridgeGateOptions;
  private readonly withGesture: TokenBucket;
  private readonly withoutGesture: TokenBucket;
  private readonly other: TokenBucket;
  private lastGestureAt = -Infinity;
  private sends = 0;
  /** Refused events, for diagnostics. */
  refused = 0;

  constructor(now: number, options: Partial<BridgeGateOptions> = {}) {
    this.options = { ...DEFAULT_GATE, ...options };
    const bucket = (b: { capacity: number; perMs: number }) =>
      new TokenBucket(b.capacity, b.perMs, now);
    this.withGesture = bucket(this.options.withGesture);
    this.withoutGesture = bucket(this.options.withoutGesture);
    this.other = bucket(this.options.other);
  }

  /** The user clicked Send or pressed Ctrl/Cmd+Enter in this tab (a trusted event, never a script's). */
  sawGesture(at: number): void {
    this.lastGestureAt = Math.max(this.lastGestureAt, at);
  }

  admit(event: BridgeEvent, now: number): GateVerdict {
    const verdict = this.judge(event, now);
    if (verdict !== 'admitted') this.refused += 1;
    return verdict;
  }

  private judge(event: BridgeEvent, now: number): GateVerdict {
    if (event.kind === 'failed' || event.kind === 'undone') {
      return this.other.take(now) ? 'admitted' : 'rate-limited';
    }
    if (this.sends >= this.options.lifetimeSends) return 'over-cap';
    const recent = now - this.lastGestureAt <= this.options.gestureWindowMs;
    const bucket = recent ? this.withGesture : this.withoutGesture;
    if (!bucket.take(now)) return 'rate-limited';
    this.sends += 1;
    return 'admitted';
  }
}
