// Is Gmail's own "Sent N days ago. Follow up?" nudge on screen in this part of the page?
import { NUDGE_PATTERNS } from './selectors';

/** Reads at most this much text: the nudge sits at the top of a thread or row. */
const MAX_CHARS = 20_000;

export function hasGmailNudge(root: Element | null): boolean {
  if (!root) return false;
  const text = (root.textContent ?? '').slice(0, MAX_CHARS).replace(/\s+/g, ' ');
  return NUDGE_PATTERNS.some((pattern) => pattern.test(text));
}
