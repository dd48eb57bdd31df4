// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeDetailOf, parseBridgeEvent } from './bridge';
import {
  mountInInteropOutlet,
  mountPage,
  templateOf,
} from '../../../tests/helpers/linkedin-fixtures';
import { domSendOfGesture, peopleForNetworkSend, type Gesture } from './read-send';

const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const JANE = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const NOW = Date.UTC(2026, 10, 20, 9, 0);

afterEach(() => {
  document.body.replaceChildren();
});

/** Fires the gesture on `target` and reads it as the content script's document listener does. */
function gestureOn(target: Element, gesture: Gesture, pageUrl: string) {
  let result: ReturnType<typeof domSendOfGesture> = null;
  const listener = (event: Event) => {
    result = domSendOfGesture(event.composedPath(), gesture, document, pageUrl, NOW);
    event.preventDefault();
  };
  document.addEventListener(gesture.type, listener, { capture: true });
  target.dispatchEvent(
    gesture.type === 'click'
      ? new MouseEvent('click', { bubbles: true, composed: true, cancelable: true })
      : new KeyboardEvent('keydown', {
          key: gesture.key,
          shiftKey: !!gesture.shiftKey,
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
  );
  document.removeEventListener(gesture.type, listener, { capture: true });
  return result;
}

function typeInto(composer: Element, text: string) {
  composer.replaceChildren(document.createTextNode(text));
}

describe('gestures read from the page', () => {
  it('Enter in the capture’s composer (Enter mode) is a message to the header’s person', () => {
    mountPage('shared:messaging-thread-2025.html');
    const composer = document.querySelector('.msg-form__contenteditable')!;
    const pageUrl = `https://www.linkedin.com/messaging/thread/${CAPTURE_THREAD}/`;
    expect(gestureOn(composer, { type: 'keydown', key: 'Enter' }, pageUrl)).toBeNull();
    typeInto(composer, 'Hello');
    expect(
      gestureOn(composer, { type: 'keydown', key: 'Enter', shiftKey: true }, pageUrl),
    ).toBeNull();
    expect(gestureOn(composer, { type: 'keydown', key: 'Enter' }, pageUrl)).toEqual({
      kind: 'message',
      at: NOW,
      people: [{ name: 'Tariq Noor', profileId: TARIQ }],
      conversationId: CAPTURE_THREAD,
    });
  });

  it('in a bubble with a Send button, Enter is a new line and the German Send is the send', () => {
    mountPage('hand:two-bubbles.html');
    const bubble = document.getElementById('ember601')!;
    const composer = bubble.querySelector('[role="textbox"]')!;
    typeInto(composer, 'Hallo');
    const pageUrl = 'https://www.linkedin.com/feed/';
    expect(gestureOn(composer, { type: 'keydown', key: 'Enter' }, pageUrl)).toBeNull();
    expect(
      gestureOn(bubble.querySelector('button.msg-form__send-button')!, { type: 'click' }, pageUrl),
    ).toEqual({
      kind: 'message',
      at: NOW,
      people: [{ name: 'Rowan Chase', profileId: ROWAN }],
      conversationId: ROWAN_THREAD,
    });
  });

  it('a click on "Send invitation" inside #interop-outlet’s shadow root is an invitation with a note to the profile shown', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-invitation-note.html');
    (shadow.querySelector('textarea') as HTMLTextAreaElement).value = 'A note';
    const send = shadow.querySelector('[aria-label="Send invitation"]')!;
    expect(gestureOn(send, { type: 'click' }, 'https://www.linkedin.com/in/jane-doe-42/')).toEqual({
      kind: 'invitation',
      at: NOW,
      people: [{ profileIds: ['jane-doe-42', JANE], name: 'Jane Doe' }],
      hasNote: true,
    });
  });

  it('a click on the span inside the button still counts (the path, not the target, decides)', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-invitation.html');
    const button = [...shadow.querySelectorAll('button')].find((b) =>
      /without a note/i.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    )!;
    const inner = button.querySelector('span') ?? button;
    const send = gestureOn(inner, { type: 'click' }, 'https://www.linkedin.com/in/jane-doe-42/');
    expect(send).toMatchObject({ kind: 'invitation', hasNote: false });
  });

  it('a click on Send in a feed comment box is not a message', () => {
    mountPage('hand:two-bubbles.html');
    const comment = document.querySelector('.ql-editor')!;
    typeInto(comment, 'Nice post');
    expect(
      gestureOn(comment, { type: 'keydown', key: 'Enter' }, 'https://www.linkedin.com/feed/'),
    ).toBeNull();
  });
});

