import { describe, expect, it } from 'vitest';
import type { SendsPortMessage } from '../messages';
import type { DetectedSend } from '../model';
import { SendsLink, type LinkPort } from './link';

/** A fake runtime.Port: records what is posted, and can be dropped as Chrome drops it. */
class FakePort implements LinkPort {
  readonly posted: SendsPortMessage[] = [];
  closedByPage = false;
  broken = false;
  private listeners: (() => void)[] = [];
  onDisconnect = { addListener: (listener: () => void) => this.listeners.push(listener) };
  postMessage(message: SendsPortMessage): void {
    if (this.broken) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(structuredClone(message));
  }
  disconnect(): void {
    this.closedByPage = true;
  }
  /** The worker stopped (or the page's other side went). */
  drop(): void {
    this.broken = true;
    for (const listener of this.listeners) listener();
  }
}

/** Timers run by hand, in order of due time. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers.delete(id as number);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

function setUp(connectFails = false) {
  const clock = manualClock();
  const ports: FakePort[] = [];
  const link = new SendsLink({
    connect: () => {
      if (connectFails) throw new Error('Extension context invalidated.');
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    now: clock.now,
  });
  return { link, ports, clock };
}

const send = (sendKey: string): DetectedSend => ({
  channel: 'email',
  at: 1,
  sendKey,
  summary: 'Hello',
  confirmed: true,
  recipients: [{ email: 'jane@acme.com' }],
});

describe('the sends link', () => {
  it('opens the port with the first hold and says it, and nothing before', () => {
    const { link, ports } = setUp();
    expect(ports).toHaveLength(0);
    link.hold(send('a'), 35_000);
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([
      { type: 'hold', send: { ...send('a'), sendingUntil: 35_000 } },
    ]);
  });

  it('says a claim, a release and a done on the open port, and closes it once idle for a while', () => {
    const { link, ports, clock } = setUp();
    link.hold(send('a'), 35_000);
    link.claim(send('b'));
    link.release(send('a'));
    clock.advance(500);
    expect(ports[0]!.closedByPage).toBe(false); // b is still in flight
    link.done(send('b'));
    expect(ports[0]!.posted.map((m) => m.type)).toEqual(['hold', 'claim', 'release', 'done']);
    clock.advance(1_999);
    expect(ports[0]!.closedByPage).toBe(false);
    clock.advance(1);
    expect(ports[0]!.closedByPage).toBe(true);
    expect(link.connected).toBe(false);
    // Nothing in flight: no new port, no message.
    link.done(send('b'));
    expect(ports).toHaveLength(1);
  });

  it('when the worker stops, connects again at once and says everything still in flight', () => {
    const { link, ports, clock } = setUp();
    link.hold(send('a'), 35_000);
    link.hold(send('b'), 36_000);
    link.claim(send('c'));
    link.release(send('b'));
    ports[0]!.drop();
    clock.advance(0);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([
      { type: 'hold', send: { ...send('a'), sendingUntil: 35_000 } },
      { type: 'claim', channel: 'email', sendKey: 'c' },
    ]);
  });

  it('a port that breaks while posting is replaced, and the message is said on the new one', () => {
    const { link, ports, clock } = setUp();
    link.hold(send('a'), 35_000);
    ports[0]!.broken = true;
    link.hold(send('b'), 36_000);
    clock.advance(0);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((m) => (m.type === 'hold' ? m.send.sendKey : m.type))).toEqual([
      'a',
      'b',
    ]);
  });

  it('backs off while the port keeps dropping, and starts again after a connection that lasted', () => {
    const { link, ports, clock } = setUp();
    link.hold(send('a'), 35_000);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      const count = ports.length;
      ports.at(-1)!.drop();
      let waited = 0;
      while (ports.length === count) {
        clock.advance(50);
        waited += 50;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([50, 250, 1_000, 2_000, 5_000]);
    clock.advance(6_000);
    const count = ports.length;
    ports.at(-1)!.drop();
    clock.advance(0);
    expect(ports.length).toBe(count + 1);
  });

  it('does not reconnect once nothing is in flight', () => {
    const { link, ports, clock } = setUp();
    link.claim(send('a'));
    link.done(send('a'));
    ports[0]!.drop();
    clock.advance(10_000);
    expect(ports).toHaveLength(1);
  });

  it('pings while something is held, so the worker is not stopped as idle', () => {
    const { link, ports, clock } = setUp();
    link.hold(send('a'), 35_000);
    clock.advance(41_000);
    expect(ports[0]!.posted.filter((m) => m.type === 'ping')).toHaveLength(2);
    link.done(send('a'));
    clock.advance(60_000);
    expect(ports[0]!.posted.filter((m) => m.type === 'ping')).toHaveLength(2);
  });

  it('with the extension gone, says nothing and never throws', () => {
    const { link, ports } = setUp(true);
    expect(() => {
      link.hold(send('a'), 35_000);
      link.release(send('a'));
      link.claim(send('b'));
      link.done(send('b'));
    }).not.toThrow();
    expect(ports).toHaveLength(0);
  });
});
