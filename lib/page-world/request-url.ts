// Which requests an observer may believe: matched on the whole URL as the browser resolves it, never
// on a substring. `https:` only, the site's own host exactly (not `www.linkedin.com.example`, not
// a `data:` or `blob:` URL that merely contains the path), and the endpoint's path from its first
// character (not `/anything?x=/voyager/api/…`), or a pattern written for the whole URL from its
// first character (`^https://www.linkedin.com/flagship-web/…`). Pure: the parts are read by the caller (through
// captured getters in the page world, see originals.ts).
import type { ResolvedUrl } from './originals';

export type Exec = (pattern: RegExp, text: string) => RegExpExecArray | null;

const nativeExec: Exec = (pattern, text) => pattern.exec(text);

// A path (from its first `/`, not `//`) and query made only of characters the URL parser keeps as
// written: no dot or `%` in the path (no dot segment, encoded or not), no backslash, `#`,
// quote, space, control or non-ASCII character anywhere. Optionally after `https://` and a host.
const PLAIN_URL =
  /^(?:https:\/\/([^/?#]*))?(\/(?:[\w~!$&()*+,;=:@-][\w~!$&()*+,;=:@/-]*)?)(?:\?([\w~!$&()*+,;=:@/?.%-]*))?$/;

function startsWithText(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  // Index reads of a string primitive: no method the page could replace.
  for (let index = 0; index < prefix.length; index++) {
    if (text[index] !== prefix[index]) return false;
  }
  return true;
}

/**
 * What the browser would resolve `raw` to, read without a URL parser, when that is certain: `raw`
 * is a plain path (see PLAIN_URL) under a `base` on `https://<host>/`, or `https://<host>` and a
 * plain path. Null for everything else, which the caller resolves the full way. `host` is written
 * as the browser serialises it (lowercase, no default port), as is a document's base URL.
 */
export function plainSiteUrl(
  raw: string,
  base: string | undefined,
  host: string,
  exec: Exec = nativeExec,
): ResolvedUrl | null {
  const match = exec(PLAIN_URL, raw);
  if (match === null) return null;
  // Indexes, not destructuring: an array's iterator is the page's to replace.
  const rawHost = match[1];
  const path = match[2] ?? '';
  const query = match[3];
  if (rawHost === undefined) {
    if (base === undefined || !startsWithText(base, 'https://' + host + '/')) return null;
  } else if (rawHost !== host) return null;
  // An empty query (a bare `?`) is no search at all, as URL.search reads it.
  return { protocol: 'https:', host, path: query ? path + '?' + query : path };
}

/** The whole URL, as a pattern written for it sees it: `https://host/path?query`. */
export function wholeUrlOf(url: ResolvedUrl): string {
  return url.protocol + '//' + url.host + url.path;
}

/**
 * True when `url` is an https request to `host` and one of `patterns` matches from the first
 * character of its path, or (a pattern written for the whole URL, `^https://…`) of the whole URL.
 */
export function isSiteRequest(
  url: ResolvedUrl | null,
  host: string,
  patterns: readonly RegExp[],
  exec: Exec = nativeExec,
): boolean {
  if (!url || url.protocol !== 'https:' || url.host !== host) return false;
  const whole = wholeUrlOf(url);
  // An index loop: in the page world, an array's iterator is the page's to replace.
  for (let index = 0; index < patterns.length; index++) {
    const pattern = patterns[index]!;
    const onPath = exec(pattern, url.path);
    if (onPath !== null && onPath.index === 0) return true;
    const onWhole = exec(pattern, whole);
    if (onWhole !== null && onWhole.index === 0) return true;
  }
  return false;
}
