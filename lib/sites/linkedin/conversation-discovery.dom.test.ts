// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fixtureHtml,
  mountInInteropOutlet,
  mountPage,
  parseFixture,
} from '../../../tests/helpers/linkedin-fixtures';
import { createConversationDiscovery, FULL_EVERY_MS } from './conversation-discovery';
import { messageRegionOf } from './message-mutations';
import { findConversationHeaders } from './read-conversation';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** The containers a full, document-wide find returns: what discovery must agree with. */
const fullFind = () => findConversationHeaders(document).map((header) => header.element);

/**
 * A discovery fed by an observer of the body and of every root it knows, as the overlays wire it,
 * on a clock that stands still (no periodic full find unless a test moves it).
 */
function watch() {
  let now = 1_000_000;
  const discovery = createConversationDiscovery(document, () => now);
  // The message lists the last find was told to ignore (the overlays pass the last scan's).
  let ignored: Element[] = [];
  const observer = new MutationObserver((records) => discovery.note(records, ignored));
  const observed = new Set<Node>();
  const observeRoots = () => {
    for (const root of [document.body, ...discovery.roots().slice(1)]) {
      if (observed.has(root)) continue;
      observed.add(root);
      observer.observe(root, { childList: true, subtree: true });
    }
  };
  const find = (ignoring: Element[] = []) => {
    discovery.note(observer.takeRecords(), ignored);
    ignored = ignoring;
    const found = discovery.find();
    observeRoots();
    return found;
  };
  return {
    discovery,
    find,
    advance: (ms: number) => (now += ms),
    stop: () => observer.disconnect(),
  };
}

/** The first element of a fixture's body (hand-made fragments: the bubble or the composer). */
function fragment(name: string, css: string): Element {
  const element = parseFixture(name).querySelector(css);
  if (!element) throw new Error(`no ${css} in ${name}`);
  return document.importNode(element, true);
}

/** Spies on the document-wide queries a find could make. */
function documentQueries() {
  return [
    vi.spyOn(document, 'querySelectorAll'),
    vi.spyOn(document, 'querySelector'),
    vi.spyOn(document.body, 'querySelectorAll'),
    vi.spyOn(document.documentElement, 'querySelectorAll'),
  ];
}

describe('the real 2025 thread capture', () => {
  it('the first find is the full find', () => {
    mountPage('shared:messaging-thread-2025.html');
    const { find, stop } = watch();
    const found = find();
    expect(found).toHaveLength(1);
    expect(found).toEqual(fullFind());
    stop();
  });

  it('a message form opened outside the thread and closed again changes nothing, with no query of the whole page', () => {
    mountPage('shared:messaging-thread-2025.html');
    const { find, stop } = watch();
    const before = find();
    // The bench's churn: the thread's own form cloned into the body, then removed.
    const form = document.querySelector('.msg-form')!.cloneNode(true) as Element;
    const spies = documentQueries();
    document.body.appendChild(form);
    const opened = find();
    form.remove();
    const closed = find();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(opened).toEqual(before);
    expect(closed).toEqual(before);
    document.body.appendChild(form);
    expect(find()).toEqual(fullFind());
    stop();
  });

  it('messages added inside an ignored message list are not searched', () => {
    mountPage('shared:messaging-thread-2025.html');
    const { find, stop } = watch();
    const [thread] = findConversationHeaders(document);
    const region = messageRegionOf(thread!.element, thread!.composer)!;
    find([region]);
    const row = document.querySelector('li.msg-s-message-list__event')!;
    row.parentElement!.insertBefore(row.cloneNode(true), row);
    const spy = vi.spyOn(Element.prototype, 'querySelectorAll');
    expect(find([region])).toEqual([thread!.element]);
    expect(spy.mock.contexts.filter((context) => region.contains(context as Node))).toEqual([]);
    stop();
  });
});

