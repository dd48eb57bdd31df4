// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  mountInInteropOutlet,
  mountPage,
  parseFixture,
  templateOf,
} from '../../../tests/helpers/linkedin-fixtures';
import { sendTargetFromPath } from './read-conversation';
import {
  findProfileTopCard,
  nameFromTitle,
  readInvitation,
  readProfile,
  readProfilePage,
} from './read-profile';

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

  it('reads the name, all three ids, headline, company and the 1st-degree badge', () => {
    expect(readProfile(doc, 'https://www.linkedin.com/in/rowanchase/')).toEqual({
      name: 'Rowan Chase',
      profileId: 'rowanchase',
      vanityId: 'rowanchase',
      memberId: ROWAN,
      // The top card's section carries the numeric member id (data-member-id).
      memberNumber: 'member:204652187',
      profileIds: ['rowanchase', ROWAN, 'member:204652187'],
      headline: 'Co-Founder ꩜Substrate',
      company: '꩜Substrate',
      isFirstDegree: true,
    });
  });

  it('on the member-id URL of the same page, finds the vanity id from the page’s own links', () => {
    const profile = readProfile(doc, `https://www.linkedin.com/in/${ROWAN}/?locale=de_DE`);
    expect(profile?.profileId).toBe(ROWAN);
    expect(profile?.name).toBe('Rowan Chase');
    expect(profile?.profileIds).toEqual(['rowanchase', ROWAN, 'member:204652187']);
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

const PRIYA = 'ACoAAB3kPq0BxJr7TnQe2WvLs9HdYc4mUoA';
const MARCUS = 'ACoAAC7nWm2BvQ8sLkT3pXy1ZrJd5HfGa0E';
const ELENA = 'ACoAAD2hRt6BcN9wKeY4mPq7SjLx3VbZu8I';
const TOMAS = 'ACoAAE5jUv9BdP1xMfZ6nRs2TkWy8CgQo3A';
const AISHA = 'ACoAAF8kXw1BeR4yNgA9oTu5UlZz2DhSp6E';
const OTHERS = [
  'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I',
  'ACoAAH4nZa7BgT0aPiC5qWw1XnBb8FjUr2A',
  'ACoAAJ7pAb0BhU3bQjD8rXx4YoCc1GkVs5E',
  'liam-oconnor',
  'sofia-rossi',
  'kenji-watanabe',
  'dana-reyes',
  'member:502113987',
];
const profileUrl = (id: string) => `https://www.linkedin.com/in/${id}/`;

describe('hand-made: 2026 profiles (no <h1>, the top card keyed by its owner’s id)', () => {
  it.each([
    [
      'Connect in the card',
      'sdui-profile-connect.html',
      'priya-raman-7b',
      {
        name: 'Priya Raman',
        memberId: PRIYA,
        headline: 'Head of Revenue Operations at Lumen Freight',
        company: 'Lumen Freight',
        isFirstDegree: false,
      },
    ],
    [
      'Connect only in More',
      'sdui-profile-more.html',
      'marcus-lindqvist',
      {
        name: 'Marcus Lindqvist',
        memberId: MARCUS,
        headline: 'VP Procurement | Nordic Steelworks',
        company: 'Nordic Steelworks',
        isFirstDegree: false,
      },
    ],
    [
      'Pending',
      'sdui-profile-pending.html',
      'elena-petrova-ux',
      {
        name: 'Elena Petrova',
        memberId: ELENA,
        headline: 'Design Lead, Payments at Kestrel Bank',
        company: 'Kestrel Bank',
        isFirstDegree: false,
      },
    ],
    [
      '1st degree with Message',
      'sdui-profile-first.html',
      'tomas-herrera',
      {
        name: 'Tomás Herrera',
        memberId: TOMAS,
        headline: 'CFO at Solana Logistics · Board member',
        company: 'Solana Logistics',
        isFirstDegree: true,
      },
    ],
    [
      'a page full of other people’s ids',
      'sdui-profile-crowded.html',
      'aisha-khan-data',
      {
        name: 'Aisha Khan',
        memberId: AISHA,
        headline: 'Director of Data Platforms at Meridian Health',
        company: 'Meridian Health',
        isFirstDegree: false,
      },
    ],
  ] as const)('%s: the owner, read from the top card only', (_state, file, vanity, expected) => {
    const doc = parseFixture(`hand:${file}`);
    const profile = readProfile(doc, profileUrl(vanity));
    expect(profile).toEqual({
      ...expected,
      profileId: vanity,
      vanityId: vanity,
      profileIds: [vanity, expected.memberId],
    });
    expect(JSON.stringify(profile)).not.toMatch(new RegExp(OTHERS.join('|')));
    expect(readProfilePage(doc, profileUrl(vanity))).toMatchObject({
      kind: 'read',
      card: findProfileTopCard(doc, profileUrl(vanity))!.element,
    });
  });

  it('on the member-id URL the vanity comes from the card’s name link', () => {
    const doc = parseFixture('hand:sdui-profile-first.html');
    expect(readProfile(doc, profileUrl(TOMAS))).toMatchObject({
      name: 'Tomás Herrera',
      profileId: TOMAS,
      profileIds: ['tomas-herrera', TOMAS],
    });
  });

  it('the numeric member id is read from the card’s own More menu while it is open, never another’s', () => {
    mountPage('hand:sdui-profile-more.html');
    const portal = document.createElement('div');
    portal.setAttribute('data-floating-ui-portal', '');
    portal.append(templateOf(document, 'more-menu'));
    document.body.append(portal);
    // The menu is there but the card's More is not pressed: it may be anyone's.
    expect(readProfile(document, profileUrl('marcus-lindqvist'))?.memberNumber).toBeUndefined();
    document.querySelector('button[aria-expanded]')!.setAttribute('aria-expanded', 'true');
    expect(readProfile(document, profileUrl('marcus-lindqvist'))).toMatchObject({
      memberNumber: 'member:381920475',
      profileIds: ['marcus-lindqvist', MARCUS, 'member:381920475'],
    });
    // On the crowded page another person's menu is open, the owner's More is not.
    expect(
      readProfile(parseFixture('hand:sdui-profile-crowded.html'), profileUrl('aisha-khan-data'))
        ?.memberNumber,
    ).toBeUndefined();
  });

  it('someone else’s URL over this card (mid-navigation) reads nobody, never a mix of the two', () => {
    const doc = parseFixture('hand:sdui-profile-crowded.html');
    for (const other of ['kenji-watanabe', 'liam-oconnor', 'someone-else']) {
      expect(readProfile(doc, profileUrl(other))).toEqual({
        profileId: other,
        profileIds: [other],
        isFirstDegree: false,
      });
      expect(readProfilePage(doc, profileUrl(other))).toMatchObject({ kind: 'unreadable' });
    }
    // Kenji's hover card is keyed like a top card: it stands for him only on his own URL.
    expect(findProfileTopCard(doc, profileUrl('kenji-watanabe'))).toBeNull();
  });

  it('without any component keys, the name heading in the owner’s /in/ link still finds the card, not a rail’s', () => {
    const doc = parseFixture('hand:sdui-profile-crowded.html');
    for (const keyed of doc.querySelectorAll('[componentkey]'))
      keyed.removeAttribute('componentkey');
    expect(readProfile(doc, profileUrl('aisha-khan-data'))).toMatchObject({
      name: 'Aisha Khan',
      profileIds: ['aisha-khan-data', AISHA],
    });
    for (const other of ['kenji-watanabe', 'liam-oconnor', 'sofia-rossi', 'dana-reyes']) {
      expect(readProfile(doc, profileUrl(other))?.name).toBeUndefined();
    }
  });

  it('the 2026 profile screen without a profile URL is still read from its keyed card', () => {
    const doc = parseFixture('hand:sdui-profile-connect.html');
    expect(readProfile(doc, 'https://www.linkedin.com/preload/custom-invite/')).toMatchObject({
      name: 'Priya Raman',
      profileIds: ['priya-raman-7b', PRIYA],
    });
  });

  it('the title gives the name only as "Name | LinkedIn", count prefix or not', () => {
    expect(nameFromTitle('(3) Aisha Khan | LinkedIn')).toBe('Aisha Khan');
    expect(nameFromTitle('(99+) Rowan Chase | LinkedIn')).toBe('Rowan Chase');
    expect(nameFromTitle('Priya Raman | LinkedIn')).toBe('Priya Raman');
    expect(nameFromTitle('LinkedIn')).toBeUndefined();
    expect(nameFromTitle('Feed | LinkedIn')).toBe('Feed');
    expect(nameFromTitle(undefined)).toBeUndefined();
  });
});

describe('a profile page that cannot be read', () => {
  it('says so with metadata only: the URL pattern, the UI, what was missing', () => {
    const doc = parseFixture('hand:sdui-profile-unreadable.html');
    const read = readProfilePage(doc, profileUrl('nadia-farouk'));
    expect(read).toEqual({
      kind: 'unreadable',
      detail: '/in/*/ · SDUI profile screen · no top card',
    });
    expect(JSON.stringify(read)).not.toMatch(/Nadia|Farouk|nadia|Qamar/);
  });

  it('the 2025 capture under someone else’s URL: a card for another person', () => {
    const doc = parseFixture('shared:profile-2025.html');
    expect(readProfilePage(doc, profileUrl('someone-else'))).toEqual({
      kind: 'unreadable',
      detail: '/in/*/ · no SDUI marker · no top card for this person',
    });
  });

  it('a profile’s sub-pages and other pages are not profiles to read', () => {
    const doc = parseFixture('shared:messaging-thread-2025.html');
    for (const url of [
      'https://www.linkedin.com/in/tariq/details/experience/',
      'https://www.linkedin.com/in/tariq/recent-activity/all/',
      'https://www.linkedin.com/feed/',
      'https://www.linkedin.com/in/me/',
    ]) {
      expect(readProfilePage(doc, url)).toEqual({ kind: 'not-profile' });
    }
    expect(readProfilePage(doc, 'https://www.linkedin.com/in/tariq/')).toMatchObject({
      kind: 'unreadable',
    });
  });
});

describe('hand-made: the 2026 invitation modal (aria-labelledby="send-invite-modal")', () => {
  it('both stages, rendered into #interop-outlet’s shadow root, read like the older modal', () => {
    mountPage('hand:sdui-profile-connect.html');
    const shadow = document.getElementById('interop-outlet')!.shadowRoot!;
    shadow.append(templateOf(document, 'invite-modal'));
    expect(readInvitation(document)).toMatchObject({
      stage: 'choose',
      inviteeName: 'Priya Raman',
      hasNote: false,
    });
    expect(readInvitation(document)!.sendButton?.getAttribute('aria-label')).toBe(
      'Send without a note',
    );
    shadow.querySelector('[role="dialog"]')!.replaceWith(templateOf(document, 'invite-note'));
    const note = shadow.querySelector('textarea')!;
    note.value = 'We met at the Toronto RevOps meetup';
    const invitation = readInvitation(document)!;
    expect(invitation).toMatchObject({ stage: 'note', inviteeName: 'Priya Raman', hasNote: true });
    expect(invitation.sendButton?.getAttribute('aria-label')).toBe('Send invitation');
    expect(JSON.stringify({ ...invitation, element: null, sendButton: null })).not.toMatch(
      /Toronto/,
    );
  });
});
