// The page-world observer of LinkedIn's send requests: `createMessage` (both forms) and the
// connection invitation endpoints (the dash endpoint and the 2026 SDUI action), over fetch and
// XMLHttpRequest, in the top window and in every same-origin frame it has (LinkedIn's 2026 UI
// sends from the hidden `/preload/` frame too: frames.ts). For those URLs only, the request
// body is parsed when it leaves (a 'request' event, so the isolated side knows a send is in flight)
// and the response when it arrives (a 'response' event; only a 2xx is a send). Every other request
// costs one string search. Metadata only crosses (parse-messaging.ts never reads text out).
//
// Nothing here may alter, delay or break a request, or throw into LinkedIn: the originals are called
// first-hand with the arguments as given, our work is wrapped in try/catch and deferred. The
// wrappers are Proxies of the originals, so `fetch.name`, `.length` and `toString()` still look
// native, and nothing new is added to `window`. The window is passed in, so tests run it on a fake.
import { bridgeDetailOf } from './bridge';
import { watchSameOriginFrames } from './frames';
import {
  isConfirmedStatus,
  isErrorBody,
  messageSendFrom,
  parseCreateMessageRequest,
  parseCreateMessageResponse,
  parseInvitationRequest,
  MAX_BODY_CHARS,
  type CreateMessageRequest,
  type InvitationRequest,
} from './parse-messaging';
import { isSduiRefusal, parseSduiInvitationRequest } from './parse-sdui';

export type EmitDetail = (detail: string) => void;

export interface NetworkObserverOptions {
  emit: EmitDetail;
  now?: () => number;
  /** Runs our parsing after LinkedIn's own handlers; a test may run it at once. */
  defer?: (work: () => void) => void;
}

// One of these substrings must be in the URL before anything else is looked at.
const CHEAP_MARKERS = ['MessengerMessages', 'MemberRelationships', 'normInvitations', 'rsc-action'];
const ORIGIN = 'https://www.linkedin.com';

/** The cheap first test: a POST whose URL names one of the send endpoints. */
export function mayBeSend(method: unknown, url: unknown): boolean {
  const text = typeof url === 'string' ? url : url instanceof URL ? url.href : null;
  if (text === null || text.length > 4096) return false;
  if (!CHEAP_MARKERS.some((marker) => text.indexOf(marker) !== -1)) return false;
  return typeof method === 'string' && method.toUpperCase() === 'POST';
}

type ParsedRequest = CreateMessageRequest | InvitationRequest;

/**
 * The URL a request goes to, whole: resolved against the page (or frame) that makes it, and only
 * when it is LinkedIn's own origin, https://www.linkedin.com; null for anything else.
 */
export function linkedInRequestUrl(url: string, base: string | undefined): string | null {
  try {
    const resolved = new URL(url, base);
    return resolved.origin === ORIGIN ? resolved.href : null;
  } catch {
    return null;
  }
}

/** The send a request body describes (`url` absolute), or null. Never throws. */
export function parseSendRequest(url: string, body: unknown): ParsedRequest | null {
  return (
    parseCreateMessageRequest(url, body) ??
    parseInvitationRequest(url, body) ??
    parseSduiInvitationRequest(url, body)
  );
}

/** The detail strings one finished request gives (pure; for tests and the wrappers). */
export function detailOfResponse(
  request: ParsedRequest,
  response: { status: number; body: unknown },
  at: number,
): string | null {
  // A 2xx whose body says the action failed sent nothing.
  const rejected =
    isConfirmedStatus(response.status) &&
    (isErrorBody(response.body) || (request.kind === 'invitation' && isSduiRefusal(response.body)));
  if (request.kind === 'invitation') {
    return bridgeDetailOf(request, { at, status: response.status, stage: 'response', rejected });
  }
  const result = isConfirmedStatus(response.status)
    ? parseCreateMessageResponse(response.body)
    : null;
  return bridgeDetailOf(messageSendFrom(request, result), {
    at,
    status: response.status,
    stage: 'response',
    rejected,
  });
}

type PageWindow = Window & typeof globalThis;

interface Tracked {
  url: string;
  request?: ParsedRequest | null;
}

/**
 * Installs the wrappers on `win` and on every same-origin frame it gets (each realm once).
 * Never throws.
 */
export function observeSendRequests(win: PageWindow, options: NetworkObserverOptions): void {
  const now = options.now ?? (() => Date.now());
  const setTimeout = win.setTimeout.bind(win);
  const defer = options.defer ?? ((work: () => void) => void setTimeout(work, 0));

  const started = (tracked: Tracked, body: unknown) => {
    tracked.request = parseSendRequest(tracked.url, body);
    if (!tracked.request) return;
    const detail = bridgeDetailOf(tracked.request, { at: now(), status: 0, stage: 'request' });
    if (detail) options.emit(detail);
  };

  const finished = (tracked: Tracked, status: number, body: unknown) => {
    defer(() => {
      try {
        if (!tracked.request) return;
        const detail = detailOfResponse(tracked.request, { status, body }, now());
        if (detail) options.emit(detail);
      } catch {
        // Never into the page.
      }
    });
  };

  // One wrapper per realm: a frame's XMLHttpRequest.prototype and fetch are its own.
  const hooked = new WeakSet<object>();
  const hook = (target: PageWindow) => {
    try {
      const proto = target.XMLHttpRequest?.prototype;
      if (proto && !hooked.has(proto)) {
        hooked.add(proto);
        wrapXhr(target, started, finished, defer);
      }
    } catch {
      // A cross-origin frame: not ours to read.
    }
    try {
      const fetchOf = target.fetch;
      if (typeof fetchOf === 'function' && !hooked.has(fetchOf)) {
        const wrapped = wrapFetch(target, started, finished, defer);
        if (wrapped) hooked.add(wrapped);
      }
    } catch {
      // A cross-origin frame: not ours to read.
    }
  };
  hook(win);
  try {
    watchSameOriginFrames(win, hook);
  } catch {
    // Never into the page.
  }
}

