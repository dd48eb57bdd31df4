import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSiteRequest, plainSiteUrl, wholeUrlOf } from './request-url';

const ENDPOINT =
  /\/voyager\/api\/voyagerMessagingDashMessengerMessages\?(?:[^#]*&)?action=createMessage(?:[&#]|$)/;
const parts = (raw: string) => {
  const url = new URL(raw, 'https://www.linkedin.com/messaging/');
  return { protocol: url.protocol, host: url.host, path: url.pathname + url.search };
};
const matches = (raw: string) => isSiteRequest(parts(raw), 'www.linkedin.com', [ENDPOINT]);

describe('isSiteRequest: a URL is matched whole', () => {
  it('takes the endpoint on the site, absolute or relative', () => {
    expect(
      matches(
        'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
      ),
    ).toBe(true);
    expect(matches('/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage')).toBe(
      true,
    );
  });

  it.each([
    'data:application/json,/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'blob:https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'http://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://www.linkedin.com.evil.example/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://www.linkedin.com:8443/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://www.linkedin.com/feed/?next=/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://www.linkedin.com/x/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    '//evil.example/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
  ])('refuses %s', (raw) => {
    expect(matches(raw)).toBe(false);
  });

  it('refuses nothing resolved at all', () => {
    expect(isSiteRequest(null, 'www.linkedin.com', [ENDPOINT])).toBe(false);
  });
});

describe('isSiteRequest: a pattern written for the whole URL', () => {
  const SDUI =
    /^https:\/\/www\.linkedin\.com\/flagship-web\/rsc-action\/actions\/server-request\?(?:[^#]*&)?sduiid=com\.linkedin\.sdui\.requests\.mynetwork\.addaAddConnection(?:[&#]|$)/;
  const action =
    '/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection';
  const sdui = (raw: string) => isSiteRequest(parts(raw), 'www.linkedin.com', [SDUI]);

  it('matches it from the whole URL’s first character, relative or absolute', () => {
    expect(sdui(`https://www.linkedin.com${action}`)).toBe(true);
    expect(sdui(action)).toBe(true);
  });

  it.each([
    `http://www.linkedin.com${action}`,
    `https://www.linkedin.com.evil.example${action}`,
    `data:text/plain,https://www.linkedin.com${action}`,
    `https://www.linkedin.com/feed/?next=https://www.linkedin.com${action}`,
  ])('refuses %s', (raw) => {
    expect(sdui(raw)).toBe(false);
  });

  it('the whole URL is scheme, host, path and query, as the browser resolved them', () => {
    expect(wholeUrlOf(parts(`/x${action}#frag`))).toBe(`https://www.linkedin.com/x${action}`);
    expect(sdui(`/x${action}`)).toBe(false);
  });
});

describe('plainSiteUrl: a plain URL read without the URL parser', () => {
  const GMAIL = 'https://mail.google.com/mail/u/0/';
  const parsed = (raw: string, base: string) => {
    try {
      const url = new URL(raw, base);
      return { protocol: url.protocol, host: url.host, path: url.pathname + url.search };
    } catch {
      return null;
    }
  };

  it("reads Gmail's own sync URLs, relative or absolute, as the parser does", () => {
    for (const raw of [
      '/sync/u/0/i/s?hl=en&c=12&rt=r&pt=ji',
      '/sync/u/12/i/s',
      '/sync/i/s?',
      'https://mail.google.com/sync/u/1/i/s?hl=en&c=3',
    ]) {
      const plain = plainSiteUrl(raw, GMAIL, 'mail.google.com');
      expect(plain).not.toBeNull();
      expect(plain).toEqual(parsed(raw, GMAIL));
    }
  });

  it.each([
    ['a dot segment', '/sync/u/0/i/./s', GMAIL],
    ['an encoded dot segment', '/sync/u/0/i/%2e%2e/i/s', GMAIL],
    ['a backslash', '/sync\\u/0/i/s', GMAIL],
    ['a scheme-relative URL', '//evil.example/sync/u/0/i/s', GMAIL],
    ['a fragment', '/sync/u/0/i/s#x', GMAIL],
    ['a tab the parser would drop', '/sy\tnc/u/0/i/s', GMAIL],
    ['a space', '/sync/u/0/i/s?q= x', GMAIL],
    ['a quote in the query', "/sync/u/0/i/s?q='", GMAIL],
    ['non-ASCII', '/sync/u/0/i/s?q=é', GMAIL],
    ['another host', 'https://evil.example/sync/u/0/i/s', GMAIL],
    ['a port', 'https://mail.google.com:443/sync/u/0/i/s', GMAIL],
    ['a user', 'https://me@mail.google.com/sync/u/0/i/s', GMAIL],
    ['a capital in the host', 'https://Mail.google.com/sync/u/0/i/s', GMAIL],
    ['http', 'http://mail.google.com/sync/u/0/i/s', GMAIL],
    ['a data: URL', 'data:text/plain,/sync/u/0/i/s', GMAIL],
    ['a base on another host', '/sync/u/0/i/s', 'https://evil.example/mail/'],
    ['a base on a longer host', '/sync/u/0/i/s', 'https://mail.google.com.evil.example/'],
    ['a base over http', '/sync/u/0/i/s', 'http://mail.google.com/'],
    ['a base with a port', '/sync/u/0/i/s', 'https://mail.google.com:8443/'],
    ['no base', '/sync/u/0/i/s', undefined],
  ])('leaves %s to the URL parser', (_, raw, base) => {
    expect(plainSiteUrl(raw, base, 'mail.google.com')).toBeNull();
  });

  it('whatever it reads, the URL parser reads the same', () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      'sync',
      'u',
      '0',
      '12',
      'i',
      's',
      '?',
      '??',
      '&',
      '=',
      'hl',
      'en',
      '.',
      '..',
      '%2e',
      '%2E',
      '%',
      '#',
      '\\',
      ' ',
      '\t',
      '\n',
      "'",
      '"',
      '<',
      '`',
      '{',
      '^',
      '|',
      'é',
      '@',
      ':',
      ';',
      '+',
      ',',
      '!',
      '*',
      '(',
      ')',
      '$',
      '~',
      '-',
      '_',
      'https:',
      'https://',
      'https://mail.google.com',
      'https://mail.google.com:443',
      'https://MAIL.google.com',
      'https://u@mail.google.com',
      'http://mail.google.com',
      'mail.google.com',
      'data:',
    );
    // Most runs start from a URL the fast path takes, so that what is appended is what is tested.
    const start = fc.constantFrom(
      '',
      '/',
      '/sync/u/0/i/s',
      '/sync/u/0/i/s?hl=en&c=',
      'https://mail.google.com/',
    );
    const raw = fc
      .tuple(start, fc.array(piece, { maxLength: 8 }))
      .map(([first, pieces]) => first + pieces.join(''));
    const base = fc.constantFrom(
      GMAIL,
      'https://mail.google.com/',
      'https://mail.google.com/mail/u/0/?x=1#inbox',
      'https://mail.google.com.evil.example/',
      'https://evil.example/mail.google.com/',
      'http://mail.google.com/',
      'https://mail.google.com:8443/',
      'https://u@mail.google.com/',
    );
    let read = 0;
    fc.assert(
      fc.property(raw, base, (raw, base) => {
        const plain = plainSiteUrl(raw, base, 'mail.google.com');
        if (plain === null) return;
        read += 1;
        expect(plain).toEqual(parsed(raw, base));
      }),
      { numRuns: 20_000 },
    );
    // Not a vacuous pass: thousands of the URLs were read without the parser.
    expect(read).toBeGreaterThan(2_000);
  });
});
