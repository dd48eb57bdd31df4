// @vitest-environment happy-dom
// Gmail renders whatever it renders next: the DOM readers, run on randomly mutated captures and
// hand-made states, never throw, finish, and return nothing rather than something invented (every
// address they return is one the mutated page still carries).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProspectSummary } from '../../messages';
import { findComposes, findSendButton, readCompose, sendButtonOf } from './read-compose';
import { hasGmailNudge } from './read-nudge';
import { readSendNotice } from './read-notice';
import { readThread } from './read-thread';
import { findThreadReplies } from './replies';

const SOURCES = [
  path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/compose-new-2020.html'),
  path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/thread-view-2025.html'),
  ...[
    'compose-chips.html',
    'compose-popout.html',
    'message-sent-bar.html',
    'thread-inline-reply.html',
  ].map((name) => path.resolve(process.cwd(), 'tests/fixtures/gmail', name)),
].map((file) => {
  // Tags that would load something are cut from the text before happy-dom parses it.
  const html = readFileSync(file, 'utf8').replace(
    /<\/?(?:iframe|frame|img|link|object|embed|video|audio|source)\b[^>]*>/gi,
    '',
  );
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Only the structure matters: nothing that would load or run in happy-dom.
  for (const element of Array.from(
    doc.querySelectorAll(
      'script, style, link, meta, base, img, iframe, frame, object, embed, svg, noscript, video, audio',
    ),
  )) {
    element.remove();
  }
  return doc;
});

const ATTRIBUTES = [
  'class',
  'role',
  'aria-label',
  'email',
  'name',
  'value',
  'data-hovercard-id',
  'data-message-id',
  'data-legacy-message-id',
  'data-thread-perm-id',
  'data-legacy-thread-id',
  'data-tooltip',
  'hidden',
];
const VALUES = [
  '',
  'x',
  'Send',
  'Senden',
  'dialog',
  'button',
  'listitem',
  'to',
  'msg-a:r123',
  'msg-f:99999999999999999999999999',
  'thread-f:1',
  'ffffffffffffffff',
  'not@an@email',
  'mallory@evil.example',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u202egnp.exe',
  '\u0000\uffff',
  'x'.repeat(5000),
];

const mutation = fc.record({
  kind: fc.constantFrom('remove', 'set', 'drop-attribute', 'text', 'move', 'clone'),
  pick: fc.nat(),
  other: fc.nat(),
  attribute: fc.constantFrom(...ATTRIBUTES),
  value: fc.constantFrom(...VALUES),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(doc: Document, steps: Mutation[]): void {
  for (const step of steps) {
    const all = Array.from(doc.body.querySelectorAll('*'));
    if (all.length === 0) return;
    const element = all[step.pick % all.length]!;
    const other = all[step.other % all.length]!;
    if (step.kind === 'remove') element.remove();
    else if (step.kind === 'set') element.setAttribute(step.attribute, step.value);
    else if (step.kind === 'drop-attribute') element.removeAttribute(step.attribute);
    else if (step.kind === 'text') element.textContent = step.value;
    else if (step.kind === 'clone') other.append(element.cloneNode(true));
    else if (!element.contains(other) && !other.contains(element)) other.append(element);
  }
}

/** Every string the page carries, in text or attributes: what a reader may legitimately return. */
function pageStrings(doc: Document): string {
  const parts: string[] = [doc.body.textContent ?? ''];
  for (const element of Array.from(doc.body.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) parts.push(attribute.value);
    const value = (element as HTMLInputElement).value;
    if (typeof value === 'string') parts.push(value);
  }
  return parts.join('\n').toLowerCase();
}

const PROSPECT: ProspectSummary = {
  id: 'p1',
  name: 'Cora Hale',
  company: 'Example',
  status: 'active',
  emails: ['cora.hale@example.org', 'mallory@evil.example'],
  linkedinIds: [],
  nextChannels: ['email'],
  nextStep: 2,
  totalSteps: 9,
  touchCount: 1,
  noCount: 0,
  lastTouchAt: Date.UTC(2020, 0, 1),
  reason: '',
};

describe('Gmail DOM readers on randomly mutated pages', () => {
  it('never throw and return only what the page carries', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 15 }),
        (index, steps) => {
          const doc = document.implementation.createHTMLDocument('fuzz');
          doc.body.append(doc.importNode(SOURCES[index]!.body, true));
          mutate(doc, steps);
          const carried = pageStrings(doc);

          for (const compose of findComposes(doc)) {
            const state = readCompose(compose);
            const contacts = [...state.to, ...state.cc, ...state.bcc];
            expect(contacts.length).toBeLessThanOrEqual(300);
            for (const contact of contacts) {
              expect(contact.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
              expect(carried).toContain(contact.email.toLowerCase());
            }
            if (state.draftId) expect(state.draftId).toMatch(/^msg-/);
            if (state.threadId) expect(state.threadId).toMatch(/^thread-/);
            expect(state.subject).not.toMatch(/\n/);
            const button = findSendButton(compose);
            if (button) expect(compose.contains(button)).toBe(true);
          }
          for (const element of Array.from(doc.body.querySelectorAll('[role="button"]')).slice(
            0,
            5,
          )) {
            const button = sendButtonOf(element);
            if (button) expect(button.contains(element) || button === element).toBe(true);
          }

          const thread = readThread(doc);
          if (thread) {
            if (thread.threadPermId) expect(thread.threadPermId).toMatch(/^thread-/);
            if (thread.legacyThreadId) expect(thread.legacyThreadId).toMatch(/^[0-9a-f]+$/);
            expect(thread.subject.length).toBeLessThanOrEqual(1000);
            for (const message of thread.messages) {
              if (message.fromEmail) expect(carried).toContain(message.fromEmail.toLowerCase());
            }
            for (const reply of findThreadReplies(thread, [PROSPECT])) {
              expect(PROSPECT.emails).toContain(reply.email);
              expect(Number.isFinite(reply.at)).toBe(true);
              expect(reply.at).toBeGreaterThan(PROSPECT.lastTouchAt!);
            }
          }

          const notice = readSendNotice(doc);
          if (notice) {
            expect(['sending', 'sent', 'scheduled', 'undone', 'other']).toContain(notice.kind);
            expect(notice.text).not.toMatch(/\n/);
          }
          expect(typeof hasGmailNudge(doc.body)).toBe('boolean');
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);

  it('never throw on empty, detached or foreign roots', () => {
    const empty = document.implementation.createHTMLDocument('empty');
    expect(findComposes(empty)).toEqual([]);
    expect(readThread(empty)).toBeNull();
    expect(readSendNotice(empty)).toBeNull();
    expect(hasGmailNudge(null)).toBe(false);
    const detached = document.createElement('div');
    detached.append(SOURCES[0]!.body.cloneNode(true));
    expect(() => findComposes(detached).map(readCompose)).not.toThrow();
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    expect(() => readCompose(svg)).not.toThrow();
  });
});
