import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBridgeEvent } from './bridge';
import { eventsOfSync, observeSyncRequests, syncAccountOf, syncMayMatter } from './sync-observer';
import {
  CAPTURE_MESSAGE_ID,
  CAPTURE_SENT_AT,
  cancelSendRequest,
  cancelSendRequestNamingScheduled,
  cancelSendResponse,
  scheduledSendRequest,
  scheduledSendResponse,
} from '../../../tests/fixtures/gmail/sync-hand-built';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const text = (name: string) => readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8');

describe('syncAccountOf', () => {
  it.each([
    ['POST', '/sync/u/0/i/s?hl=en&c=7', 'u/0'],
    ['post', 'https://mail.google.com/sync/u/1/i/s?hl=en', 'u/1'],
    ['POST', new URL('https://mail.google.com/sync/u/12/i/s'), 'u/12'],
  ])('%s %s is a sync request of %s', (method, url, account) => {
    expect(syncAccountOf(method, url)).toBe(account);
  });

  it.each([
    ['GET', '/sync/u/0/i/s'],
    ['POST', '/sync/u/0/i/fd'],
    ['POST', '/mail/u/0/?ui=2&view=tl'],
    ['POST', 'https://evil.example/sync/u/0/i/s'],
    ['POST', 42],
    [undefined, '/sync/u/0/i/s'],
  ])('%s %s is not', (method, url) => {
    expect(syncAccountOf(method, url)).toBeNull();
  });
});

describe('eventsOfSync on the captures', () => {
  it('a 2xx send gives one valid send event with the thread ids and the sender', () => {
    const events = eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      1_000,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'send',
      messageId: 'msg-a:r8190137112111191537',
      threadId: 'thread-a:r263523620390330024',
      legacyThreadId: '183234ce86ffa010',
      from: 'test@gmail.com',
      subject: 'subject_111',
    });
    expect(parseBridgeEvent(JSON.stringify(events[0])).ok).toBe(true);
  });

  it('a non-2xx send gives a failed event and no send', () => {
    const events = eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 500, body: undefined },
      1_000,
    );
    expect(events.map((e) => [e.kind, e.status])).toEqual([['failed', 500]]);
  });

  it('draft saves give nothing', () => {
    for (const name of ['cvOnDraftSave', 'cvOnDraftUpdate', 'cvOnReplyDraftSave']) {
      expect(
        eventsOfSync(
          { account: 'u/0', body: text(`${name}_request`) },
          { status: 200, body: text(`${name}_response`) },
          0,
        ),
      ).toEqual([]);
    }
  });

  it('a message seen sent that comes back as a draft is an undo', () => {
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      0,
      recent,
    );
    // Hand-made from the draft-save capture: the same message id, back to ^r.
    const draftId = /msg-a:r-?\d+/.exec(text('cvOnDraftSave_request'))![0];
    const undo = text('cvOnDraftSave_request').split(draftId).join('msg-a:r8190137112111191537');
    const events = eventsOfSync({ account: 'u/0', body: undo }, { status: 200, body: '[]' }, 5);
    expect(events).toEqual([]); // without memory of the send, a draft save is only a draft save
    const remembered = eventsOfSync(
      { account: 'u/0', body: undo },
      { status: 200, body: '[]' },
      5,
      recent,
    );
    expect(remembered.map((e) => [e.kind, e.messageId])).toEqual([
      ['undone', 'msg-a:r8190137112111191537'],
    ]);
  });

  it('the cheap gate passes sends and undos, and stops plain draft saves before any parse', () => {
    const none = new Set<string>();
    expect(syncMayMatter(text('cvOnSend_request'), none)).toBe(true);
    for (const name of ['cvOnDraftSave', 'cvOnDraftUpdate', 'cvOnReplyDraftSave'])
      expect(syncMayMatter(text(`${name}_request`), none)).toBe(false);
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      0,
      recent,
    );
    // Another message's draft save stays cheap; the sent message's own draft (an Undo) passes.
    expect(syncMayMatter(text('cvOnReplyDraftSave_request'), recent)).toBe(false);
    const otherId = /msg-a:r-?\d+/.exec(text('cvOnReplyDraftSave_request'))![0];
    const undo = text('cvOnReplyDraftSave_request')
      .split(otherId)
      .join([...recent][0]!);
    expect(syncMayMatter(undo, recent)).toBe(true);
    expect(syncMayMatter({ not: 'a string' }, none)).toBe(true);
    expect(syncMayMatter(undefined, none)).toBe(false);
  });

  it('a scheduled send gives a scheduled event carrying its time, valid across the bridge', () => {
    const requestAt = CAPTURE_SENT_AT;
    const scheduledFor = CAPTURE_SENT_AT + 26 * 3_600_000;
    const events = eventsOfSync(
      { account: 'u/0', body: scheduledSendRequest(scheduledFor) },
      { status: 200, body: scheduledSendResponse() },
      requestAt,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'scheduled',
      messageId: CAPTURE_MESSAGE_ID,
      at: requestAt,
      scheduledFor,
      legacyThreadId: '183234ce86ffa010',
    });
    expect(parseBridgeEvent(JSON.stringify(events[0])).ok).toBe(true);
  });

  it('"Cancel send" on a send this page scheduled gives an undone event', () => {
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: scheduledSendRequest(CAPTURE_SENT_AT + 3_600_000) },
      { status: 200, body: scheduledSendResponse() },
      CAPTURE_SENT_AT,
      recent,
    );
    expect(syncMayMatter(cancelSendRequest(), recent)).toBe(true);
    const events = eventsOfSync(
      { account: 'u/0', body: cancelSendRequest() },
      { status: 200, body: cancelSendResponse() },
      CAPTURE_SENT_AT + 60_000,
      recent,
    );
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
    expect(recent.has(CAPTURE_MESSAGE_ID)).toBe(false);
  });

  it('"Cancel send" in a later page life (the request names ^scheduled) gives an undone event', () => {
    const body = cancelSendRequestNamingScheduled();
    expect(syncMayMatter(body, new Set())).toBe(true);
    const events = eventsOfSync(
      { account: 'u/0', body },
      { status: 200, body: cancelSendResponse() },
      CAPTURE_SENT_AT,
      new Set(),
    );
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
  });

  it('a cancel naming the message only by id is confirmed by the draft in its response', () => {
    const body = JSON.stringify([null, [[[8, [[CAPTURE_MESSAGE_ID], ['^r'], ['^scheduled']]]]]]);
    const events = eventsOfSync(
      { account: 'u/0', body },
      { status: 200, body: text('cvOnDraftUpdate_response') },
      CAPTURE_SENT_AT,
    );
    const draftIds = /msg-a:r-?\d+/.exec(text('cvOnDraftUpdate_response'))![0];
    expect(draftIds).toBe(CAPTURE_MESSAGE_ID);
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
  });

  it('a failed cancel (non-2xx) and a plain draft update give nothing', () => {
    expect(
      eventsOfSync(
        { account: 'u/0', body: cancelSendRequestNamingScheduled() },
        { status: 503, body: undefined },
        0,
      ),
    ).toEqual([]);
    expect(
      eventsOfSync(
        { account: 'u/0', body: cancelSendRequest() },
        { status: 200, body: cancelSendResponse() },
        0,
        new Set(),
      ),
    ).toEqual([]);
  });

  it('never throws on junk', () => {
    for (const body of [undefined, null, '', '{', '[[[[', 42, { a: 1 }]) {
      expect(eventsOfSync({ account: 'u/0', body }, { status: 200, body }, 0)).toEqual([]);
    }
  });
});

