// Small, total DOM helpers for the LinkedIn readers: they take the nodes they read, use node types
// rather than realm globals (nodes from a shadow root or another document still work), and bound
// every walk so a huge page costs little.
import { matchesLabel, SELECTORS, type LabelKey } from './selectors';

/** Where readers look: a document, an element or a shadow root. */
export type ReadRoot = Document | Element | DocumentFragment;

const ELEMENT_NODE = 1;
const MAX_ROOTS = 8;

export function isElement(value: unknown): value is Element {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { nodeType?: unknown }).nodeType === ELEMENT_NODE &&
    typeof (value as { getAttribute?: unknown }).getAttribute === 'function'
  );
}

/** querySelectorAll that never throws (a bad selector or a detached root returns nothing). */
export function queryAll(root: ReadRoot, css: string, limit = 500): Element[] {
  try {
    const found = root.querySelectorAll(css);
    const out: Element[] = [];
    for (let i = 0; i < found.length && i < limit; i++) out.push(found[i]!);
    return out;
  } catch {
    return [];
  }
}

export function queryFirst(root: ReadRoot, css: string): Element | null {
  try {
    return root.querySelector(css);
  } catch {
    return null;
  }
}

/**
 * The root and every open shadow root hosted by LinkedIn's `#interop-outlet` under it (and nested
 * ones inside those), which is where the 2026 UI renders the overlay and the invitation modal.
 */
export function searchRoots(root: ReadRoot): ReadRoot[] {
  const roots: ReadRoot[] = [root];
  for (let i = 0; i < roots.length && roots.length < MAX_ROOTS; i++) {
    for (const host of queryAll(roots[i]!, SELECTORS.interopOutlet.css, 10)) {
      const shadow = (host as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
      if (shadow && !roots.includes(shadow)) roots.push(shadow);
    }
  }
  return roots;
}

/** Text with white space folded; bounded so a huge subtree cannot blow up. */
export function textOf(node: Node | null | undefined, max = 300): string {
  if (!node) return '';
  const raw = (node.textContent ?? '').slice(0, max * 4);
  const flat = raw.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) : flat;
}

/** The accessible label a reader matches: aria-label, else the visible text. */
export function labelOf(element: Element): string {
  const aria = element.getAttribute('aria-label');
  if (aria && aria.trim()) return aria;
  return textOf(element, 120);
}

/** True when the element and its ancestors are not hidden by attribute, class or inline style. */
export function isShown(element: Element): boolean {
  let node: Element | null = element;
  for (let i = 0; node && i < 40; i++) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    const classes = node.getAttribute('class');
    if (classes && /(?:^|\s)(?:hidden|visually-hidden)(?:\s|$)/.test(classes)) return false;
    const style = node.getAttribute('style');
    if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return false;
    node = node.parentElement;
  }
  return true;
}

export function isButtonLike(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  return (
    tag === 'button' ||
    element.getAttribute('role') === 'button' ||
    (tag === 'input' && /^(?:submit|button)$/i.test(element.getAttribute('type') ?? ''))
  );
}

/** The first shown button-like element under `root` whose label is one of `keys`. */
export function findLabelledButton(root: ReadRoot, keys: readonly LabelKey[]): Element | null {
  for (const element of queryAll(root, SELECTORS.buttonLike.css, 300)) {
    const label = labelOf(element);
    if (keys.some((key) => matchesLabel(label, key)) && isShown(element)) return element;
  }
  return null;
}

/** The href of a link as written, resolved against linkedin.com when relative. */
export function hrefOf(element: Element): string | null {
  const href = element.getAttribute('href');
  if (!href || href.length > 2048) return null;
  return href.startsWith('/') ? `https://www.linkedin.com${href}` : href;
}

/** `closest` that never throws. */
export function closestOf(element: Element, css: string): Element | null {
  try {
    return element.closest(css);
  } catch {
    return null;
  }
}

export function matchesCss(element: Element, css: string): boolean {
  try {
    return element.matches(css);
  } catch {
    return false;
  }
}