type Started = (tracked: Tracked, body: unknown) => void;
type Finished = (tracked: Tracked, status: number, body: unknown) => void;

function urlText(url: unknown): string | null {
  if (typeof url === 'string') return url;
  if (url instanceof URL) return url.href;
  return null;
}

/** The realm's own address, the base its relative request URLs resolve against. */
function baseOf(win: PageWindow): string | undefined {
  try {
    return win.location?.href;
  } catch {
    return undefined;
  }
}

function wrapXhr(
  win: PageWindow,
  started: Started,
  finished: Finished,
  defer: (work: () => void) => void,
) {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const tracked = new WeakMap<XMLHttpRequest, Tracked>();

  function onLoadEnd(this: XMLHttpRequest) {
    try {
      const entry = tracked.get(this);
      if (!entry) return;
      tracked.delete(this);
      const status = this.status;
      let body: unknown;
      if (isConfirmedStatus(status)) {
        const type = this.responseType;
        body =
          type === '' || type === 'text'
            ? this.responseText
            : type === 'json'
              ? (this.response as unknown)
              : undefined;
      }
      finished(entry, status, body);
    } catch {
      // Never into the page.
    }
  }

  proto.open = new Proxy(proto.open, {
    apply(target, self: XMLHttpRequest, args: unknown[]) {
      try {
        tracked.delete(self);
        const raw = urlText(args[1]);
        const url = raw && mayBeSend(args[0], raw) ? linkedInRequestUrl(raw, baseOf(win)) : null;
        if (url) tracked.set(self, { url });
      } catch {
        // Never into the page.
      }
      return Reflect.apply(target, self, args) as unknown;
    },
  });

  proto.send = new Proxy(proto.send, {
    apply(target, self: XMLHttpRequest, args: unknown[]) {
      try {
        const entry = tracked.get(self);
        if (entry) {
          const body = args[0];
          if (typeof body === 'string' && body.length <= MAX_BODY_CHARS) {
            // Before the original send: a synchronous request finishes inside it.
            self.addEventListener('loadend', onLoadEnd, { once: true });
            defer(() => {
              try {
                started(entry, body);
              } catch {
                // Never into the page.
              }
            });
          } else tracked.delete(self);
        }
      } catch {
        // Never into the page.
      }
      return Reflect.apply(target, self, args) as unknown;
    },
  });
}

/** Wraps `win.fetch`; returns the wrapper (or undefined when there is no fetch). */
function wrapFetch(
  win: PageWindow,
  started: Started,
  finished: Finished,
  defer: (work: () => void) => void,
): typeof fetch | undefined {
  const original = win.fetch;
  if (typeof original !== 'function') return undefined;
  const RequestClass = win.Request;

  const wrapper = new Proxy(original, {
    apply(target, self: unknown, args: unknown[]) {
      let entry: Tracked | null = null;
      let bodyText: Promise<unknown> | null = null;
      try {
        const [input, init] = args as [unknown, RequestInit | undefined];
        const isRequest = typeof RequestClass === 'function' && input instanceof RequestClass;
        const raw = isRequest ? (input as Request).url : urlText(input);
        const method = init?.method ?? (isRequest ? (input as Request).method : 'GET');
        const url = raw && mayBeSend(method, raw) ? linkedInRequestUrl(raw, baseOf(win)) : null;
        if (url) {
          entry = { url };
          if (typeof init?.body === 'string') bodyText = Promise.resolve(init.body);
          // A clone, taken before fetch consumes the original, leaves LinkedIn's request untouched.
          else if (isRequest && init?.body === undefined) {
            bodyText = (input as Request).clone().text();
          }
        }
      } catch {
        entry = null;
      }
      const result = Reflect.apply(target, self, args) as Promise<Response>;
      if (entry && bodyText) {
        const tracked = entry;
        try {
          const body = bodyText.then(
            (text) => {
              try {
                if (typeof text === 'string' && text.length <= MAX_BODY_CHARS)
                  started(tracked, text);
              } catch {
                // Never into the page.
              }
            },
            () => undefined,
          );
          void result.then(
            (response) => {
              try {
                const status = response.status;
                // Cloned now, before LinkedIn reads the body (this handler was registered first).
                const text = isConfirmedStatus(status)
                  ? response.clone().text()
                  : Promise.resolve(undefined);
                void Promise.all([body, text]).then(
                  ([, responseBody]) => finished(tracked, status, responseBody),
                  () => finished(tracked, status, undefined),
                );
              } catch {
                // Never into the page.
              }
            },
            () => {
              void body.then(() => defer(() => finished(tracked, 0, undefined)));
            },
          );
        } catch {
          // Never into the page.
        }
      }
      return result;
    },
  });
  win.fetch = wrapper;
  return wrapper;
}
