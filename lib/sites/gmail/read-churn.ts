// Which of Gmail's mutation batches can matter to an overlay that looks for composes or the open
// thread. The thread list is Gmail's busiest churn (rows re-rendered on every sync, hover, label
// change) and a row never holds a compose or a thread heading, so batches that only add or remove
// rows, or change what is inside them, are skipped without querying the page. Pure: it reads only the records.
import { GMAIL_SELECTORS } from './selectors';

/** Our shadow hosts (mountShadowUi names the host element after the UI). */
const OWN_HOST_PREFIX = 'fifth-touch-';

function isListRow(element: Element): boolean {
  return GMAIL_SELECTORS.listRow.selectors.some((selector) => {
    try {
      return element.matches(selector);
    } catch {
      return false;
    }
  });
}

function isInListRow(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  return GMAIL_SELECTORS.listRow.selectors.some((selector) => {
    try {
      return (node as Element).closest(selector) !== null;
    } catch {
      return false;
    }
  });
}

function hasElementBesidesRows(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.localName.startsWith(OWN_HOST_PREFIX) || isListRow(element)) continue;
    return true;
  }
  return false;
}

/**
 * Whether a batch added or removed an element that is neither a thread-list row, nor inside one,
 * nor one of our hosts: a `matches` per added or removed element and, only for records that
 * pass it, a `closest` from their target; no query of the page.
 */
export function touchesBesidesListRows(records: readonly MutationRecord[]): boolean {
  for (const record of records) {
    if (record.type !== 'childList') continue;
    if (!hasElementBesidesRows(record.addedNodes) && !hasElementBesidesRows(record.removedNodes))
      continue;
    if (!isInListRow(record.target)) return true;
  }
  return false;
}
