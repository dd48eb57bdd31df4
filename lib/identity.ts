// Who someone is: email addresses and LinkedIn ids in one normal form, so the same person found by a
// Gmail send, a LinkedIn thread and a profile page lands on one prospect. Pure: no browser globals.
import type { Settings } from './model';

// ---- Email ----

// Loose on purpose: real mail systems accept more than RFC 5322's common subset, and a stray
// rejection would lose a touch. It only has to keep out garbage (no @, spaces, no dot in the domain).
const EMAIL_PATTERN =
  /^[^\s@<>(),;:"[\]\\]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,}$/u;

/**
 * An address in the one form the store keys on: trimmed, lower-case, without a `mailto:` prefix or
 * angle brackets. Returns null for anything that is not an address.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let value = raw.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(value);
  if (bracketed) value = bracketed[1]!.trim();
  value = value
    .replace(/^mailto:/i, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (value.length > 320 || !EMAIL_PATTERN.test(value)) return null;
  return value;
}

/** The domain of an address (`acme.com`), or null when it is not an address. */
export function emailDomain(email: string): string | null {
  const normalized = normalizeEmail(email);
  return normalized ? normalized.slice(normalized.lastIndexOf('@') + 1) : null;
}

const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'passport.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'ymail.com',
  'rocketmail.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'zoho.com',
  'zohomail.com',
  'mail.com',
  'email.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'posteo.de',
  'posteo.net',
  'mailbox.org',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'ukr.net',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'bluewin.ch',
  'btinternet.com',
  'sky.com',
  'comcast.net',
  'att.net',
  'verizon.net',
  'sbcglobal.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'shaw.ca',
  'rogers.com',
  'bigpond.com',
  'optusnet.com.au',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
]);

// Providers that run the same service under many country domains: hotmail.co.uk, yahoo.fr, gmx.at…
const PUBLIC_MAIL_FAMILIES =
  /^(?:hotmail|outlook|live|windowslive|yahoo|ymail|gmx|yandex|aol|icloud)\.(?:[a-z]{2,3}|(?:co|com|net|org|ne|or)\.[a-z]{2})$/;

/** True for free mail providers, whose domain says nothing about the company someone works for. */
export function isPublicMailDomain(domain: string): boolean {
  const value = domain.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  return PUBLIC_MAIL_DOMAINS.has(value) || PUBLIC_MAIL_FAMILIES.test(value);
}

/** `jane.doe+crm@gmail.com` and `janedoe@googlemail.com` are one mailbox; this is its key. */
function mailboxKey(email: string): string {
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  // Gmail ignores dots in the local part; other providers do not.
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** A domain entry as a user may type it: `@acme.com`, `acme.com`, ` ACME.com.`. Null when not a domain. */
export function normalizeDomain(raw: string): string | null {
  const value = raw.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  return /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,}$/u.test(value)
    ? value
    : null;
}

function isSameOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/**
 * True when an address must never become a prospect: one of the user's own addresses (plus-addressed
 * variants included), an address at one of the user's own domains (a public mail domain never counts
 * as one), or an address or domain on the ignore list.
 */
export function isOwnOrIgnored(
  email: string,
  settings: Pick<Settings, 'ownAddresses' | 'ownDomains' | 'ignoreList'>,
): boolean {
  return ownOrIgnoredTest(settings)(email);
}

/**
 * `isOwnOrIgnored` for many addresses against the same settings: the settings' addresses and
 * domains are read once, not once per address (an import checks ten thousand).
 */
export function ownOrIgnoredTest(
  settings: Pick<Settings, 'ownAddresses' | 'ownDomains' | 'ignoreList'>,
): (email: string) => boolean {
  const mailboxes = new Set<string>();
  const domains: string[] = [];
  const addMailbox = (raw: string) => {
    const address = normalizeEmail(raw);
    if (address) mailboxes.add(mailboxKey(address));
  };
  for (const own of settings.ownAddresses) addMailbox(own);
  for (const own of settings.ownDomains) {
    const ownDomain = normalizeDomain(own);
    if (ownDomain && !isPublicMailDomain(ownDomain)) domains.push(ownDomain);
  }
  for (const entry of settings.ignoreList) {
    if (entry.includes('@') && !entry.trim().startsWith('@')) {
      addMailbox(entry);
    } else {
      const ignoredDomain = normalizeDomain(entry);
      if (ignoredDomain) domains.push(ignoredDomain);
    }
  }
  if (mailboxes.size === 0 && domains.length === 0) return () => false;
  return (email) => {
    const address = normalizeEmail(email);
    if (!address) return false;
    if (mailboxes.has(mailboxKey(address))) return true;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return domains.some((parent) => isSameOrSubdomain(domain, parent));
  };
}

