// The page-world observer of Gmail's sync requests: wraps XMLHttpRequest and fetch so that, for
// `POST https://mail.google.com/sync/u/N/i/s` only, the request body and the response are read after
// the fact and handed, raw, to the isolated content script, which parses them (sync-events.ts).
// Only requests that may be a send cross (the body names a send label, or a message the isolated
// side asked to watch for an Undo); a plain draft save costs a map entry and a few substring
// searches: no URL parsed, no clock read.
//
// The page world is shared with Gmail and with anything else running in it, which can replace any
// function or getter after we start. So everything that decides what crosses is captured at
// document_start (lib/page-world/originals.ts): the URL of a request that may be a send is
// resolved and matched whole (a `data:` URL or another host naming the path is not Gmail's sync),
// the status is read through the original getter (an overridden Response.prototype.status changes
// nothing), and a 2xx answer
// counts only if the browser really fetched it from Gmail's sync URL (a Response a script built
// itself has no such URL). Parsing is not done here at all: a poisoned JSON.parse or Array method
// in this world cannot misdescribe a send.
//
// Nothing here may alter, delay or break a request, or throw into Gmail: the originals are called
// first-hand with the arguments as given, and all of our work is in try/catch, after Gmail's own
// handlers. The window is passed in (no globals at import time), so tests run it on a fake.
import type { PageStats } from '../../page-world/channel';
import { captureOriginals, type PageOriginals } from '../../page-world/originals';
import { isSiteRequest, plainSiteUrl } from '../../page-world/request-url';
import { watchSameOriginFrames } from '../../page-world/frames';
import { RECENT_SENDS, SYNC_RECORD_MAX_CHARS, type SyncRecord } from './sync-events';
import { SYNC, SYNC_LABELS } from './selectors';

export interface SyncObserverOptions {
  emit(record: SyncRecord): void;
  /** Captured by the caller at document_start; captured here otherwise. */
  originals?: PageOriginals;
}

export interface SyncObserver {
  /** For the heartbeat: sync requests seen, and when the last one started. */
  stats(): PageStats;
  /** Message ids the isolated side saw sent: a later request naming one may be an Undo. */
  watch(messageIds: unknown): void;
}

type PageWindow = Window & typeof globalThis;

const SYNC_PATHS = [SYNC.sendPath];

const ONCE = { once: true } as const;

/**
 * Installs the wrappers on `win`, and on every same-origin frame it reaches (lib/page-world/frames.ts);
 * returns nothing Gmail could reach.
 */
