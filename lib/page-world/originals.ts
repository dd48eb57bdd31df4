// The page world's own functions and getters, taken at document_start before any page script runs.
// A page script may later redefine fetch, a prototype method or a getter (Response.prototype.status
// to make a 403 read as 200, URL.prototype.pathname to move a request somewhere else); that changes
// what the page sees, never what an observer reads, because every read that decides "this request
// was a confirmed send" goes through these captures, applied with a Reflect.apply taken at the
// same moment. Getters are applied to objects of any same-origin realm (a frame's XMLHttpRequest
// passes the top's brand checks), so a frame prepared by the page cannot lie through its own.
//
// A window without a getter (a test's stand-in) is read directly; a real browser always has them.

type AnyFunction = (...args: never[]) => unknown;

export interface PageOriginals {
  /** `fn.apply(self, args)` through the captured Reflect.apply. */
  call<T>(fn: AnyFunction, self: unknown, args: ArrayLike<unknown>): T;
  /**
   * Reflect.apply itself, for a wrapper's one forwarding call (`apply(original, this, arguments)`):
   * no frame of ours between the wrapper and the original.
   */
  apply: typeof Reflect.apply;
  setTimeout(work: () => void, ms: number): void;
  /** Date.now as it was at document_start. */
  now(): number;
  /** `value.toUpperCase()` through the captured method (an HTTP method compares case-blind). */
  upper(value: string): string;
  /** JSON.stringify as it was at document_start; null when it throws. */
  stringify(value: unknown): string | null;
  /** `promise.then(ok, fail)` through the captured Promise.prototype.then. */
  then<T>(promise: PromiseLike<T>, ok: (value: T) => void, fail: (error: unknown) => void): void;
  /** `target.addEventListener(...)` through the captured method. */
  listen(
    target: EventTarget,
    type: string,
    listener: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void;
  /** A WeakMap whose methods were captured (a page may replace WeakMap.prototype.get later). */
  weakMap<K extends object, V>(): CapturedWeakMap<K, V>;
  /** `haystack.includes(needle)` through the captured String.prototype.includes. */
  includes(haystack: string, needle: string): boolean;
  /** `pattern.exec(text)` through the captured RegExp.prototype.exec. */
  exec(pattern: RegExp, text: string): RegExpExecArray | null;
  /** The base URL of the document of `realm` (the top window by default), as the browser reads it. */
  baseUrl(realm?: unknown): string | undefined;
  /**
   * The URL `raw` names, resolved as the browser does against the base URL of the document of
   * `realm` (a same-origin frame's window; the top window by default); or null.
   */
  resolveUrl(raw: string, realm?: unknown): ResolvedUrl | null;
  /** A request target as text: a string, a URL's href, a Request's url; null for anything else. */
  urlOf(input: unknown): string | null;
  /** A Request's method, or null when `input` is not a Request. */
  requestMethod(input: unknown): string | null;
  requestClone(request: unknown): Request;
  requestText(request: unknown): Promise<string>;
  xhr: {
    status(xhr: unknown): number;
    responseType(xhr: unknown): string;
    responseText(xhr: unknown): string;
    response(xhr: unknown): unknown;
    /** The URL the browser really fetched, after redirects; '' before a response. */
    responseURL(xhr: unknown): unknown;
  };
  response: {
    status(response: unknown): number;
    /** The URL the browser really fetched ('' for a Response a script built itself). */
    url(response: unknown): unknown;
    clone(response: unknown): Response;
    text(response: unknown): Promise<string>;
  };
}

export interface CapturedWeakMap<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  has(key: K): boolean;
}

/** The parts of a URL a request is matched on, read through captured getters. */
export interface ResolvedUrl {
  protocol: string;
  host: string;
  /** pathname + search, from the first `/` */
  path: string;
}

type OriginalsWindow = Partial<
  Pick<
    Window & typeof globalThis,
    'XMLHttpRequest' | 'Response' | 'Request' | 'URL' | 'EventTarget' | 'Node' | 'document'
  >
> & { setTimeout(work: () => void, ms: number): unknown };

