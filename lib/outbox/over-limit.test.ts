import { describe, expect, it } from 'vitest';
import { OVER_LIMIT_LANE, OverLimitLane } from './over-limit';

describe('the lane for sends past a rate limit', () => {
  it('keeps a burst far larger than any real one, then one per refill, up to its cap', () => {
    const lane = new OverLimitLane(undefined, 0);
    expect(lane.exhausted).toBe(false);
    const burst = Array.from({ length: OVER_LIMIT_LANE.burst + 20 }, () => lane.admit(0));
    expect(burst.filter(Boolean)).toHaveLength(OVER_LIMIT_LANE.burst);
    expect(lane.refused).toBe(20);
    expect(lane.admit(OVER_LIMIT_LANE.refillMs)).toBe(true);
    expect(lane.admit(OVER_LIMIT_LANE.refillMs)).toBe(false);
  });

  it('never keeps more than its cap in a page life, however slow the flood', () => {
    const lane = new OverLimitLane({ burst: 2, refillMs: 10, lifetimeMax: 5 }, 0);
    let kept = 0;
    for (let at = 0; at < 1_000; at += 10) if (lane.admit(at)) kept += 1;
    expect(kept).toBe(5);
    expect(lane.exhausted).toBe(true);
    expect(lane.describe('rate')).toBe('95 sends past the rate limit not kept: too many');
    expect(lane.describe('page-cap')).toMatch(/past the page cap/);
  });
});
