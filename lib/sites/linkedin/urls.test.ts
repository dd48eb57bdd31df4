import { describe, expect, it } from 'vitest';
import {
  conversationIdFromUrl,
  conversationLink,
  inviteeIdFromCustomInviteUrl,
  isConversationId,
  isMessagingThreadUrl,
  isMessagingUrl,
  isProfileUrl,
  linkedInPageSubject,
  profileIdFromPageUrl,
  profileLink,
  isProfileMainUrl,
  urlPatternOf,
} from './urls';

// Real thread ids: from public code quoting live thread URLs (a base64 `<uuid>_100` after `2-`).
const THREAD = '2-ZTRmZGIyNmMtOWQ2Zi00ZWI2LTg3NzctMTRiY2RiMjc0YTg3XzEwMA==';
const MEMBER = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';

describe('messaging thread URLs', () => {
  it.each([
    [`https://www.linkedin.com/messaging/thread/${THREAD}/`, THREAD],
    [`https://www.linkedin.com/messaging/thread/${THREAD}`, THREAD],
    [
      `https://www.linkedin.com/messaging/thread/2-ZTRmZGIyNmMtOWQ2Zi00ZWI2LTg3NzctMTRiY2RiMjc0YTg3XzEwMA%3D%3D/`,
      THREAD,
    ],
    [`https://de.linkedin.com/messaging/thread/${THREAD}/?trk=x`, THREAD],
    [
      `https://www.linkedin.com/messaging/thread/${THREAD}/?recipient=ACoAAB&profileUrn=urn%3Ali%3Afsd_profile%3AACoAAB#bottom`,
      THREAD,
    ],
    [`/messaging/thread/${THREAD}/`, THREAD],
    [`www.linkedin.com/messaging/thread/${THREAD}/`, THREAD],
  ])('%s is the thread %s', (url, id) => {
    expect(isMessagingThreadUrl(url)).toBe(true);
    expect(conversationIdFromUrl(url)).toBe(id);
  });

  it.each([
    'https://www.linkedin.com/messaging/',
    'https://www.linkedin.com/messaging/thread/new/',
    'https://www.linkedin.com/messaging/compose/?recipient=ACoAAB',
    `https://www.linkedin.com/messaging/thread/${THREAD}/extra/`,
    `https://evil.com/messaging/thread/${THREAD}/`,
    `https://linkedin.com.evil.com/messaging/thread/${THREAD}/`,
    `https://www.linkedin.com/in/${MEMBER}/`,
    'javascript:alert(1)',
    '',
    null,
    undefined,
  ])('%s is not a thread page', (url) => {
    expect(isMessagingThreadUrl(url)).toBe(false);
    expect(conversationIdFromUrl(url)).toBeNull();
  });

  it('knows the messaging area apart from the rest of the site', () => {
    expect(isMessagingUrl('https://www.linkedin.com/messaging/')).toBe(true);
    expect(isMessagingUrl('https://www.linkedin.com/messaging/compose/?x=1')).toBe(true);
    expect(isMessagingUrl('https://www.linkedin.com/messagingfoo/')).toBe(false);
    expect(isMessagingUrl('https://www.linkedin.com/feed/')).toBe(false);
  });

  it('conversation ids have one shape', () => {
    expect(isConversationId(THREAD)).toBe(true);
    expect(isConversationId('2-abc')).toBe(false);
    expect(isConversationId('new')).toBe(false);
    expect(isConversationId(`${THREAD}/../x`)).toBe(false);
  });
});

describe('profile URLs', () => {
  it.each([
    ['https://www.linkedin.com/in/rowanchase/', 'rowanchase'],
    ['https://www.linkedin.com/in/RowanChase', 'rowanchase'],
    ['https://de.linkedin.com/in/rowanchase/de/', 'rowanchase'],
    ['https://www.linkedin.com/in/rowanchase/?locale=fr_FR&trk=x', 'rowanchase'],
    ['https://www.linkedin.com/in/rowanchase/overlay/contact-info/', 'rowanchase'],
    ['https://www.linkedin.com/in/rowanchase/recent-activity/all/', 'rowanchase'],
    [`https://www.linkedin.com/in/${MEMBER}`, MEMBER],
    [`https://www.linkedin.com/in/${MEMBER}/?miniProfileUrn=x`, MEMBER],
    ['/in/j%C3%BCrgen-m%C3%BCller/', 'jürgen-müller'],
    ['https://www.linkedin.com/mwlite/in/rowanchase', 'rowanchase'],
  ])('%s is the profile of %s', (url, id) => {
    expect(isProfileUrl(url)).toBe(true);
    expect(profileIdFromPageUrl(url)).toBe(id);
  });

  it.each([
    'https://www.linkedin.com/in/me/',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/feed/',
    `https://www.linkedin.com/messaging/thread/${THREAD}/`,
    'https://evil.com/in/rowanchase/',
    'ftp://www.linkedin.com/in/rowanchase/',
    'not a url',
  ])('%s is not a prospect profile', (url) => {
    expect(isProfileUrl(url)).toBe(false);
    expect(profileIdFromPageUrl(url)).toBeNull();
  });
});

