import path from 'node:path';
import { readThread } from './read-thread';
import { findThreadBounces, findThreadReplies, messageTimeOf } from './replies';
import { loadGmailPage } from '../../../tests/helpers/gmail-page';
import { prospectSummary } from '../../../tests/helpers/prospect-summary';

const THREAD = path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/thread-view-2025.html');
const INLINE = path.resolve(process.cwd(), 'tests/fixtures/gmail/thread-inline-reply.html');

// 196195b51bdb9ff3 → 2025-04-09 07:02:17 UTC, the capture's own "Apr 9, 2025, 3:02 AM" (EDT).
const RECEIVED = Date.UTC(2025, 3, 9, 7, 2, 17, 277);

describe('messageTimeOf', () => {
  it('reads the arrival time out of the legacy id, as the capture dates it', () => {
    expect(messageTimeOf({ messageId: null, legacyMessageId: '196195b51bdb9ff3' })).toBe(RECEIVED);
    expect(messageTimeOf({ messageId: 'msg-f:1828907528778129395', legacyMessageId: null })).toBe(
      RECEIVED,
    );
  });

  it('has no time for a client id (msg-a:) or junk', () => {
    expect(
      messageTimeOf({ messageId: 'msg-a:r-3813093717009887474', legacyMessageId: null }),
    ).toBeNull();
    expect(messageTimeOf({ messageId: 'msg-f:12', legacyMessageId: 'zz' })).toBeNull();
  });
});

describe('findThreadReplies on the thread capture', () => {
  const thread = readThread(loadGmailPage(THREAD))!;

  it('the sender wrote after our last touch: a reply', () => {
    const replies = findThreadReplies(thread, [
      prospectSummary({ emails: ['person2@example.com'], lastTouchAt: RECEIVED - 86_400_000 }),
    ]);
    expect(replies).toEqual([
      {
        prospectId: 'p1',
        email: 'person2@example.com',
        messageId: 'msg-f:1828907528778129395',
        at: RECEIVED,
        kind: 'reply',
      },
    ]);
  });

  it('nothing when our last touch came after their message, or they already replied', () => {
    expect(
      findThreadReplies(thread, [
        prospectSummary({ emails: ['person2@example.com'], lastTouchAt: RECEIVED + 1 }),
      ]),
    ).toEqual([]);
    expect(
      findThreadReplies(thread, [
        prospectSummary({ emails: ['person2@example.com'], lastTouchAt: 0, status: 'replied' }),
      ]),
    ).toEqual([]);
  });

  it("the user's own messages are never a prospect's reply", () => {
    expect(
      findThreadReplies(
        thread,
        [prospectSummary({ emails: ['person2@example.com'], lastTouchAt: 0 })],
        new Set(['person2@example.com']),
      ),
    ).toEqual([]);
  });
});

describe('findThreadReplies on the hand-made inline-reply thread', () => {
  it("finds the prospect's message by its legacy id", () => {
    const thread = readThread(loadGmailPage(INLINE))!;
    const [reply] = findThreadReplies(thread, [prospectSummary({ lastTouchAt: RECEIVED - 1000 })]);
    expect(reply).toMatchObject({ email: 'cora.hale@example.org', kind: 'reply', at: RECEIVED });
  });
});

describe('findThreadReplies on hand-made auto-replies and bounces', () => {
  const base = { threadPermId: null, legacyThreadId: null };
  it('an out-of-office subject is an auto-reply, never a reply', () => {
    const [reply] = findThreadReplies(
      {
        ...base,
        subject: 'Automatic reply: Pricing',
        messages: [
          {
            messageId: 'msg-f:1828907528778129395',
            legacyMessageId: null,
            fromEmail: 'cora.hale@example.org',
            fromName: 'Cora',
          },
        ],
      },
      [prospectSummary({ lastTouchAt: 0 })],
    );
    expect(reply!.kind).toBe('auto-reply');
  });

  it('a mailer-daemon message is never a reply', () => {
    const replies = findThreadReplies(
      {
        ...base,
        subject: 'Delivery Status Notification (Failure)',
        messages: [
          {
            messageId: 'msg-f:1828907528778129395',
            legacyMessageId: null,
            fromEmail: 'mailer-daemon@googlemail.com',
            fromName: 'Mail Delivery Subsystem',
            namedEmails: ['cora.hale@example.org'],
          },
        ],
      },
      [prospectSummary({ lastTouchAt: 0 })],
    );
    expect(replies).toEqual([]);
  });
});