/** A stand-in XMLHttpRequest recording exactly what it was called with. */
class FakeXhr extends EventTarget {
  static calls: unknown[][] = [];
  status = 0;
  responseType = '';
  responseText = '';
  response: unknown = '';
  open(...args: unknown[]) {
    FakeXhr.calls.push(['open', ...args]);
  }
  send(...args: unknown[]) {
    FakeXhr.calls.push(['send', ...args]);
  }
  finish(status: number, body: string) {
    this.status = status;
    this.responseText = body;
    this.dispatchEvent(new Event('loadend'));
  }
}

function fakeWindow() {
  FakeXhr.calls = [];
  const fetchCalls: unknown[][] = [];
  const win = {
    XMLHttpRequest: class extends FakeXhr {},
    fetch: (...args: unknown[]) => {
      fetchCalls.push(args);
      return Promise.resolve(new Response('[]', { status: 200 }));
    },
    Request,
    location: { hostname: 'mail.google.com' },
    setTimeout: (work: () => void) => setTimeout(work, 0),
  };
  return { win: win as unknown as Window & typeof globalThis, fetchCalls };
}

describe('observeSyncRequests', () => {
  it('passes every call through untouched and reports a confirmed send', () => {
    const { win } = fakeWindow();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), now: () => 7, defer: (w) => w() });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    // Two arguments stay two: a third `undefined` would make the request synchronous.
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s?c=1');
    const body = text('cvOnSend_request');
    (xhr as unknown as XMLHttpRequest).send(body);
    expect(FakeXhr.calls).toEqual([
      ['open', 'POST', '/sync/u/0/i/s?c=1'],
      ['send', body],
    ]);
    xhr.finish(200, text('cvOnSend_response'));
    expect(emitted).toHaveLength(1);
    expect(JSON.parse(emitted[0]!)).toMatchObject({ kind: 'send', at: 7, account: 'u/0' });
  });

  it('ignores other requests and reports a failed send as failed', () => {
    const { win } = fakeWindow();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    const other = new win.XMLHttpRequest() as unknown as FakeXhr;
    (other as unknown as XMLHttpRequest).open('POST', '/mail/u/0/?ui=2');
    (other as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    other.finish(200, text('cvOnSend_response'));
    expect(emitted).toEqual([]);

    const failing = new win.XMLHttpRequest() as unknown as FakeXhr;
    (failing as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s');
    (failing as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    failing.finish(503, 'Service Unavailable');
    expect(emitted.map((d) => JSON.parse(d).kind)).toEqual(['failed']);
  });

  it('a draft save adds no listener and reads no response; the same XHR reopened for a send reports it', () => {
    const { win } = fakeWindow();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    const listened: string[] = [];
    const addEventListener = xhr.addEventListener.bind(xhr);
    xhr.addEventListener = (type: string, ...rest: [EventListener, unknown?]) => {
      listened.push(type);
      addEventListener(type, ...(rest as [EventListener]));
    };
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s?c=1');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnDraftSave_request'));
    xhr.finish(200, text('cvOnDraftSave_response'));
    expect(listened).toEqual([]);
    expect(emitted).toEqual([]);

    // The same object opened again, for a send.
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s?c=2');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    expect(listened).toEqual(['loadend']);
    expect(emitted.map((d) => JSON.parse(d).kind)).toEqual(['send']);
  });

  it('a throwing emitter never reaches the page', () => {
    const { win } = fakeWindow();
    observeSyncRequests(win, {
      emit: () => {
        throw new Error('boom');
      },
      defer: (w) => w(),
    });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    expect(() => xhr.finish(200, text('cvOnSend_response'))).not.toThrow();
  });

  it('fetch gets its arguments as given and returns the same promise', async () => {
    const { win, fetchCalls } = fakeWindow();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    const init = { method: 'POST', body: text('cvOnSend_request') };
    const response = await win.fetch('/sync/u/2/i/s', init);
    expect(fetchCalls).toEqual([['/sync/u/2/i/s', init]]);
    expect(await response.text()).toBe('[]');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The response does not mention the message, so no thread ids: still a confirmed send.
    expect(emitted.map((d) => JSON.parse(d)).map((e) => [e.kind, e.account])).toEqual([
      ['send', 'u/2'],
    ]);
  });

  it('a plain draft save gets no listener and its response is never read', () => {
    const { win } = fakeWindow();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    const listen = vi.spyOn(xhr, 'addEventListener');
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s?c=2');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnDraftSave_request'));
    expect(listen).not.toHaveBeenCalled();
    xhr.finish(200, text('cvOnDraftSave_response'));
    expect(emitted).toEqual([]);
    expect(FakeXhr.calls.map((c) => c[0])).toEqual(['open', 'send']);
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
  const document = new EventTarget();
  Object.assign(top.win, { HTMLIFrameElement: FakeIFrame, document });
  return { win: top.win, frameWindow, FakeIFrame, document };
}

