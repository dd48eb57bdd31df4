// The page-world observer on stand-in windows: every call passes through untouched, only Gmail's
// sync URL (matched whole) is read, a draft save costs nothing, and what crosses is the raw record,
// read through functions captured before a page script could replace them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { captureOriginals } from '../../page-world/originals';
import { eventsOfSync, type SyncRecord } from './sync-events';
import { observeSyncRequests } from './sync-observer';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const text = (name: string) => readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8');
const BASE = 'https://mail.google.com/mail/u/0/';

const flush = () => new Promise((resolve) => setTimeout(resolve, 10));

/** The events a record gives on the isolated side (sync-events.ts), for what a test expects. */
const kindsOf = (records: SyncRecord[]) =>
  records.flatMap((r) =>
    eventsOfSync(
      { account: r.account, body: r.request },
      { status: r.status, body: r.response },
      0,
    ),
  );

/** A stand-in XMLHttpRequest recording exactly what it was called with. */
class FakeXhr extends EventTarget {
  static calls: unknown[][] = [];
  status = 0;
  responseType = '';
  responseText = '';
  response: unknown = '';
  responseURL = '';
  private url = '';
  open(...args: unknown[]) {
    FakeXhr.calls.push(['open', ...args]);
    this.url = new URL(String(args[1]), BASE).href;
  }
  send(...args: unknown[]) {
    FakeXhr.calls.push(['send', ...args]);
  }
  finish(status: number, body: string, responseURL = this.url) {
    this.status = status;
    this.responseText = body;
    this.responseURL = responseURL;
    this.dispatchEvent(new Event('loadend'));
  }
}

function fakeWindow(
  answer: { body: string; url?: (requested: string) => string } = { body: '[]' },
) {
  FakeXhr.calls = [];
  const fetchCalls: unknown[][] = [];
  const win = {
    XMLHttpRequest: class extends FakeXhr {},
    fetch: (...args: unknown[]) => {
      fetchCalls.push(args);
      const response = new Response(answer.body, { status: 200 });
      const target = args[0] instanceof Request ? args[0].url : String(args[0]);
      const requested = new URL(target, BASE).href;
      // The URL the browser fetched (a Response built by a script has none).
      Object.defineProperty(response, 'url', { value: answer.url?.(requested) ?? requested });
      return Promise.resolve(response);
    },
    Request,
    document: { baseURI: BASE },
    setTimeout: (work: () => void, ms: number) => setTimeout(work, ms),
  };
  return { win: win as unknown as Window & typeof globalThis, fetchCalls };
}

function observe(win: Window & typeof globalThis) {
  const records: SyncRecord[] = [];
  const observer = observeSyncRequests(win, { emit: (r) => records.push(r) });
  return { records, observer };
}

function xhrOf(win: Window & typeof globalThis) {
  const xhr = new win.XMLHttpRequest() as unknown as FakeXhr & XMLHttpRequest;
  return xhr;
}