const SECOND_LEVEL_LABELS = new Set([
  'co',
  'com',
  'net',
  'org',
  'ac',
  'gov',
  'edu',
  'ne',
  'or',
  'gv',
]);

/**
 * A company name guessed from a work domain (`acme.com` → "Acme", `mail.north-wind.co.uk` →
 * "North Wind"); empty for public mail domains, which say nothing about the company.
 */
export function guessCompanyFromDomain(domain: string): string {
  const value = normalizeDomain(domain);
  if (!value || isPublicMailDomain(value)) return '';
  const labels = value.split('.');
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL_LABELS.has(labels[labels.length - 1]!)) labels.pop();
  const name = labels[labels.length - 1] ?? '';
  return titleCase(name.split('-'));
}

/** A display name guessed from an address's local part (`jane.doe@…` → "Jane Doe"); may be empty. */
export function guessNameFromEmail(email: string): string {
  const address = normalizeEmail(email);
  if (!address) return '';
  const local = address.slice(0, address.indexOf('@')).replace(/\+.*$/, '');
  const words = local.split(/[._-]+/).filter((word) => /^\p{L}+$/u.test(word));
  return titleCase(words);
}

/**
 * A display name guessed from a vanity id (`jane-doe-4b2a1c9` → "Jane Doe"); empty for a member id,
 * which is opaque.
 */
export function guessNameFromLinkedInId(linkedinId: string): string {
  const id = normalizeLinkedInId(linkedinId);
  if (!id || isMemberId(id) || id.startsWith('member:')) return '';
  return titleCase(id.split(/[-_]+/).filter((word) => /^\p{L}+$/u.test(word)));
}

/** A name as a page showed it, or empty when it is only an address or quoting (`"jane@acme.com"`). */
export function cleanDisplayName(raw: string | undefined): string {
  const name = (raw ?? '')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  return normalizeEmail(name) ? '' : name;
}

