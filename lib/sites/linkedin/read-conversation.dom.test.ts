// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  mountInInteropOutlet,
  mountPage,
  parseFixture,
} from '../../../tests/helpers/linkedin-fixtures';
import { findConversations, readConversation, sendTargetFromPath } from './read-conversation';

const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const JANE = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const threadUrl = (id: string) => `https://www.linkedin.com/messaging/thread/${id}/`;
// A Thursday: "Tuesday" in the 2025 capture is two days earlier.
const NOW = new Date(2025, 3, 10, 12, 0).getTime();

afterEach(() => {
  document.body.replaceChildren();
});

/** Clicks (or presses Enter on) an element and returns the event's composed path. */
function pathOf(target: Element, type: 'click' | 'keydown' = 'click'): EventTarget[] {
  let path: EventTarget[] = [];
  const listener = (event: Event) => {
    path = event.composedPath();
    // Keeps happy-dom from submitting the form (a navigation) when a submit button is clicked.
    event.preventDefault();
  };
  document.addEventListener(type, listener, { capture: true });
  const event =
    type === 'click'
      ? new MouseEvent('click', { bubbles: true, composed: true })
      : new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true });
  target.dispatchEvent(event);
  document.removeEventListener(type, listener, { capture: true });
  return path;
}

describe('the real 2025 thread capture (Enter to send)', () => {
  const doc = parseFixture('shared:messaging-thread-2025.html');

  it('finds one thread conversation with the header’s person', () => {
    const conversations = findConversations(doc, { now: NOW });
    expect(conversations).toHaveLength(1);
    const [thread] = conversations;
    expect(thread!.kind).toBe('thread');
    expect(thread!.minimized).toBe(false);
    expect(thread!.who).toEqual({ name: 'Tariq Noor', profileId: TARIQ });
  });

  it('reads the conversation id from the messages on screen, even when the URL has moved on', () => {
    expect(findConversations(doc)[0]!.conversationId).toBe(CAPTURE_THREAD);
    expect(findConversations(doc, { pageUrl: threadUrl(JANE_THREAD) })[0]!.conversationId).toBe(
      CAPTURE_THREAD,
    );
  });

  it('the latest message is from the other side, on Tuesday at 2:36 PM', () => {
    const [thread] = findConversations(doc, { now: NOW });
    expect(thread!.lastMessageIsFromOther).toBe(true);
    expect(thread!.lastMessageFromOther).toEqual({
      name: 'Tariq Noor',
      profileId: TARIQ,
      atText: 'Tuesday 2:36 PM',
      at: new Date(2025, 3, 8, 14, 36).getTime(),
    });
  });

  it('without a reference day, a relative date stays text', () => {
    const [thread] = findConversations(doc);
    expect(thread!.lastMessageFromOther?.atText).toBe('Tuesday 2:36 PM');
    expect(thread!.lastMessageFromOther?.at).toBeUndefined();
  });

  it('has a composer and no Send button: Enter sends', () => {
    const [thread] = findConversations(doc);
    expect(thread!.composer?.getAttribute('aria-label')).toBe('Write a message…');
    expect(thread!.sendButton).toBeNull();
    expect(thread!.sendMode).toBe('enter');
  });
});

describe('the real 2025 profile capture (a minimised bubble)', () => {
  it('finds the minimised bubble, named from its header, with nothing to send from', () => {
    const conversations = findConversations(parseFixture('shared:profile-2025.html'));
    expect(conversations).toHaveLength(1);
    const [bubble] = conversations;
    expect(bubble!.kind).toBe('bubble');
    expect(bubble!.minimized).toBe(true);
    expect(bubble!.who).toEqual({ name: 'Kristine McCarthy' });
    expect(bubble!.sendMode).toBe('none');
    expect(bubble!.lastMessageFromOther?.name).toBe('Kristine McCarthy');
    expect(bubble!.conversationId).toMatch(/^2-/);
  });
});

describe('hand-made: a thread page with a visible Send button', () => {
  it('reads the person, the page’s conversation id, the reply and the button', () => {
    const doc = parseFixture('hand:thread-page-send-button.html');
    const [thread] = findConversations(doc, { pageUrl: threadUrl(JANE_THREAD) });
    expect(thread).toMatchObject({
      kind: 'thread',
      who: { name: 'Jane Doe', profileId: JANE },
      conversationId: JANE_THREAD,
      lastMessageIsFromOther: true,
      lastMessageFromOther: {
        name: 'Jane Doe',
        profileId: JANE,
        atText: 'Nov 18, 2026 2:36 PM',
        at: new Date(2026, 10, 18, 14, 36).getTime(),
      },
      sendMode: 'button',
    });
    expect(thread!.sendButton?.textContent).toBe('Send');
  });
});

