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
    html = readFileSync(path.join(where === 'shared' ? SHARED_DIR : HAND_DIR, file), 'utf8')
      // The captures' ad and tracking iframes would make happy-dom load pages; no reader looks at them.
      .replace(/<(\/?)iframe\b/gi, '<$1x-iframe');
    cache.set(name, html);
  }
  return html;
}

/** A fresh, detached document parsed from a fixture (parsing never runs scripts). */
export function parseFixture(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

/** Puts a fixture page into the live test document, replacing what was there. */
export function mountPage(name: string): Document {
  const parsed = parseFixture(name);
  document.body.replaceChildren(
    ...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)),
  );
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
