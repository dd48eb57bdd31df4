import path from 'node:path';
import { readThread } from './read-thread';
import { findUndoButton, isUndoButton, noticeKind, readSendNotice } from './read-notice';
import { legacyHexOfThreadF } from './urls';
import { loadGmailPage } from '../../../tests/helpers/gmail-page';

const shared = (name: string) =>
  loadGmailPage(path.resolve(process.cwd(), '../shared/fixtures/gmail/dom', name));
const handMade = (name: string) =>
  loadGmailPage(path.resolve(process.cwd(), 'tests/fixtures/gmail', name));

describe('readThread on the real 2025 thread view', () => {
  const doc = shared('thread-view-2025.html');

  it('reads both ids, the subject and who wrote each message, ignoring the hidden inbox list', () => {
    expect(readThread(doc)).toEqual({
      threadPermId: 'thread-f:1828907528778129395',
      legacyThreadId: '196195b51bdb9ff3',
      subject: 'The PagerDuty Subscription for acmeco is within 30 days of its auto renewal date',
      messages: [
        {
          messageId: 'msg-f:1828907528778129395',
          legacyMessageId: '196195b51bdb9ff3',
          fromEmail: 'person2@example.com',
          fromName: 'PagerDuty, Inc.',
          to: [{ email: 'person1@example.com', name: 'me' }],
          // The notice's body links its sender's address; the reply below only quotes it (skipped).
          namedEmails: ['person2@example.com'],
        },
        {
          messageId: 'msg-a:r-3813093717009887474',
          legacyMessageId: null,
          fromEmail: 'person1@example.com',
          fromName: 'Dana Reyes',
          to: [{ email: 'person2@example.com', name: 'renewals' }],
        },
      ],
    });
  });

  it('its two ids are the same thread in two notations', () => {
    const thread = readThread(doc)!;
    expect(legacyHexOfThreadF(thread.threadPermId!)).toBe(thread.legacyThreadId);
  });

  it('is null where no thread is open', () => {
    expect(readThread(shared('compose-new-2020.html'))).toBeNull();
  });
});

describe('readThread on the hand-made thread with an inline reply', () => {
  it('lists the prospect first and the rep second', () => {
    const thread = readThread(handMade('thread-inline-reply.html'))!;
    expect(thread.subject).toBe('Pricing for the Acme rollout');
    expect(thread.messages.map((m) => [m.fromEmail, m.fromName])).toEqual([
      ['cora.hale@example.org', 'Cora Hale'],
      ['rep@example.com', 'Riley Rep'],
    ]);
    expect(thread.messages.map((m) => m.to)).toEqual([
      [{ email: 'rep@example.com', name: 'me' }],
      [{ email: 'cora.hale@example.org', name: 'Cora Hale' }],
    ]);
  });
});

describe('the notice bar', () => {
  it('is empty in the real capture, so there is no notice', () => {
    expect(readSendNotice(shared('thread-view-2025.html'))).toBeNull();
  });

  it('hand-made "Message sent" bar: a sent notice with its Undo link', () => {
    const doc = handMade('message-sent-bar.html');
    const notice = readSendNotice(doc)!;
    expect(notice.kind).toBe('sent');
    expect(notice.text).toBe('Message sent');
    expect(notice.undoButton?.id).toBe('link_undo');
    expect(isUndoButton(doc.getElementById('link_vsm')!)).toBe(false);
  });

  it('after Undo the same bar reads as undone, and has no Undo any more', () => {
    const doc = handMade('message-sent-bar.html');
    doc.querySelector('.bAq')!.textContent = 'Sending undone.';
    doc.querySelector('.bAo')!.remove();
    expect(readSendNotice(doc)).toMatchObject({
      kind: 'undone',
      text: 'Sending undone.',
      undoButton: null,
    });
  });

  it('finds a localised Undo without the legacy id', () => {
    const doc = handMade('message-sent-bar.html');
    const undo = doc.getElementById('link_undo')!;
    undo.removeAttribute('id');
    undo.textContent = 'Rückgängig';
    doc.querySelector('.bAq')!.textContent = 'Nachricht gesendet';
    const bar = doc.querySelector('[role="alert"]')!;
    expect(findUndoButton(bar)).toBe(undo);
    expect(readSendNotice(doc)?.kind).toBe('sent');
  });

  it.each([
    ['Message sent', 'sent'],
    ['Your message has been sent.', 'sent'],
    ['Sending…', 'sending'],
    ['Sending undone.', 'undone'],
    ['Send cancelled', 'undone'],
    ['Sending cancelled', 'undone'],
    ['Send scheduled for Tue, Nov 24, 8:00 AM', 'scheduled'],
    ['Message envoyé', 'sent'],
    ['Envoi annulé', 'undone'],
    ['Mensaje enviado', 'sent'],
    ['Conversation archived', 'other'],
  ])('"%s" is %s', (text, kind) => {
    expect(noticeKind(text)).toBe(kind);
  });
});
