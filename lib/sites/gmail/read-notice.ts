// Reads Gmail's notice bar ("Message sent · Undo · View message") from the nodes it is given, so
// the DOM layer can tell a send from an undone one. Texts are matched in several languages.
import { GMAIL_SELECTORS, NOTICE_TEXTS, queryAll, queryFirst, UNDO_NAMES } from './selectors';

export type SendNoticeKind = 'sending' | 'sent' | 'scheduled' | 'undone' | 'other';

export interface SendNotice {
  kind: SendNoticeKind;
  /** The bar's message, one line. */
  text: string;
  /** Gmail's Undo link while the undo window is open. */
  undoButton: Element | null;
}

/** The bar's current notice, or null when it shows nothing. */
export function readSendNotice(root: ParentNode): SendNotice | null {
  for (const bar of queryAll(root, GMAIL_SELECTORS.noticeBar)) {
    const message = queryFirst(bar, GMAIL_SELECTORS.noticeText) ?? bar;
    const text = oneLine(message.textContent ?? '');
    if (!text) continue;
    return { kind: noticeKind(text), text, undoButton: findUndoButton(bar) };
  }
  return null;
}

export function noticeKind(text: string): SendNoticeKind {
  const lower = oneLine(text).toLowerCase();
  const startsWithAny = (list: readonly string[]) => list.some((start) => lower.startsWith(start));
  // "Sending undone" starts like "Sending…": the undone texts are checked first.
  if (startsWithAny(NOTICE_TEXTS.undone)) return 'undone';
  if (startsWithAny(NOTICE_TEXTS.scheduled)) return 'scheduled';
  if (startsWithAny(NOTICE_TEXTS.sent)) return 'sent';
  if (startsWithAny(NOTICE_TEXTS.sending)) return 'sending';
  return 'other';
}

export function isUndoButton(element: Element): boolean {
  if (element.id === 'link_undo') return true;
  const role = element.getAttribute('role');
  if (role !== 'link' && role !== 'button' && element.tagName !== 'BUTTON') return false;
  const name = oneLine(
    element.getAttribute('aria-label') ?? element.textContent ?? '',
  ).toLowerCase();
  return UNDO_NAMES.includes(name);
}

export function findUndoButton(bar: ParentNode): Element | null {
  for (const selector of GMAIL_SELECTORS.undoLink.selectors) {
    for (const element of Array.from(bar.querySelectorAll(selector))) {
      if (isUndoButton(element)) return element;
    }
  }
  return null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