describe('who the page shows for a send only the network saw', () => {
  it('finds the bubble by its conversation id, and nobody for an unknown one', () => {
    mountPage('hand:two-bubbles.html');
    const event = (conversationId: string) => {
      const parsed = parseBridgeEvent(
        bridgeDetailOf(
          { kind: 'message', conversationId, recipientMemberIds: [] },
          { at: NOW, status: 200 },
        ),
      );
      if (!parsed.ok) throw new Error('invalid');
      return parsed.event;
    };
    expect(
      peopleForNetworkSend(event(ROWAN_THREAD), document, 'https://www.linkedin.com/feed/'),
    ).toEqual([{ name: 'Rowan Chase', profileId: ROWAN }]);
    expect(
      peopleForNetworkSend(event(CAPTURE_THREAD), document, 'https://www.linkedin.com/feed/'),
    ).toEqual([]);
  });
});

const PRIYA = 'ACoAAB3kPq0BxJr7TnQe2WvLs9HdYc4mUoA';
const MARCUS = 'ACoAAC7nWm2BvQ8sLkT3pXy1ZrJd5HfGa0E';
const TOMAS = 'ACoAAE5jUv9BdP1xMfZ6nRs2TkWy8CgQo3A';
const TOMAS_THREAD = '2-OWMxZTRiN2EtM2QyZi00ZThhLWI2YzUtMGYxYTJiM2M0ZDVlXzEwMA==';
const profileUrl = (id: string) => `https://www.linkedin.com/in/${id}/`;

describe('the hashed-class thread page', () => {
  it('a click on Send (known by its label alone) is a message to the header’s person', () => {
    mountPage('hand:sdui-hashed-thread.html');
    const url = `https://www.linkedin.com/messaging/thread/${JANE_THREAD}/`;
    typeInto(document.querySelector('[role="textbox"]')!, 'Tuesday works');
    const send = document.querySelector('button[aria-label="Send"]')!;
    expect(gestureOn(send, { type: 'click' }, url)).toEqual({
      kind: 'message',
      at: NOW,
      people: [{ name: 'Jane Doe', profileId: JANE }],
      conversationId: JANE_THREAD,
    });
  });
});

