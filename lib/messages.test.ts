// Who may send what: each message type names its senders, and a sender is told from its id, URL
// and tab, never from anything it says about itself.
import { describe, expect, it } from 'vitest';
import {
  authorizePort,
  authorizeSender,
  authorizeSite,
  classifySender,
  ForbiddenSenderError,
  isProtocolMessage,
  MESSAGE_SENDERS,
  messageSchemas,
  PORT_SENDERS,
  portMessageFitsSender,
  SENDS_PORT,
  type ProtocolMap,
} from './messages';

const SELF = { id: 'ours', origin: 'chrome-extension://ours/' };
const GMAIL_TAB = { id: 'ours', url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3 } };
const LINKEDIN_TAB = { id: 'ours', url: 'https://www.linkedin.com/in/x/', tab: { id: 4 } };
const PANEL = { id: 'ours', url: 'chrome-extension://ours/sidepanel.html' };
const OPTIONS_TAB = {
  id: 'ours',
  url: 'chrome-extension://ours/options.html',
  tab: { id: 5, url: 'chrome-extension://ours/options.html' },
};

describe('classifySender', () => {
  it('tells our pages, our content scripts and everyone else apart', () => {
    expect(classifySender(PANEL, SELF)).toEqual({ role: 'extension' });
    expect(classifySender(OPTIONS_TAB, SELF)).toEqual({ role: 'extension' });
    expect(classifySender(GMAIL_TAB, SELF)).toEqual({ role: 'content', site: 'gmail' });
    expect(classifySender(LINKEDIN_TAB, SELF)).toEqual({ role: 'content', site: 'linkedin' });
  });

  it.each([
    ['no sender', undefined],
    ['another extension', { ...PANEL, id: 'theirs' }],
    ['another extension’s page', { id: 'theirs', url: 'chrome-extension://theirs/x.html' }],
    ['our page framed in a web page', { ...PANEL, tab: { id: 1, url: 'https://evil.example/' } }],
    ['a tracked site over http', { ...GMAIL_TAB, url: 'http://mail.google.com/mail/' }],
    ['a look-alike host', { ...GMAIL_TAB, url: 'https://mail.google.com.evil.example/' }],
    ['another site', { ...GMAIL_TAB, url: 'https://evil.example/' }],
    ['a site frame without a tab', { id: 'ours', url: 'https://mail.google.com/mail/' }],
    ['no URL', { id: 'ours', tab: { id: 1 } }],
  ])('%s is unknown', (_, sender) => {
    expect(classifySender(sender, SELF).role).toBe('unknown');
  });
});

describe('every message type names who may send it', () => {
  it('covers the whole protocol, and every type allows someone', () => {
    expect(Object.keys(MESSAGE_SENDERS).sort()).toEqual(Object.keys(messageSchemas).sort());
    for (const senders of Object.values(MESSAGE_SENDERS)) expect(senders.length).toBeGreaterThan(0);
  });

  it('content scripts may not send what only our pages may (deletes of touches by hand, forgetting an address)', () => {
    for (const type of ['logManualTouch', 'forgetOwnAddress'] as const) {
      expect(() => authorizeSender(type, { role: 'content', site: 'gmail' })).toThrow(
        ForbiddenSenderError,
      );
      expect(() => authorizeSender(type, { role: 'extension' })).not.toThrow();
    }
  });

  it('our pages may not pose as a content script recording sends', () => {
    for (const type of ['recordSend', 'withdrawSend', 'learnOwnAddresses'] as const) {
      expect(() => authorizeSender(type, { role: 'extension' })).toThrow(/may not send it/);
    }
  });

  it('nobody unknown may send anything', () => {
    for (const type of Object.keys(messageSchemas) as (keyof ProtocolMap)[]) {
      expect(() => authorizeSender(type, { role: 'unknown', why: 'another extension' })).toThrow(
        ForbiddenSenderError,
      );
    }
  });

  it('a content script speaks for its own site only', () => {
    const linkedin = { role: 'content', site: 'linkedin' } as const;
    const gmail = { role: 'content', site: 'gmail' } as const;
    const emailSend = {
      channel: 'email' as const,
      at: 1,
      sendKey: 'k',
      summary: '',
      confirmed: true,
      recipients: [{ email: 'a@b.example' }],
    };
    expect(() => authorizeSite('recordSend', linkedin, emailSend)).toThrow(ForbiddenSenderError);
    expect(() => authorizeSite('recordSend', gmail, emailSend)).not.toThrow();
    expect(() =>
      authorizeSite('learnOwnAddresses', linkedin, { emails: ['me@x.example'] }),
    ).toThrow(ForbiddenSenderError);
    expect(() =>
      authorizeSite('reportDiagnostic', gmail, { site: 'linkedin', check: 'x' }),
    ).toThrow(ForbiddenSenderError);
  });

  it('knows its own message types', () => {
    expect(isProtocolMessage('recordSend')).toBe(true);
    expect(isProtocolMessage('deleteEverything')).toBe(false);
    expect(isProtocolMessage('__proto__')).toBe(false);
    expect(isProtocolMessage(42)).toBe(false);
  });
});

describe('the sends port names who may open it', () => {
  const gmail = classifySender(GMAIL_TAB, SELF);
  const linkedin = classifySender(LINKEDIN_TAB, SELF);

  it('our content scripts may; our pages, strangers and unknown port names may not', () => {
    expect(PORT_SENDERS[SENDS_PORT]).toEqual(['content']);
    expect(() => authorizePort(SENDS_PORT, gmail)).not.toThrow();
    expect(() => authorizePort(SENDS_PORT, linkedin)).not.toThrow();
    expect(() => authorizePort(SENDS_PORT, classifySender(PANEL, SELF))).toThrow(
      ForbiddenSenderError,
    );
    expect(() =>
      authorizePort(SENDS_PORT, classifySender({ ...GMAIL_TAB, id: 'theirs' }, SELF)),
    ).toThrow(/another extension/);
    expect(() => authorizePort('__proto__', gmail)).toThrow(/no such port/);
  });

  it('a page speaks for its own site only over it', () => {
    const claim = (channel: 'email' | 'linkedin') =>
      ({ type: 'claim', channel, sendKey: 'k' }) as const;
    expect(portMessageFitsSender(claim('email'), gmail)).toBe(true);
    expect(portMessageFitsSender(claim('linkedin'), gmail)).toBe(false);
    expect(portMessageFitsSender(claim('linkedin'), linkedin)).toBe(true);
    expect(portMessageFitsSender(claim('email'), linkedin)).toBe(false);
    expect(portMessageFitsSender({ type: 'ping' }, linkedin)).toBe(true);
  });
});
