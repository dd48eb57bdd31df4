// The page-world observer of LinkedIn's send requests: `createMessage` (both forms) and the
// connection invitation endpoints (the dash endpoint and the 2026 SDUI action), over fetch and
// XMLHttpRequest, in the top window and in every same-origin frame it has (LinkedIn's 2026 UI
// sends from the hidden `/preload/` frame too: lib/page-world/frames.ts). For those URLs only, the request
// body is parsed when it leaves (a 'request' event, so the isolated side knows a send is in flight)
// and the response when it arrives (a 'response' event; only a 2xx is a send). Every other request
// costs one string search. Metadata only crosses (parse-messaging.ts never reads text out).
//
// The page world is LinkedIn's, and any script in it may replace a function or a getter after we
// start. So what decides "a send LinkedIn confirmed" is read through functions captured at
// document_start (lib/page-world/originals.ts): the URL is resolved and matched whole (https, the
// exact host, an endpoint path from its first character: a `fetch('data:…voyagerMessaging…')` is no
// send), the status through the original getter (an overridden Response.prototype.status cannot
// turn a 403 into a 200), and a 2xx only counts when the browser really fetched it from that
// endpoint (a Response a script built itself has no URL).
//
// Nothing here may alter, delay or break a request, or throw into LinkedIn: the originals are called
// first-hand with the arguments as given, our work is wrapped in try/catch and deferred. The
// wrappers are Proxies of the originals, so `fetch.name`, `.length` and `toString()` still look
// native, and nothing new is added to `window`. The window is passed in, so tests run it on a fake.
import type { PageStats } from '../../page-world/channel';
import { captureOriginals, type PageOriginals } from '../../page-world/originals';
import { watchSameOriginFrames } from '../../page-world/frames';
import { isSiteRequest, wholeUrlOf } from '../../page-world/request-url';
import { bridgeDetailOf } from './bridge';
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
import { ENDPOINTS } from './selectors';

export type EmitDetail = (detail: string) => void;

export interface NetworkObserverOptions {
  emit: EmitDetail;
  now?: () => number;
  /** Runs our parsing after LinkedIn's own handlers; a test may run it at once. */
  defer?: (work: () => void) => void;
  /** Captured by the caller at document_start; captured here otherwise. */
  originals?: PageOriginals;
}

export interface NetworkObserver {
  /** For the heartbeat: send requests seen, and when the last one started. */
  stats(): PageStats;
}

/** The only host LinkedIn's send endpoints are on. */
export const LINKEDIN_HOST = 'www.linkedin.com';

// One of these substrings must be in the URL before anything else is looked at.
const CHEAP_MARKERS = ['MessengerMessages', 'MemberRelationships', 'normInvitations', 'rsc-action'];

/**
 * Every send endpoint's pattern (and the withdrawal's, so the heartbeat counts it as seen), each
 * matched from the first character of the path, or of the whole URL for the 2026 SDUI actions.
 */
function endpointPatterns(): RegExp[] {
  return Object.values(ENDPOINTS).map((endpoint) => endpoint.pattern);
}

/** The cheap first test: a POST whose URL names one of the send endpoints. */
export function mayBeSend(method: unknown, url: unknown): boolean {
  const text = typeof url === 'string' ? url : url instanceof URL ? url.href : null;
  if (text === null || text.length > 4096) return false;
  if (!CHEAP_MARKERS.some((marker) => text.indexOf(marker) !== -1)) return false;
  return typeof method === 'string' && method.toUpperCase() === 'POST';
}

