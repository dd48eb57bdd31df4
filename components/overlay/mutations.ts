// The cheap gate in front of every overlay observer: a mutation batch matters only when an element
// that is not one of ours was added or removed. Text-only changes (a node's text replaced), our own
// shadow hosts coming and going, and attribute flips never wake a scan. O(records), no query.

/** Our shadow hosts' tag names (mountShadowUi names the host element after the UI). */
const OWN_HOSTS = ['fifth-touch-', 'ft-overlay'];

function isOwnHost(element: Element): boolean {
  const name = element.localName;
  return OWN_HOSTS.some((prefix) => name.startsWith(prefix));
}

function hasForeignElement(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.nodeType === 1 && !isOwnHost(node as Element)) return true;
  }
  return false;
}

/** Whether one record added or removed an element that is not one of our shadow hosts. */
export function addsOrRemovesForeignElement(record: MutationRecord): boolean {
  return (
    record.type === 'childList' &&
    (hasForeignElement(record.addedNodes) || hasForeignElement(record.removedNodes))
  );
}

const EDITABLE_CSS =
  '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';

/**
 * Whether a record happened inside an editable field (someone typing in a message box): its text
 * and line elements are no page structure an overlay reads. The field itself coming or going is
 * a change of its parent, so it still counts.
 */
export function isInsideEditable(record: MutationRecord): boolean {
  const target = record.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  try {
    return !!element?.closest(EDITABLE_CSS);
  } catch {
    return false;
  }
}

/** Whether any record added or removed an element that is not one of our shadow hosts. */
export function touchesForeignElements(records: readonly MutationRecord[]): boolean {
  for (const record of records) if (addsOrRemovesForeignElement(record)) return true;
  return false;
}

/**
 * Runs `run` at most once per `minIntervalMs` (trailing: a burst always ends with one run), in an
 * animation frame so it never lands in the middle of the page's own task.
 */
export function throttledFrame(
  run: () => void,
  options: {
    minIntervalMs: number;
    setTimeout(callback: () => void, ms: number): unknown;
    requestAnimationFrame(callback: () => void): unknown;
    isInvalid(): boolean;
  },
): () => void {
  let scheduled = false;
  let last = -Infinity;
  const fire = () => {
    scheduled = false;
    if (options.isInvalid()) return;
    last = Date.now();
    run();
  };
  return () => {
    if (scheduled || options.isInvalid()) return;
    scheduled = true;
    const wait = last + options.minIntervalMs - Date.now();
    if (wait <= 0) options.requestAnimationFrame(fire);
    else options.setTimeout(() => options.requestAnimationFrame(fire), wait);
  };
}
