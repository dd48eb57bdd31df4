import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import {
  GMAIL_SELECTORS,
  SELECTOR_EXPECTATIONS,
  queryAll,
  type SelectorExpectation,
} from './selectors';

/** Parses a saved page into its own document (works in the happy-dom and the Node project alike). */
function loadPage(fixture: string): Document {
  const [kind, name] = fixture.split(':') as [string, string];
  const file =
    kind === 'shared'
      ? path.resolve(process.cwd(), '../shared/fixtures/gmail', name)
      : path.resolve(process.cwd(), 'tests/fixtures/gmail', name);
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/' });
  return new window.DOMParser().parseFromString(
    readFileSync(file, 'utf8'),
    'text/html',
  ) as unknown as Document;
}

function firstMatchingFallback(doc: Document, expectation: SelectorExpectation): number {
  return GMAIL_SELECTORS[expectation.selector].selectors.findIndex(
    (selector) => doc.querySelectorAll(selector).length > 0,
  );
}

describe('every Gmail selector against the saved pages', () => {
  const pages = new Map<string, Document>();
  const page = (fixture: string) => {
    if (!pages.has(fixture)) pages.set(fixture, loadPage(fixture));
    return pages.get(fixture)!;
  };

  it.each(SELECTOR_EXPECTATIONS.map((e) => [e.selector, e.matches, e.fixture, e] as const))(
    '%s finds %i in %s',
    (_selector, matches, fixture, expectation) => {
      const doc = page(fixture);
      expect(queryAll(doc, GMAIL_SELECTORS[expectation.selector])).toHaveLength(matches);
      if (expectation.via !== undefined) {
        expect(firstMatchingFallback(doc, expectation)).toBe(expectation.via);
      }
    },
  );

  it('every selector is covered by at least one expectation that finds something', () => {
    const covered = new Set(
      SELECTOR_EXPECTATIONS.filter((e) => e.matches > 0).map((e) => e.selector),
    );
    const uncovered = Object.keys(GMAIL_SELECTORS).filter(
      (name) =>
        !covered.has(name as keyof typeof GMAIL_SELECTORS) &&
        !['composeRoot', 'composeButton'].includes(name),
    );
    // composeRoot is used with closest() and composeButton is filtered by name: read-compose tests cover both.
    expect(uncovered).toEqual([]);
  });

  it('every selector is dated', () => {
    for (const [name, entry] of Object.entries(GMAIL_SELECTORS)) {
      expect(entry.lastSeen, name).toMatch(/\d{4}/);
      expect(entry.selectors.length, name).toBeGreaterThan(0);
    }
  });
});
