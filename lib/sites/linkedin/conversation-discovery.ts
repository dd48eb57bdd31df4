// Where the open conversations are, kept up to date from the page's mutation records instead of
// queried from the whole page on every scan: a big thread page under churn made the overlays' scan
// run its document-wide queries (conversation containers, composers, #interop-outlet) again for each
// composer that came and went. The first find, a forced one and one every FULL_EVERY_MS query the
// page as findConversationHeaders does; in between only what the records added is looked at (its
// subtree and the containers around it), and what was known is checked again (still in the page,
// still a conversation). The result is the same set in the same order as findConversationHeaders'
// (the tests hold the two side by side); attribute-only changes, which no record here carries, are
// caught by the next full find. A conversation no record touched keeps its header, and the 2026
// profile screen is tracked the same way, so a scan woken by a composer elsewhere reads neither
// the thread nor the whole page again. Send detection does not use this: it reads at send time.
import { closestOf, matchesCss, queryAll, type ReadRoot } from './dom';
import {
  CONTAINER_CSS,
  containerAround,
  innermost,
  looksLikeConversation,
  MAX_CONTAINERS,
  readConversationHeader,
  type ConversationHeader,
  type ReadOptions,
} from './read-conversation';
import { SELECTORS } from './selectors';

/**
 * Even with records for everything, the whole page is queried again this often: what no record
 * carries (an attribute alone making an element a conversation) is seen within this long. A full
 * find on the big thread capture costs about as much as all the incremental scans of 10 s of churn
 * (CPU profiles, 2026-12-07), so it is as rare as the store's own re-read (LOOKUP_EVERY_MS).
 */
export const FULL_EVERY_MS = 30_000;
// Past these the records are not worth sorting through: the next find queries the whole page.
const MAX_RECORDS = 5_000;
const MAX_ADDED = 100;
const MAX_KNOWN = 200;
const MAX_ROOTS = 8;
const MAX_ANCESTORS = 6;

const COMPOSER_CSS = SELECTORS.composer.css;
const HOST_CSS = SELECTORS.interopOutlet.css;
const SCREEN_CSS = SELECTORS.profileScreen.css;
const EDITABLE_CSS =
  '[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]';
// Our own shadow hosts (mountShadowUi names the host after the UI) hold nothing of LinkedIn's.
const OWN_HOST = /^(?:fifth-touch-|ft-overlay)/;

export interface ConversationDiscovery {
  /**
   * Keeps a batch of mutation records for the next find, but none whose target is inside one of
   * `ignored` (message lists whose messages are not read: no conversation, composer or header is
   * in one) or is no longer in the page. O(records) `contains`, no query. Returns the records it
   * did not drop (all of them can change what the page shows outside those lists).
   */
  note(records: readonly MutationRecord[], ignored?: readonly Element[]): MutationRecord[];
  /** The next find queries the whole page (navigation, a send, an action). */
  reset(): void;
  /** The innermost conversation containers, as findConversationHeaders finds them. */
  find(): Element[];
  /**
   * The headers of what find returns, as findConversationHeaders reads them; a conversation
   * nothing was added to or removed from since it was read keeps its header (until the next
   * full find), only whether it is minimised is read again.
   */
  headers(options?: ReadOptions): ConversationHeader[];
  /** The document and every #interop-outlet shadow root found so far (for observers). */
  roots(): ReadRoot[];
  /**
   * The 2026 profile screen as of the last find (readProfilePage's first question), found the same
   * way; one that stops matching is dropped at once.
   */
  profileScreen(): Element | null;
}