describe('the Ember overlay bubbles', () => {
  it('a bubble added inside an added subtree is found, and goes when removed', () => {
    mountPage('hand:two-bubbles.html');
    const { find, stop } = watch();
    const before = find();
    expect(before).toEqual(fullFind());
    const overlay = document.querySelector('#msg-overlay')!;
    const wrapper = document.createElement('div');
    wrapper.appendChild(fragment('hand:new-conversation-bubble.html', 'body > *'));
    const spies = documentQueries();
    overlay.appendChild(wrapper);
    const after = find();
    expect(after).toHaveLength(before.length + 1);
    expect(wrapper.contains(after[after.length - 1]!)).toBe(true);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(after).toEqual(fullFind());
    wrapper.remove();
    expect(find()).toEqual(before);
    stop();
  });

  it('a composer added into a bubble that had none makes it a conversation', () => {
    mountPage('hand:two-bubbles.html');
    const { find, stop } = watch();
    find();
    const composer = document.querySelector('.msg-form__contenteditable')!;
    const holder = composer.parentElement!;
    composer.remove();
    const without = find();
    expect(without).toEqual(fullFind());
    holder.appendChild(composer);
    const back = find();
    expect(back).toEqual(fullFind());
    expect(back.some((element) => element.contains(composer))).toBe(true);
    stop();
  });
});

describe('the 2026 UI in #interop-outlet’s shadow root', () => {
  it('a shadow root attached to a known host after it was found is searched', () => {
    mountPage('hand:sdui-page.html');
    const { find, stop } = watch();
    expect(find()).toEqual([]);
    // attachShadow makes no mutation record: the known host is asked again on each find.
    const shadow = mountInInteropOutlet('hand:sdui-overlay.html');
    const found = find();
    expect(found).toHaveLength(1);
    expect(shadow.contains(found[0]!)).toBe(true);
    expect(found).toEqual(fullFind());
    stop();
  });

  it('a bubble added inside the observed shadow root is found without a full find', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-overlay.html');
    const { find, stop } = watch();
    const [first] = find();
    const second = first!.cloneNode(true) as Element;
    const wrapper = document.createElement('section');
    wrapper.appendChild(second);
    const spies = [...documentQueries(), vi.spyOn(shadow, 'querySelectorAll')];
    shadow.appendChild(wrapper);
    const found = find();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(found).toEqual([first, second]);
    expect(found).toEqual(fullFind());
    stop();
  });

  it('a host added later inside an added subtree, its shadow root filled, is found', () => {
    mountPage('hand:sdui-page.html');
    document.getElementById('interop-outlet')!.remove();
    const { find, stop } = watch();
    expect(find()).toEqual([]);
    const wrapper = document.createElement('div');
    const host = document.createElement('div');
    host.id = 'interop-outlet';
    wrapper.appendChild(host);
    document.body.appendChild(wrapper);
    const shadow = mountInInteropOutlet('hand:sdui-overlay.html');
    const found = find();
    expect(found).toHaveLength(1);
    expect(shadow.contains(found[0]!)).toBe(true);
    expect(found).toEqual(fullFind());
    stop();
  });

  it('a composer added in the light DOM of the hashed 2026 thread is found around its profile link', () => {
    mountPage('hand:sdui-hashed-thread.html');
    const { find, stop } = watch();
    const before = find();
    expect(before).toEqual(fullFind());
    const thread = before[0]!;
    const composer = thread.querySelector('[role="textbox"]')!;
    const holder = composer.parentElement!;
    composer.remove();
    expect(find()).toEqual(fullFind());
    holder.appendChild(composer);
    expect(find()).toEqual(fullFind());
    expect(find()).toEqual(before);
    stop();
  });
});

describe('what records cannot say', () => {
  it('an attribute that makes an element a container is seen by the periodic full find', () => {
    document.body.replaceChildren();
    const doc = new DOMParser().parseFromString(fixtureHtml('hand:two-bubbles.html'), 'text/html');
    const bubble = doc.querySelector(
      '[data-view-name="message-overlay-conversation-bubble-item"]',
    )!;
    bubble.removeAttribute('data-view-name');
    bubble.removeAttribute('role');
    document.body.appendChild(document.importNode(bubble, true));
    const { find, advance, stop } = watch();
    const before = find();
    const element = document.body.firstElementChild!;
    element.setAttribute('role', 'dialog');
    expect(find()).toEqual(before);
    advance(FULL_EVERY_MS);
    expect(find()).toEqual(fullFind());
    stop();
  });

  it('a reset makes the next find a full one', () => {
    mountPage('hand:two-bubbles.html');
    const { discovery, find, stop } = watch();
    find();
    discovery.reset();
    const spy = vi.spyOn(document, 'querySelectorAll');
    expect(find()).toEqual(fullFind());
    expect(spy).toHaveBeenCalled();
    stop();
  });
});

