// @vitest-environment happy-dom
// Where a draft goes on the saved Gmail and LinkedIn pages, and how it is put in: once, at the top.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findGmailDraftSpot, showsThread } from '../sites/gmail/draft-composer';
import { findLinkedInDraftSpot } from '../sites/linkedin/draft-composer';
import { mountPage } from '../../tests/helpers/linkedin-fixtures';
import { insertDraftText } from './insert-text';

/** A saved Gmail page in a detached document (parsing loads nothing and runs nothing). */
function gmailPage(file: string): Document {
  // Frames and styles would make happy-dom fetch; nothing here looks inside them.
  const html = readFileSync(file, 'utf8').replace(/<(\/?)(iframe|link|script)\b/gi, '<$1x-$2');
  return new DOMParser().parseFromString(html, 'text/html');
}
const sharedGmail = (name: string) =>
  path.resolve(process.cwd(), '../shared/fixtures/gmail/dom', name);
const handGmail = (name: string) => path.resolve(process.cwd(), 'tests/fixtures/gmail', name);

const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const threadUrl = (id: string) => `https://www.linkedin.com/messaging/thread/${id}/`;

afterEach(() => {
  document.body.replaceChildren();
});

describe('Gmail: the reply box of the right thread', () => {
  it('an open inline reply on the prospect’s thread is where the draft goes', () => {
    const doc = gmailPage(handGmail('thread-inline-reply.html'));
    const spot = findGmailDraftSpot(
      doc,
      {
        kind: 'gmail-thread',
        url: 'https://mail.google.com/mail/u/0/#all/196195b51bdb9ff3',
        threadId: '196195b51bdb9ff3',
      },
      '#all/196195b51bdb9ff3',
    );
    expect(spot.kind).toBe('body');
    expect((spot as { body: Element }).body.closest('.M9')).not.toBeNull();
    // Another thread's draft waits: this page is not that thread.
    expect(
      findGmailDraftSpot(
        doc,
        { kind: 'gmail-thread', url: '', threadId: '183234ce86ffa010' },
        '#all/183234ce86ffa010',
      ),
    ).toEqual({ kind: 'wait' });
  });

  it('the real 2025 thread with no reply open offers its last Reply button; the thread is known by its perm id too', () => {
    const doc = gmailPage(sharedGmail('thread-view-2025.html'));
    expect(showsThread(doc, '196195b51bdb9ff3', '')).toBe(true);
    const spot = findGmailDraftSpot(
      doc,
      { kind: 'gmail-thread', url: '', threadId: '196195b51bdb9ff3' },
      '',
    );
    expect(spot.kind).toBe('reply-button');
    expect((spot as { button: Element }).button.getAttribute('data-tooltip')).toBe('Reply');
  });

  it('a new compose: the lone compose Gmail opened', () => {
    const doc = gmailPage(sharedGmail('compose-new-2020.html'));
    const spot = findGmailDraftSpot(
      doc,
      { kind: 'gmail-compose', url: '', to: 'jane@acme.example' },
      '',
    );
    expect(spot.kind).toBe('body');
  });
});

describe('LinkedIn: the message box of the right conversation or profile', () => {
  it('the conversation page of the prospect’s last conversation', () => {
    mountPage('hand:thread-page-send-button.html');
    const spot = findLinkedInDraftSpot(
      document,
      { kind: 'linkedin-conversation', url: threadUrl(JANE_THREAD), conversationId: JANE_THREAD },
      threadUrl(JANE_THREAD),
    );
    expect(spot.kind).toBe('body');
    expect((spot as { body: Element }).body.getAttribute('role')).toBe('textbox');
    expect(
      findLinkedInDraftSpot(
        document,
        {
          kind: 'linkedin-conversation',
          url: '',
          conversationId: '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==',
        },
        threadUrl(JANE_THREAD),
      ),
    ).toEqual({ kind: 'wait' });
  });

  it('a profile with his bubble open takes the draft there; another profile offers its Message link', () => {
    mountPage('hand:sdui-profile-first.html');
    const first = findLinkedInDraftSpot(
      document,
      { kind: 'linkedin-profile', url: '', profileId: 'tomas-herrera' },
      'https://www.linkedin.com/in/tomas-herrera/',
    );
    expect(first.kind).toBe('body');
    // Someone else's id: this page is not theirs.
    expect(
      findLinkedInDraftSpot(
        document,
        { kind: 'linkedin-profile', url: '', profileId: 'jane-doe-42' },
        'https://www.linkedin.com/in/tomas-herrera/',
      ),
    ).toEqual({ kind: 'wait' });
  });

  it('the real 2025 profile offers its top card’s Message button, labelled with his name', () => {
    mountPage('shared:profile-2025.html');
    const url = 'https://www.linkedin.com/in/rowanchase/';
    const spot = findLinkedInDraftSpot(
      document,
      { kind: 'linkedin-profile', url, profileId: 'rowanchase' },
      url,
    );
    expect(spot.kind).toBe('message-control');
    const control = (spot as { control: Element }).control;
    expect(control.getAttribute('aria-label')).toBe('Message Rowan');
    // The top card's, not the sticky header's copy.
    expect(control.id).toBe('ember100');
  });
});

function editableBox(): Element {
  const box = document.createElement('div');
  box.setAttribute('role', 'textbox');
  box.setAttribute('contenteditable', 'true');
  document.body.append(box);
  return box;
}

describe('inserting a draft', () => {
  it('puts the lines at the top of the box, above what it holds, and never twice', () => {
    const box = editableBox();
    const signature = document.createElement('div');
    signature.className = 'gmail_signature';
    signature.textContent = '-- Sam';
    box.append(signature);
    const inputs: string[] = [];
    box.addEventListener('input', (event) => inputs.push((event as InputEvent).inputType));
    expect(insertDraftText(box, 'Hi Jane,\n\nOne idea.', { lineTag: 'div' })).toBe('inserted');
    expect(box.textContent).toBe('Hi Jane,One idea.-- Sam');
    expect(
      [...box.children].map((child) => `${child.tagName}:${child.className}:${child.textContent}`),
    ).toEqual(['DIV::Hi Jane,', 'DIV::', 'DIV::One idea.', 'DIV:gmail_signature:-- Sam']);
    expect(box.children[1]!.firstElementChild?.tagName).toBe('BR');
    expect(inputs).toEqual(['insertText']);
    expect(insertDraftText(box, 'Hi Jane,\n\nOne idea.', { lineTag: 'div' })).toBe('not-empty');
    expect(box.children).toHaveLength(4);
  });

  it('markup in a draft stays text', () => {
    const box = editableBox();
    insertDraftText(box, '<img src=x onerror=alert(1)>', { lineTag: 'p' });
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