function titleCase(words: string[]): string {
  return words
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

// ---- LinkedIn ----

// LinkedIn's internal profile id as it appears in URNs and in `/in/ACoAA…` links: base64url.
const MEMBER_ID_PATTERN = /^ACoAA[A-Za-z0-9_-]{10,}$/;
// Public vanity ids: letters (any script), digits and hyphens; older ones carry underscores too.
const VANITY_ID_PATTERN = /^[\p{L}\p{M}\p{N}_-]{2,100}$/u;
/** `https://www.linkedin.com/in/<id>/`, an id of plain letters, digits, `-` and `_`. */
const PLAIN_PROFILE_LINK = /^https:\/\/www\.linkedin\.com\/in\/([A-Za-z0-9_-]+)\/?$/;
const PROFILE_URN_PATTERN =
  /urn:li:(?:fsd_profile|fs_miniProfile|fs_profile|fsd_miniProfile|fs_memberProfile|member|person):([A-Za-z0-9_-]+)/;

/** True for LinkedIn's internal member id (`ACoAA…`), whose case matters. */
export function isMemberId(id: string): boolean {
  return MEMBER_ID_PATTERN.test(id);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A bare id, member or vanity, in normal form, or null. */
function normalizeBareId(raw: string): string | null {
  const value = decode(raw.trim()).trim().replace(/^@/, '');
  if (isMemberId(value)) return value;
  // A vanity id is case-insensitive in LinkedIn's URLs; the store keeps it lower-case.
  const vanity = value.normalize('NFC').toLowerCase();
  return VANITY_ID_PATTERN.test(vanity) ? vanity : null;
}

function idFromUrn(value: string): string | null {
  const match = PROFILE_URN_PATTERN.exec(value);
  if (!match) return null;
  const id = match[1]!;
  if (isMemberId(id)) return id;
  // `urn:li:member:123456` carries LinkedIn's numeric member id; kept as its own kind of key.
  if (/^\d+$/.test(id)) return `member:${id}`;
  return null;
}

function isLinkedInHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

/**
 * A URL on linkedin.com or any of its subdomains, parsed; a path alone (`/in/…`) is taken as
 * www.linkedin.com's and a missing scheme as https. Null for other hosts, non-http schemes and
 * anything that does not parse. The one place a LinkedIn URL is normalised.
 */
export function parseLinkedInUrl(url: string): URL | null {
  let value = url.trim();
  if (!value) return null;
  if (value.startsWith('/')) value = `https://www.linkedin.com${value}`;
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = `https://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(parsed.protocol) || !isLinkedInHost(parsed.hostname)) return null;
  return parsed;
}

/**
 * The profile id in a LinkedIn URL: `https://de.linkedin.com/in/Jane-Doe/de/?locale=de_DE#x` →
 * `jane-doe`, `/in/ACoAAB…` → `ACoAAB…`, also without scheme or host (`linkedin.com/in/…`,
 * `/in/…`) and the old `/profile/view?id=…`. Null for anything that is not a person's profile.
 */
export function linkedInIdFromUrl(url: string): string | null {
  // The plain link the extension's own export writes, read without a URL parser (an import of
  // ten thousand leads parses as many of them).
  const plain = PLAIN_PROFILE_LINK.exec(url);
  if (plain) return normalizeBareId(plain[1]!);
  const parsed = parseLinkedInUrl(url);
  if (!parsed) return null;

  const segments = parsed.pathname.split('/').filter(Boolean);
  // `/in/<id>` may sit under a prefix (`/mwlite/in/…`, `/m/in/…`); anything after the id
  // (a locale like `/de`, `/overlay/contact-info`, `/recent-activity`) is not part of it.
  const inIndex = segments.findIndex((segment) => segment.toLowerCase() === 'in');
  if (inIndex >= 0 && segments[inIndex + 1]) return normalizeBareId(segments[inIndex + 1]!);

  if (segments.join('/').toLowerCase() === 'profile/view') {
    const id = parsed.searchParams.get('id');
    return id ? normalizeLinkedInId(id) : null;
  }
  return null;
}

/**
 * Any way a page names a LinkedIn person, in the one form the store keys on: a vanity id
 * (lower-case), a member id (`ACoAA…`, case kept), a profile URL in any form, or a profile URN
 * (`urn:li:fsd_profile:ACoAA…`, `urn:li:fs_miniProfile:…`, `urn:li:member:…`). Null otherwise.
 */
export function normalizeLinkedInId(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (!value) return null;
  if (/urn:li:/i.test(value)) return idFromUrn(value);
  if (/^member:\d+$/.test(value)) return value;
  if (value.includes('/') || /linkedin\.com/i.test(value)) return linkedInIdFromUrl(value);
  return normalizeBareId(value);
}

/**
 * A Twitter/X handle from what a rep or a CRM writes ("@jane_doe", "jane_doe",
 * "https://x.com/jane_doe", "twitter.com/jane_doe/status/…", "twitter.com/#!/jane_doe"), without the
 * @; null when it is none. The one rule for a handle typed in the panel and one in an imported file.
 */
export function normalizeTwitterHandle(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  const fromUrl =
    /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:twitter|x)\.com\/(?:#!\/)?@?([A-Za-z0-9_]{1,15})(?:[/?#]|$)/i.exec(
      text,
    );
  const handle = fromUrl?.[1] ?? /^@?([A-Za-z0-9_]{1,15})$/.exec(text)?.[1];
  return handle ?? null;
}

/**
 * A phone number as a rep types it or a CRM exports it ("+1 (555) 010-2030 ext. 12"), kept as
 * typed; null when it has fewer than 3 digits or odd characters. The one rule for the panel and the
 * import.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (!text || text.length > 40) return null;
  if (!/^\+?\(?[0-9][0-9 ()./-]*(?:\s*(?:x|ext\.?|extension)\s*[0-9]{1,6})?$/i.test(text))
    return null;
  return (text.match(/[0-9]/g) ?? []).length >= 3 ? text : null;
}
