import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('lets a burst through at once, then one event per refill interval', () => {
    const limiter = new RateLimiter({ burst: 3, refillMs: 1_000 });
    expect([0, 0, 0, 0].map(() => limiter.take(0))).toEqual([true, true, true, false]);
    expect(limiter.take(999)).toBe(false);
    expect(limiter.take(1_000)).toBe(true);
    expect(limiter.take(1_000)).toBe(false);
    expect(limiter.refused).toBe(3);
  });

  it('refills fractions: two half intervals make one event', () => {
    const limiter = new RateLimiter({ burst: 1, refillMs: 1_000 });
    expect(limiter.take(0)).toBe(true);
    expect(limiter.take(500)).toBe(false);
    expect(limiter.take(1_000)).toBe(true);
  });

  it('never holds more than its burst after a long pause', () => {
    const limiter = new RateLimiter({ burst: 2, refillMs: 1_000 });
    limiter.take(0);
    limiter.take(0);
    expect([1, 2, 3].map(() => limiter.take(1_000_000))).toEqual([true, true, false]);
  });

  it('without a lifetime cap a steady pace passes forever; with one, a slow flood stops at it', () => {
    const uncapped = new RateLimiter({ burst: 1, refillMs: 1_000 });
    const capped = new RateLimiter({ burst: 1, refillMs: 1_000, lifetimeMax: 50 });
    let [free, bounded] = [0, 0];
    for (let i = 0; i < 5_000; i++) {
      if (uncapped.take(i * 1_000)) free++;
      if (capped.take(i * 1_000)) bounded++;
    }
    expect(free).toBe(5_000);
    expect(bounded).toBe(50);
    expect(capped.refused).toBe(4_950);
  });

  it('a clock going back, NaN or Infinity never adds tokens', () => {
    const limiter = new RateLimiter({ burst: 1, refillMs: 1_000 });
    expect(limiter.take(10_000)).toBe(true);
    expect(limiter.take(0)).toBe(false);
    expect(limiter.take(Number.NaN)).toBe(false);
    expect(limiter.take(Number.POSITIVE_INFINITY)).toBe(false);
    expect(limiter.take(10_500)).toBe(false);
    expect(limiter.take(11_000)).toBe(true);
  });

  it('counts refills from its start instant when given one', () => {
    const fromStart = new RateLimiter({ burst: 1, refillMs: 1_000 }, 0);
    // The first take, long after the start, spends the (capped) full bucket.
    expect(fromStart.take(5_000)).toBe(true);
    expect(fromStart.take(5_999)).toBe(false);
    expect(fromStart.take(6_000)).toBe(true);
    // A clock behind the start: refills still count from the start, not from the earlier reading.
    const behind = new RateLimiter({ burst: 1, refillMs: 1_000 }, 10_000);
    expect(behind.take(0)).toBe(true);
    expect(behind.take(10_999)).toBe(false);
    expect(behind.take(11_000)).toBe(true);
  });
});
