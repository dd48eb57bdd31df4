// The private channel between the worlds, on a stand-in window (an EventTarget) with Node's own
// MessageChannel: the same handshake, the same ports, whichever side runs first.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  HANDSHAKE_EVENT,
  HANDSHAKE_TIMEOUT_MS,
  openIsolatedChannel,
  openPageChannel,
  type IsolatedChannel,
} from './channel';

class FakeMouseEvent extends Event {
  readonly relatedTarget: EventTarget | null;
  constructor(type: string, init: EventInit & { relatedTarget?: EventTarget | null } = {}) {
    super(type, init);
    this.relatedTarget = init.relatedTarget ?? null;
  }
}

function fakeWindow() {
  const target = new EventTarget();
  return {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    setTimeout: ((work: () => void, ms: number) => setTimeout(work, ms)) as never,
    clearTimeout: ((id: number) => clearTimeout(id)) as never,
    MouseEvent: FakeMouseEvent as unknown as typeof MouseEvent,
    MessageChannel,
    MessagePort,
    MessageEvent,
    EventTarget,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const open: IsolatedChannel[] = [];
afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
  vi.useRealTimers();
});

function isolated(win: ReturnType<typeof fakeWindow>) {
  const got: unknown[] = [];
  const garbled: string[] = [];
  const channel = openIsolatedChannel(win, {
    onEvent: (detail) => got.push(detail),
    onGarbled: (reason) => garbled.push(reason),
  });
  open.push(channel);
  return { channel, got, garbled };
}

describe('the private channel between the worlds', () => {
  it('works when the page world runs first, and events queued before the handshake arrive', async () => {
    const win = fakeWindow();
    const page = openPageChannel(win);
    page.emit('early');
    const { channel, got } = isolated(win);
    page.emit({ late: true });
    await settle();
    expect(channel.ready).toBe(true);
    expect(got).toEqual(['early', { late: true }]);
  });

  it('works when the isolated world runs first', async () => {
    const win = fakeWindow();
    const { channel, got } = isolated(win);
    expect(channel.ready).toBe(false);
    const page = openPageChannel(win);
    page.emit('hello');
    await settle();
    expect(channel.ready).toBe(true);
    expect(got).toEqual(['hello']);
  });

  it('the handshake is over before the page could listen: later offers and hellos reach nobody', async () => {
    const win = fakeWindow();
    const { got } = isolated(win);
    const page = openPageChannel(win);
    // A page script, later: it listens for the handshake, says hello, offers its own port.
    const seen: unknown[] = [];
    win.addEventListener(HANDSHAKE_EVENT, (event) =>
      seen.push((event as FakeMouseEvent).relatedTarget),
    );
    win.dispatchEvent(new FakeMouseEvent(HANDSHAKE_EVENT, { relatedTarget: null }));
    const forged = new MessageChannel();
    const stolen: unknown[] = [];
    forged.port1.addEventListener('message', (event) => stolen.push(event.data));
    forged.port1.start();
    win.dispatchEvent(new FakeMouseEvent(HANDSHAKE_EVENT, { relatedTarget: forged.port2 }));
    page.emit('after');
    await settle();
    // Nobody answered the hello with a port, and the page side kept the port it took first.
    expect(seen).toEqual([null, forged.port2]);
    expect(got).toEqual(['after']);
    expect(stolen).toEqual([]);
    forged.port1.close();
  });

  it('a ping is answered with what the observer saw; a silent page side answers null', async () => {
    const win = fakeWindow();
    const { channel } = isolated(win);
    openPageChannel(win, { stats: () => ({ observed: 3, lastAt: 1234 }) });
    expect(await channel.ping()).toEqual({ observed: 3, lastAt: 1234 });

    const lonely = fakeWindow();
    const { channel: alone } = isolated(lonely);
    expect(await alone.ping(50)).toBeNull();
  });

  it('commands reach the page side', async () => {
    const win = fakeWindow();
    const { channel } = isolated(win);
    const commands: unknown[] = [];
    openPageChannel(win, { onCommand: (command) => commands.push(command) });
    channel.command({ watch: ['msg-a:r1'] });
    await settle();
    expect(commands).toEqual([{ watch: ['msg-a:r1'] }]);
  });

  it('what our page side never sends is reported as garbled, and never reaches onEvent', async () => {
    const win = fakeWindow();
    // Another extension's early script takes the port before ours.
    let grabbed: MessagePort | null = null;
    win.addEventListener(HANDSHAKE_EVENT, (event) => {
      const port = (event as FakeMouseEvent).relatedTarget as MessagePort | null;
      if (port && !grabbed) {
        grabbed = port;
        event.preventDefault();
      }
    });
    const { got, garbled, channel } = isolated(win);
    expect(grabbed).not.toBeNull();
    grabbed!.postMessage('not an envelope');
    grabbed!.postMessage({ type: 'pong', seq: 99, observed: 1, lastAt: 1 });
    grabbed!.postMessage({ type: 'whatever' });
    grabbed!.postMessage({ type: 'event', detail: 'forged' });
    await settle();
    expect(garbled).toHaveLength(3);
    // An event is handed on (its consumer validates it), but the channel never said ready.
    expect(got).toEqual(['forged']);
    expect(channel.ready).toBe(false);
  });

  it('the page side gives up after a while and drops what it queued', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const page = openPageChannel(win);
    page.emit('never delivered');
    vi.advanceTimersByTime(HANDSHAKE_TIMEOUT_MS + 1_000);
    const { channel, got } = isolated(win);
    expect(channel.ready).toBe(false);
    expect(got).toEqual([]);
  });
});