describe('headers', () => {
  /** A header as findConversationHeaders reads it, for comparison (element by identity). */
  const fullHeaders = () => findConversationHeaders(document);

  it('a conversation nothing changed in is not read again; one that changed is', () => {
    mountPage('hand:two-bubbles.html');
    const { discovery, stop } = watch();
    const observer = new MutationObserver((records) => discovery.note(records));
    observer.observe(document.body, { childList: true, subtree: true });
    expect(discovery.headers()).toEqual(fullHeaders());
    const [first, second] = discovery.headers().map((header) => header.element);
    // A change outside both bubbles: neither is read again.
    document.body.appendChild(document.createElement('div'));
    discovery.note(observer.takeRecords());
    const spy = vi.spyOn(Element.prototype, 'querySelectorAll');
    const again = discovery.headers();
    const readInside = () =>
      spy.mock.contexts.filter(
        (context) => first!.contains(context as Node) || second!.contains(context as Node),
      );
    expect(readInside().filter((context) => context !== first && context !== second)).toEqual([]);
    expect(again).toEqual(fullHeaders());
    // The second bubble's composer removed: that bubble is read again and says so.
    spy.mockClear();
    const composer = second!.querySelector('.msg-form__contenteditable')!;
    composer.remove();
    discovery.note(observer.takeRecords());
    const after = discovery.headers();
    expect(spy.mock.contexts).toContain(second);
    expect(spy.mock.contexts).not.toContain(first);
    expect(after.find((header) => header.element === second)).toMatchObject({
      composer: null,
      sendMode: 'none',
    });
    expect(after).toEqual(fullHeaders());
    observer.disconnect();
    stop();
  });

  it('a bubble minimised by its attribute alone is seen as minimised at once', () => {
    mountPage('hand:two-bubbles.html');
    const { discovery, stop } = watch();
    const [first] = discovery.headers();
    expect(first!.minimized).toBe(false);
    first!.element.setAttribute('data-msg-overlay-conversation-bubble-is-minimized', 'true');
    expect(discovery.headers()[0]).toMatchObject({ element: first!.element, minimized: true });
    stop();
  });
});

describe('the 2026 profile screen', () => {
  const SCREEN = '[data-sdui-screen="com.linkedin.sdui.flagshipnav.profile.Profile"]';

  it('is the one the page shows, found on the first find', () => {
    mountPage('hand:sdui-profile-connect.html');
    const { find, discovery, stop } = watch();
    find();
    expect(discovery.profileScreen()).toBe(document.querySelector(SCREEN));
    expect(discovery.profileScreen()).not.toBeNull();
    stop();
  });

  it('one added inside an added subtree is found without a query of the page, and goes when it stops matching', () => {
    const screen = parseFixture('hand:sdui-profile-connect.html').querySelector(SCREEN)!;
    mountPage('shared:messaging-thread-2025.html');
    const { find, discovery, stop } = watch();
    find();
    expect(discovery.profileScreen()).toBeNull();
    const wrapper = document.createElement('div');
    wrapper.appendChild(document.importNode(screen, true));
    const spies = documentQueries();
    document.body.appendChild(wrapper);
    find();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(discovery.profileScreen()).toBe(wrapper.firstElementChild);
    wrapper.firstElementChild!.setAttribute('data-sdui-screen', 'com.linkedin.sdui.Feed');
    expect(discovery.profileScreen()).toBeNull();
    stop();
  });
});

describe('typing', () => {
  it('text typed into a conversation’s message box does not make it read again', () => {
    mountPage('hand:two-bubbles.html');
    const { discovery, stop } = watch();
    const observer = new MutationObserver((records) => discovery.note(records));
    observer.observe(document.body, { childList: true, subtree: true });
    const [first] = discovery.headers();
    const composer = first!.composer!;
    composer.replaceChildren(document.createElement('p'));
    composer.firstElementChild!.append('Hello');
    discovery.note(observer.takeRecords());
    const spy = vi.spyOn(Element.prototype, 'querySelectorAll');
    expect(discovery.headers()[0]).toMatchObject({ element: first!.element, composer });
    expect(spy.mock.contexts).not.toContain(first!.element);
    observer.disconnect();
    stop();
  });
});
