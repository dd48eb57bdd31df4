import path from 'node:path';
import { Window } from 'happy-dom';
import {
  findComposes,
  findSendButton,
  isSendButton,
  parseAddressList,
  readCompose,
  sendButtonOf,
  sendKeyOfCompose,
} from './read-compose';
import { gmailSendKey } from './ids';
import { loadGmailPage } from '../../../tests/helpers/gmail-page';

const shared = (name: string) =>
  loadGmailPage(path.resolve(process.cwd(), '../shared/fixtures/gmail/dom', name));
const handMade = (name: string) =>
  loadGmailPage(path.resolve(process.cwd(), 'tests/fixtures/gmail', name));

describe('the real 2020 "New Message" compose', () => {
  const doc = shared('compose-new-2020.html');

  it('is found once, as its dialog', () => {
    const composes = findComposes(doc);
    expect(composes).toHaveLength(1);
    expect(composes[0]!.getAttribute('role')).toBe('dialog');
  });

  it('gives its draft id (the key the network layer uses) and no recipients yet', () => {
    const state = readCompose(findComposes(doc)[0]!);
    expect(state).toEqual({
      draftId: 'msg-a:r-7673660351152959857',
      threadId: 'thread-a:r-7681922771531347793',
      to: [],
      cc: [],
      bcc: [],
      subject: '',
      isInlineReply: false,
    });
    expect(sendKeyOfCompose(state)).toBe(gmailSendKey('msg-a:r-7673660351152959857'));
  });

  it('finds Send by its name, not "More send options" or the formatting buttons', () => {
    const compose = findComposes(doc)[0]!;
    const send = findSendButton(compose)!;
    expect(send.getAttribute('aria-label')).toBe('Send \u202a(Ctrl-Enter)\u202c');
    expect(send.getAttribute('id')).toBe(':79');
    const others = Array.from(compose.querySelectorAll('[role="button"]')).filter(isSendButton);
    expect(others).toEqual([send]);
  });

  it('knows a click on the text inside Send is a click on Send', () => {
    const send = findSendButton(findComposes(doc)[0]!)!;
    const inner = doc.createElement('span');
    send.appendChild(inner);
    expect(sendButtonOf(inner)).toBe(send);
    expect(sendButtonOf(doc.querySelector('[aria-label="More send options"]')!)).toBeNull();
  });
});

describe('the real 2025 thread view', () => {
  it('has no compose, and "Send feedback" is not a Send button', () => {
    const doc = shared('thread-view-2025.html');
    expect(findComposes(doc)).toEqual([]);
    const feedback = doc.querySelector('[aria-label="Send feedback"]')!;
    expect(feedback).not.toBeNull();
    expect(isSendButton(feedback)).toBe(false);
    expect(
      Array.from(doc.querySelectorAll('[role="button"], [role="menuitem"], button')).filter(
        isSendButton,
      ),
    ).toEqual([]);
  });
});

describe('hand-made: two composes open, 2021+ chips and classic chips', () => {
  const doc = handMade('compose-chips.html');
  const [modern, classic] = findComposes(doc);

  it('finds both composes, each once', () => {
    expect(findComposes(doc).map((c) => c.id)).toEqual(['compose-new-ui', 'compose-classic-ui']);
  });

  it('reads To chips, the typed address not yet a chip, and the Cc chip', () => {
    expect(readCompose(modern!)).toEqual({
      draftId: 'msg-a:r-1111111111111111111',
      threadId: 'thread-a:r-2222222222222222222',
      to: [
        { email: 'dana.reyes@example.org', name: 'Dana Reyes' },
        { email: 'ops@example.org' },
        { email: 'cora.hale@example.org', name: 'Cora Hale' },
      ],
      cc: [{ email: 'sam.fields@example.org', name: 'Sam Fields' }],
      bcc: [],
      subject: 'Quick question about Q3',
      isInlineReply: false,
    });
  });

  it('reads classic chips from their email attribute and hidden value, To and Bcc apart', () => {
    const state = readCompose(classic!);
    expect(state.to).toEqual([{ email: 'parker.vance@example.org', name: 'Parker Vance' }]);
    expect(state.cc).toEqual([]);
    expect(state.bcc).toEqual([{ email: 'crm-log@example.com' }]);
    expect(state.draftId).toBe('msg-a:r3333333333333333333');
    expect(state.threadId).toBeNull();
  });

  it('each compose has its own Send button', () => {
    const modernSend = findSendButton(modern!)!;
    const classicSend = findSendButton(classic!)!;
    expect(modernSend).not.toBe(classicSend);
    expect(modern!.contains(modernSend)).toBe(true);
    expect(classic!.contains(classicSend)).toBe(true);
  });
});

