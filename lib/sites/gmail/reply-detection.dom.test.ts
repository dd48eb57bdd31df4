// Where a Gmail reply becomes an outcome, on the real thread capture and a hand-made bounce: what
// is logged, flagged and said, once per message across page loads.
import path from 'node:path';
import { readThread } from './read-thread';
import { detectThreadReplies, type ReplyOutlets, type SeenReplies } from './reply-detection';
import { loadGmailPage } from '../../../tests/helpers/gmail-page';
import { prospectSummary } from '../../../tests/helpers/prospect-summary';

const THREAD = path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/thread-view-2025.html');
// The capture's message from person2@example.com arrived then (its legacy id dates it).
const RECEIVED = Date.UTC(2025, 3, 9, 7, 2, 17, 277);

function outlets(seen: SeenReplies = {}) {
  const logged: { prospectId: string; at: number }[] = [];
  const flagged: string[] = [];
  const store = { seen };
  const sink: ReplyOutlets = {
    logReply: async (reply) => {
      logged.push(reply);
      return { outcomeId: `o${logged.length}` };
    },
    markUndeliverable: async (email) => flagged.push(email),
    loadSeen: async () => ({ ...store.seen }),
    saveSeen: async (next) => {
      store.seen = next;
    },
  };
  return { sink, logged, flagged, store };
}

describe('Gmail reply detection', () => {
  const thread = readThread(loadGmailPage(THREAD))!;
  const person2 = prospectSummary({
    emails: ['person2@example.com'],
    lastTouchAt: RECEIVED - 86_400_000,
  });

  it('a prospect who wrote after the last touch is one reply outcome, said as marked', async () => {
    const out = outlets();
    const notices = await detectThreadReplies(thread, [person2], new Set(), out.sink);
    expect(out.logged).toEqual([{ prospectId: 'p1', at: RECEIVED }]);
    expect(notices.get('p1')).toEqual({ kind: 'marked', outcomeId: 'o1' });
    expect(out.store.seen).toEqual({ 'msg-f:1828907528778129395': 'marked' });
  });

  it('a message already acted on (marked or undone) is never logged again', async () => {
    const out = outlets({ 'msg-f:1828907528778129395': 'undone' });
    const notices = await detectThreadReplies(thread, [person2], new Set(), out.sink);
    expect(out.logged).toEqual([]);
    expect(notices.size).toBe(0);
  });

  it('the rep’s own messages are no reply', async () => {
    const out = outlets();
    await detectThreadReplies(thread, [person2], new Set(['person2@example.com']), out.sink);
    expect(out.logged).toEqual([]);
  });

  it('a bounce naming a prospect’s address flags it undeliverable, and is no reply', async () => {
    const out = outlets();
    const bounce = {
      threadPermId: null,
      legacyThreadId: null,
      subject: 'Pricing for the Acme rollout',
      messages: [
        {
          messageId: 'msg-f:1828907528778129395',
          legacyMessageId: null,
          fromEmail: 'mailer-daemon@googlemail.com',
          fromName: 'Mail Delivery Subsystem',
          namedEmails: ['cora.hale@example.org'],
        },
      ],
    };
    const notices = await detectThreadReplies(
      bounce,
      [prospectSummary({ lastTouchAt: 0 })],
      new Set(),
      out.sink,
    );
    expect(out.flagged).toEqual(['cora.hale@example.org']);
    expect(out.logged).toEqual([]);
    expect(notices.get('p1')).toEqual({ kind: 'bounce', email: 'cora.hale@example.org' });
  });
});
