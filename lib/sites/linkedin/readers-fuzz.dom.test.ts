// @vitest-environment happy-dom
// The DOM readers run on whatever LinkedIn renders next; on randomly mutated fixtures they must
// never throw and must still return well-formed results.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFixture } from '../../../tests/helpers/linkedin-fixtures';
import { findConversations, sendTargetFromPath } from './read-conversation';
import { readInvitation, readProfile, readProfilePage } from './read-profile';
import { SELECTORS } from './selectors';

const FIXTURES = [
  'hand:thread-page-send-button.html',
  'hand:two-bubbles.html',
  'hand:sdui-hashed-thread.html',
  'hand:sdui-overlay.html',
  'hand:sdui-invitation.html',
  'hand:sdui-invitation-note.html',
  'hand:sdui-page.html',
  'hand:sdui-profile-connect.html',
  'hand:sdui-profile-more.html',
  'hand:sdui-profile-pending.html',
  'hand:sdui-profile-first.html',
  'hand:sdui-profile-crowded.html',
  'hand:sdui-profile-unreadable.html',
  'hand:sdui-thread-unreadable.html',
];

// The real captures are large; their conversation and top-card subtrees are what the readers read.
function captureParts(): Document[] {
  const parts: Document[] = [];
  for (const [name, css] of [
    ['shared:messaging-thread-2025.html', SELECTORS.conversationWrapper.css],
    ['shared:profile-2025.html', 'main section'],
  ] as const) {
    const source = parseFixture(name).querySelector(css);
    const doc = document.implementation.createHTMLDocument('part');
    if (source) doc.body.append(doc.importNode(source, true));
    parts.push(doc);
  }
  return parts;
}

const ATTRIBUTES = [
  'class',
  'href',
  'aria-label',
  'role',
  'contenteditable',
  'data-event-urn',
  'type',
  'hidden',
];
const VALUES = [
  '',
  'x',
  'Send',
  'Senden',
  'textbox',
  'true',
  'dialog',
  '/in/',
  '/in/me/',
  'https://www.linkedin.com/in/a b/',
  'https://www.linkedin.com/messaging/thread/2-%%%/',
  'urn:li:msg_message:(urn:li:fsd_profile:ACoAAxxxxxxxxxxxxxx,2-!!)',
  'javascript:alert(1)',
  '\u0000\uffff',
  'x'.repeat(5000),
];

const mutation = fc.record({
  kind: fc.constantFrom('remove', 'set', 'drop-attribute', 'text', 'move'),
  pick: fc.nat(),
  other: fc.nat(),
  attribute: fc.constantFrom(...ATTRIBUTES),
  value: fc.constantFrom(...VALUES),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(doc: Document, steps: Mutation[]): void {
  for (const step of steps) {
    const all = doc.body ? Array.from(doc.body.querySelectorAll('*')) : [];
    if (all.length === 0) return;
    const element = all[step.pick % all.length]!;
    const other = all[step.other % all.length]!;
    if (step.kind === 'remove') element.remove();
    else if (step.kind === 'set') element.setAttribute(step.attribute, step.value);
    else if (step.kind === 'drop-attribute') element.removeAttribute(step.attribute);
    else if (step.kind === 'text') element.textContent = step.value;
    else if (!element.contains(other) && !other.contains(element)) other.append(element);
  }
}

describe('DOM readers on randomly mutated fixtures', () => {
  const sources = [...FIXTURES.map(parseFixture), ...captureParts()];

  it('never throw and return well-formed views', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: sources.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        (index, steps) => {
          const doc = document.implementation.createHTMLDocument('fuzz');
          doc.body.append(doc.importNode(sources[index]!.body, true));
          mutate(doc, steps);

          const conversations = findConversations(doc, {
            pageUrl: 'https://www.linkedin.com/messaging/thread/2-abcdefgh/',
            now: Date.UTC(2026, 10, 20),
          });
          for (const view of conversations) {
            expect(['thread', 'bubble']).toContain(view.kind);
            expect(['button', 'enter', 'none']).toContain(view.sendMode);
            if (view.conversationId) expect(view.conversationId).toMatch(/^2-/);
            if (view.who.profileId) expect(view.who.profileId).not.toMatch(/[\s/]/);
            if (view.lastMessageFromOther?.at !== undefined) {
              expect(Number.isFinite(view.lastMessageFromOther.at)).toBe(true);
            }
          }
          const profile = readProfile(doc, 'https://www.linkedin.com/in/jane-doe-42/');
          expect(profile?.profileId).toBe('jane-doe-42');
          expect(profile?.profileIds).toContain('jane-doe-42');
          const page = readProfilePage(doc, 'https://www.linkedin.com/in/jane-doe-42/');
          expect(['read', 'unreadable']).toContain(page.kind);
          // Diagnostics carry the URL pattern and what was missing, never the page's words.
          if (page.kind === 'unreadable')
            expect(page.detail).toMatch(/^\/in\/\*\/ · [\w ]+ · [\w ]+$/);
          const invitation = readInvitation(doc);
          if (invitation) expect(typeof invitation.hasNote).toBe('boolean');
          const buttons = Array.from(doc.querySelectorAll('button, [contenteditable]'));
          for (const button of buttons.slice(0, 5)) {
            const path: unknown[] = [];
            for (let node: Node | null = button; node; node = node.parentNode) path.push(node);
            const target = sendTargetFromPath(path);
            if (target) {
              expect(['send-button', 'composer', 'invitation-send', 'connect']).toContain(
                target.kind,
              );
            }
          }
        },
      ),
      { numRuns: 150 },
    );
    // A ceiling for a loaded CI machine, not a speed target (those live in npm run bench).
  }, 60_000);

  it('never throw on garbage roots and paths', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 8 }), (junk) => {
        expect(sendTargetFromPath(junk)).toBeNull();
        expect(() => findConversations(document.createElement('div'))).not.toThrow();
      }),
      { numRuns: 100 },
    );
    expect(sendTargetFromPath('not an array' as unknown as unknown[])).toBeNull();
  });
});