describe('hand-made: an inline reply inside a thread', () => {
  const doc = handMade('thread-inline-reply.html');

  it('is found as its .M9 compose and read as an inline reply under the thread subject', () => {
    const composes = findComposes(doc);
    expect(composes).toHaveLength(1);
    expect(readCompose(composes[0]!)).toEqual({
      draftId: 'msg-a:r-4444444444444444444',
      threadId: 'thread-f:1828907528778129395',
      to: [{ email: 'cora.hale@example.org', name: 'Cora Hale' }],
      cc: [],
      bcc: [],
      subject: 'Pricing for the Acme rollout',
      isInlineReply: true,
    });
    expect(findSendButton(composes[0]!)?.textContent?.trim()).toBe('Send');
  });

  it("the thread's Reply buttons are not Send buttons", () => {
    const reply = doc.querySelector('[aria-label="Reply"]')!;
    expect(isSendButton(reply)).toBe(false);
  });
});

describe('hand-made: a pop-out compose in German', () => {
  const doc = handMade('compose-popout.html');

  it('reads the chip and the classic Cc with a quoted "Last, First" name', () => {
    const state = readCompose(findComposes(doc)[0]!);
    expect(state.to).toEqual([{ email: 'jonas.berg@example.de', name: 'Jonas Berg' }]);
    expect(state.cc).toEqual([
      { email: 'lena.weber@example.de', name: 'Weber, Lena' },
      { email: 'einkauf@example.de' },
    ]);
    expect(state.subject).toBe('Angebot für 40 Lizenzen');
  });

  it('finds "Senden (Strg-Eingabetaste)" as Send, and not "Weitere Sendeoptionen"', () => {
    const compose = findComposes(doc)[0]!;
    expect(findSendButton(compose)?.getAttribute('aria-label')).toMatch(/^Senden/);
    expect(isSendButton(doc.querySelector('[aria-label="Weitere Sendeoptionen"]')!)).toBe(false);
  });
});

describe('isSendButton by name across languages, with the class only as a last resort', () => {
  const doc = new Window().document as unknown as Document;
  const button = (attributes: Record<string, string>, text = '') => {
    const element = doc.createElement('div');
    element.setAttribute('role', 'button');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.textContent = text;
    return element;
  };

  it.each([
    'Send \u202a(Ctrl-Enter)\u202c',
    'Send \u202a(⌘Enter)\u202c',
    'Envoyer \u202a(Ctrl+Entrée)\u202c',
    'Enviar',
    '送信 (Ctrl+Enter)',
    '发送（Ctrl-Enter）',
    'Отправить',
    'Send and archive',
  ])('"%s" is Send', (label) => {
    expect(isSendButton(button({ 'aria-label': label }))).toBe(true);
  });

  it.each([
    'Send feedback',
    'Sending…',
    'More send options',
    'Resend',
    'Schedule send',
    'Senden planen',
  ])('"%s" is not Send', (label) => {
    expect(isSendButton(button({ 'aria-label': label }))).toBe(false);
  });

  it('falls back to the T-I aoO classes for a locale the list misses, but never for a menu button', () => {
    expect(isSendButton(button({ class: 'T-I J-J5-Ji aoO v7', 'aria-label': 'Tuma' }))).toBe(true);
    expect(isSendButton(button({ class: 'T-I aoO', 'aria-haspopup': 'true' }))).toBe(false);
    const notAButton = doc.createElement('div');
    notAButton.setAttribute('aria-label', 'Send');
    expect(isSendButton(notAButton)).toBe(false);
  });
});

describe('parseAddressList', () => {
  it('reads the forms people type and paste', () => {
    expect(
      parseAddressList(
        'Dana Reyes <Dana@Example.org>, ops@example.org; "Hale, Cora" <cora@example.org>',
      ),
    ).toEqual([
      { email: 'dana@example.org', name: 'Dana Reyes' },
      { email: 'ops@example.org' },
      { email: 'cora@example.org', name: 'Hale, Cora' },
    ]);
  });

  it('skips half-typed and malformed entries', () => {
    expect(parseAddressList('dana@, <>, just words, a@b, x@y.co')).toEqual([{ email: 'x@y.co' }]);
    expect(parseAddressList('')).toEqual([]);
  });
});
