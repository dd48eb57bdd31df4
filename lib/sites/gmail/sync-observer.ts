// The page-world observer of Gmail's sync requests: wraps XMLHttpRequest and fetch so that, for
// `POST /sync/u/N/i/s` only, the request body and the response are read after the fact and turned
// into metadata-only bridge events. Every other request costs one string search. Nothing here may
// alter, delay or break a request, or throw into Gmail: the originals are called first-hand with
// the arguments as given, and all of our work is in try/catch, deferred past Gmail's own handlers.
// The window is passed in (no globals at import time), so tests can run it on a fake.
import { bridgeEventOfSend, BRIDGE_VERSION, encodeBridgeEvent, type BridgeEvent } from './bridge';
import { matchSends, parseSyncRequest, parseSyncResponse } from './parse-sync';
import { SYNC, SYNC_LABELS } from './selectors';

export type EmitBridgeEvent = (detail: string) => void;

export interface SyncObserverOptions {
  emit: EmitBridgeEvent;
  now?: () => number;
  /** Runs our parsing after Gmail's handlers; a test may run it at once. */
  defer?: (work: () => void) => void;
}

interface SyncRequest {
  account: string;
  body?: unknown;
}

/** How many sent message ids are remembered to recognise an undo (a send put back to draft). */
const RECENT_SENDS = 200;

/** `/sync/u/1/i/s?...` → 'u/1'; null for any other request. Cheap first: one indexOf. */
export function syncAccountOf(method: unknown, url: unknown, pageHost?: string): string | null {
  const text = typeof url === 'string' ? url : url instanceof URL ? url.href : null;
  if (text === null || text.indexOf('/i/s') === -1) return null;
  if (typeof method !== 'string' || method.toUpperCase() !== 'POST') return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    try {
      const host = new URL(text, 'https://mail.google.com/').hostname;
      if (host !== 'mail.google.com' && host !== pageHost) return null;
    } catch {
      return null;
    }
  }
  const match = SYNC.sendPath.exec(text);
  if (!match) return null;
  return `u/${match[1] ? Number(match[1]) : 0}`;
}

/** Pure: the bridge events one finished sync request gives. Never throws. */
export function eventsOfSync(
  request: { account: string; body: unknown },
  response: { status: number; body: unknown },
  at: number,
  recentSends?: Set<string>,
): BridgeEvent[] {
  try {
    const sends = parseSyncRequest(request.body, { now: at });
    const events: BridgeEvent[] = [];
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) {
      for (const send of sends) {
        events.push({
          version: BRIDGE_VERSION,
          kind: 'failed',
          account: request.account,
          at,
          messageId: send.messageId,
          recipients: [],
          subject: '',
          status: response.status,
        });
      }
      return events;
    }
    const matched = matchSends(sends, parseSyncResponse(response.body));
    for (const send of matched) {
      events.push(bridgeEventOfSend(send, { account: request.account, at }));
      recentSends?.add(send.messageId);
    }
    const sentNow = new Set(matched.map((send) => send.messageId));
    for (const messageId of backToDraft(request.body, response.body, recentSends)) {
      if (sentNow.has(messageId)) continue;
      recentSends?.delete(messageId);
      events.push({
        version: BRIDGE_VERSION,
        kind: 'undone',
        account: request.account,
        at,
        messageId,
        recipients: [],
        subject: '',
      });
    }
    if (recentSends) {
      while (recentSends.size > RECENT_SENDS) {
        const oldest = recentSends.values().next().value;
        if (oldest === undefined) break;
        recentSends.delete(oldest);
      }
    }
    return events;
  } catch {
    return [];
  }
}

/**
 * The messages a (2xx) request put back to a draft: a send taken back by Gmail's Undo, or a
 * scheduled send cancelled from the Scheduled folder ("Cancel send" turns it back into a draft;
 * Gmail's Android client does the same by swapping `^scheduled` for `^r`). Two signs, by shape:
 * a message this page saw sent or scheduled comes back with the draft label `^r`; or, in any page
 * life, a request that names `^scheduled` carries a message (or gets one back in its response)
 * as a draft. A wrong guess costs nothing: withdrawing a send no touch was recorded for removes
 * nothing.
 */
function backToDraft(
  requestBody: unknown,
  responseBody: unknown,
  recentSends: ReadonlySet<string> | undefined,
): string[] {
  const ids = new Set<string>();
  const namesScheduled =
    typeof requestBody === 'string' && requestBody.includes(SYNC_LABELS.scheduled);
  if (!namesScheduled && (!recentSends || recentSends.size === 0)) return [];
  for (const message of parseSyncResponse(requestBody)) {
    if (message.kind !== 'draft') continue;
    if (namesScheduled || recentSends?.has(message.messageId)) ids.add(message.messageId);
  }
  if (namesScheduled && typeof requestBody === 'string') {
    // The cancel may name the message only by id (a label change); the response shows it whole.
    for (const message of parseSyncResponse(responseBody)) {
      if (message.kind === 'draft' && requestBody.includes(message.messageId)) {
        ids.add(message.messageId);
      }
    }
  }
  return [...ids];
}

