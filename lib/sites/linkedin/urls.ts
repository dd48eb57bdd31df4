// Page detection and links for LinkedIn, as small pure predicates over URLs. Country hosts
// (de.linkedin.com), locale suffixes (/in/jane/de), query strings and fragments are all tolerated.
import {
  linkedInIdFromUrl,
  normalizeLinkedInId,
  parseLinkedInUrl as parseAnyLinkedInUrl,
} from '../../identity';
import { URL_PATTERNS } from './selectors';

const ORIGIN = 'https://www.linkedin.com';

/**
 * A LinkedIn page URL parsed, or null for anything else (other hosts, garbage, non-http): identity's
 * one normalisation, narrowed to the hosts LinkedIn serves its pages from.
 */
function parseLinkedInUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  const parsed = parseAnyLinkedInUrl(url);
  if (!parsed || !URL_PATTERNS.hosts.pattern.test(parsed.hostname.replace(/\.$/, ''))) return null;
  return parsed;
}

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// A conversation id is `2-` and standard base64; anything else in that slot is not one.
const CONVERSATION_ID = /^2-[A-Za-z0-9+/_-]{4,200}={0,2}$/;

/** True for a LinkedIn conversation id as it appears in `/messaging/thread/<id>/`. */
export function isConversationId(value: string | null | undefined): value is string {
  return typeof value === 'string' && CONVERSATION_ID.test(value);
}

/** The `2-…` id of a `/messaging/thread/<id>/` page, decoded (`%3D%3D` → `==`), or null. */
export function conversationIdFromUrl(url: string | null | undefined): string | null {
  const parsed = parseLinkedInUrl(url);
  if (!parsed) return null;
  const match = URL_PATTERNS.messagingThread.pattern.exec(parsed.pathname);
  if (!match) return null;
  const id = decodeSegment(match[1]!);
  return isConversationId(id) ? id : null;
}

/** True on a conversation's own page (`/messaging/thread/2-…/`), not the inbox or a new draft. */
export function isMessagingThreadUrl(url: string | null | undefined): boolean {
  return conversationIdFromUrl(url) !== null;
}

/** True anywhere under `/messaging/` (inbox, a thread, compose). */
export function isMessagingUrl(url: string | null | undefined): boolean {
  const parsed = parseLinkedInUrl(url);
  return !!parsed && URL_PATTERNS.messaging.pattern.test(parsed.pathname);
}

/** The person's id of a profile page (`/in/<vanity>/` → vanity, `/in/ACoAA…` → member id), or null. */
export function profileIdFromPageUrl(url: string | null | undefined): string | null {
  const parsed = parseLinkedInUrl(url);
  if (!parsed) return null;
  const match = URL_PATTERNS.profile.pattern.exec(parsed.pathname);
  if (!match) return null;
  // `/in/me/` is the viewer's own profile, never a prospect.
  if (decodeSegment(match[1]!).toLowerCase() === 'me') return null;
  return linkedInIdFromUrl(parsed.href);
}

/** True on a person's profile page (or one of its sub-pages, like /overlay/contact-info/). */
export function isProfileUrl(url: string | null | undefined): boolean {
  return profileIdFromPageUrl(url) !== null;
}

/**
 * True on a profile's own page, where its top card must be readable (`/in/<id>/`, a locale suffix,
 * an overlay above it); false on its `details/…` and `recent-activity/…` sub-pages and elsewhere.
 */
export function isProfileMainUrl(url: string | null | undefined): boolean {
  const parsed = parseLinkedInUrl(url);
  return (
    !!parsed &&
    profileIdFromPageUrl(parsed.href) !== null &&
    URL_PATTERNS.profileMain.pattern.test(parsed.pathname)
  );
}

// A URL with every id replaced by a star, for diagnostics: a profile's "/in/" + "*" + "/", its
// "overlay/contact-info/" kept; a thread's "/messaging/thread/" + "*" + "/". The segment after
// /in/ and any segment that is not a plain lower-case word are starred; query, fragment and
// anything past four segments are dropped, so no name or id can leave in it.
export function urlPatternOf(url: string | null | undefined): string {
  const parsed = parseLinkedInUrl(url);
  if (!parsed) return 'not linkedin';
  const segments = parsed.pathname.split('/').filter(Boolean);
  const shown = segments
    .slice(0, 4)
    .map((segment, index) =>
      (index > 0 && segments[index - 1]!.toLowerCase() === 'in') ||
      !/^[a-z][a-z-]{0,39}$/.test(segment)
        ? '*'
        : segment,
    );
  return `/${shown.map((segment) => `${segment}/`).join('')}${segments.length > 4 ? '…' : ''}`;
}

/** The invitee of a `/preload/custom-invite/?vanityName=<id>` page, normalised, or null. */
export function inviteeIdFromCustomInviteUrl(url: string | null | undefined): string | null {
  const parsed = parseLinkedInUrl(url);
  if (!parsed || !URL_PATTERNS.customInvite.pattern.test(parsed.pathname)) return null;
  const raw = parsed.searchParams.get('vanityName') ?? parsed.searchParams.get('profileUrn');
  if (!raw) return null;
  return normalizeLinkedInId(raw);
}

/** The canonical link to a conversation, for a touch's link back. */
export function conversationLink(conversationId: string): string | null {
  if (!isConversationId(conversationId)) return null;
  return `${ORIGIN}/messaging/thread/${conversationId}/`;
}

/** The canonical link to a profile by vanity or member id. */
export function profileLink(profileId: string): string | null {
  const id = linkedInIdFromUrl(`/in/${encodeURIComponent(profileId)}`);
  if (!id || id === 'me') return null;
  return `${ORIGIN}/in/${encodeURIComponent(id)}/`;
}

const URN_IN_LIST = /urn:li:[A-Za-z_]+:[A-Za-z0-9_-]+/g;

/** What a LinkedIn page is about, when it is about one person or one conversation. */
export type LinkedInPageSubject =
  | { kind: 'profile'; linkedinId: string }
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'new-conversation'; linkedinIds: string[] };

/**
 * The person or conversation a LinkedIn page is open on: a profile, a conversation (`2-…` id), or a
 * message being written to people named in the URL. Null for any other page.
 */
export function linkedInPageSubject(url: string | null | undefined): LinkedInPageSubject | null {
  const conversationId = conversationIdFromUrl(url);
  if (conversationId) return { kind: 'conversation', conversationId };
  const linkedinId = profileIdFromPageUrl(url);
  if (linkedinId) return { kind: 'profile', linkedinId };
  const parsed = parseLinkedInUrl(url);
  if (!parsed || !URL_PATTERNS.newConversation.pattern.test(parsed.pathname)) return null;
  const named = [
    ...(parsed.searchParams.get('recipients')?.match(URN_IN_LIST) ?? []),
    ...parsed.searchParams.getAll('recipient'),
    ...parsed.searchParams.getAll('profileUrn'),
  ];
  const linkedinIds = [
    ...new Set(named.map(normalizeLinkedInId).filter((id): id is string => !!id && id !== 'me')),
  ];
  return linkedinIds.length ? { kind: 'new-conversation', linkedinIds } : null;
}