function getterOf(proto: object | undefined, name: string): AnyFunction | undefined {
  for (let at = proto; at; at = Object.getPrototypeOf(at) as object | undefined) {
    const descriptor = Object.getOwnPropertyDescriptor(at, name);
    if (descriptor) return typeof descriptor.get === 'function' ? descriptor.get : undefined;
  }
  return undefined;
}

function methodOf(proto: object | undefined, name: string): AnyFunction | undefined {
  const value = proto ? (proto as Record<string, unknown>)[name] : undefined;
  return typeof value === 'function' ? (value as AnyFunction) : undefined;
}

// No global is looked up after capture (a page can replace `Number` or `String` too): values are
// checked with typeof only.
const numberRead =
  (get: (target: unknown) => unknown) =>
  (target: unknown): number => {
    const value = get(target);
    return typeof value === 'number' ? value : 0;
  };
const stringRead =
  (get: (target: unknown) => unknown) =>
  (target: unknown): string => {
    const value = get(target);
    return typeof value === 'string' ? value : '';
  };

/** Captures everything now. Call once, at document_start, before the page's own scripts. */
export function captureOriginals(win: OriginalsWindow): PageOriginals {
  const apply = Reflect.apply;
  // `fn.call` bound now: `callOf(fn)(self, a, b)` is `fn.call(self, a, b)` with no argument array
  // to allocate (the string searches and regexps every request meets), and a page that later
  // replaces Function.prototype.call changes nothing (a bound function keeps its target).
  const functionCall = Function.prototype.call;
  const functionBind = Function.prototype.bind;
  const callOf = <F extends AnyFunction>(fn: F) =>
    apply(functionBind, functionCall, [fn]) as (
      self: unknown,
      ...args: Parameters<F>
    ) => ReturnType<F>;
  const call = <T>(fn: AnyFunction, self: unknown, args: ArrayLike<unknown>): T =>
    apply(fn, self, args) as T;
  /** A getter applied through `apply`, or a plain read where the realm has none (a test's stand-in). */
  const read = (proto: object | undefined, name: string) => {
    const get = getterOf(proto, name);
    return get
      ? (target: unknown) => apply(get, target, []) as unknown
      : (target: unknown) => (target as Record<string, unknown> | null | undefined)?.[name];
  };

  const timeout = win.setTimeout;
  const dateNow = Date.now;
  const toUpperCase = String.prototype.toUpperCase;
  const stringify = JSON.stringify;
  const then = Promise.prototype.then;
  const includes = callOf(String.prototype.includes) as (
    haystack: string,
    needle: string,
  ) => boolean;
  const WeakMapClass = WeakMap;
  const { get: mapGet, set: mapSet, delete: mapDelete, has: mapHas } = WeakMap.prototype;
  /** `method` with its `this` bound now to `self`: called with no frame of ours in between. */
  const bound = <F>(method: unknown, self: unknown) => apply(functionBind, method, [self]) as F;
  const exec = callOf(RegExp.prototype.exec) as (
    pattern: RegExp,
    text: string,
  ) => RegExpExecArray | null;
  const addEventListener =
    methodOf(win.EventTarget?.prototype, 'addEventListener') ??
    methodOf(EventTarget.prototype, 'addEventListener')!;

  const URLClass = win.URL ?? URL;
  const urlHref = read(URLClass.prototype, 'href');
  const urlProtocol = read(URLClass.prototype, 'protocol');
  const urlHost = read(URLClass.prototype, 'host');
  const urlPathname = read(URLClass.prototype, 'pathname');
  const urlSearch = read(URLClass.prototype, 'search');
  const hrefGetter = getterOf(URLClass.prototype, 'href');
  const isUrl = (value: unknown) => {
    const get = hrefGetter;
    if (!get || typeof value !== 'object' || value === null) return false;
    try {
      apply(get, value, []);
      return true;
    } catch {
      return false;
    }
  };
  const document = win.document;
  const baseUri = read(win.Node?.prototype, 'baseURI');
  const baseOf = (realm: unknown) => {
    try {
      // A window's `document` is unforgeable: no page script can hand us another one there.
      const doc =
        realm === undefined || realm === win
          ? document
          : (realm as { document?: unknown } | null)?.document;
      const base = doc ? baseUri(doc) : undefined;
      return typeof base === 'string' ? base : undefined;
    } catch {
      return undefined;
    }
  };

  const requestProto = win.Request?.prototype;
  const requestUrlGetter = getterOf(requestProto, 'url');
  const requestMethodGetter = getterOf(requestProto, 'method');
  const requestCloneMethod = methodOf(requestProto, 'clone');
  const bodyTextOfRequest = methodOf(requestProto, 'text');
  /** A Request's own getter, or null when `input` is not one (a brand check, not `instanceof`). */
  const requestRead = (get: AnyFunction | undefined, input: unknown): string | null => {
    if (!get || typeof input !== 'object' || input === null) return null;
    try {
      const value = apply(get, input, []) as unknown;
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  };

  const xhrProto = win.XMLHttpRequest?.prototype;
  const responseProto = win.Response?.prototype;
  const responseCloneMethod = methodOf(responseProto, 'clone');
  const bodyTextOfResponse = methodOf(responseProto, 'text');

  return {
    call,
    apply,
    setTimeout(work, ms) {
      apply(timeout, win, [work, ms]);
    },
    // Date.now needs no `this`: the captured function itself.
    now: dateNow,
    upper(value) {
      return apply(toUpperCase, value, []) as string;
    },
    stringify(value) {
      try {
        const text = apply(stringify, undefined, [value]) as unknown;
        return typeof text === 'string' ? text : null;
      } catch {
        return null;
      }
    },
    then(promise, ok, fail) {
      apply(then, promise, [ok, fail]);
    },
    listen(target, type, listener, options) {
      apply(addEventListener, target, [type, listener, options]);
    },
    weakMap<K extends object, V>() {
      const map = new WeakMapClass<K, V>();
      // The map's own methods bound to it: a lookup is one native call.
      return {
        get: bound<CapturedWeakMap<K, V>['get']>(mapGet, map),
        set: bound<CapturedWeakMap<K, V>['set']>(mapSet, map),
        delete: bound<CapturedWeakMap<K, V>['delete']>(mapDelete, map),
        has: bound<CapturedWeakMap<K, V>['has']>(mapHas, map),
      };
    },
    includes,
    exec,
    baseUrl: baseOf,
    resolveUrl(raw, realm) {
      try {
        const url = new URLClass(raw, baseOf(realm));
        const protocol = urlProtocol(url);
        const host = urlHost(url);
        const pathname = urlPathname(url);
        const search = urlSearch(url);
        if (typeof protocol !== 'string' || typeof host !== 'string') return null;
        if (typeof pathname !== 'string' || typeof search !== 'string') return null;
        return { protocol, host, path: pathname + search };
      } catch {
        return null;
      }
    },
    urlOf(input) {
      if (typeof input === 'string') return input;
      if (isUrl(input)) {
        const href = urlHref(input);
        return typeof href === 'string' ? href : null;
      }
      return requestRead(requestUrlGetter, input);
    },
    requestMethod(input) {
      return requestRead(requestMethodGetter, input);
    },
    requestClone(request) {
      const clone = requestCloneMethod ?? methodOf(request as object, 'clone')!;
      return apply(clone, request, []) as Request;
    },
    requestText(request) {
      const text = bodyTextOfRequest ?? methodOf(request as object, 'text')!;
      return apply(text, request, []) as Promise<string>;
    },
    xhr: {
      status: numberRead(read(xhrProto, 'status')),
      responseType: stringRead(read(xhrProto, 'responseType')),
      responseText: stringRead(read(xhrProto, 'responseText')),
      response: read(xhrProto, 'response'),
      responseURL: read(xhrProto, 'responseURL'),
    },
    response: {
      status: numberRead(read(responseProto, 'status')),
      url: read(responseProto, 'url'),
      clone(response) {
        const clone = responseCloneMethod ?? methodOf(response as object, 'clone')!;
        return apply(clone, response, []) as Response;
      },
      text(response) {
        const text = bodyTextOfResponse ?? methodOf(response as object, 'text')!;
        return apply(text, response, []) as Promise<string>;
      },
    },
  };
}
