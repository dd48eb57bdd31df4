import { describe, expect, it } from 'vitest';
import { BridgeBudget } from './bridge-budget';

describe('the bridge budget', () => {
  it('lets a burst through, then one event per refill interval', () => {
    const limiter = new BridgeBudget({ burst: 3, refillMs: 1_000, lifetimeMax: 100 });
    expect([0, 0, 0, 0].map(() => limiter.take(0))).toEqual([true, true, true, false]);
    expect(limiter.take(999)).toBe(false);
    expect(limiter.take(1_000)).toBe(true);
    expect(limiter.refused).toBe(2);
  });

  it('a forged flood gets at most the lifetime cap through, however slow', () => {
    const limiter = new BridgeBudget({ burst: 20, refillMs: 3_000, lifetimeMax: 50 });
    let passed = 0;
    for (let i = 0; i < 10_000; i++) if (limiter.take(i * 10_000)) passed++;
    expect(passed).toBe(50);
  });

  it('a clock going backwards or NaN never adds tokens', () => {
    const limiter = new BridgeBudget({ burst: 1, refillMs: 1_000, lifetimeMax: 100 });
    expect(limiter.take(10_000)).toBe(true);
    expect(limiter.take(0)).toBe(false);
    expect(limiter.take(Number.NaN)).toBe(false);
    expect(limiter.take(10_500)).toBe(false);
    expect(limiter.take(11_000)).toBe(true);
  });
});
