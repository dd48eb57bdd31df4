import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBridgeEvent } from './bridge';
import { mayBeSend, observeSendRequests } from './network-observer';

function fixture(name: string): { url: string; body: string; status?: number } {
  const file = path.resolve(process.cwd(), 'tests/fixtures/linkedin/network', name);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    url?: string;
    body?: unknown;
    text?: string;
    status?: number;
  };
  return {
    url: parsed.url ?? '',
    // An RSC stream is kept as the text it is; JSON bodies as JSON.
    body: parsed.text ?? JSON.stringify(parsed.body),
    status: parsed.status,
  };
}

const request = fixture('create-message-existing.request.json');
const response = fixture('create-message-existing.response.json');
const invitation = fixture('invitation-with-note.request.json');

const BASE = 'https://www.linkedin.com/messaging/';

/**
 * A window with a fetch that answers `answer` and an XHR that finishes with it; the answer comes
 * from the URL asked for unless `answer.url` says where the browser really fetched it from.
 */
function fakeWindow(answer: { status: number; body: string; url?: string }) {
  const calls: unknown[][] = [];
  class FakeXhr extends EventTarget {
    status = 0;
    responseType = '';
    responseText = '';
    responseURL = '';
    private url = '';
    open(...args: unknown[]) {
      calls.push(['open', ...args]);
      this.url = new URL(String(args[1]), BASE).href;
    }
    send(...args: unknown[]) {
      calls.push(['send', ...args]);
      this.status = answer.status;
      this.responseText = answer.body;
      this.responseURL = answer.url ?? this.url;
      this.dispatchEvent(new Event('loadend'));
    }
  }
  const originalFetch = async function fetch(...args: unknown[]) {
    calls.push(['fetch', ...args]);
    const response = new Response(answer.body, { status: answer.status });
    const asked = args[0] instanceof Request ? args[0].url : String(args[0]);
    Object.defineProperty(response, 'url', { value: answer.url ?? new URL(asked, BASE).href });
    return response;
  };
  const win = {
    XMLHttpRequest: FakeXhr,
    fetch: originalFetch,
    Request,
    document: { baseURI: BASE },
    location: { href: 'https://www.linkedin.com/in/priya-raman-7b/' },
    setTimeout: (work: () => void) => setTimeout(work, 0),
  };
  return { win: win as unknown as Window & typeof globalThis, calls, originalFetch };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

function observe(answer: { status: number; body: string; url?: string }) {
  const fake = fakeWindow(answer);
  const details: string[] = [];
  observeSendRequests(fake.win, {
    emit: (detail) => details.push(detail),
    now: () => 1_700_000_000_000,
  });
  const events = () =>
    details.map((detail) => {
      const parsed = parseBridgeEvent(detail);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.event;
    });
  return { ...fake, details, events };
}

describe('the page-world observer', () => {
  it('only POSTs to the send endpoints pass the cheap test', () => {
    expect(mayBeSend('POST', request.url)).toBe(true);
    expect(mayBeSend('GET', request.url)).toBe(false);
    expect(mayBeSend('POST', 'https://www.linkedin.com/voyager/api/feed/updates')).toBe(false);
    expect(mayBeSend('POST', null)).toBe(false);
  });

  it('a createMessage over fetch gives a request event, then a confirmed response, with no text', async () => {
    const { win, calls, events, details } = observe({ status: 200, body: response.body });
    const init = { method: 'POST', body: request.body };
    const answer = await win.fetch(request.url, init);
    expect(await answer.text()).toBe(response.body);
    await flush();
    expect(calls).toEqual([['fetch', request.url, init]]);
    expect(events().map((event) => [event.stage, event.status])).toEqual([
      ['request', 0],
      ['response', 200],
    ]);
    expect(events()[1]).toMatchObject({ kind: 'message', messageId: expect.stringMatching(/^2-/) });
    expect(details.join('')).not.toMatch(/SECRET|dinner/);
  });

  it('an invitation over XHR with a 429 crosses as refused', async () => {
    const { win, events } = observe({ status: 429, body: '{"status":429}' });
    const xhr = new win.XMLHttpRequest();
    xhr.open('POST', invitation.url);
    xhr.send(invitation.body);
    await flush();
    expect(events().map((event) => [event.kind, event.stage, event.status])).toEqual([
      ['invitation', 'request', 0],
      ['invitation', 'response', 429],
    ]);
  });

  it('other requests pass through untouched and emit nothing; the wrappers still look native', async () => {
    const { win, calls, details, originalFetch } = observe({ status: 200, body: '{}' });
    await win.fetch('https://www.linkedin.com/voyager/api/me');
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', 'https://www.linkedin.com/feed/');
    xhr.send(null);
    await flush();
    expect(details).toEqual([]);
    expect(calls).toEqual([
      ['fetch', 'https://www.linkedin.com/voyager/api/me'],
      ['open', 'GET', 'https://www.linkedin.com/feed/'],
      ['send', null],
    ]);
    expect(win.fetch).not.toBe(originalFetch);
    expect(win.fetch.name).toBe('fetch');
    expect(win.fetch.length).toBe(originalFetch.length);
  });

  it.each([
    ['a data: URL', (url: string) => `data:application/json,${url}`],
    [
      'another host',
      (url: string) => url.replace('www.linkedin.com', 'www.linkedin.com.evil.example'),
    ],
    ['http', (url: string) => url.replace('https:', 'http:')],
    ['the path in a query', (url: string) => `https://www.linkedin.com/feed/?next=${url}`],
  ])('a request to %s naming a send endpoint is no send', async (_, forge) => {
    const { win, details } = observe({ status: 200, body: response.body });
    await win.fetch(forge(request.url), { method: 'POST', body: request.body });
    const xhr = new win.XMLHttpRequest();
    xhr.open('POST', forge(invitation.url));
    xhr.send(invitation.body);
    await flush();
    expect(details).toEqual([]);
  });

  it('a 2xx the browser did not fetch from the endpoint confirms nothing', async () => {
    // A Response a page script built itself has no URL; a redirect ends somewhere else.
    for (const url of ['', 'https://www.linkedin.com/feed/']) {
      const { win, events } = observe({ status: 200, body: response.body, url });
      await win.fetch(request.url, { method: 'POST', body: request.body });
      const xhr = new win.XMLHttpRequest();
      xhr.open('POST', invitation.url);
      xhr.send(invitation.body);
      await flush();
      expect(events().map((event) => event.stage)).toEqual(['request', 'request']);
    }
  });

  it('a page script overriding the status getters later cannot turn a 403 into a send', async () => {
    const fake = fakeWindow({ status: 403, body: '{}' });
    // Real prototype getters (a browser's), so the observer captures them at start.
    class ProtoResponse {}
    Object.defineProperty(ProtoResponse.prototype, 'status', {
      configurable: true,
      get(this: { realStatus: number }) {
        return this.realStatus;
      },
    });
    const win = Object.assign(fake.win, {
      Response: ProtoResponse,
      fetch: async () => {
        const answer = Object.create(ProtoResponse.prototype) as Record<string, unknown>;
        Object.assign(answer, {
          realStatus: 403,
          url: request.url,
          clone: () => answer,
          text: async () => '{}',
        });
        return answer;
      },
    });
    const details: string[] = [];
    observeSendRequests(win, { emit: (detail) => details.push(detail) });
    Object.defineProperty(ProtoResponse.prototype, 'status', { get: () => 200 });
    await win.fetch(request.url, { method: 'POST', body: request.body });
    await flush();
    expect(details.map((d) => JSON.parse(d).status)).toEqual([0, 403]);
  });

  it('a garbage body or a failing network never throws into the page', async () => {
    const { win, details } = observe({ status: 200, body: 'not json' });
    await expect(win.fetch(request.url, { method: 'POST', body: '{{{' })).resolves.toBeDefined();
    const failing = observe({ status: 200, body: '' });
    failing.win.fetch = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    observeSendRequests(failing.win, { emit: () => undefined });
    await expect(
      failing.win.fetch(request.url, { method: 'POST', body: request.body }),
    ).rejects.toThrow('offline');
    await flush();
    expect(details).toEqual([]);
  });
});

const sduiAdd = fixture('sdui-add-connection.request.json');
const sduiAnswer = fixture('sdui-add-connection.response.json');
const sduiRefused = fixture('sdui-add-connection-refused.response.json');
const sduiWithdraw = fixture('sdui-withdraw-invitation.request.json');
const invitationV2 = fixture('invitation-v2-without-note.request.json');

describe('the page-world observer on LinkedIn’s 2026 requests', () => {
  it('an SDUI Connect over fetch: a request event, then a confirmed response naming every id', async () => {
    const { win, events } = observe({ status: 200, body: sduiAnswer.body });
    await win.fetch(sduiAdd.url, { method: 'POST', body: sduiAdd.body });
    await flush();
    expect(events()).toEqual([
      expect.objectContaining({ kind: 'invitation', stage: 'request', status: 0 }),
      expect.objectContaining({
        kind: 'invitation',
        stage: 'response',
        status: 200,
        inviteeId: 'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I',
        otherInviteeIds: ['member:502113987', 'liam-oconnor'],
        hasNote: false,
      }),
    ]);
    expect(events()[1]!.rejected).toBeUndefined();
  });

  it('a 2xx SDUI answer that lists an error crosses as rejected; a 429 as refused', async () => {
    const refused = observe({ status: 200, body: sduiRefused.body });
    await refused.win.fetch(sduiAdd.url, { method: 'POST', body: sduiAdd.body });
    await flush();
    expect(refused.events()[1]).toMatchObject({ stage: 'response', status: 200, rejected: true });
    const limited = observe({ status: 429, body: '{"status":429}' });
    await limited.win.fetch(sduiAdd.url, { method: 'POST', body: sduiAdd.body });
    await flush();
    expect(limited.events()[1]).toMatchObject({ stage: 'response', status: 429 });
  });

  it('an invitation answered 2xx with a Rest.li error body crosses as rejected', async () => {
    const error = fixture('invitation-2xx-error.response.json');
    const { win, events } = observe({ status: 200, body: error.body });
    await win.fetch(invitationV2.url, { method: 'POST', body: invitationV2.body });
    await flush();
    expect(events()[1]).toMatchObject({ kind: 'invitation', status: 200, rejected: true });
  });

  it('a withdrawal emits nothing', async () => {
    const { win, details, calls } = observe({ status: 200, body: sduiAnswer.body });
    await win.fetch(sduiWithdraw.url, { method: 'POST', body: sduiWithdraw.body });
    await flush();
    expect(calls).toHaveLength(1);
    expect(details).toEqual([]);
  });

  it('a relative URL is resolved against the page; another origin is never looked at', async () => {
    const { win, events, details } = observe({ status: 200, body: response.body });
    await win.fetch(
      'https://evil.example/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
      {
        method: 'POST',
        body: request.body,
      },
    );
    await win.fetch(
      '//evil.example/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
      {
        method: 'POST',
        body: request.body,
      },
    );
    await flush();
    expect(details).toEqual([]);
    await win.fetch('/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage', {
      method: 'POST',
      body: request.body,
    });
    await flush();
    expect(events().map((event) => event.stage)).toEqual(['request', 'response']);
  });
});

describe('the page-world observer in LinkedIn’s /preload/ frame', () => {
  /**
   * A top window with frames: `load` captured on its document (an EventTarget: the observer
   * listens through the captured EventTarget.prototype.addEventListener), a contentWindow getter.
   */
  function topWithFrames() {
    const top = fakeWindow({ status: 200, body: '{}' });
    class FakeIframe {
      nodeName = 'IFRAME';
      constructor(public frameWindow: unknown) {}
    }
    Object.defineProperty(FakeIframe.prototype, 'contentWindow', {
      configurable: true,
      get(this: FakeIframe) {
        return this.frameWindow;
      },
    });
    const document = Object.assign(new EventTarget(), {
      baseURI: BASE,
      querySelectorAll: () => [],
    });
    Object.assign(top.win, { HTMLIFrameElement: FakeIframe, document });
    const details: string[] = [];
    const observer = observeSendRequests(top.win, {
      emit: (detail) => details.push(detail),
      now: () => 1_700_000_000_000,
    });
    const events = () =>
      details.map((detail) => {
        const parsed = parseBridgeEvent(detail);
        if (!parsed.ok) throw new Error(parsed.reason);
        return parsed.event;
      });
    const load = (frame: InstanceType<typeof FakeIframe>) => {
      const event = new Event('load');
      Object.defineProperty(event, 'target', { value: frame });
      document.dispatchEvent(event);
    };
    return { FakeIframe, load, events, details, observer, top };
  }

  it('the heartbeat counts the 2026 sends it saw, in the top window and in the frame', async () => {
    // "The rep's send went out but no request was seen" must not fire on a 2026 send.
    const { FakeIframe, load, observer, top } = topWithFrames();
    expect(observer.stats().observed).toBe(0);
    await top.win.fetch(sduiAdd.url, { method: 'POST', body: sduiAdd.body });
    expect(observer.stats().observed).toBe(1);
    const frame = fakeWindow({ status: 201, body: '{"value":{}}' });
    load(new FakeIframe(frame.win));
    await frame.win.fetch(invitationV2.url, { method: 'POST', body: invitationV2.body });
    await frame.win.fetch('/feed/', { method: 'POST', body: '{}' });
    expect(observer.stats().observed).toBe(2);
    expect(observer.stats().lastAt).toBeGreaterThan(0);
  });

  it('a frame’s own fetch is observed once the frame loads, and only once however often it is seen', async () => {
    const { FakeIframe, load, events } = topWithFrames();
    const frame = fakeWindow({ status: 201, body: '{"value":{}}' });
    frame.win.location.href = 'https://www.linkedin.com/preload/';
    const iframe = new FakeIframe(frame.win);
    load(iframe);
    // Seen again: through contentWindow and a second load of the same realm.
    expect((iframe as unknown as { contentWindow: unknown }).contentWindow).toBe(frame.win);
    load(iframe);
    await frame.win.fetch(
      '/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2',
      { method: 'POST', body: invitationV2.body },
    );
    await flush();
    expect(events().map((event) => [event.kind, event.stage, event.status])).toEqual([
      ['invitation', 'request', 0],
      ['invitation', 'response', 201],
    ]);
    expect(frame.calls).toHaveLength(1);
  });

  it('a frame that only loads (nobody reads its window) is observed from its load', async () => {
    const { FakeIframe, load, events } = topWithFrames();
    const frame = fakeWindow({ status: 200, body: response.body });
    load(new FakeIframe(frame.win));
    await frame.win.fetch(request.url, { method: 'POST', body: request.body });
    await flush();
    expect(events().map((event) => [event.kind, event.stage, event.status])).toEqual([
      ['message', 'request', 0],
      ['message', 'response', 200],
    ]);
  });

  it('a frame reached through contentWindow has its XMLHttpRequest observed too', async () => {
    const { FakeIframe, events } = topWithFrames();
    const frame = fakeWindow({ status: 200, body: response.body });
    frame.win.location.href = 'https://www.linkedin.com/preload/';
    const iframe = new FakeIframe(frame.win) as unknown as { contentWindow: typeof frame.win };
    const frameWindow = iframe.contentWindow;
    const xhr = new frameWindow.XMLHttpRequest();
    xhr.open('POST', request.url);
    xhr.send(request.body);
    await flush();
    expect(events().map((event) => [event.kind, event.stage, event.status])).toEqual([
      ['message', 'request', 0],
      ['message', 'response', 200],
    ]);
  });

  it('a cross-origin frame is left alone and nothing throws into the page', () => {
    const { FakeIframe, load, details } = topWithFrames();
    const crossOrigin = new Proxy(
      {},
      {
        get() {
          throw new DOMException('Blocked a frame', 'SecurityError');
        },
      },
    );
    expect(() => load(new FakeIframe(crossOrigin))).not.toThrow();
    expect(details).toEqual([]);
  });
});