describe('gestures on 2026 profiles', () => {
  it('Connect in the card only lends the profile to a send the network must confirm', () => {
    mountPage('hand:sdui-profile-connect.html');
    const connect = document.querySelector('[aria-label="Invite Priya Raman to connect"] span')!;
    expect(gestureOn(connect, { type: 'click' }, profileUrl('priya-raman-7b'))).toEqual({
      kind: 'invitation',
      at: NOW,
      people: [{ profileIds: ['priya-raman-7b', PRIYA], name: 'Priya Raman' }],
      confirmOnly: true,
    });
  });

  it('Connect in the More menu (a floating portal outside the card) is the owner’s too', () => {
    mountPage('hand:sdui-profile-more.html');
    const portal = document.createElement('div');
    portal.setAttribute('data-floating-ui-portal', '');
    portal.append(templateOf(document, 'more-menu'));
    document.body.append(portal);
    const connect = portal.querySelector('[role="menuitem"][aria-label^="Invite"]')!;
    expect(gestureOn(connect, { type: 'click' }, profileUrl('marcus-lindqvist'))).toMatchObject({
      kind: 'invitation',
      confirmOnly: true,
      people: [{ profileIds: ['marcus-lindqvist', MARCUS], name: 'Marcus Lindqvist' }],
    });
    // Other menu items are not sends.
    const report = portal.querySelector('a[href*="safety"]')!;
    expect(gestureOn(report, { type: 'click' }, profileUrl('marcus-lindqvist'))).toBeNull();
  });

  it('a sidebar Connect button is about the person its card links to, not the profile', () => {
    mountPage('hand:sdui-profile-pending.html');
    const liam = document.querySelector('button[aria-label="Invite Liam O’Connor to connect"]')!;
    expect(gestureOn(liam, { type: 'click' }, profileUrl('elena-petrova-ux'))).toEqual({
      kind: 'invitation',
      at: NOW,
      people: [{ profileId: 'liam-oconnor', name: 'Liam O’Connor' }],
      confirmOnly: true,
    });
  });

  it('Pending (withdraw), Follow, More and Message are not sends', () => {
    mountPage('hand:sdui-profile-pending.html');
    for (const css of [
      '[aria-label^="Pending, click to withdraw"]',
      'button[aria-expanded]',
      'a[href*="/messaging/compose/"]',
    ]) {
      const element = document.querySelector(css)!;
      expect(gestureOn(element, { type: 'click' }, profileUrl('elena-petrova-ux'))).toBeNull();
    }
    mountPage('hand:sdui-profile-more.html');
    const follow = document.querySelector('button[aria-label="Follow Marcus Lindqvist"]')!;
    expect(gestureOn(follow, { type: 'click' }, profileUrl('marcus-lindqvist'))).toBeNull();
  });

  it('"Send without a note" in the modal rendered into #interop-outlet’s shadow root: the profile, no note', () => {
    mountPage('hand:sdui-profile-connect.html');
    const shadow = document.getElementById('interop-outlet')!.shadowRoot!;
    shadow.append(templateOf(document, 'invite-modal'));
    const send = shadow.querySelector('[aria-label="Send without a note"] span')!;
    expect(gestureOn(send, { type: 'click' }, profileUrl('priya-raman-7b'))).toEqual({
      kind: 'invitation',
      at: NOW,
      people: [{ profileIds: ['priya-raman-7b', PRIYA], name: 'Priya Raman' }],
      hasNote: false,
    });
  });

  it('Send in the Messaging bubble in #interop-outlet’s shadow root: the bubble’s person and conversation', () => {
    mountPage('hand:sdui-profile-first.html');
    const shadow = document.getElementById('interop-outlet')!.shadowRoot!;
    const composer = shadow.querySelector('[role="textbox"]')!;
    const send = shadow.querySelector('button[type="submit"]')!;
    typeInto(composer, 'Numbers attached');
    expect(gestureOn(send, { type: 'click' }, profileUrl('tomas-herrera'))).toEqual({
      kind: 'message',
      at: NOW,
      people: [{ name: 'Tomás Herrera', profileId: TOMAS }],
      conversationId: TOMAS_THREAD,
    });
    // With a Send button shown, Enter is a new line, not a send.
    expect(
      gestureOn(composer, { type: 'keydown', key: 'Enter' }, profileUrl('tomas-herrera')),
    ).toBeNull();
    // Where Enter sends (no Send button), Enter is the send.
    send.remove();
    expect(
      gestureOn(composer, { type: 'keydown', key: 'Enter' }, profileUrl('tomas-herrera')),
    ).toMatchObject({ kind: 'message', people: [{ profileId: TOMAS }] });
  });
});

describe('who a 2026 profile shows for an invitation only the network saw', () => {
  const invitation = (inviteeId: string, otherInviteeIds?: string[]) => {
    const parsed = parseBridgeEvent(
      bridgeDetailOf(
        {
          kind: 'invitation',
          inviteeId,
          hasNote: false,
          ...(otherInviteeIds ? { otherInviteeIds } : {}),
        },
        { at: NOW, status: 200 },
      ),
    );
    if (!parsed.ok) throw new Error('invalid');
    return parsed.event;
  };

  it('the profile’s person when any of the event’s ids is theirs; nobody for someone else', () => {
    mountPage('hand:sdui-profile-connect.html');
    const url = profileUrl('priya-raman-7b');
    const priya = [{ profileIds: ['priya-raman-7b', PRIYA], name: 'Priya Raman' }];
    expect(peopleForNetworkSend(invitation(PRIYA), document, url)).toEqual(priya);
    expect(
      peopleForNetworkSend(invitation('member:111', ['priya-raman-7b']), document, url),
    ).toEqual(priya);
    expect(peopleForNetworkSend(invitation('liam-oconnor'), document, url)).toEqual([]);
  });
});