type ParsedRequest = CreateMessageRequest | InvitationRequest;

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
 * Installs the wrappers on `win` and on every same-origin frame it gets (each realm once, read
 * through the top's originals captured at document_start). Never throws.
 */
export function observeSendRequests(
  win: PageWindow,
  options: NetworkObserverOptions,
): NetworkObserver {
  const originals = options.originals ?? captureOriginals(win);
  const now = options.now ?? (() => originals.now());
  const defer = options.defer ?? ((work: () => void) => originals.setTimeout(work, 0));
  let observed = 0;
  let lastAt = 0;
  const patterns = endpointPatterns();

  /**
   * The whole URL of a send request made in `realm` (the top window or a same-origin frame,
   * whose relative URLs resolve against its own document), counted for the heartbeat; or null.
   */
  const sendUrl = (method: unknown, input: unknown, realm: PageWindow): string | null => {
    const text = originals.urlOf(input);
    if (text === null || text.length > 4096) return null;
    let named = false;
    for (let index = 0; index < CHEAP_MARKERS.length && !named; index++) {
      named = originals.includes(text, CHEAP_MARKERS[index]!);
    }
    if (!named) return null;
    if (typeof method !== 'string' || originals.upper(method) !== 'POST') return null;
    const resolved = originals.resolveUrl(text, realm);
    if (!resolved || !isSiteRequest(resolved, LINKEDIN_HOST, patterns, originals.exec)) return null;
    observed += 1;
    lastAt = originals.now();
    // https and LinkedIn's own host, checked just now: the parsers get the URL whole.
    return wholeUrlOf(resolved);
  };

  /** A 2xx counts only when the browser really fetched it from a send endpoint. */
  const reallyFromLinkedIn = (actualUrl: unknown): boolean => {
    // A stand-in window without the getter reports nothing to compare (never in a browser).
    if (actualUrl === undefined) return true;
    if (typeof actualUrl !== 'string') return false;
    const resolved = originals.resolveUrl(actualUrl);
    return isSiteRequest(resolved, LINKEDIN_HOST, patterns, originals.exec);
  };

  const started = (tracked: Tracked, body: unknown) => {
    tracked.request = parseSendRequest(tracked.url, body);
    if (!tracked.request) return;
    const detail = bridgeDetailOf(tracked.request, { at: now(), status: 0, stage: 'request' });
    if (detail) options.emit(detail);
  };

  const finished = (tracked: Tracked, status: number, body: unknown, actualUrl: unknown) => {
    defer(() => {
      try {
        if (!tracked.request) return;
        if (isConfirmedStatus(status) && !reallyFromLinkedIn(actualUrl)) return;
        const detail = detailOfResponse(tracked.request, { status, body }, now());
        if (detail) options.emit(detail);
      } catch {
        // Never into the page.
      }
    });
  };

  // One wrapper per realm: a frame's XMLHttpRequest.prototype and fetch are its own, and a realm
  // seen again through another path is never wrapped twice.
  const hooked = originals.weakMap<object, true>();
  const hook = (target: PageWindow) => {
    const sendPath: SendPath = (method, input) => sendUrl(method, input, target);
    try {
      const proto = target.XMLHttpRequest?.prototype;
      if (proto && !hooked.has(proto)) {
        hooked.set(proto, true);
        wrapXhr(target, originals, sendPath, started, finished, defer);
      }
    } catch {
      // A cross-origin frame: not ours to read.
    }
    try {
      const fetchOf = target.fetch;
      if (typeof fetchOf === 'function' && !hooked.has(fetchOf)) {
        const wrapped = wrapFetch(target, originals, sendPath, started, finished, defer);
        if (wrapped) hooked.set(wrapped, true);
      }
    } catch {
      // A cross-origin frame: not ours to read.
    }
  };
  hook(win);
  try {
    // LinkedIn's 2026 UI sends from its hidden /preload/ frame too.
    watchSameOriginFrames(win, originals, hook);
  } catch {
    // Never into the page.
  }
  return { stats: () => ({ observed, lastAt }) };
}

type SendPath = (method: unknown, input: unknown) => string | null;
type Started = (tracked: Tracked, body: unknown) => void;
type Finished = (tracked: Tracked, status: number, body: unknown, actualUrl: unknown) => void;

function wrapXhr(
  win: PageWindow,
  originals: PageOriginals,
  sendPath: SendPath,
  started: Started,
  finished: Finished,
  defer: (work: () => void) => void,
) {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const tracked = originals.weakMap<XMLHttpRequest, Tracked>();

  function onLoadEnd(this: XMLHttpRequest) {
    try {
      const entry = tracked.get(this);
      if (!entry) return;
      tracked.delete(this);
      const status = originals.xhr.status(this);
      let body: unknown;
      if (isConfirmedStatus(status)) {
        const type = originals.xhr.responseType(this);
        body =
          type === '' || type === 'text'
            ? originals.xhr.responseText(this)
            : type === 'json'
              ? originals.xhr.response(this)
              : undefined;
      }
      finished(entry, status, body, originals.xhr.responseURL(this));
    } catch {
      // Never into the page.
    }
  }

  proto.open = new Proxy(proto.open, {
    apply(target, self: XMLHttpRequest, args: unknown[]) {
      try {
        tracked.delete(self);
        const url = sendPath(args[0], args[1]);
        if (url) tracked.set(self, { url });
      } catch {
        // Never into the page.
      }
      return originals.call<unknown>(target, self, args);
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
            originals.listen(self, 'loadend', onLoadEnd as (event: Event) => void, {
              once: true,
            });
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
      return originals.call<unknown>(target, self, args);
    },
  });
}

/** Wraps `win.fetch`; returns the wrapper (or undefined when there is no fetch). */
function wrapFetch(
  win: PageWindow,
  originals: PageOriginals,
  sendPath: SendPath,
  started: Started,
  finished: Finished,
  defer: (work: () => void) => void,
): typeof fetch | undefined {
  const original = win.fetch;
  if (typeof original !== 'function') return undefined;

  const wrapper = new Proxy(original, {
    apply(target, self: unknown, args: unknown[]) {
      let entry: Tracked | null = null;
      let bodyText: string | Promise<string> | null = null;
      try {
        const [input, init] = args as [unknown, RequestInit | undefined];
        const method = init?.method ?? originals.requestMethod(input) ?? 'GET';
        const url = sendPath(method, input);
        if (url) {
          entry = { url };
          const body = init?.body;
          if (typeof body === 'string') bodyText = body;
          // A clone, taken before fetch consumes the original, leaves LinkedIn's request untouched.
          else if (body === undefined && originals.requestMethod(input) !== null) {
            bodyText = originals.requestText(originals.requestClone(input));
          }
        }
      } catch {
        entry = null;
      }
      const result = originals.call<Promise<Response>>(target, self, args);
      if (entry && bodyText !== null) {
        const tracked = entry;
        try {
          // The request event first, then (once both are in) the response's.
          let requestRead = false;
          let answer: { status: number; body: unknown; url: unknown } | null = null;
          const finishWhenReady = () => {
            if (requestRead && answer) finished(tracked, answer.status, answer.body, answer.url);
          };
          const readRequest = (text: unknown) => {
            try {
              if (typeof text === 'string' && text.length <= MAX_BODY_CHARS) started(tracked, text);
            } catch {
              // Never into the page.
            }
            requestRead = true;
            finishWhenReady();
          };
          if (typeof bodyText === 'string') readRequest(bodyText);
          else originals.then(bodyText, readRequest, () => readRequest(undefined));
          originals.then(
            result,
            (response) => {
              try {
                const status = originals.response.status(response);
                const url = originals.response.url(response);
                if (!isConfirmedStatus(status)) {
                  answer = { status, body: undefined, url };
                  finishWhenReady();
                  return;
                }
                // Cloned now, before LinkedIn reads the body (this handler was registered first).
                originals.then(
                  originals.response.text(originals.response.clone(response)),
                  (text) => {
                    answer = { status, body: text, url };
                    finishWhenReady();
                  },
                  () => {
                    answer = { status, body: undefined, url };
                    finishWhenReady();
                  },
                );
              } catch {
                // Never into the page.
              }
            },
            () => {
              defer(() => {
                answer = { status: 0, body: undefined, url: undefined };
                finishWhenReady();
              });
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