export function observeSyncRequests(win: PageWindow, options: SyncObserverOptions): SyncObserver {
  const originals = options.originals ?? captureOriginals(win);
  const { includes, exec } = originals;
  let observed = 0;
  let lastAt = 0;

  // Watched ids in a prototype-less dictionary and ring: no Set or Array method the page could
  // have replaced is called on them.
  const watchedIds = Object.create(null) as Record<string, true>;
  const ring = Object.create(null) as Record<number, string>;
  let ringNext = 0;
  let watchedCount = 0;

  const messageIdPattern = /msg-[af]:[\w-]{1,64}/g;

  const mayMatter = (body: unknown): body is string => {
    if (typeof body !== 'string' || body.length > SYNC_RECORD_MAX_CHARS) return false;
    if (includes(body, SYNC_LABELS.send) || includes(body, SYNC_LABELS.scheduled)) return true;
    if (watchedCount === 0 || !includes(body, 'msg-')) return false;
    messageIdPattern.lastIndex = 0;
    for (let match = exec(messageIdPattern, body); match; match = exec(messageIdPattern, body)) {
      if (match[0] in watchedIds) return true;
    }
    return false;
  };

  /**
   * The target of a request that looks like Gmail's sync (a POST whose URL names `/i/s`), or null;
   * counts it for the heartbeat. Every request's open comes here, so this is only a string search
   * (no clock, no URL parser): whether the URL really is Gmail's sync is asked (accountOf) of the
   * few whose body may matter.
   */
  const syncTarget = (method: unknown, url: unknown): string | null => {
    const text = typeof url === 'string' ? url : originals.urlOf(url);
    if (text === null || !includes(text, '/i/s')) return null;
    if (method !== 'POST' && (typeof method !== 'string' || originals.upper(method) !== 'POST'))
      return null;
    observed += 1;
    return text;
  };

  /**
   * The account of a sync-looking target whose URL, resolved whole, is Gmail's sync; or null. Asked
   * only of a request that may be a send (or whose body is still to be read).
   */
  const accountOf = (target: string): string | null => {
    // Gmail's own sync URL is a plain path, read without a URL parser; anything else is resolved
    // the full way.
    const resolved =
      plainSiteUrl(target, originals.baseUrl(), SYNC.host, exec) ?? originals.resolveUrl(target);
    if (!resolved || !isSiteRequest(resolved, SYNC.host, SYNC_PATHS, exec)) return null;
    const match = exec(SYNC.sendPath, resolved.path);
    return `u/${match?.[1] ? +match[1] : 0}`;
  };

  /** A request to Gmail's sync that may be a send started at `at`: the heartbeat's lastAt. */
  const sendStarted = (at: number) => {
    if (at > lastAt) lastAt = at;
  };

  /** A 2xx counts only when the browser really fetched it from Gmail's sync URL. */
  const reallyFromGmail = (actualUrl: unknown): boolean => {
    // A stand-in window without the getter reports nothing to compare (never in a browser).
    if (actualUrl === undefined) return true;
    if (typeof actualUrl !== 'string') return false;
    return isSiteRequest(originals.resolveUrl(actualUrl), SYNC.host, SYNC_PATHS, exec);
  };

  const finish = (record: SyncRecord) => {
    // After Gmail's own handlers.
    originals.setTimeout(() => {
      try {
        options.emit(record);
      } catch {
        // Never into the page.
      }
    }, 0);
  };

  function wrapXhr(proto: XMLHttpRequest): void {
    const { apply } = originals;
    const originalOpen = proto.open;
    const originalSend = proto.send;
    // An opened sync-looking request holds its target; one whose send matters, its account and
    // body until loadend.
    const requests = originals.weakMap<
      XMLHttpRequest,
      string | { account: string; body: string }
    >();

    const onLoadEnd = function (this: XMLHttpRequest) {
      try {
        const request = requests.get(this);
        if (request === undefined || typeof request === 'string') return;
        requests.delete(this);
        const status = originals.xhr.status(this);
        let response: string | undefined;
        if (status >= 200 && status < 300) {
          if (!reallyFromGmail(originals.xhr.responseURL(this))) return;
          const type = originals.xhr.responseType(this);
          if (type === '' || type === 'text') response = originals.xhr.responseText(this);
          else if (type === 'json')
            response = originals.stringify(originals.xhr.response(this)) ?? '';
        }
        finish({ account: request.account, status, request: request.body, response });
      } catch {
        // Never into the page.
      }
    };

    const noteOpen = (xhr: XMLHttpRequest, method: unknown, url: unknown) => {
      try {
        const target = syncTarget(method, url);
        // A reopened XHR forgets what it was.
        if (target === null) requests.delete(xhr);
        else requests.set(xhr, target);
      } catch {
        // Never into the page.
      }
    };

    const noteSend = (xhr: XMLHttpRequest, body: unknown) => {
      try {
        const target = requests.get(xhr);
        // Not sync-looking, or a plain draft save (most sync traffic): no URL resolved, no record,
        // no listener, no response read.
        if (typeof target !== 'string' || !mayMatter(body)) return;
        const account = accountOf(target);
        if (account === null) {
          requests.delete(xhr);
          return;
        }
        sendStarted(originals.now());
        requests.set(xhr, { account, body });
        // Before the original send: a synchronous request finishes inside it.
        originals.listen(xhr, 'loadend', onLoadEnd as (event: Event) => void, ONCE);
      } catch {
        // Never into the page.
      }
    };

    // The wrappers only note and forward, `arguments` as given: a rest array would cost an
    // allocation per call, and an added `undefined` third argument would make the request
    // synchronous. Small enough for the engine to inline them into Gmail's caller.
    proto.open = function (this: XMLHttpRequest) {
      // eslint-disable-next-line prefer-rest-params
      noteOpen(this, arguments[0], arguments[1]);
      // eslint-disable-next-line prefer-rest-params
      return apply(originalOpen, this, arguments) as void;
    } as typeof proto.open;

    proto.send = function (this: XMLHttpRequest) {
      // eslint-disable-next-line prefer-rest-params
      noteSend(this, arguments[0]);
      // eslint-disable-next-line prefer-rest-params
      return apply(originalSend, this, arguments) as void;
    } as typeof proto.send;
  }

  /** Wraps `target.fetch`; returns the wrapper installed, or null when fetch could not be replaced. */
  function wrapFetch(target: PageWindow, originalFetch: typeof fetch): typeof fetch | null {
    const wrapped = function (this: unknown) {
      let account: string | null = null;
      let bodyText: string | Promise<string> | null = null;
      try {
        // eslint-disable-next-line prefer-rest-params
        const input: unknown = arguments[0];
        // eslint-disable-next-line prefer-rest-params
        const init = arguments[1] as RequestInit | undefined;
        const method = init?.method ?? originals.requestMethod(input) ?? 'GET';
        const target = syncTarget(method, input);
        if (target !== null) {
          const body = init?.body;
          if (typeof body === 'string') {
            // A plain draft save: no URL resolved, nothing cloned, nothing read.
            if (mayMatter(body)) {
              account = accountOf(target);
              if (account) sendStarted(originals.now());
              bodyText = body;
            }
          }
          // A clone, taken before fetch consumes the original, leaves Gmail's request untouched;
          // the request counts as started once its body, read, may be a send.
          else if (body === undefined && originals.requestMethod(input) !== null) {
            account = accountOf(target);
            if (account) {
              const startedAt = originals.now();
              bodyText = originals.requestText(originals.requestClone(input));
              originals.then(
                bodyText,
                (text) => {
                  if (mayMatter(text)) sendStarted(startedAt);
                },
                () => undefined,
              );
            }
          }
        }
      } catch {
        account = null;
      }
      // eslint-disable-next-line prefer-rest-params
      const result = originals.call<Promise<Response>>(originalFetch, this, arguments);
      if (account && bodyText !== null) {
        try {
          const request = { account, body: bodyText };
          const report = (status: number, response: string | undefined) => {
            const body = request.body;
            if (typeof body === 'string') {
              finish({ account: request.account, status, request: body, response });
              return;
            }
            originals.then(
              body,
              (text) => {
                if (mayMatter(text)) {
                  finish({ account: request.account, status, request: text, response });
                }
              },
              () => undefined,
            );
          };
          originals.then(
            result,
            (response) => {
              try {
                const status = originals.response.status(response);
                if (status < 200 || status >= 300) {
                  report(status, undefined);
                  return;
                }
                if (!reallyFromGmail(originals.response.url(response))) return;
                // Cloned now, before Gmail reads the body (this handler was registered first).
                originals.then(
                  originals.response.text(originals.response.clone(response)),
                  (text) => report(status, text),
                  () => undefined,
                );
              } catch {
                // Never into the page.
              }
            },
            () => report(0, undefined),
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

  // One wrapper per realm: a frame's XMLHttpRequest.prototype and fetch are its own, and a
  // realm already wrapped (seen again through another path) is never wrapped twice.
  const wrapped = originals.weakMap<object, true>();
  const hook = (target: PageWindow) => {
    try {
      const proto = target.XMLHttpRequest?.prototype;
      if (proto && !wrapped.has(proto)) {
        wrapped.set(proto, true);
        wrapXhr(proto);
      }
      const fetchOf = target.fetch;
      if (typeof fetchOf === 'function' && !wrapped.has(fetchOf)) {
        const wrappedFetch = wrapFetch(target, fetchOf);
        if (wrappedFetch) wrapped.set(wrappedFetch, true);
      }
    } catch {
      // A cross-origin frame: not ours to read, and Gmail's sync never comes from one.
    }
  };
  hook(win);
  // Gmail's client has long run code in hidden same-origin frames (the classic `js_frame`, whose
  // XMLHttpRequest gmail.js and InboxSDK hook for the older `?act=` requests); today's sync
  // requests come from the top window, but one made with a frame's own XMLHttpRequest or fetch
  // must not go unseen either.
  watchSameOriginFrames(win, originals, hook);

  return {
    stats: () => ({ observed, lastAt }),
    watch(messageIds) {
      try {
        if (typeof messageIds !== 'object' || messageIds === null) return;
        const list = messageIds as { length?: unknown; [index: number]: unknown };
        const length = typeof list.length === 'number' ? list.length : 0;
        for (let index = 0; index < length && index < RECENT_SENDS; index++) {
          const id = list[index];
          if (typeof id !== 'string' || id.length > 100 || id in watchedIds) continue;
          const evicted = ring[ringNext];
          if (evicted !== undefined && delete watchedIds[evicted]) watchedCount -= 1;
          ring[ringNext] = id;
          ringNext = (ringNext + 1) % RECENT_SENDS;
          watchedIds[id] = true;
          watchedCount += 1;
        }
      } catch {
        // Never into the page.
      }
    },
  };
}
