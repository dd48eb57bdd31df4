// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseFixture, templateOf } from '../../../tests/helpers/linkedin-fixtures';
import {
  ENDPOINTS,
  LABELS,
  SELECTOR_EXPECTATIONS,
  SELECTORS,
  TOP_CARD_KEY,
  containsLabel,
  matchesLabel,
  startsWithLabel,
  type Locale,
} from './selectors';

const documents = new Map<string, Document>();
function fixture(name: string): Document {
  let doc = documents.get(name);
  if (!doc) {
    const [page, template] = name.split('#') as [string, string | undefined];
    doc = parseFixture(page);
    if (template) {
      // What the page renders later from its template (a menu, a modal), on its own.
      const rendered = document.implementation.createHTMLDocument(name);
      rendered.body.append(rendered.importNode(templateOf(doc, template), true));
      doc = rendered;
    }
    documents.set(name, doc);
  }
  return doc;
}

describe('every selector against saved HTML', () => {
  it.each(SELECTOR_EXPECTATIONS.map((e) => [e.key, e.count, e.fixture] as const))(
    '%s finds %i in %s',
    (key, count, name) => {
      expect(fixture(name).querySelectorAll(SELECTORS[key].css).length).toBe(count);
    },
  );

  it('every selector is dated and checked against at least one fixture', () => {
    const checked = new Set(SELECTOR_EXPECTATIONS.map((e) => e.key));
    const unchecked = Object.keys(SELECTORS).filter(
      (key) => !checked.has(key as keyof typeof SELECTORS),
    );
    // Only the generic building blocks go unchecked here; the readers' tests exercise them.
    expect(unchecked.sort()).toEqual(
      ['buttonLike', 'headline', 'messageTimestamp', 'profileLink', 'profileUrnLink'].sort(),
    );
    for (const entry of Object.values(SELECTORS)) {
      expect(entry.lastSeen).toMatch(/\d{4}-\d{2}/);
    }
  });

  it('the generic building blocks match the captures', () => {
    const profile = fixture('shared:profile-2025.html');
    expect(profile.querySelectorAll(SELECTORS.profileUrnLink.css).length).toBeGreaterThan(10);
    expect(profile.querySelectorAll(SELECTORS.headline.css).length).toBeGreaterThan(0);
    const thread = fixture('shared:messaging-thread-2025.html');
    expect(thread.querySelectorAll(SELECTORS.messageTimestamp.css).length).toBeGreaterThan(4);
    expect(thread.querySelectorAll(SELECTORS.profileLink.css).length).toBeGreaterThan(4);
  });
});

describe('labels', () => {
  const locales: Locale[] = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'];

  it.each(['send', 'sendInvitation', 'addNote', 'message', 'more', 'connect'] as const)(
    '%s has every locale',
    (key) => {
      for (const locale of locales) {
        expect(LABELS[key].byLocale[locale].length).toBeGreaterThan(0);
      }
    },
  );

  it('match whole labels regardless of case, spacing and apostrophes', () => {
    expect(matchesLabel('Send', 'send')).toBe(true);
    expect(matchesLabel('  SENDEN ', 'send')).toBe(true);
    expect(matchesLabel('Envoyer l’invitation', 'sendInvitation')).toBe(true);
    expect(matchesLabel("Envoyer l'invitation", 'sendInvitation')).toBe(true);
    expect(matchesLabel('Ohne Notiz senden', 'sendWithoutNote')).toBe(true);
    expect(matchesLabel('Send profile in a message', 'send')).toBe(false);
    expect(matchesLabel('Open send options', 'send')).toBe(false);
    expect(matchesLabel('', 'send')).toBe(false);
    expect(matchesLabel(null, 'send')).toBe(false);
  });

  it('the Message button matches by prefix, the composer by word', () => {
    expect(startsWithLabel('Message Rowan', 'message')).toBe(true);
    expect(startsWithLabel('Nachricht an Rowan', 'message')).toBe(true);
    expect(startsWithLabel('Messages', 'message')).toBe(false);
    expect(containsLabel('Write a message…', 'writeMessage')).toBe(true);
    expect(containsLabel('Nachricht schreiben…', 'writeMessage')).toBe(true);
    expect(containsLabel('Add a comment…', 'writeMessage')).toBe(false);
  });

  it('the 2026 top card key names its owner; the other cards’ keys never match', () => {
    const key = (id: string, card: string) => `com.linkedin.sdui.profile.card.ref${id}${card}`;
    const id = 'ACoAAB3kPq0BxJr7TnQe2WvLs9HdYc4mUoA';
    expect(TOP_CARD_KEY.pattern.exec(key(id, 'Topcard'))?.[1]).toBe(id);
    for (const other of [key(id, 'About'), key(id, 'Featured'), key('priya-raman', 'Topcard')]) {
      expect(TOP_CARD_KEY.pattern.test(other)).toBe(false);
    }
    expect(TOP_CARD_KEY.pattern.test(`x${key(id, 'Topcard')}`)).toBe(false);
  });

  it('the capture’s own labels match', () => {
    const profile = fixture('shared:profile-2025.html');
    const message = [...profile.querySelectorAll('button[aria-label]')].filter((b) =>
      startsWithLabel(b.getAttribute('aria-label'), 'message'),
    );
    expect(message.length).toBe(2);
    const thread = fixture('shared:messaging-thread-2025.html');
    const composer = thread.querySelector(SELECTORS.composer.css);
    expect(containsLabel(composer?.getAttribute('aria-label'), 'writeMessage')).toBe(true);
  });
});

describe('endpoints', () => {
  it.each([
    [
      'createMessage',
      '/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
      true,
    ],
    [
      'createMessage',
      'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?decorationId=x&action=createMessage',
      true,
    ],
    [
      'createMessage',
      '/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessages',
      false,
    ],
    ['createMessage', '/voyager/api/voyagerMessagingDashMessengerMessages?action=recall', false],
    [
      'invitation',
      '/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2&decorationId=com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2',
      true,
    ],
    [
      'invitation',
      '/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreate',
      true,
    ],
    [
      'invitation',
      '/voyager/api/voyagerRelationshipsDashMemberRelationships?action=withdraw',
      false,
    ],
    ['invitationLegacy', '/voyager/api/growth/normInvitations?action=verifyQuotaAndCreate', true],
    // The 2026 SDUI actions are matched on the whole URL: LinkedIn's origin, the path, the action.
    [
      'sduiAddConnection',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      true,
    ],
    [
      'sduiAddConnection',
      '/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      false,
    ],
    [
      'sduiAddConnection',
      'https://attacker.example/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      false,
    ],
    [
      'sduiAddConnection',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaWithdrawInvitation',
      false,
    ],
    [
      'sduiWithdrawInvitation',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaWithdrawInvitation',
      true,
    ],
    [
      'sduiWithdrawInvitation',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaWithdrawConfirmationDialog',
      false,
    ],
  ] as const)('%s matches %s: %s', (key, url, expected) => {
    expect(ENDPOINTS[key].pattern.test(url)).toBe(expected);
  });
});
