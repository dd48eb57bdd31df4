import { describe, expect, it } from 'vitest';
import { isSiteRequest } from './request-url';

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
