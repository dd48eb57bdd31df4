// Gmail's own "Sent N days ago. Follow up?" nudge: is it on screen in this part of the page, and
// which thread-list rows carry it. Found by its text (the element and class Gmail uses for it are
// not known from any capture), so it holds across markup changes as long as the words do.
import { normalizeEmail } from '../../identity';
import { closestOf, GMAIL_SELECTORS, NUDGE_PATTERNS, queryAll } from './selectors';

/** Reads at most this much text: the nudge sits at the top of a thread or row. */
const MAX_CHARS = 20_000;
/** The nudge itself is a short sentence; a longer text only contains it (a row's summary). */
const MAX_NUDGE_CHARS = 80;
const MAX_ROWS = 200;

const matchesNudge = (text: string) => {
  const folded = text.slice(0, MAX_CHARS).replace(/\s+/g, ' ');
  return NUDGE_PATTERNS.some((pattern) => pattern.test(folded));
};

export function hasGmailNudge(root: Element | null): boolean {
  if (!root) return false;
  return matchesNudge(root.textContent ?? '');
}

/** The smallest element under `root` that shows the nudge (null when none does). */
export function findNudgeElement(root: Element): Element | null {
  return nudgeElements(root)[0] ?? null;
}

/**
 * Gmail's nudge on the open thread itself, not on a row of the thread list (which Gmail keeps,
 * hidden, in the same main region while a thread is open).
 */
export function hasThreadNudge(main: Element | null): boolean {
  if (!main) return false;
  return nudgeElements(main, 20).some(
    (element) => closestOf(element, GMAIL_SELECTORS.listRow) === null,
  );
}

/** The smallest elements showing the nudge, in document order (at most `max`). */
function nudgeElements(root: Element, max = 1): Element[] {
  if (!matchesNudge(root.textContent ?? '')) return [];
  const found: Element[] = [];
  for (const element of Array.from(root.querySelectorAll('*')).slice(0, 5_000)) {
    const text = element.textContent ?? '';
    if (text.length > MAX_NUDGE_CHARS || !matchesNudge(text)) continue;
    // A deeper match comes later in document order and replaces the one around it.
    const last = found[found.length - 1];
    if (last && last.contains(element)) found[found.length - 1] = element;
    else if (found.length < max) found.push(element);
    else break;
  }
  return found;
}

export interface NudgedRow {
  row: Element;
  /** The element showing Gmail's nudge; ours goes right after it. */
  nudge: Element;
  /** The people the row names (normalised addresses), in order. */
  emails: string[];
}

/** Thread-list rows that show Gmail's nudge, with the people they name. */
export function findNudgedRows(root: ParentNode): NudgedRow[] {
  const rows: NudgedRow[] = [];
  for (const row of queryAll(root, GMAIL_SELECTORS.listRow).slice(0, MAX_ROWS)) {
    const nudge = findNudgeElement(row);
    if (!nudge) continue;
    const emails: string[] = [];
    for (const person of queryAll(row, GMAIL_SELECTORS.listRowPeople)) {
      const email = normalizeEmail(person.getAttribute('email') ?? '');
      if (email && !emails.includes(email)) emails.push(email);
    }
    rows.push({ row, nudge, emails });
  }
  return rows;
}
