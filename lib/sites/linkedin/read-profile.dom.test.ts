// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountInInteropOutlet, mountPage, parseFixture } from './fixtures.testutil';
import { sendTargetFromPath } from './read-conversation';
import { readInvitation, readProfile } from './read-profile';

const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const JANE = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';

afterEach(() => {
  document.body.replaceChildren();
});

function clickPath(target: Element): EventTarget[] {
  let path: EventTarget[] = [];
  const listener = (event: Event) => {
    path = event.composedPath();
    event.preventDefault();
  };
  document.addEventListener('click', listener, { capture: true });
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  document.removeEventListener('click', listener, { capture: true });
  return path;
}

describe('the real 2025 profile capture', () => {
  const doc = parseFixture('shared:profile-2025.html');

  it('reads the name, both ids, headline, company and the 1st-degree badge', () => {
    expect(readProfile(doc, 'https://www.linkedin.com/in/rowanchase/')).toEqual({
      name: 'Rowan Chase',
      profileId: 'rowanchase',
      vanityId: 'rowanchase',
      memberId: ROWAN,
      profileIds: ['rowanchase', ROWAN],
      headline: 'Co-Founder ꩜Substrate',
      company: '꩜Substrate',
      isFirstDegree: true,
    });
  });

  it('on the member-id URL of the same page, finds the vanity id from the page’s own links', () => {
    const profile = readProfile(doc, `https://www.linkedin.com/in/${ROWAN}/?locale=de_DE`);
    expect(profile?.profileId).toBe(ROWAN);
    expect(profile?.profileIds).toEqual(['rowanchase', ROWAN]);
  });

  it('is no profile on other pages, and other people’s ids never leak in', () => {
    expect(readProfile(doc, 'https://www.linkedin.com/feed/')).toBeNull();
    expect(readProfile(doc, 'https://www.linkedin.com/in/me/')).toBeNull();
    const other = readProfile(doc, 'https://www.linkedin.com/in/someone-else/');
    expect(other?.memberId).toBeUndefined();
    expect(other?.profileIds).toEqual(['someone-else']);
  });

  it('a page without a profile top card gives no degree and no member id', () => {
    const thread = parseFixture('shared:messaging-thread-2025.html');
    const profile = readProfile(thread, 'https://www.linkedin.com/in/tariq/');
    expect(profile?.isFirstDegree).toBe(false);
    expect(profile?.memberId).toBeUndefined();
    expect(profile?.profileIds).toEqual(['tariq']);
  });
});

describe('hand-made: the 2026 profile page', () => {
  it('reads name, member id and degree from hashed markup', () => {
    mountPage('hand:sdui-page.html');
    const profile = readProfile(document, 'https://www.linkedin.com/in/jane-doe-42/');
    expect(profile).toMatchObject({
      name: 'Jane Doe',
      memberId: JANE,
      profileIds: ['jane-doe-42', JANE],
      isFirstDegree: true,
    });
  });
});

describe('hand-made: the 2026 invitation modal in the shadow root', () => {
  it('first stage: who is invited, no note, and "Send without a note" sends', () => {
    mountPage('hand:sdui-page.html');
    mountInInteropOutlet('hand:sdui-invitation.html');
    const invitation = readInvitation(document);
    expect(invitation).toMatchObject({ stage: 'choose', inviteeName: 'Jane Doe', hasNote: false });
    expect(invitation!.sendButton?.getAttribute('aria-label')).toBe('Send without a note');
    const target = sendTargetFromPath(clickPath(invitation!.sendButton!.querySelector('span')!));
    expect(target).toMatchObject({ kind: 'invitation-send', dialog: invitation!.element });
  });

  it('"Add a note" is not a send', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-invitation.html');
    const addNote = shadow.querySelector('[aria-label="Add a note"]')!;
    expect(sendTargetFromPath(clickPath(addNote))).toBeNull();
  });

  it('note stage: a written note counts as a note, and the text never comes out', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-invitation-note.html');
    expect(readInvitation(document)).toMatchObject({
      stage: 'note',
      hasNote: false,
      inviteeName: 'Jane Doe',
    });
    const note = shadow.querySelector('textarea')!;
    note.value = '   ';
    expect(readInvitation(document)?.hasNote).toBe(false);
    note.value = 'Loved your talk on pipeline reviews';
    const invitation = readInvitation(document)!;
    expect(invitation.hasNote).toBe(true);
    expect(JSON.stringify({ ...invitation, element: null, sendButton: null })).not.toMatch(/Loved/);
    expect(invitation.sendButton?.getAttribute('aria-label')).toBe('Send invitation');
    expect(sendTargetFromPath(clickPath(invitation.sendButton!))?.kind).toBe('invitation-send');
  });

  it('works with German labels', () => {
    mountPage('hand:sdui-page.html');
    const shadow = mountInInteropOutlet('hand:sdui-invitation.html');
    shadow
      .querySelector('[aria-label="Add a note"]')!
      .setAttribute('aria-label', 'Notiz hinzufügen');
    const send = shadow.querySelector('[aria-label="Send without a note"]')!;
    send.setAttribute('aria-label', 'Ohne Notiz senden');
    expect(readInvitation(document)?.sendButton).toBe(send);
    expect(sendTargetFromPath(clickPath(send))?.kind).toBe('invitation-send');
  });

  it('no modal, no invitation', () => {
    mountPage('hand:sdui-page.html');
    expect(readInvitation(document)).toBeNull();
    mountInInteropOutlet('hand:sdui-overlay.html');
    expect(readInvitation(document)).toBeNull();
    expect(readInvitation(parseFixture('shared:profile-2025.html'))).toBeNull();
  });
});