/** Message ids as they appear anywhere in a sync body (for the undo check). */
const MESSAGE_ID_IN_TEXT = /msg-[af]:[\w-]{1,64}/g;

/**
 * The cheap gate before any parse: a request body can only give an event when it carries a send
 * label (`^pfg`, `^scheduled`) or, once this page saw sends, one of their ids (an Undo puts the
 * message back as a draft). A plain draft save, most sync traffic, costs a few substring searches.
 * Bodies that are not strings are left to the parser.
 */
export function syncMayMatter(body: unknown, recentSends: ReadonlySet<string>): boolean {
  if (typeof body !== 'string') return !!body && typeof body === 'object';
  if (body.includes(SYNC_LABELS.send) || body.includes(SYNC_LABELS.scheduled)) return true;
  if (recentSends.size === 0 || !body.includes('msg-')) return false;
  for (const match of body.matchAll(MESSAGE_ID_IN_TEXT)) if (recentSends.has(match[0])) return true;
  return false;
}

type PageWindow = Window & typeof globalThis;

type Finish = (request: SyncRequest, status: number, body: unknown) => void;
type MayMatter = (body: unknown) => boolean;

/**
 * Installs the wrappers on `win`, and on every same-origin frame it gets (see watchFrames);
 * returns nothing Gmail could reach.
 */
export function observeSyncRequests(win: PageWindow, options: SyncObserverOptions): void {
  const now = options.now ?? (() => Date.now());
  const defer = options.defer ?? ((work: () => void) => win.setTimeout(work, 0));
  const recentSends = new Set<string>();
  const pageHost = safe(() => win.location.hostname, undefined);

  const mayMatter: MayMatter = (body) => {
    try {
      return syncMayMatter(body, recentSends);
    } catch {
      return false;
    }
  };
  const finish: Finish = (request, status, responseBody) => {
    // Parsing waits for a later task, after Gmail's own handlers; the gate runs again then,
    // since a send may have completed in between.
    defer(() => {
      try {
        if (!mayMatter(request.body)) return;
        const events = eventsOfSync(
          { account: request.account, body: request.body },
          { status, body: responseBody },
          now(),
          recentSends,
        );
        for (const event of events) {
          const detail = encodeBridgeEvent(event);
          if (detail) options.emit(detail);
        }
      } catch {
        // Never into the page.
      }
    });
  };

  // One wrapper per realm: a frame's XMLHttpRequest.prototype and fetch are its own, and a
  // realm already wrapped (seen again through another path) is never wrapped twice.
  const wrapped = new WeakSet<object>();
  const hook = (target: PageWindow) => {
    try {
      const proto = target.XMLHttpRequest?.prototype;
      if (proto && !wrapped.has(proto)) {
        wrapped.add(proto);
        wrapXhr(proto, pageHost, finish, mayMatter);
      }
      const fetchOf = target.fetch;
      if (typeof fetchOf === 'function' && !wrapped.has(fetchOf)) {
        const wrappedFetch = wrapFetch(target, fetchOf, pageHost, finish, mayMatter);
        if (wrappedFetch) wrapped.add(wrappedFetch);
      }
    } catch {
      // A cross-origin frame: not ours to read, and Gmail's sync never comes from one.
    }
  };
  hook(win);
  watchFrames(win, hook);
}

/**
 * Gmail's client has long run code in hidden same-origin frames (the classic `js_frame`, whose
 * XMLHttpRequest gmail.js and InboxSDK hook for the older `?act=` requests); today's sync
 * requests come from the top window (InboxSDK hooks `/i/s` there), but a request made with a
 * frame's own XMLHttpRequest or fetch must not go unseen. Content scripts do not run in
 * about:blank frames, and a second copy of this observer in a frame could double-report, so the
 * top wraps each same-origin frame itself: when the page reaches a frame's window through
 * `contentWindow`/`contentDocument`, and when a frame loads (a navigation brings a new realm).
 */
function watchFrames(win: PageWindow, hook: (target: PageWindow) => void): void {
  const hookFrame = (frame: unknown) => {
    try {
      const target = (frame as HTMLIFrameElement).contentWindow as PageWindow | null;
      if (target && target !== win) hook(target);
    } catch {
      // Never into the page.
    }
  };
  for (const ctor of [win.HTMLIFrameElement, win.HTMLFrameElement]) {
    const proto = ctor?.prototype;
    if (!proto) continue;
    for (const name of ['contentWindow', 'contentDocument'] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const get = descriptor?.get;
      if (!descriptor || !get || !descriptor.configurable) continue;
      try {
        Object.defineProperty(proto, name, {
          ...descriptor,
          get: function (this: HTMLIFrameElement) {
            const value = Reflect.apply(get, this, []) as unknown;
            if (value) {
              try {
                const target = (
                  name === 'contentWindow' ? value : (value as Document).defaultView
                ) as PageWindow | null;
                if (target && target !== win) hook(target);
              } catch {
                // Never into the page.
              }
            }
            return value;
          },
        });
      } catch {
        // A locked prototype stays as it is; the load listener still sees frames.
      }
    }
  }
  try {
    // `load` does not bubble but is captured: frames that load after we start, and their new realms.
    win.document?.addEventListener(
      'load',
      (event) => {
        const target = event.target as { nodeName?: unknown } | null;
        const name = target?.nodeName;
        if (name === 'IFRAME' || name === 'FRAME') hookFrame(target);
      },
      true,
    );
  } catch {
    // Never into the page.
  }
}

