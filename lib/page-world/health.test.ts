// When a tab says "Tracking paused": on a fake channel and a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageStats } from './channel';
import { DEFAULT_HEALTH, watchPageWorld, type PauseReason } from './health';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function fakeChannel(ready = true) {
  const state = {
    ready,
    answer: { observed: 0, lastAt: 0 } as PageStats | null,
    pings: 0,
  };
  const channel = {
    get ready() {
      return state.ready;
    },
    ping: () => {
      state.pings += 1;
      return Promise.resolve(state.answer);
    },
  };
  return { state, channel };
}

function watch(channel: ReturnType<typeof fakeChannel>['channel'], visible = true) {
  const changes: (PauseReason | null)[] = [];
  const health = watchPageWorld(channel, { now: Date.now, setTimeout, setInterval }, () => visible);
  health.onChange((paused) => changes.push(paused));
  return { health, changes };
}

const tick = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
};

describe('the page world’s health', () => {
  it('a page side that never took the port pauses tracking', async () => {
    const { channel } = fakeChannel(false);
    const { health, changes } = watch(channel);
    await tick(DEFAULT_HEALTH.readyWithinMs + 1);
    expect(health.paused).toBe('not-ready');
    expect(changes).toEqual(['not-ready']);
  });

  it('two missed heartbeats in a row pause it; an answer later lifts it', async () => {
    const { channel, state } = fakeChannel();
    const { health, changes } = watch(channel);
    state.answer = null;
    await tick(DEFAULT_HEALTH.everyMs);
    expect(health.paused).toBeNull();
    await tick(DEFAULT_HEALTH.everyMs);
    expect(health.paused).toBe('silent');
    state.answer = { observed: 0, lastAt: 0 };
    await tick(DEFAULT_HEALTH.everyMs);
    expect(health.paused).toBeNull();
    expect(changes).toEqual(['silent', null]);
  });

  it('a hidden tab is not pinged', async () => {
    const { channel, state } = fakeChannel();
    watch(channel, false);
    await tick(DEFAULT_HEALTH.everyMs * 3);
    expect(state.pings).toBe(0);
  });

  it('a send that went out with no request seen since the gesture means the observer was cut off', async () => {
    const { channel, state } = fakeChannel();
    const { health } = watch(channel);
    const gestureAt = Date.now();
    state.answer = { observed: 4, lastAt: gestureAt + 20 };
    health.checkUnconfirmedSend(gestureAt);
    await tick(0);
    // A request was seen after the gesture: Gmail's format changed, tracking is not cut off.
    expect(health.paused).toBeNull();
    state.answer = { observed: 4, lastAt: gestureAt - 5_000 };
    health.checkUnconfirmedSend(gestureAt);
    await tick(0);
    expect(health.paused).toBe('observer-silent');
  });

  it('garbled traffic pauses it for good, and the first lasting reason stays', async () => {
    const { channel, state } = fakeChannel();
    const { health, changes } = watch(channel);
    health.garbled();
    state.answer = null;
    await tick(DEFAULT_HEALTH.everyMs * 3);
    state.answer = { observed: 0, lastAt: 0 };
    await tick(DEFAULT_HEALTH.everyMs);
    expect(health.paused).toBe('garbled');
    expect(changes).toEqual(['garbled']);
  });
});
