import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBridgeEvent } from './bridge';
import { mayBeSend, observeSendRequests } from './network-observer';

function fixture(name: string): { url: string; body: string; status?: number } {
  const file = path.resolve(process.cwd(), 'tests/fixtures/linkedin/network', name);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
    url?: string;
    body: unknown;
    status?: number;
  };
  return { url: parsed.url ?? '', body: JSON.stringify(parsed.body), status: parsed.status };
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
