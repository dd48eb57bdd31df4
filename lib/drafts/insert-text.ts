// Puts a draft into a site's editable message box, once: at the top, above whatever the box holds
// (a signature, quoted mail), as the browser's own text insertion so the site's editor sees a
// normal input. Never sends, never presses a key, never touches anything outside the box.
import type { InsertResult } from './composer';

/** The first line a box must not hold already, or the draft would go in twice. */
function firstLineOf(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ');
}

/**
 * Inserts `text` at the start of the editable `box`. Uses the document's insertText command (what
 * a paste or typing produces, so the site's editor keeps its own model in step); where that does
 * nothing, builds the lines as `lineTag` elements and fires one input event.
 */
export function insertDraftText(
  box: Element,
  text: string,
  { lineTag }: { lineTag: 'div' | 'p' },
): InsertResult {
  const doc = box.ownerDocument;
  const first = firstLineOf(text).replace(/\s+/g, ' ');
  if (first && textOf(box).includes(first)) return 'not-empty';
  const editable = box as HTMLElement;
  editable.focus({ preventScroll: false });
  const selection = doc.getSelection();
  if (selection) {
    const range = doc.createRange();
    range.setStart(box, 0);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  let inserted = false;
  try {
    inserted = doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  // Done by the command (its text may differ in whitespace): never a second copy.
  if (inserted) return 'inserted';

  // No command (another browser, a box the command cannot reach): the same text as elements.
  const lines = text.split('\n').map((line) => {
    const element = doc.createElement(lineTag);
    if (line === '') element.appendChild(doc.createElement('br'));
    else element.textContent = line;
    return element;
  });
  box.insertBefore(linesFragment(doc, lines), box.firstChild);
  box.dispatchEvent(
    new (doc.defaultView?.InputEvent ?? InputEvent)('input', {
      bubbles: true,
      inputType: 'insertText',
      data: text,
    }),
  );
  return 'inserted';
}

function linesFragment(doc: Document, lines: Element[]): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const line of lines) fragment.appendChild(line);
  return fragment;
}
