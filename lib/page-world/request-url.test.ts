import { describe, expect, it } from 'vitest';
import { isSiteRequest, wholeUrlOf } from './request-url';

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
