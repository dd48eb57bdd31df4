// Test-only: loads LinkedIn fixtures into documents for the DOM readers' tests. Real captures are
// read from ../shared/fixtures (never copied); hand-made ones from tests/fixtures/linkedin/dom.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED_DIR = path.resolve(process.cwd(), '../shared/fixtures/linkedin/dom');
export const HAND_DIR = path.resolve(process.cwd(), 'tests/fixtures/linkedin/dom');

const cache = new Map<string, string>();

/** `shared:<file>` or `hand:<file>` → its HTML. */
export function fixtureHtml(name: string): string {
  let html = cache.get(name);
  if (html === undefined) {
    const [where, file] = name.split(':') as [string, string];
    html = readFileSync(path.join(where === 'shared' ? SHARED_DIR : HAND_DIR, file), 'utf8');
    // Frames would make happy-dom load pages; no reader looks inside one. The captures' ad and
    // tracking iframes are renamed; the hand-made pages' one frame (LinkedIn's /preload/ frame)
    // stays a frame, only without a `src` to load.
    html =
      where === 'shared'
        ? html.replace(/<(\/?)iframe\b/gi, '<$1x-iframe')
        : html.replace(/(<iframe\b[^>]*?)\ssrc=/gi, '$1 data-fixture-src=');
    cache.set(name, html);
  }
  return html;
}

/**
 * A fresh, detached document parsed from a fixture (parsing never runs scripts). A declarative
 * shadow root (`<template shadowrootmode="open">`, as the 2026 fixtures carry for #interop-outlet)
 * is attached to its host, as a browser does when it loads the page.
 */
export function parseFixture(name: string): Document {
  const doc = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  attachDeclarativeShadowRoots(doc);
  return doc;
}

/** Turns each `<template shadowrootmode>` under `root` into its parent's shadow root. */
export function attachDeclarativeShadowRoots(root: Document | Element | ShadowRoot): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    const shadow = host.attachShadow({ mode });
    shadow.append(document.importNode((template as HTMLTemplateElement).content, true));
    template.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** The content of a fixture page's `<template id=…>` (a menu or modal a client renders later). */
export function templateOf(doc: Document, id: string): DocumentFragment {
  const template = doc.getElementById(id) as HTMLTemplateElement | null;
  if (!template) throw new Error(`no template#${id}`);
  return document.importNode(template.content, true);
}

/**
 * Puts a fixture page into the live test document, replacing what was there (its title too, and
 * its declarative shadow roots attached).
 */
export function mountPage(name: string): Document {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  document.title = parsed.title;
  document.body.replaceChildren(
    ...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)),
  );
  attachDeclarativeShadowRoots(document);
  return document;
}

/**
 * Attaches an open shadow root to the page's #interop-outlet (HTML cannot carry one) and fills it
 * with a fragment fixture, as LinkedIn's 2026 UI does.
 */
export function mountInInteropOutlet(name: string): ShadowRoot {
  const host = document.getElementById('interop-outlet');
  if (!host) throw new Error('the page has no #interop-outlet');
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const parsed = parseFixture(name);
  shadow.append(
    ...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)),
  );
  return shadow;
}
