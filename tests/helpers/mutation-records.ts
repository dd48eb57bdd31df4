// Test support for code that reads MutationObserver records: hand-written markup put in the body,
// and the records a change to the page makes, as an observer of the whole body sees them.

/** Puts hand-written markup in the body (parsed, then adopted: no HTML sink). */
export function setBody(markup: string): void {
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  document.body.replaceChildren(
    ...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)),
  );
}

/** The records `change` makes, as an observer of the body (childList, subtree) sees them. */
export async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(document.body, { childList: true, subtree: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}
