// The private channel between a site's page-world observer and its isolated content script, for
// Gmail and LinkedIn alike: a MessagePort, handed over once at document_start.
//
// Why not a named event on `window` or a marker element: anything with a name is a fingerprint the
// page can look for, a door it can forge events through, and a pipe it can cut (remove the element,
// or stopImmediatePropagation in a capture listener on window). A MessagePort has no name: the
// isolated script creates a MessageChannel and offers one port to the page-world script as the
// `relatedTarget` of one MouseEvent dispatched on `window`, at document_start, before any of the
// site's scripts exist (a port, like a node, crosses the world boundary; the event leaves no trace).
// The page side takes the first port offered, cancels that event (so the offer is known to be taken
// at once) and stops listening. From then on both sides talk only through the port, with functions
// the page side captured before the site's code could replace them. The site's scripts never hold
// the port: they can neither read what crosses it, nor send through it, nor close it.
//
// Either script may run first: each side announces itself, and the isolated side answers a hello
// until one of its offers was taken. The isolated side still validates everything it receives:
// another extension's page-world script that ran before ours could have taken the port instead.
//
// A heartbeat rides on the same port: the isolated side pings, the page side answers with what its
// observer has seen (see health.ts), so a silenced page world shows instead of missing sends.

/** Dispatched on `window` during the handshake only, at document_start. */
export const HANDSHAKE_EVENT = 'pointerrawupdate-sync';
/** The page side stops waiting for the isolated side after this long (it is never that late). */
export const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Events queued in the page world before the handshake completes. */
export const PAGE_QUEUE_MAX = 20;
/** An answer to a ping later than this counts as none. */
export const PONG_TIMEOUT_MS = 5_000;

/** What the page side says about its observer in each answer to a ping. */
export interface PageStats {
  /** Requests to the site's send endpoint the observer's wrappers saw (any status). */
  observed: number;
  /**
   * When the last of them that may be a send started (epoch ms, the page's clock as captured at
   * start); 0 for none. An observer may leave out the requests it can tell are not one (Gmail's
   * draft saves): a send routed around the observer is then not hidden by a draft save after it.
   */
  lastAt: number;
}

/** Page → isolated. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'pong'; seq: number; observed: number; lastAt: number }
  | { type: 'event'; detail: unknown };

/** Isolated → page. */
export type IsolatedMessage = { type: 'ping'; seq: number } | { type: 'command'; command: unknown };

type ChannelWindow = Pick<
  Window,
  'addEventListener' | 'removeEventListener' | 'dispatchEvent' | 'setTimeout' | 'clearTimeout'
> & {
  MouseEvent: typeof MouseEvent;
  MessageChannel?: typeof MessageChannel;
  MessagePort?: typeof MessagePort;
  MessageEvent?: typeof MessageEvent;
  EventTarget: typeof EventTarget;
};

function getterOf(proto: object | undefined, name: string): ((this: unknown) => unknown) | null {
  for (let at = proto; at; at = Object.getPrototypeOf(at) as object | undefined) {
    const descriptor = Object.getOwnPropertyDescriptor(at, name);
    if (descriptor) return typeof descriptor.get === 'function' ? descriptor.get : null;
  }
  return null;
}

export interface PageChannel {
  /** Sends an observer's event to the isolated side (queued until the handshake is done). */
  emit(detail: unknown): void;
}

export interface PageChannelOptions {
  /** What the observer saw, for the heartbeat's answers. */
  stats?: () => PageStats;
  /** A command from the isolated side (site-specific, e.g. message ids to watch). */
  onCommand?: (command: unknown) => void;
}

/**
 * The page-world side. Call at document_start, before the page's own scripts: everything it uses
 * later is captured now. Never throws.
 */
export function openPageChannel(win: ChannelWindow, options: PageChannelOptions = {}): PageChannel {
  const apply = Reflect.apply;
  const portProto = win.MessagePort?.prototype;
  const postMessage = portProto?.postMessage;
  const start = portProto?.start;
  const listen = win.EventTarget.prototype.addEventListener;
  const dataOf = getterOf(win.MessageEvent?.prototype, 'data');
  const setTimeout = win.setTimeout;
  const clearTimeout = win.clearTimeout;
  const addToWindow = win.addEventListener;
  const removeFromWindow = win.removeEventListener;
  const dispatchOnWindow = win.dispatchEvent;
  const Mouse = win.MouseEvent;
  let port: MessagePort | null = null;
  let queue: unknown[] = [];
  let timer: number | undefined;

  const post = (message: PageMessage) => {
    if (!port) return;
    try {
      if (postMessage) apply(postMessage, port, [message]);
      else port.postMessage(message);
    } catch {
      // Never into the page (a detail that cannot be cloned is dropped).
    }
  };

  const onPortMessage = (event: Event) => {
    try {
      const data = (dataOf ? apply(dataOf, event, []) : (event as MessageEvent).data) as unknown;
      if (typeof data !== 'object' || data === null) return;
      const message = data as Partial<IsolatedMessage> & { seq?: unknown; command?: unknown };
      if (message.type === 'ping' && typeof message.seq === 'number') {
        const stats = options.stats ? options.stats() : { observed: 0, lastAt: 0 };
        post({ type: 'pong', seq: message.seq, observed: stats.observed, lastAt: stats.lastAt });
      } else if (message.type === 'command') options.onCommand?.(message.command);
    } catch {
      // Never into the page.
    }
  };

  const stop = () => {
    try {
      apply(removeFromWindow, win, [HANDSHAKE_EVENT, onHandshake, true]);
      if (timer !== undefined) apply(clearTimeout, win, [timer]);
    } catch {
      // Never into the page.
    }
  };

  function onHandshake(event: Event) {
    try {
      const offered = (event as MouseEvent).relatedTarget as unknown;
      if (port || typeof offered !== 'object' || offered === null) return;
      // Ours alone: the offer is taken (the isolated side sees the cancel at once) and nobody
      // else should react to it, or even see it.
      event.preventDefault();
      event.stopImmediatePropagation();
      port = offered as MessagePort;
      stop();
      apply(listen, port, ['message', onPortMessage]);
      if (start) apply(start, port, []);
      post({ type: 'ready' });
      const pending = queue;
      queue = [];
      for (const detail of pending) post({ type: 'event', detail });
    } catch {
      // Never into the page.
    }
  }

  try {
    apply(addToWindow, win, [HANDSHAKE_EVENT, onHandshake, true]);
    timer = apply(setTimeout, win, [
      () => {
        stop();
        queue = [];
      },
      HANDSHAKE_TIMEOUT_MS,
    ]) as number;
    // "I am here": an isolated side that offered before this script ran offers again.
    apply(dispatchOnWindow, win, [new Mouse(HANDSHAKE_EVENT, { relatedTarget: null })]);
  } catch {
    // Never into the page.
  }

  return {
    emit(detail) {
      if (port) post({ type: 'event', detail });
      else if (queue.length < PAGE_QUEUE_MAX) queue.push(detail);
    },
  };
}