export function createConversationDiscovery(
  document: Document,
  now: () => number = Date.now,
): ConversationDiscovery {
  const candidates = new Set<Element>();
  const composers = new Set<Element>();
  const hosts = new Set<Element>();
  const screens = new Set<Element>();
  let shadowRoots: ShadowRoot[] = [];
  let pending: MutationRecord[] = [];
  let overflow = false;
  let lastFullAt = -Infinity;
  // Where the records of the last find changed the page (after a full find: anywhere).
  let changed = new Set<Node>();
  let wasFull = true;
  const read = new WeakMap<Element, ConversationHeader>();

  const addAll = (set: Set<Element>, elements: Iterable<Element>) => {
    for (const element of elements) set.add(element);
  };

  /** Everything under one root that could hold a conversation: what a full find queries. */
  const searchRoot = (root: ReadRoot) => {
    addAll(candidates, queryAll(root, CONTAINER_CSS, 100));
    addAll(composers, queryAll(root, COMPOSER_CSS, 20));
    addAll(hosts, queryAll(root, HOST_CSS, 10));
    addAll(screens, queryAll(root, SCREEN_CSS, 5));
  };

  /** An added element: what it holds, and the containers around it it may have completed. */
  const searchAdded = (element: Element) => {
    if (matchesCss(element, CONTAINER_CSS)) candidates.add(element);
    if (matchesCss(element, COMPOSER_CSS)) composers.add(element);
    if (matchesCss(element, HOST_CSS)) hosts.add(element);
    if (matchesCss(element, SCREEN_CSS)) screens.add(element);
    if (element.firstElementChild) searchRoot(element);
    let around = element.parentElement ? closestOf(element.parentElement, CONTAINER_CSS) : null;
    for (let i = 0; around && i < MAX_ANCESTORS; i++) {
      candidates.add(around);
      around = around.parentElement ? closestOf(around.parentElement, CONTAINER_CSS) : null;
    }
  };

  const isInsideEditable = (target: Node) => {
    const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
    return !!element && !!closestOf(element, EDITABLE_CSS);
  };

  /** The elements the pending records added that are still in the page, or null when too many. */
  const addedSince = (records: readonly MutationRecord[]): Element[] | null => {
    const added: Element[] = [];
    for (const record of records) {
      // Text typed into a message box changes no header (nor does it hold a conversation).
      if (!record.target.isConnected || isInsideEditable(record.target)) continue;
      changed.add(record.target);
      if (record.addedNodes.length === 0) continue;
      for (let i = 0; i < record.addedNodes.length; i++) {
        const node = record.addedNodes[i]!;
        if (node.nodeType !== 1 || !node.isConnected) continue;
        const element = node as Element;
        if (OWN_HOST.test(element.localName) || added.includes(element)) continue;
        added.push(element);
        if (added.length > MAX_ADDED) return null;
      }
    }
    // One added inside another is searched with it.
    return added.filter(
      (element) => !added.some((other) => other !== element && other.contains(element)),
    );
  };

  /** Shadow roots of the hosts known (LinkedIn may attach one after its host is added). */
  const updateShadowRoots = () => {
    shadowRoots = shadowRoots.filter((root) => root.host.isConnected);
    for (let i = 0; i < MAX_ROOTS; i++) {
      let found = false;
      for (const host of hosts) {
        const shadow = (host as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
        if (!shadow || shadowRoots.includes(shadow) || shadowRoots.length >= MAX_ROOTS - 1)
          continue;
        shadowRoots.push(shadow);
        searchRoot(shadow);
        found = true;
      }
      if (!found) break;
    }
  };

  const full = () => {
    candidates.clear();
    composers.clear();
    hosts.clear();
    screens.clear();
    shadowRoots = [];
    searchRoot(document);
    updateShadowRoots();
    lastFullAt = now();
  };

  const prune = (set: Set<Element>) => {
    for (const element of set) if (!element.isConnected) set.delete(element);
  };

  const rootIndex = (element: Element, roots: readonly ReadRoot[]) =>
    roots.indexOf(element.getRootNode() as ReadRoot);

  const inDocumentOrder = (elements: Element[]) =>
    elements.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));

  const discovery: ConversationDiscovery = {
    note(records, ignored = []) {
      const kept: MutationRecord[] = [];
      let lastTarget: Node | null = null;
      let skip = false;
      for (const record of records) {
        const target = record.target;
        // A batch is mostly one list's changes: one decision per run of the same target.
        if (target !== lastTarget) {
          lastTarget = target;
          skip = !target.isConnected || ignored.some((region) => region.contains(target));
        }
        if (!skip && record.type === 'childList') kept.push(record);
      }
      if (overflow) return kept;
      if (pending.length + kept.length > MAX_RECORDS) {
        overflow = true;
        pending = [];
      } else for (const record of kept) pending.push(record);
      return kept;
    },
    reset() {
      lastFullAt = -Infinity;
    },
    roots() {
      return [document, ...shadowRoots];
    },
    profileScreen() {
      // Only the light DOM's, as readProfilePage's own query finds it.
      const known = inDocumentOrder(
        [...screens].filter((screen) => screen.isConnected && screen.getRootNode() === document),
      );
      return known.find((screen) => matchesCss(screen, SCREEN_CSS)) ?? null;
    },
    find() {
      changed = new Set();
      const added = overflow || now() - lastFullAt >= FULL_EVERY_MS ? null : addedSince(pending);
      pending = [];
      overflow = false;
      wasFull = added === null;
      if (added === null) full();
      else {
        for (const element of added) searchAdded(element);
        prune(candidates);
        prune(composers);
        prune(hosts);
        prune(screens);
        updateShadowRoots();
        if (candidates.size + composers.size > MAX_KNOWN) {
          full();
          wasFull = true;
        }
      }

      // The same order as findContainers: root by root, containers then composers' surroundings,
      // each in document order.
      const roots = [document, ...shadowRoots];
      const found: Element[] = [];
      for (let r = 0; r < roots.length; r++) {
        const inRoot = (element: Element) => rootIndex(element, roots) === r;
        const containers = inDocumentOrder([...candidates].filter(inRoot)).slice(0, 100);
        for (const element of containers) {
          if (!found.includes(element) && looksLikeConversation(element)) found.push(element);
        }
        for (const composer of inDocumentOrder([...composers].filter(inRoot)).slice(0, 20)) {
          if (found.some((element) => element.contains(composer))) continue;
          const around = containerAround(composer);
          if (around && !found.includes(around)) found.push(around);
        }
      }
      return innermost(found).slice(0, MAX_CONTAINERS);
    },
    headers(options = {}) {
      const containers = discovery.find();
      const headers: ConversationHeader[] = [];
      for (const container of containers) {
        const kept = read.get(container);
        const untouched =
          kept && !wasFull && ![...changed].some((target) => container.contains(target));
        const header = untouched
          ? { ...kept, minimized: matchesCss(container, SELECTORS.minimizedBubble.css) }
          : readConversationHeader(container, options);
        if (!header) continue;
        read.set(container, header);
        headers.push(header);
      }
      return headers;
    },
  };
  return discovery;
}
