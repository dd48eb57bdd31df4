// The background's handlers on the fake browser with a real store: every message is answered,
// unknown ones with an error, and a sender not allowed to send a type is refused before its
// payload is even read, writing nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDatabase } from './database';
import { resetHandlers } from './handle';
import { setUpMessages } from './messages';
import { setUpDiagnostics } from './diagnostics';

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];

const gmail = () =>
  ({
    id: fakeBrowser.runtime.id,
    url: 'https://mail.google.com/mail/u/0/',
    tab: { id: 1 },
  }) as Sender;
const linkedin = () =>
  ({ id: fakeBrowser.runtime.id, url: 'https://www.linkedin.com/in/x/', tab: { id: 2 } }) as Sender;
const panel = () =>
  ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') }) as Sender;

async function send(message: unknown, sender: Sender) {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  const replies = answers.filter((answer) => answer !== undefined);
  // Exactly one listener answers: the handler, or the catch-all for what no handler owns.
  expect(replies).toHaveLength(1);
  return replies[0] as { res?: unknown; err?: { name?: string; message: string } };
}

const envelope = (type: string, data?: unknown) => ({ id: 1, type, data, timestamp: Date.now() });

beforeEach(async () => {
  // The fake browser was reset (its listeners gone); the handlers' table too, here.
  resetHandlers();
  setUpMessages();
  setUpDiagnostics();
  const db = await openDatabase();
  await Promise.all([db.prospects.clear(), db.touches.clear(), db.outcomes.clear()]);
});

describe('the background answers every message', () => {
  it('an unknown type gets an error, not silence', async () => {
    const reply = await send(envelope('deleteEverything', {}), gmail());
    expect(reply.err).toMatchObject({ name: 'UnknownMessageError' });
    expect(reply.err?.message).toContain('deleteEverything');
  });

  it.each([
    ['a string', 'recordSend'],
    ['null', null],
    ['no type', { id: 1, data: {}, timestamp: 1 }],
    ['no timestamp', { id: 1, type: 'ping' }],
    ['a prototype key', envelope('__proto__')],
  ])('%s gets an error', async (_, message) => {
    const reply = await send(message, gmail());
    expect(reply.err?.name).toBe('UnknownMessageError');
  });

  it('a known type from an allowed sender is answered as before', async () => {
    const reply = await send(envelope('countDue'), gmail());
    expect(reply).toEqual({ res: { due: 0, overdue: 0 } });
  });
});

describe('each type is checked against its sender', () => {
  it('a content script calling a page-only message is refused and nothing is written', async () => {
    const db = await openDatabase();
    const tracked = await send(
      envelope('trackProspect', { name: 'Jane', emails: ['j@a.example'] }),
      panel(),
    );
    const prospectId = (tracked.res as { prospectId: string }).prospectId;
    const reply = await send(
      envelope('logManualTouch', { prospectId, channel: 'call', at: Date.now(), summary: 'x' }),
      gmail(),
    );
    expect(reply.err).toMatchObject({ name: 'ForbiddenSenderError' });
    expect(reply.err?.message).toMatch(/logManualTouch refused: a content script may not send it/);
    expect(await db.touches.count()).toBe(0);
    const forget = await send(
      envelope('forgetOwnAddress', { email: 'me@myco.example' }),
      linkedin(),
    );
    expect(forget.err?.name).toBe('ForbiddenSenderError');
  });

  it('another extension, or a page of ours framed in a web page, is refused everything', async () => {
    for (const sender of [
      { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' },
      { ...panel(), tab: { id: 9, url: 'https://evil.example/' } },
    ] as Sender[]) {
      const reply = await send(envelope('countDue'), sender);
      expect(reply.err?.name).toBe('ForbiddenSenderError');
    }
  });

  it('only LinkedIn’s content script may say whether its page could be read', async () => {
    const read = { page: 'profile', url: 'https://www.linkedin.com/in/x/', readable: false };
    expect(await send(envelope('reportPageRead', read), linkedin())).toEqual({
      res: { stored: true },
    });
    for (const sender of [gmail(), panel()]) {
      const reply = await send(envelope('reportPageRead', read), sender);
      expect(reply.err?.name).toBe('ForbiddenSenderError');
    }
  });

  it('a LinkedIn content script cannot record an email send, nor teach own addresses', async () => {
    const db = await openDatabase();
    const reply = await send(
      envelope('recordSend', {
        channel: 'email',
        at: Date.now(),
        sendKey: 'gmail:msg-a:r1',
        summary: 'Forged',
        confirmed: true,
        recipients: [{ email: 'jane@acme.example' }],
      }),
      linkedin(),
    );
    expect(reply.err?.name).toBe('ForbiddenSenderError');
    const learn = await send(
      envelope('learnOwnAddresses', { emails: ['x@acme.example'] }),
      linkedin(),
    );
    expect(learn.err?.name).toBe('ForbiddenSenderError');
    expect(await db.touches.count()).toBe(0);
    expect(await db.prospects.count()).toBe(0);
  });
});
