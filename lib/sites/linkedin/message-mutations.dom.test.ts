// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { recordsOf, setBody } from '../../../tests/helpers/mutation-records';
import { mountPage } from '../../../tests/helpers/linkedin-fixtures';
import { isInsideRegions, messageRegionOf } from './message-mutations';
import { findConversationHeaders } from './read-conversation';
import { SELECTORS } from './selectors';

afterEach(() => document.body.replaceChildren());

describe('the message list of the real 2025 thread capture', () => {
  function thread() {
    mountPage('shared:messaging-thread-2025.html');
    const [view] = findConversationHeaders(document);
    const region = messageRegionOf(view!.element, view!.composer);
    return { view: view!, region: region! };
  }

  it('holds every message and neither the composer nor the header’s profile link', () => {
    const { view, region } = thread();
    expect(region).not.toBeNull();
    const messages = view.element.querySelectorAll(SELECTORS.messageItem.css);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(region.contains(message)).toBe(true);
    expect(region.contains(view.composer)).toBe(false);
    const header = view.element.querySelector(SELECTORS.threadHeaderProfileLink.css);
    expect(header).not.toBeNull();
    expect(region.contains(header)).toBe(false);
  });

  it('a message row added or removed, or a message’s text changed, happens inside it', async () => {
    const { region } = thread();
    const [first, second] = document.querySelectorAll('li.msg-s-message-list__event');
    const records = await recordsOf(() => {
      first!.parentElement!.insertBefore(first!.cloneNode(true), first!);
      first!.querySelector('p, span')!.replaceChildren(document.createElement('b'));
      second!.remove();
    });
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) expect(isInsideRegions(record, [region])).toBe(true);
  });

  it('a new bubble, a header change or a composer replaced happens outside it', async () => {
    const { view, region } = thread();
    const records = await recordsOf(() => {
      document.body.append(document.createElement('aside'));
      view.element
        .querySelector(SELECTORS.threadHeaderProfileLink.css)!
        .append(document.createElement('span'));
      view.composer!.replaceWith(view.composer!.cloneNode(true));
    });
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) expect(isInsideRegions(record, [region])).toBe(false);
  });
});

describe('a conversation with nothing but a composer and messages side by side', () => {
  it('has no message list apart from the composer when they share one parent', () => {
    setBody(`<div class="msg-convo-wrapper"><div><a class="msg-thread__link-to-profile" href="/in/jane/">Jane</a>
      <div data-event-urn="urn:li:msg_message:(urn:li:fsd_profile:A,2-B)">Hi</div>
      <div contenteditable="true" role="textbox" aria-label="Write a message…"></div></div></div>`);
    const container = document.querySelector('.msg-convo-wrapper')!;
    const message = document.querySelector('[data-event-urn]')!;
    const composer = document.querySelector('[role="textbox"]')!;
    const region = messageRegionOf(container, composer);
    // Only the message itself: its parent holds the composer and the header too.
    expect(region).toBe(message);
  });

  it('none where a conversation shows no message', () => {
    setBody(
      `<div class="msg-convo-wrapper"><div contenteditable="true" role="textbox"></div></div>`,
    );
    const container = document.querySelector('.msg-convo-wrapper')!;
    expect(messageRegionOf(container, container.firstElementChild)).toBeNull();
  });
});