describe('findThreadBounces', () => {
  const base = {
    threadPermId: null,
    legacyThreadId: null,
    subject: 'Pricing for the Acme rollout',
  };
  const daemon = (namedEmails?: string[], messageId = 'msg-f:1828907528778129395') => ({
    messageId,
    legacyMessageId: null,
    fromEmail: 'mailer-daemon@googlemail.com',
    fromName: 'Mail Delivery Subsystem',
    ...(namedEmails ? { namedEmails } : {}),
  });
  const cora = prospectSummary({ lastTouchAt: 0 });
  const ben = prospectSummary({
    id: 'p2',
    name: 'Ben',
    emails: ['ben@example.org'],
    lastTouchAt: 0,
  });

  it('a report naming the address flags that prospect and address only', () => {
    const bounces = findThreadBounces({ ...base, messages: [daemon(['cora.hale@example.org'])] }, [
      cora,
      ben,
    ]);
    expect(bounces).toEqual([
      {
        prospectId: 'p1',
        email: 'cora.hale@example.org',
        messageId: 'msg-f:1828907528778129395',
        at: RECEIVED,
      },
    ]);
  });

  it('a report whose body is not shown is said for the thread, with no address to flag', () => {
    const bounces = findThreadBounces({ ...base, messages: [daemon()] }, [cora]);
    expect(bounces).toEqual([expect.objectContaining({ prospectId: 'p1', email: null })]);
  });

  it('nothing before the last touch (of any channel), nor for people not tracked', () => {
    const messages = [daemon(['cora.hale@example.org'])];
    expect(findThreadBounces({ ...base, messages }, [{ ...cora, lastTouchAt: RECEIVED }])).toEqual(
      [],
    );
    expect(findThreadBounces({ ...base, messages }, [{ ...cora, status: 'not-prospect' }])).toEqual(
      [],
    );
  });

  it("the prospect's own message is a reply, not a bounce, even with a bounce-like subject", () => {
    const messages = [
      {
        messageId: 'msg-f:1828907528778129395',
        legacyMessageId: null,
        fromEmail: 'cora.hale@example.org',
        fromName: 'Cora Hale',
      },
    ];
    expect(
      findThreadBounces({ ...base, subject: 'Undeliverable: Pricing', messages }, [cora]),
    ).toEqual([]);
  });
});

describe('readThread and bounces on the hand-made bounce thread', () => {
  const BOUNCE = path.resolve(process.cwd(), 'tests/fixtures/gmail/thread-bounce.html');

  it("names the bounced address from the report's body, not from the quoted original", () => {
    const thread = readThread(loadGmailPage(BOUNCE))!;
    const report = thread.messages.find((m) => m.fromEmail === 'mailer-daemon@googlemail.com')!;
    expect(report.namedEmails).toEqual(['cora.hale@example.org']);
    const ben = prospectSummary({ id: 'p2', emails: ['ben.ortiz@example.org'], lastTouchAt: 0 });
    const cora = prospectSummary({ lastTouchAt: 0 });
    expect(findThreadBounces(thread, [cora, ben], new Set(['rep@example.com']))).toEqual([
      expect.objectContaining({ prospectId: 'p1', email: 'cora.hale@example.org' }),
    ]);
    expect(findThreadReplies(thread, [cora, ben], new Set(['rep@example.com']))).toEqual([]);
  });
});

describe('a reply is per person, across channels and threads', () => {
  const thread = readThread(loadGmailPage(INLINE))!;

  it("counts against the prospect's last touch on any channel, not this thread's", () => {
    // Cora's message came after our last email but before a LinkedIn message we sent her since:
    // our LinkedIn touch is the last, so her email is not a reply to it.
    expect(
      findThreadReplies(thread, [prospectSummary({ lastTouchAt: RECEIVED + 60_000 })]),
    ).toEqual([]);
    // A thread we never wrote in: her message after our last touch elsewhere is a reply.
    const newThread = {
      ...thread,
      threadPermId: 'thread-f:1',
      messages: thread.messages.filter((m) => m.fromEmail === 'cora.hale@example.org'),
    };
    expect(
      findThreadReplies(newThread, [prospectSummary({ lastTouchAt: RECEIVED - 60_000 })]),
    ).toEqual([expect.objectContaining({ prospectId: 'p1', kind: 'reply', at: RECEIVED })]);
  });

  it('once: a prospect already marked replied (from LinkedIn or another thread) gives nothing', () => {
    expect(
      findThreadReplies(thread, [
        prospectSummary({ lastTouchAt: RECEIVED - 60_000, status: 'replied' }),
      ]),
    ).toEqual([]);
  });
});