describe('observeSyncRequests', () => {
  it('passes every call through untouched and hands over a confirmed send', async () => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    const xhr = xhrOf(win);
    // Two arguments stay two: a third `undefined` would make the request synchronous.
    xhr.open('POST', '/sync/u/0/i/s?c=1');
    const body = text('cvOnSend_request');
    xhr.send(body);
    expect(FakeXhr.calls).toEqual([
      ['open', 'POST', '/sync/u/0/i/s?c=1'],
      ['send', body],
    ]);
    xhr.finish(200, text('cvOnSend_response'));
    await flush();
    expect(records).toEqual([
      { account: 'u/0', status: 200, request: body, response: text('cvOnSend_response') },
    ]);
    expect(kindsOf(records).map((e) => e.kind)).toEqual(['send']);
    expect(observer.stats().observed).toBe(1);
    expect(observer.stats().lastAt).toBeGreaterThan(0);
  });

  it('ignores other requests and hands over a failed send as failed', async () => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    const other = xhrOf(win);
    other.open('POST', '/mail/u/0/?ui=2');
    other.send(text('cvOnSend_request'));
    other.finish(200, text('cvOnSend_response'));
    await flush();
    expect(records).toEqual([]);
    expect(observer.stats().observed).toBe(0);

    const failing = xhrOf(win);
    failing.open('POST', '/sync/u/0/i/s');
    failing.send(text('cvOnSend_request'));
    failing.finish(503, 'Service Unavailable');
    await flush();
    expect(records.map((r) => [r.status, r.response])).toEqual([[503, undefined]]);
    expect(kindsOf(records).map((e) => e.kind)).toEqual(['failed']);
  });

  it.each([
    ['a data: URL', 'data:text/plain,/sync/u/0/i/s'],
    ['another host', 'https://evil.example/sync/u/0/i/s'],
    ['http', 'http://mail.google.com/sync/u/0/i/s'],
    ['the path in a query', '/mail/u/0/?next=/sync/u/0/i/s'],
  ])('a request to %s naming the sync path is not observed', async (_, url) => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    const xhr = xhrOf(win);
    xhr.open('POST', url);
    xhr.send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    await win.fetch(url, { method: 'POST', body: text('cvOnSend_request') });
    await flush();
    expect(records).toEqual([]);
    // Counted as sync-looking traffic, never stamped as a send.
    expect(observer.stats().lastAt).toBe(0);
  });

  it('a sync path under a base the page moved to another host is not observed', async () => {
    const { win } = fakeWindow();
    (win.document as unknown as { baseURI: string }).baseURI = 'https://evil.example/mail/';
    const { records, observer } = observe(win);
    const xhr = xhrOf(win);
    xhr.open('POST', '/sync/u/0/i/s?c=1');
    xhr.send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'), 'https://mail.google.com/sync/u/0/i/s?c=1');
    await flush();
    expect(records).toEqual([]);
    expect(observer.stats().lastAt).toBe(0);
  });

  it('counts every sync-looking POST for the heartbeat and stamps only one that may be a send', async () => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    const draft = xhrOf(win);
    draft.open('POST', '/sync/u/0/i/s?c=1');
    draft.send(text('cvOnDraftSave_request'));
    draft.finish(200, text('cvOnDraftSave_response'));
    const other = xhrOf(win);
    other.open('GET', '/sync/u/0/i/s?c=2');
    other.send();
    await flush();
    expect(observer.stats()).toEqual({ observed: 1, lastAt: 0 });

    const before = Date.now();
    const send = xhrOf(win);
    send.open('post', '/sync/u/0/i/s?c=3');
    send.send(text('cvOnSend_request'));
    send.finish(200, text('cvOnSend_response'));
    await flush();
    expect(observer.stats().observed).toBe(2);
    expect(observer.stats().lastAt).toBeGreaterThanOrEqual(before);
    expect(records.map((r) => r.account)).toEqual(['u/0']);
  });

  it('stamps a fetch whose Request body is read from a clone only once that body may be a send', async () => {
    const { win } = fakeWindow({ body: text('cvOnSend_response') });
    const { records, observer } = observe(win);
    const request = (body: string) =>
      new Request('https://mail.google.com/sync/u/0/i/s?c=1', { method: 'POST', body });
    await win.fetch(request(text('cvOnDraftSave_request')));
    await flush();
    expect(observer.stats()).toEqual({ observed: 1, lastAt: 0 });

    const before = Date.now();
    await win.fetch(request(text('cvOnSend_request')));
    await flush();
    expect(observer.stats().observed).toBe(2);
    expect(observer.stats().lastAt).toBeGreaterThanOrEqual(before);
    expect(records.map((r) => r.account)).toEqual(['u/0']);
  });

  it('a sync URL only the URL parser can read (a dot segment, a fragment) is observed all the same', async () => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    for (const url of ['/sync/./u/3/i/s?c=1', '/sync/u/3/i/s#x']) {
      const xhr = xhrOf(win);
      xhr.open('POST', url);
      xhr.send(text('cvOnSend_request'));
      xhr.finish(200, text('cvOnSend_response'));
    }
    await flush();
    expect(records.map((r) => r.account)).toEqual(['u/3', 'u/3']);
    expect(observer.stats().observed).toBe(2);
  });

  it('a 2xx the browser fetched from anywhere but Gmail’s sync URL confirms nothing', async () => {
    const { win } = fakeWindow({
      body: text('cvOnSend_response'),
      url: () => 'https://mail.google.com/mail/u/0/some-other-page',
    });
    const { records } = observe(win);
    await win.fetch('/sync/u/0/i/s', { method: 'POST', body: text('cvOnSend_request') });
    const xhr = xhrOf(win);
    xhr.open('POST', '/sync/u/0/i/s');
    xhr.send(text('cvOnSend_request'));
    // A Response built by a script has no URL at all.
    xhr.finish(200, text('cvOnSend_response'), '');
    await flush();
    expect(records).toEqual([]);
  });

  it('a draft save adds no listener and reads no response; the same XHR reopened for a send reports it', async () => {
    const { win } = fakeWindow();
    const listened: [EventTarget, string][] = [];
    const addEventListener = EventTarget.prototype.addEventListener;
    // Spied before the observer starts: it captures (and so calls) the spy.
    vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
      this: EventTarget,
      type: string,
      ...rest: unknown[]
    ) {
      listened.push([this, type]);
      return Reflect.apply(addEventListener, this, [type, ...rest]) as void;
    });
    try {
      const { records } = observe(win);
      const xhr = xhrOf(win);
      const on = () => listened.filter(([target]) => target === xhr).map(([, type]) => type);
      xhr.open('POST', '/sync/u/0/i/s?c=1');
      xhr.send(text('cvOnDraftSave_request'));
      xhr.finish(200, text('cvOnDraftSave_response'));
      await flush();
      expect(on()).toEqual([]);
      expect(records).toEqual([]);

      // The same object opened again, for a send.
      xhr.open('POST', '/sync/u/0/i/s?c=2');
      xhr.send(text('cvOnSend_request'));
      xhr.finish(200, text('cvOnSend_response'));
      await flush();
      expect(on()).toEqual(['loadend']);
      expect(kindsOf(records).map((e) => e.kind)).toEqual(['send']);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('a throwing emitter never reaches the page', async () => {
    const { win } = fakeWindow();
    observeSyncRequests(win, {
      emit: () => {
        throw new Error('boom');
      },
    });
    const xhr = xhrOf(win);
    xhr.open('POST', '/sync/u/0/i/s');
    xhr.send(text('cvOnSend_request'));
    expect(() => xhr.finish(200, text('cvOnSend_response'))).not.toThrow();
    await flush();
  });

  it('fetch gets its arguments as given and returns the same promise', async () => {
    const { win, fetchCalls } = fakeWindow();
    const { records } = observe(win);
    const init = { method: 'POST', body: text('cvOnSend_request') };
    const response = await win.fetch('/sync/u/2/i/s', init);
    expect(fetchCalls).toEqual([['/sync/u/2/i/s', init]]);
    expect(fetchCalls[0]![1]).toBe(init);
    expect(await response.text()).toBe('[]');
    await flush();
    // The response does not mention the message, so no thread ids: still a confirmed send.
    expect(kindsOf(records).map((e) => [e.kind, e.account])).toEqual([['send', 'u/2']]);
  });

  it('a request body from a Request object is read from a clone', async () => {
    const { win } = fakeWindow();
    const { records } = observe(win);
    const request = new Request('https://mail.google.com/sync/u/1/i/s', {
      method: 'POST',
      body: text('cvOnSend_request'),
    });
    await win.fetch(request);
    await flush();
    expect(kindsOf(records).map((e) => [e.kind, e.account])).toEqual([['send', 'u/1']]);
    // Gmail's own request is still unread.
    expect(request.bodyUsed).toBe(false);
  });

  it('an Undo request is handed over only for a message the isolated side asked to watch', async () => {
    const { win } = fakeWindow();
    const { records, observer } = observe(win);
    const sentId = 'msg-a:r8190137112111191537';
    const draftId = /msg-a:r-?\d+/.exec(text('cvOnDraftSave_request'))![0];
    const undo = text('cvOnDraftSave_request').split(draftId).join(sentId);
    const send = (body: string) => {
      const xhr = xhrOf(win);
      xhr.open('POST', '/sync/u/0/i/s');
      xhr.send(body);
      xhr.finish(200, '[]');
    };
    send(undo);
    await flush();
    expect(records).toEqual([]);
    observer.watch([sentId]);
    send(undo);
    await flush();
    expect(records.map((r) => r.request)).toEqual([undo]);
    // Junk commands change nothing and never throw.
    for (const junk of [null, 'x', 42, { length: 1e9 }, [{}]]) observer.watch(junk);
  });
});

