// Which requests an observer may believe: matched on the whole URL as the browser resolves it, never
// on a substring. `https:` only, the site's own host exactly (not `www.linkedin.com.example`, not
// a `data:` or `blob:` URL that merely contains the path), and the endpoint's path from its first
// character (not `/anything?x=/voyager/api/…`). Pure: the parts are read by the caller (through
// captured getters in the page world, see originals.ts).
import type { ResolvedUrl } from './originals';

export type Exec = (pattern: RegExp, text: string) => RegExpExecArray | null;

const nativeExec: Exec = (pattern, text) => pattern.exec(text);

/** True when `url` is an https request to `host` whose path starts with a match of one of `patterns`. */
export function isSiteRequest(
  url: ResolvedUrl | null,
  host: string,
  patterns: readonly RegExp[],
  exec: Exec = nativeExec,
): boolean {
  if (!url || url.protocol !== 'https:' || url.host !== host) return false;
  // An index loop: in the page world, an array's iterator is the page's to replace.
  for (let index = 0; index < patterns.length; index++) {
    const match = exec(patterns[index]!, url.path);
    if (match !== null && match.index === 0) return true;
  }
  return false;
}