describe('hand-made: two open bubbles', () => {
  it('finds both, not the feed’s comment box', () => {
    mountPage('hand:two-bubbles.html');
    const bubbles = findConversations(document, { now: new Date(2026, 10, 20, 12).getTime() });
    expect(bubbles.map((bubble) => bubble.who)).toEqual([
      { name: 'Jane Doe', profileId: 'jane-doe-42' },
      { name: 'Rowan Chase', profileId: ROWAN },
    ]);
    expect(bubbles.every((bubble) => bubble.kind === 'bubble' && !bubble.minimized)).toBe(true);
    expect(bubbles.map((bubble) => bubble.sendButton?.textContent)).toEqual(['Send', 'Senden']);
  });

  it('a grouped second message from the prospect is still theirs; our own message is not', () => {
    mountPage('hand:two-bubbles.html');
    const [jane, rowan] = findConversations(document, {
      now: new Date(2026, 10, 20, 12).getTime(),
    });
    expect(jane!.lastMessageIsFromOther).toBe(true);
    expect(jane!.lastMessageFromOther?.name).toBe('Jane Doe');
    expect(jane!.lastMessageFromOther?.at).toBe(new Date(2026, 10, 20, 8, 54).getTime());
    expect(rowan!.lastMessageIsFromOther).toBe(false);
    expect(rowan!.lastMessageFromOther).toBeUndefined();
    expect(rowan!.conversationId).toBe(ROWAN_THREAD);
  });

  it('a click on Send, on the German Send, and Enter in the composer are sends in their bubble', () => {
    mountPage('hand:two-bubbles.html');
    const [jane, rowan] = findConversations(document);
    const click = sendTargetFromPath(pathOf(jane!.sendButton!));
    expect(click).toMatchObject({ kind: 'send-button', element: jane!.sendButton });
    expect(click!.conversation).toBe(jane!.element);
    const german = sendTargetFromPath(pathOf(rowan!.sendButton!));
    expect(german?.conversation).toBe(rowan!.element);
    const paragraph = rowan!.composer!.querySelector('p')!;
    const enter = sendTargetFromPath(pathOf(paragraph, 'keydown'));
    expect(enter).toMatchObject({ kind: 'composer', element: rowan!.composer });
    expect(enter!.conversation).toBe(rowan!.element);
  });

  it('other buttons and the feed’s comment box are not sends', () => {
    mountPage('hand:two-bubbles.html');
    const close = document.querySelector('.msg-overlay-bubble-header__control')!;
    expect(sendTargetFromPath(pathOf(close))).toBeNull();
    const comment = document.querySelector('.ql-editor')!;
    expect(sendTargetFromPath(pathOf(comment, 'keydown'))).toBeNull();
    expect(sendTargetFromPath([])).toBeNull();
    expect(sendTargetFromPath([window, document])).toBeNull();
  });
});

describe('hand-made: the 2026 overlay inside #interop-outlet’s shadow root', () => {
  it('is found through the shadow root and read like any bubble', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-overlay.html');
    expect(document.querySelector('[role="textbox"]')).toBeNull();
    const conversations = findConversations(document);
    expect(conversations).toHaveLength(1);
    const [bubble] = conversations;
    expect(shadow.contains(bubble!.element)).toBe(true);
    expect(bubble).toMatchObject({
      kind: 'bubble',
      who: { name: 'Jane Doe', profileId: 'jane-doe-42' },
      conversationId: JANE_THREAD,
      lastMessageIsFromOther: true,
      lastMessageFromOther: {
        name: 'Jane Doe',
        profileId: 'jane-doe-42',
        at: Date.parse('2026-11-18T10:05:00.000Z'),
      },
      sendMode: 'button',
    });
  });

  it('a click on Send inside the shadow root is traced through composedPath', () => {
    mountPage('hand:sdui-page.html');
    mountInInteropOutlet('hand:sdui-overlay.html');
    const [bubble] = findConversations(document);
    const label = bubble!.sendButton!.querySelector('span')!;
    const path = pathOf(label);
    expect(path).toContain(document.getElementById('interop-outlet'));
    const target = sendTargetFromPath(path);
    expect(target).toMatchObject({ kind: 'send-button', element: bubble!.sendButton });
    expect(target!.conversation).toBe(bubble!.element);
  });
});

describe('hand-made: a hashed-class thread page', () => {
  it('is read from structure and labels alone', () => {
    const doc = parseFixture('hand:sdui-hashed-thread.html');
    const conversations = findConversations(doc, { pageUrl: threadUrl(JANE_THREAD) });
    expect(conversations).toHaveLength(1);
    const [thread] = conversations;
    expect(thread).toMatchObject({
      kind: 'thread',
      who: { name: 'Jane Doe', profileId: JANE },
      conversationId: JANE_THREAD,
      lastMessageIsFromOther: false,
      lastMessageFromOther: { name: 'Jane Doe', profileId: JANE, atText: 'Nov 18, 2026 2:36 PM' },
      sendMode: 'button',
    });
    expect(thread!.sendButton?.getAttribute('aria-label')).toBe('Send');
  });
});

describe('robustness', () => {
  it('reading anything that is not a conversation gives nothing, never an exception', () => {
    expect(readConversation(null as unknown as Element)).toBeNull();
    expect(findConversations(document.createElement('div'))).toEqual([]);
    expect(findConversations(parseFixture('hand:sdui-invitation.html'))).toEqual([]);
  });
});