describe('captured originals', () => {
  it('a getter, method or global a page script replaces later changes nothing the observer reads', async () => {
    class ProtoXhr extends EventTarget {
      #status = 0;
      #text = '';
      get status() {
        return this.#status;
      }
      get responseText() {
        return this.#text;
      }
      get responseType() {
        return '';
      }
      get responseURL() {
        return 'https://mail.google.com/sync/u/0/i/s';
      }
      open() {}
      send() {}
      finish(status: number, body: string) {
        this.#status = status;
        this.#text = body;
        this.dispatchEvent(new Event('loadend'));
      }
    }
    const win = {
      XMLHttpRequest: ProtoXhr,
      document: { baseURI: BASE },
      setTimeout: (work: () => void, ms: number) => setTimeout(work, ms),
    } as unknown as Window & typeof globalThis;
    const originals = captureOriginals(win);
    const records: SyncRecord[] = [];
    observeSyncRequests(win, { emit: (r) => records.push(r), originals });

    // The page, later: every 403 reads as 200, and substring searches always succeed.
    const includes = String.prototype.includes;
    Object.defineProperty(ProtoXhr.prototype, 'status', { get: () => 200, configurable: true });
    String.prototype.includes = () => true;
    try {
      const xhr = new ProtoXhr() as unknown as ProtoXhr & XMLHttpRequest;
      xhr.open('POST', '/sync/u/0/i/s');
      xhr.send(text('cvOnSend_request'));
      xhr.finish(403, '');
      const draft = new ProtoXhr() as unknown as ProtoXhr & XMLHttpRequest;
      draft.open('POST', '/sync/u/0/i/s');
      draft.send(text('cvOnDraftSave_request'));
      draft.finish(200, text('cvOnDraftSave_response'));
    } finally {
      String.prototype.includes = includes;
    }
    await flush();
    // The real status crossed, and the draft save stayed behind the gate.
    expect(records.map((r) => r.status)).toEqual([403]);
    expect(kindsOf(records).map((e) => e.kind)).toEqual(['failed']);
  });
});

