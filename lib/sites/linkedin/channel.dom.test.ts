// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_EVENT, HANDSHAKE_EVENT, openIsolatedChannel, openPageChannel } from './channel';

afterEach(() => {
  vi.useRealTimers();
});

function pageSeesNothing() {
  const seen: string[] = [];
  const record = (event: Event) => seen.push(event.type);
  window.addEventListener(CHANNEL_EVENT, record, true);
  document.addEventListener(CHANNEL_EVENT, record, true);
  return {
    seen,
    stop() {
      window.removeEventListener(CHANNEL_EVENT, record, true);
      document.removeEventListener(CHANNEL_EVENT, record, true);
    },
  };
}

describe('the private channel between the worlds', () => {
  it('works when the page world runs first, and events queued before the handshake arrive', () => {
    const page = openPageChannel(window);
    page.emit('"early"');
    const got: unknown[] = [];
    const isolated = openIsolatedChannel(window, (detail) => got.push(detail));
    page.emit('"late"');
    expect(isolated.ready).toBe(true);
    expect(got).toEqual(['"early"', '"late"']);
    isolated.close();
  });

  it('works when the isolated world runs first', () => {
    const got: unknown[] = [];
    const isolated = openIsolatedChannel(window, (detail) => got.push(detail));
    expect(isolated.ready).toBe(false);
    const page = openPageChannel(window);
    page.emit('"hello"');
    expect(isolated.ready).toBe(true);
    expect(got).toEqual(['"hello"']);
    isolated.close();
  });

  it('leaves nothing in the document and nothing the page can listen to', () => {
    const watcher = pageSeesNothing();
    const before = document.getElementsByTagName('*').length;
    const got: unknown[] = [];
    const isolated = openIsolatedChannel(window, (detail) => got.push(detail));
    const page = openPageChannel(window);
    page.emit('"x"');
    expect(got).toEqual(['"x"']);
    expect(watcher.seen).toEqual([]);
    expect(document.getElementsByTagName('*').length).toBe(before);
    expect(document.getElementsByTagName('span')).toHaveLength(0);
    watcher.stop();
    isolated.close();
  });

  it('after the handshake, a forged offer of another node changes nothing', () => {
    const got: unknown[] = [];
    const isolated = openIsolatedChannel(window, (detail) => got.push(detail));
    const page = openPageChannel(window);
    const forged = document.createElement('span');
    const stolen: unknown[] = [];
    forged.addEventListener(CHANNEL_EVENT, (event) => stolen.push((event as CustomEvent).detail));
    window.dispatchEvent(new MouseEvent(HANDSHAKE_EVENT, { relatedTarget: forged }));
    page.emit('"after"');
    expect(got).toEqual(['"after"']);
    expect(stolen).toEqual([]);
    isolated.close();
  });

  it('the page side gives up after a while and drops what it queued', () => {
    vi.useFakeTimers();
    const page = openPageChannel(window);
    page.emit('"never delivered"');
    vi.advanceTimersByTime(31_000);
    const got: unknown[] = [];
    const isolated = openIsolatedChannel(window, (detail) => got.push(detail));
    expect(isolated.ready).toBe(false);
    expect(got).toEqual([]);
    isolated.close();
  });
});