const ONCE = { once: true } as const;

function wrapXhr(
  proto: XMLHttpRequest,
  pageHost: string | undefined,
  finish: Finish,
  mayMatter: MayMatter,
): void {
  const originalOpen = proto.open;
  const originalSend = proto.send;
  // An opened sync request holds its account; one whose send matters, its record until loadend.
  const requests = new WeakMap<XMLHttpRequest, string | SyncRequest>();

  const onLoadEnd = function (this: XMLHttpRequest) {
    try {
      const request = requests.get(this);
      if (request === undefined || typeof request === 'string') return;
      requests.delete(this);
      const status = this.status;
      let body: unknown;
      if (status >= 200 && status < 300) {
        const type = this.responseType;
        body =
          type === '' || type === 'text'
            ? this.responseText
            : type === 'json'
              ? this.response
              : undefined;
      }
      finish(request, status, body);
    } catch {
      // Never into the page.
    }
  };

  // `arguments` as given: a rest array would cost an allocation per call, and an added
  // `undefined` third argument would make the request synchronous.
  proto.open = function (this: XMLHttpRequest) {
    try {
      // eslint-disable-next-line prefer-rest-params
      const account = syncAccountOf(arguments[0], arguments[1], pageHost);
      if (account) requests.set(this, account);
      else requests.delete(this);
    } catch {
      // Never into the page.
    }
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(originalOpen, this, arguments) as void;
  } as typeof proto.open;

  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      const account = requests.get(this);
      if (typeof account === 'string') {
        // A plain draft save (most sync traffic) ends here: no record, no listener, no response read.
        if (mayMatter(body)) {
          requests.set(this, { account, body });
          // Before the original send: a synchronous request finishes inside it.
          this.addEventListener('loadend', onLoadEnd, ONCE);
        } else requests.delete(this);
      }
    } catch {
      // Never into the page.
    }
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(originalSend, this, arguments) as void;
  } as typeof proto.send;
}

/** Wraps `target.fetch`; returns the wrapper installed, or null when fetch could not be replaced. */
function wrapFetch(
  target: PageWindow,
  originalFetch: typeof fetch,
  pageHost: string | undefined,
  finish: Finish,
  mayMatter: MayMatter,
): typeof fetch | null {
  const wrapped = function (this: unknown, ...args: unknown[]) {
    let account: string | null = null;
    let bodyText: Promise<unknown> | null = null;
    try {
      const [input, init] = args as [unknown, RequestInit | undefined];
      const RequestOf = target.Request;
      const isRequest = typeof RequestOf === 'function' && input instanceof RequestOf;
      const url = isRequest ? (input as Request).url : input;
      const method = init?.method ?? (isRequest ? (input as Request).method : 'GET');
      account = syncAccountOf(method, url, pageHost);
      if (account) {
        if (typeof init?.body === 'string') {
          // A plain draft save: nothing cloned, nothing read.
          if (mayMatter(init.body)) bodyText = Promise.resolve(init.body);
        }
        // A clone, taken before fetch consumes the original, leaves Gmail's request untouched.
        else if (isRequest && init?.body === undefined)
          bodyText = (input as Request).clone().text();
      }
    } catch {
      account = null;
    }
    const result = Reflect.apply(originalFetch, this, args) as Promise<Response>;
    if (account && bodyText) {
      try {
        const request: SyncRequest = { account };
        const body = bodyText;
        void result.then(
          (response) => {
            try {
              const ok = response.status >= 200 && response.status < 300;
              // Cloned now, before Gmail reads the body (this handler was registered first).
              const responseText = ok ? response.clone().text() : Promise.resolve(undefined);
              void Promise.all([body, responseText]).then(
                ([requestBody, responseBody]) => {
                  request.body = requestBody;
                  finish(request, response.status, responseBody);
                },
                () => undefined,
              );
            } catch {
              // Never into the page.
            }
          },
          () => {
            void body.then(
              (requestBody) => {
                request.body = requestBody;
                finish(request, 0, undefined);
              },
              () => undefined,
            );
          },
        );
      } catch {
        // Never into the page.
      }
    }
    return result;
  } as typeof fetch;
  try {
    target.fetch = wrapped;
    return wrapped;
  } catch {
    // A frozen fetch stays as it is.
    return null;
  }
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