/** A window with one same-origin frame, reachable the ways Gmail's code reaches frames. */
function windowWithFrame() {
  const top = fakeWindow();
  const frame = fakeWindow();
  const frameWindow = frame.win;
  class FakeIFrame extends EventTarget {
    nodeName = 'IFRAME';
    get contentWindow() {
      return frameWindow;
    }
    get contentDocument() {
      return { defaultView: frameWindow };
    }
  }
  const document = Object.assign(new EventTarget(), { baseURI: BASE });
  Object.assign(top.win, { HTMLIFrameElement: FakeIFrame, document });
  return { win: top.win, frameWindow, FakeIFrame, document };
}

describe('observeSyncRequests in same-origin frames', () => {
  it("a send through a frame's own XMLHttpRequest is reported once, however the frame was reached", async () => {
    const { win, frameWindow, FakeIFrame, document } = windowWithFrame();
    const { records } = observe(win);
    const frame = new FakeIFrame();
    // Reached three ways: its load event, contentWindow, contentDocument.defaultView.
    const load = new Event('load');
    Object.defineProperty(load, 'target', { value: frame });
    document.dispatchEvent(load);
    const viaWindow = frame.contentWindow as typeof frameWindow;
    const viaDocument = frame.contentDocument.defaultView as typeof frameWindow;
    expect(viaWindow).toBe(frameWindow);
    expect(viaDocument).toBe(frameWindow);
    const xhr = xhrOf(frameWindow);
    xhr.open('POST', '/sync/u/0/i/s?c=3');
    xhr.send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    await flush();
    expect(kindsOf(records).map((e) => e.kind)).toEqual(['send']);
  });

  it("a frame's fetch is observed too, and the top's own requests still are", async () => {
    const { win, frameWindow, FakeIFrame } = windowWithFrame();
    const { records } = observe(win);
    void new FakeIFrame().contentWindow;
    await frameWindow.fetch('/sync/u/1/i/s', { method: 'POST', body: text('cvOnSend_request') });
    const xhr = xhrOf(win);
    xhr.open('POST', '/sync/u/0/i/s');
    xhr.send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    await flush();
    expect(records.map((r) => r.account).sort()).toEqual(['u/0', 'u/1']);
  });
});
