// Page detection for Gmail as small named predicates over a URL string (pure: no `location`).

const GMAIL_HOST = 'mail.google.com';

/** Views whose second hash segment is a thread id: `#inbox/<id>`, `#sent/<id>`… */
const THREAD_AFTER_ONE = new Set([
  'inbox',
  'starred',
  'snoozed',
  'sent',
  'scheduled',
  'drafts',
  'imp',
  'all',
  'spam',
  'trash',
  'chats',
]);
/** Views with a name or query before the id: `#label/<name>/<id>`, `#search/<q>/<id>`… */
const THREAD_AFTER_TWO = new Set(['label', 'search', 'category', 'advanced-search', 'apps']);

/** A thread id in a URL: the legacy 16-hex form or the opaque `FMfcgz…` form. */
const URL_THREAD_ID = /^(?:[0-9a-f]{16}|[A-Za-z0-9]{20,64})$/;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isGmailUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname === GMAIL_HOST &&
    (parsed.pathname === '/mail' || parsed.pathname.startsWith('/mail/'))
  );
}

/** `/mail/u/1/` → 'u/1'; `/mail/` (the default account) → 'u/0'. */
export function accountPathOf(url: string): string {
  const parsed = parse(url);
  const match = parsed ? /^\/mail\/u\/(\d{1,3})(?:\/|$)/.exec(parsed.pathname) : null;
  return `u/${match ? Number(match[1]) : 0}`;
}

/** The thread id in a hash such as `#inbox/FMfcgz…`, `#label/Clients/…`, `#search/q/…`; or null. */
export function threadIdFromHash(hash: string): string | null {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = path.split('/');
  const view = segments[0] ?? '';
  let candidate: string | undefined;
  if (THREAD_AFTER_ONE.has(view)) candidate = segments[1];
  else if (THREAD_AFTER_TWO.has(view)) candidate = segments[2];
  return candidate !== undefined && URL_THREAD_ID.test(candidate) ? candidate : null;
}

export function isThreadView(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && isGmailUrl(url) && threadIdFromHash(parsed.hash) !== null;
}

/** A pop-out compose or a mailto compose window (`?view=cm`). */
export function isComposeWindowUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && isGmailUrl(url) && parsed.searchParams.get('view') === 'cm';
}

/** `thread-f:1746035685735370050` → '183b2a348d698d42', the legacy hex id URLs and the DOM use. */
export function legacyHexOfThreadF(threadId: string): string | null {
  const match = /^thread-f:(\d{1,20})$/.exec(threadId);
  if (!match?.[1]) return null;
  const value = BigInt(match[1]);
  return value > 0n && value < 2n ** 64n ? value.toString(16) : null;
}

/**
 * A link that opens the thread: https://mail.google.com/mail/u/N/#all/<id>. Takes a URL id
 * (hex or `FMfcgz…`) or a `thread-f:` id; a `thread-a:` id (a thread the client just created)
 * has no URL form, so there is no link until the response gives the legacy id.
 */
export function threadLink(account: string, threadId: string): string | undefined {
  const accountMatch = /^u\/(\d{1,3})$/.exec(account);
  if (!accountMatch) return undefined;
  const urlId = threadId.startsWith('thread-f:') ? legacyHexOfThreadF(threadId) : threadId;
  if (!urlId || !URL_THREAD_ID.test(urlId)) return undefined;
  return `https://${GMAIL_HOST}/mail/u/${Number(accountMatch[1])}/#all/${urlId}`;
}
