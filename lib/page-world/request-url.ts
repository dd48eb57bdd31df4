// Which requests an observer may believe: matched on the whole URL as the browser resolves it, never
// on a substring. `https:` only, the site's own host exactly (not `www.linkedin.com.example`, not
// a `data:` or `blob:` URL that merely contains the path), and the endpoint's path from its first
// character (not `/anything?x=/voyager/api/…`), or a pattern written for the whole URL from its
// first character (`^https://www.linkedin.com/flagship-web/…`). Pure: the parts are read by the caller (through
// captured getters in the page world, see originals.ts).
import type { ResolvedUrl } from './originals';

export type Exec = (pattern: RegExp, text: string) => RegExpExecArray | null;

const nativeExec: Exec = (pattern, text) => pattern.exec(text);

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