describe('observeSyncRequests in same-origin frames', () => {
  it("a send through a frame's own XMLHttpRequest is reported once, however the frame was reached", () => {
    const { win, frameWindow, FakeIFrame, document } = windowWithFrame();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    const frame = new FakeIFrame();
    // Reached three ways: its load event, contentWindow, contentDocument.defaultView.
    const load = new Event('load');
    Object.defineProperty(load, 'target', { value: frame });
    document.dispatchEvent(load);
    const viaWindow = frame.contentWindow as typeof frameWindow;
    const viaDocument = frame.contentDocument.defaultView as typeof frameWindow;
    expect(viaWindow).toBe(frameWindow);
    expect(viaDocument).toBe(frameWindow);
    const xhr = new frameWindow.XMLHttpRequest() as unknown as FakeXhr;
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s?c=3');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    expect(emitted.map((d) => JSON.parse(d).kind)).toEqual(['send']);
  });

  it("a frame's fetch is observed too, and the top's own requests still are", async () => {
    const { win, frameWindow, FakeIFrame } = windowWithFrame();
    const emitted: string[] = [];
    observeSyncRequests(win, { emit: (d) => emitted.push(d), defer: (w) => w() });
    void new FakeIFrame().contentWindow;
    await frameWindow.fetch('/sync/u/1/i/s', { method: 'POST', body: text('cvOnSend_request') });
    const xhr = new win.XMLHttpRequest() as unknown as FakeXhr;
    (xhr as unknown as XMLHttpRequest).open('POST', '/sync/u/0/i/s');
    (xhr as unknown as XMLHttpRequest).send(text('cvOnSend_request'));
    xhr.finish(200, text('cvOnSend_response'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(emitted.map((d) => JSON.parse(d).account).sort()).toEqual(['u/0', 'u/1']);
  });
});
