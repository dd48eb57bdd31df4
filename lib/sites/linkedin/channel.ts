// The private channel between the page-world observer and the isolated content script.
//
// Why not a named event on `window` (or a marker element): LinkedIn probes pages for extensions,
// and anything with a fixed name is a fingerprint the page can listen for, and a door it can forge
// events through. Instead the isolated script creates a node that never enters the document and
// hands its reference to the page-world script once, at document_start, before any of LinkedIn's
// scripts exist: as the `relatedTarget` of one MouseEvent dispatched on `window` (node references
// cross the world boundary; the event leaves no trace). From then on the page world dispatches
// metadata events on that detached node only, through `dispatchEvent` and `CustomEvent` captured
// before LinkedIn's code could replace them. LinkedIn's scripts never hold the node, so they can
// neither see the events nor send any; the isolated side still validates and rate-limits every
// event, because another extension's page-world script could have run first.
//
// Either script may run first: each side announces itself and answers the other's announcement,
// and the page side adopts the first node it is handed, then stops listening.

/** Dispatched on `window` during the handshake only, at document_start. */
export const HANDSHAKE_EVENT = 'pointerrawupdate-sync';
/** Dispatched on the detached node only. */
export const CHANNEL_EVENT = 'change';
/** The page side's first message on the node: "adopted". */
export const CHANNEL_READY = '"ready"';
/** The page side stops waiting for the isolated side after this long (it is never that late). */
export const HANDSHAKE_TIMEOUT_MS = 30_000;
/** Events queued in the page world before the handshake completes. */
export const PAGE_QUEUE_MAX = 20;

type ChannelWindow = Pick<
  Window,
  'addEventListener' | 'removeEventListener' | 'dispatchEvent' | 'setTimeout' | 'clearTimeout'
> & {
  MouseEvent: typeof MouseEvent;
  CustomEvent: typeof CustomEvent;
  EventTarget: typeof EventTarget;
  document: Document;
};

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as Node).nodeType === 'number'
  );
}

export interface PageChannel {
  /** Sends a detail string to the isolated side (queued until the handshake is done). */
  emit(detail: string): void;
}

/**
 * The page-world side. Call at document_start, before the page's own scripts. Never throws.
 */
export function openPageChannel(win: ChannelWindow): PageChannel {
  // Captured now, before the page could replace them.
  const dispatch = win.EventTarget.prototype.dispatchEvent;
  const addToWindow = win.addEventListener.bind(win);
  const removeFromWindow = win.removeEventListener.bind(win);
  const dispatchOnWindow = win.dispatchEvent.bind(win);
  const Custom = win.CustomEvent;
  const Mouse = win.MouseEvent;
  let node: Node | null = null;
  let queue: string[] = [];
  let timer: number | undefined;

  const send = (target: Node, detail: string) => {
    try {
      Reflect.apply(dispatch, target, [new Custom(CHANNEL_EVENT, { detail })]);
    } catch {
      // Never into the page.
    }
  };

  const stop = () => {
    try {
      removeFromWindow(HANDSHAKE_EVENT, onHandshake, true);
      if (timer !== undefined) win.clearTimeout(timer);
    } catch {
      // Never into the page.
    }
  };

  function onHandshake(event: Event) {
    try {
      const offered = (event as MouseEvent).relatedTarget;
      if (node || !isNode(offered)) return;
      // Ours alone: nobody else should react to or even see this event.
      event.stopImmediatePropagation();
      node = offered;
      stop();
      send(node, CHANNEL_READY);
      const pending = queue;
      queue = [];
      for (const detail of pending) send(node, detail);
    } catch {
      // Never into the page.
    }
  }

  try {
    addToWindow(HANDSHAKE_EVENT, onHandshake, true);
    timer = win.setTimeout(() => {
      stop();
      queue = [];
    }, HANDSHAKE_TIMEOUT_MS);
    // "I am here": an isolated side that announced before this script ran announces again.
    dispatchOnWindow(new Mouse(HANDSHAKE_EVENT, { relatedTarget: null }));
  } catch {
    // Never into the page.
  }

  return {
    emit(detail) {
      if (typeof detail !== 'string') return;
      if (node) send(node, detail);
      else if (queue.length < PAGE_QUEUE_MAX) queue.push(detail);
    },
  };
}

export interface IsolatedChannel {
  /** True once the page side adopted the node. */
  readonly ready: boolean;
  close(): void;
}

/**
 * The isolated-world side. Call at document_start. `onDetail` gets each detail the page side
 * sends (unvalidated: parse it with bridge.ts). Never throws.
 */
export function openIsolatedChannel(
  win: ChannelWindow,
  onDetail: (detail: unknown) => void,
): IsolatedChannel {
  const node = win.document.createElement('span');
  let ready = false;
  let closed = false;

  const onMessage = (event: Event) => {
    if (closed) return;
    let detail: unknown;
    try {
      detail = (event as CustomEvent).detail;
    } catch {
      return;
    }
    if (detail === CHANNEL_READY) {
      ready = true;
      stopListening();
      return;
    }
    try {
      onDetail(detail);
    } catch {
      // A failing consumer must not break the channel.
    }
  };

  const announce = () => {
    try {
      win.dispatchEvent(new win.MouseEvent(HANDSHAKE_EVENT, { relatedTarget: node }));
    } catch {
      // Nothing to do: the page side will say hello.
    }
  };

  const onHandshake = (event: Event) => {
    // The page side's hello carries no node; our own announcement carries ours.
    if (ready || closed || (event as MouseEvent).relatedTarget) return;
    event.stopImmediatePropagation();
    announce();
  };

  function stopListening() {
    win.removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
    win.clearTimeout(timer);
  }

  node.addEventListener(CHANNEL_EVENT, onMessage);
  win.addEventListener(HANDSHAKE_EVENT, onHandshake, true);
  const timer = win.setTimeout(stopListening, HANDSHAKE_TIMEOUT_MS);
  announce();

  return {
    get ready() {
      return ready;
    },
    close() {
      closed = true;
      stopListening();
      node.removeEventListener(CHANNEL_EVENT, onMessage);
    },
  };
}