export interface IsolatedChannelOptions {
  /** Each event the page side sends (unvalidated: parse it before use). */
  onEvent(detail: unknown): void;
  /** Something arrived that our page side never sends: the port is in other hands, or broken. */
  onGarbled?(reason: string): void;
}

export interface IsolatedChannel {
  /** True once the page side took the port and said so. */
  readonly ready: boolean;
  /** Asks the page side for its stats; null when no answer came in time (or the channel is not up). */
  ping(timeoutMs?: number): Promise<PageStats | null>;
  /** Sends a site-specific command to the page side. */
  command(command: unknown): void;
  close(): void;
}

/**
 * The isolated-world side. Call at document_start. Never throws; without MessageChannel (never in
 * a browser) it stays not ready, which the heartbeat reports.
 */
export function openIsolatedChannel(
  win: ChannelWindow,
  options: IsolatedChannelOptions,
): IsolatedChannel {
  const Channel = win.MessageChannel ?? globalThis.MessageChannel;
  const channel = Channel ? new Channel() : null;
  let ready = false;
  let taken = false;
  let closed = false;
  let seq = 0;
  const waiting = new Map<number, (stats: PageStats | null) => void>();

  const onMessage = (event: MessageEvent) => {
    if (closed) return;
    const data = event.data as unknown;
    if (typeof data !== 'object' || data === null) {
      options.onGarbled?.('not an object');
      return;
    }
    const message = data as {
      type?: unknown;
      seq?: unknown;
      observed?: unknown;
      lastAt?: unknown;
      detail?: unknown;
    };
    try {
      if (message.type === 'ready') ready = true;
      else if (message.type === 'pong') {
        const { seq: id, observed, lastAt } = message;
        const wellFormed =
          typeof id === 'number' &&
          id >= 1 &&
          id <= seq &&
          typeof observed === 'number' &&
          observed >= 0 &&
          typeof lastAt === 'number' &&
          lastAt >= 0;
        if (!wellFormed) {
          options.onGarbled?.('an unasked or malformed pong');
          return;
        }
        // A late answer to a ping that timed out is no answer, and no forgery either.
        waiting.get(id)?.({ observed, lastAt });
      } else if (message.type === 'event') options.onEvent(message.detail);
      else options.onGarbled?.('an unknown message type');
    } catch {
      // A failing consumer must not break the channel.
    }
  };

  const announce = (): boolean => {
    if (!channel) return false;
    try {
      const event = new win.MouseEvent(HANDSHAKE_EVENT, {
        relatedTarget: channel.port2 as unknown as EventTarget,
        cancelable: true,
      });
      // Cancelled: the page side took the port during this very dispatch.
      return !win.dispatchEvent(event);
    } catch {
      // Nothing to do: the page side will say hello.
      return false;
    }
  };

  const onHandshake = (event: Event) => {
    // The page side's hello carries no port; our own offer carries ours.
    if (taken || closed || (event as MouseEvent).relatedTarget) return;
    event.stopImmediatePropagation();
    if (announce()) stopListening();
  };

  function stopListening() {
    taken = true;
    win.removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
    win.clearTimeout(timer);
  }

  if (channel) {
    channel.port1.addEventListener('message', onMessage as EventListener);
    channel.port1.start();
  }
  win.addEventListener(HANDSHAKE_EVENT, onHandshake, true);
  const timer = win.setTimeout(stopListening, HANDSHAKE_TIMEOUT_MS);
  if (announce()) stopListening();

  const post = (message: IsolatedMessage) => {
    try {
      channel?.port1.postMessage(message);
    } catch {
      // A closed channel: the heartbeat says so.
    }
  };

  return {
    get ready() {
      return ready;
    },
    ping(timeoutMs = PONG_TIMEOUT_MS) {
      if (!channel || closed) return Promise.resolve(null);
      seq += 1;
      const id = seq;
      return new Promise((resolve) => {
        const timeout = win.setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, timeoutMs);
        waiting.set(id, (stats) => {
          win.clearTimeout(timeout);
          waiting.delete(id);
          resolve(stats);
        });
        post({ type: 'ping', seq: id });
      });
    },
    command(command) {
      post({ type: 'command', command });
    },
    close() {
      closed = true;
      stopListening();
      for (const answer of waiting.values()) answer(null);
      channel?.port1.close();
    },
  };
}