describe('custom invite URLs', () => {
  it('names the invitee by vanity or member URN', () => {
    expect(
      inviteeIdFromCustomInviteUrl(
        'https://www.linkedin.com/preload/custom-invite/?vanityName=Rowan-Chase',
      ),
    ).toBe('rowan-chase');
    expect(
      inviteeIdFromCustomInviteUrl(
        `https://www.linkedin.com/preload/search-custom-invite/?profileUrn=urn%3Ali%3Afsd_profile%3A${MEMBER}`,
      ),
    ).toBe(MEMBER);
    expect(
      inviteeIdFromCustomInviteUrl('https://www.linkedin.com/preload/custom-invite/'),
    ).toBeNull();
    expect(inviteeIdFromCustomInviteUrl('https://www.linkedin.com/in/rowanchase/')).toBeNull();
  });
});

describe('links back', () => {
  it('builds canonical conversation and profile links', () => {
    expect(conversationLink(THREAD)).toBe(`https://www.linkedin.com/messaging/thread/${THREAD}/`);
    expect(conversationIdFromUrl(conversationLink(THREAD))).toBe(THREAD);
    expect(profileLink('Rowan-Chase')).toBe('https://www.linkedin.com/in/rowan-chase/');
    expect(profileLink(MEMBER)).toBe(`https://www.linkedin.com/in/${MEMBER}/`);
    expect(profileIdFromPageUrl(profileLink('jürgen-müller'))).toBe('jürgen-müller');
  });

  it('refuses to build links from anything that is not an id', () => {
    expect(conversationLink('../../evil')).toBeNull();
    expect(profileLink('me')).toBeNull();
    expect(profileLink('a b')).toBeNull();
    expect(profileLink('')).toBeNull();
  });
});

describe('what a page is open on', () => {
  it.each([
    [
      `https://www.linkedin.com/messaging/thread/${THREAD}/`,
      { kind: 'conversation', conversationId: THREAD },
    ],
    [
      `https://de.linkedin.com/messaging/thread/${THREAD.replace(/=/g, '%3D')}/?recipient=${MEMBER}`,
      { kind: 'conversation', conversationId: THREAD },
    ],
    ['https://www.linkedin.com/in/RowanChase/de/', { kind: 'profile', linkedinId: 'rowanchase' }],
    [
      // The Message button of the 2025 profile capture.
      `https://www.linkedin.com/messaging/thread/new?recipients=List(urn%3Ali%3Afsd_profile%3A${MEMBER})&controlUrn=browsemap_compose_message_button`,
      { kind: 'new-conversation', linkedinIds: [MEMBER] },
    ],
    [
      `/messaging/thread/new/?recipients=List(urn%3Ali%3Afsd_profile%3A${MEMBER},urn%3Ali%3Afsd_profile%3AACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas)`,
      {
        kind: 'new-conversation',
        linkedinIds: [MEMBER, 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas'],
      },
    ],
    [
      'https://www.linkedin.com/messaging/compose/?recipient=Rowan-Chase',
      { kind: 'new-conversation', linkedinIds: ['rowan-chase'] },
    ],
  ])('%s', (url, subject) => {
    expect(linkedInPageSubject(url)).toEqual(subject);
  });

  it.each([
    'https://www.linkedin.com/messaging/',
    'https://www.linkedin.com/messaging/thread/new/',
    'https://www.linkedin.com/messaging/thread/new?recipients=List()',
    'https://www.linkedin.com/in/me/',
    'https://www.linkedin.com/feed/?recipient=rowanchase',
    `https://evil.com/messaging/thread/new?recipients=List(urn%3Ali%3Afsd_profile%3A${MEMBER})`,
    'https://mail.google.com/mail/u/0/#inbox',
    undefined,
  ])('%s is about no one in particular', (url) => {
    expect(linkedInPageSubject(url)).toBeNull();
  });
});

describe('a profile’s own page, where its top card must be readable', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe-42/', true],
    ['https://www.linkedin.com/in/jane-doe-42', true],
    ['https://de.linkedin.com/in/jane-doe-42/de/?locale=de_DE', true],
    ['https://www.linkedin.com/in/jane-doe-42/overlay/contact-info/', true],
    [`https://www.linkedin.com/in/${MEMBER}/`, true],
    ['https://www.linkedin.com/in/jane-doe-42/details/experience/', false],
    ['https://www.linkedin.com/in/jane-doe-42/recent-activity/all/', false],
    ['https://www.linkedin.com/in/me/', false],
    ['https://www.linkedin.com/feed/', false],
    ['https://evil.example/in/jane-doe-42/', false],
  ])('%s: %s', (url, expected) => {
    expect(isProfileMainUrl(url)).toBe(expected);
  });
});

describe('URL patterns for diagnostics', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe-42/?miniProfileUrn=x#top', '/in/*/'],
    [
      'https://www.linkedin.com/in/jane-doe-42/overlay/contact-info/',
      '/in/*/overlay/contact-info/',
    ],
    [`https://www.linkedin.com/in/${MEMBER}/`, '/in/*/'],
    [
      'https://www.linkedin.com/messaging/thread/2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==/',
      '/messaging/thread/*/',
    ],
    [
      'https://www.linkedin.com/in/jane/overlay/urn:li:fsd_skill:(ACoAAx,14)/endorsers/x/y',
      '/in/*/overlay/*/…',
    ],
    ['https://www.linkedin.com/feed/', '/feed/'],
    ['https://www.linkedin.com/', '/'],
    ['https://evil.example/in/jane/', 'not linkedin'],
  ])('%s → %s, no id left in it', (url, pattern) => {
    expect(urlPatternOf(url)).toBe(pattern);
  });
});
