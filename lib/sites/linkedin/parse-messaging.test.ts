import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { detectedSendSchema } from '../../model';
import {
  MAX_BODY_CHARS,
  conversationIdFromMessageId,
  isConfirmedStatus,
  isErrorBody,
  messageSendFrom,
  parseCreateMessageRequest,
  parseCreateMessageResponse,
  parseInvitationRequest,
  sendKeyOf,
  toDetectedSend,
} from './parse-messaging';

interface NetworkFixture {
  _about: string;
  url?: string;
  status?: number;
  body: unknown;
}

/** A hand-made fixture, with its body as the page would see it: a JSON string. */
function load(name: string): { url: string; status: number; body: string } {
  const file = path.resolve(process.cwd(), 'tests/fixtures/linkedin/network', name);
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as NetworkFixture;
  expect(fixture._about.length).toBeGreaterThan(40);
  return {
    url: fixture.url ?? '',
    status: fixture.status ?? 0,
    body: JSON.stringify(fixture.body),
  };
}

const ME = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const NEW_PERSON = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const CONVERSATION = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const MESSAGE =
  '2-MTc0NTMxMjM0NTY3OGI0MTIzNC0xMDAmZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const NEW_CONVERSATION = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const AT = Date.UTC(2026, 10, 20, 9, 30);

function noTextIn(value: unknown): void {
  expect(JSON.stringify(value)).not.toMatch(
    /SECRET|following up|conference|loved your talk|legacy form/,
  );
}

describe('createMessage to an existing conversation', () => {
  const request = load('create-message-existing.request.json');
  const response = load('create-message-existing.response.json');

  it('reads the conversation and the sender, and nothing that was written', () => {
    const parsed = parseCreateMessageRequest(request.url, request.body);
    expect(parsed).toEqual({
      kind: 'message',
      conversationId: CONVERSATION,
      recipientMemberIds: [],
      mailboxMemberId: ME,
      originToken: '0f8a3d52-6a7e-4c1b-9f2d-5e4b3a2c1d0e',
    });
    noTextIn(parsed);
  });

  it('reads the message and conversation ids from the 2xx response', () => {
    expect(isConfirmedStatus(response.status)).toBe(true);
    const parsed = parseCreateMessageResponse(response.body);
    expect(parsed).toEqual({
      messageId: MESSAGE,
      conversationId: CONVERSATION,
      mailboxMemberId: ME,
      deliveredAt: 1745312345678,
    });
    noTextIn(parsed);
  });

  it('becomes one touch on the person the thread header shows, linked to the thread', () => {
    const send = messageSendFrom(
      parseCreateMessageRequest(request.url, request.body)!,
      parseCreateMessageResponse(response.body),
    );
    const detected = toDetectedSend(send, {
      at: AT,
      confirmed: true,
      people: [{ profileId: `https://www.linkedin.com/in/${TARIQ}`, name: ' Tariq  Noor ' }],
    });
    expect(detected).toEqual({
      channel: 'linkedin',
      at: 1745312345678,
      sendKey: `linkedin:message:${MESSAGE}`,
      summary: 'LinkedIn message',
      link: `https://www.linkedin.com/messaging/thread/${CONVERSATION}/`,
      threadId: CONVERSATION,
      account: ME,
      confirmed: true,
      recipients: [{ linkedinId: TARIQ, name: 'Tariq Noor' }],
    });
    expect(v.is(detectedSendSchema, detected)).toBe(true);
    noTextIn(detected);
  });

  it('names nobody, so records nothing, when the page showed no one', () => {
    const send = messageSendFrom(parseCreateMessageRequest(request.url, request.body)!, null);
    expect(toDetectedSend(send, { at: AT, confirmed: true })).toBeNull();
  });
});

describe('createMessage starting a new conversation', () => {
  const request = load('create-message-new.request.json');
  const response = load('create-message-new.response.json');

  it('reads the recipients from hostRecipientUrns, not the mailbox', () => {
    expect(parseCreateMessageRequest(request.url, request.body)).toEqual({
      kind: 'message',
      recipientMemberIds: [NEW_PERSON],
      mailboxMemberId: ME,
      originToken: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    });
  });

  it('derives the new conversation id from the message id when the response omits it', () => {
    const parsed = parseCreateMessageResponse(response.body);
    expect(parsed?.conversationId).toBe(NEW_CONVERSATION);
    expect(parsed?.deliveredAt).toBe(1745398765432);
  });

  it('becomes a touch on the recipient, named from the page, linked to the new thread', () => {
    const send = messageSendFrom(
      parseCreateMessageRequest(request.url, request.body)!,
      parseCreateMessageResponse(response.body),
    );
    const detected = toDetectedSend(send, {
      at: AT,
      confirmed: true,
      people: [{ profileId: 'jane-doe', name: 'Jane Doe' }],
    });
    // The page's vanity id rides along, so the member id and the vanity id land on one prospect.
    expect(detected?.recipients).toEqual([
      { linkedinId: NEW_PERSON, otherLinkedinIds: ['jane-doe'], name: 'Jane Doe' },
    ]);
    expect(detected?.link).toBe(`https://www.linkedin.com/messaging/thread/${NEW_CONVERSATION}/`);
    expect(detected?.sendKey).toMatch(/^linkedin:message:2-/);
  });

  it('without a response it is still one send, keyed by its origin token, linked to the profile', () => {
    const send = messageSendFrom(parseCreateMessageRequest(request.url, request.body)!, null);
    const detected = toDetectedSend(send, { at: AT, confirmed: false });
    expect(detected).toMatchObject({
      confirmed: false,
      sendKey: `linkedin:message:${NEW_PERSON}:7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
      link: `https://www.linkedin.com/in/${NEW_PERSON}/`,
      recipients: [{ linkedinId: NEW_PERSON }],
    });
  });
});

describe('a refused send', () => {
  it('a 429 is not a confirmation and its body has no ids', () => {
    const refused = load('create-message-429.response.json');
    expect(isConfirmedStatus(refused.status)).toBe(false);
    expect(isErrorBody(refused.body)).toBe(true);
    expect(parseCreateMessageResponse(refused.body)).toBeNull();
  });

  it.each([199, 300, 302, 400, 401, 403, 429, 500, 0, -1, 200.5, Number.NaN])(
    'status %s does not confirm',
    (status) => {
      expect(isConfirmedStatus(status)).toBe(false);
    },
  );

  it.each([200, 201, 204, 299])('status %s confirms', (status) => {
    expect(isConfirmedStatus(status)).toBe(true);
  });
});

describe('invitations', () => {
  it('with a note: the invitee and that there was a note, never the note', () => {
    const { url, body } = load('invitation-with-note.request.json');
    const parsed = parseInvitationRequest(url, body);
    expect(parsed).toEqual({ kind: 'invitation', inviteeId: ROWAN, hasNote: true });
    const detected = toDetectedSend(parsed!, {
      at: AT,
      confirmed: true,
      people: [{ profileId: 'rowanchase', name: 'Rowan Chase' }],
    });
    expect(detected).toEqual({
      channel: 'linkedin',
      at: AT,
      sendKey: `linkedin:invitation:${ROWAN}:2026-11-20`,
      summary: 'LinkedIn invitation with a note',
      link: `https://www.linkedin.com/in/${ROWAN}/`,
      confirmed: true,
      recipients: [{ linkedinId: ROWAN, otherLinkedinIds: ['rowanchase'], name: 'Rowan Chase' }],
    });
    noTextIn(detected);
  });

  it('from a profile page, both of the profile’s ids go with the invitee', () => {
    const { url, body } = load('invitation-with-note.request.json');
    const detected = toDetectedSend(parseInvitationRequest(url, body)!, {
      at: AT,
      confirmed: true,
      people: [{ profileIds: ['rowanchase', ROWAN], name: 'Rowan Chase' }],
    });
    expect(detected?.recipients).toEqual([
      { linkedinId: ROWAN, otherLinkedinIds: ['rowanchase'], name: 'Rowan Chase' },
    ]);
  });

  it('a blank note is no note', () => {
    const { url, body } = load('invitation-without-note.request.json');
    const parsed = parseInvitationRequest(url, body);
    expect(parsed).toEqual({ kind: 'invitation', inviteeId: ROWAN, hasNote: false });
    expect(toDetectedSend(parsed!, { at: AT, confirmed: true })?.summary).toBe(
      'LinkedIn invitation',
    );
  });

  it('the legacy endpoint names the invitee by vanity id', () => {
    const { url, body } = load('invitation-legacy.request.json');
    const parsed = parseInvitationRequest(url, body);
    expect(parsed).toEqual({ kind: 'invitation', inviteeId: 'rowanchase', hasNote: true });
    expect(toDetectedSend(parsed!, { at: AT, confirmed: false })?.link).toBe(
      'https://www.linkedin.com/in/rowanchase/',
    );
  });

  it('the same invitation on the same day has the same key', () => {
    const send = { kind: 'invitation' as const, inviteeId: ROWAN, hasNote: false };
    expect(sendKeyOf(send, AT)).toBe(sendKeyOf(send, AT + 60_000));
  });
});

describe('only the endpoints it knows', () => {
  const message = load('create-message-new.request.json');
  const invitation = load('invitation-with-note.request.json');

  it.each([
    'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=recall',
    'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessageDraft',
    'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerConversations?action=typing',
    'https://evil.example/createMessage',
    '',
  ])('ignores %s', (url) => {
    expect(parseCreateMessageRequest(url, message.body)).toBeNull();
    expect(parseInvitationRequest(url, invitation.body)).toBeNull();
  });

  it('a body naming neither a conversation nor a recipient is no send', () => {
    expect(
      parseCreateMessageRequest(message.url, JSON.stringify({ message: { body: { text: 'x' } } })),
    ).toBeNull();
    expect(
      parseInvitationRequest(invitation.url, JSON.stringify({ customMessage: 'hi' })),
    ).toBeNull();
  });

  it('accepts an already-parsed body and rejects oversized text', () => {
    expect(
      parseCreateMessageRequest(message.url, JSON.parse(message.body))?.recipientMemberIds,
    ).toEqual([NEW_PERSON]);
    const padded = JSON.stringify({ ...JSON.parse(message.body), pad: 'x'.repeat(MAX_BODY_CHARS) });
    expect(parseCreateMessageRequest(message.url, padded)).toBeNull();
  });

  it('a URN typed into the message text is never taken as a recipient', () => {
    const body = {
      message: {
        body: { text: `urn:li:fsd_profile:${TARIQ}` },
        text: `urn:li:fsd_profile:${TARIQ}`,
      },
      hostRecipientUrns: [`urn:li:fsd_profile:${NEW_PERSON}`],
    };
    expect(parseCreateMessageRequest(message.url, body)?.recipientMemberIds).toEqual([NEW_PERSON]);
  });
});

describe('message ids', () => {
  it('a message id leads to its conversation', () => {
    expect(conversationIdFromMessageId(MESSAGE)).toBe(CONVERSATION);
  });

  it('ids from the real 2025 thread capture all lead to one conversation', () => {
    const capture = readFileSync(
      path.resolve(process.cwd(), '../shared/fixtures/linkedin/dom/messaging-thread-2025.html'),
      'utf8',
    );
    const ids = [
      ...capture.matchAll(/urn:li:msg_message:\(urn:li:fsd_profile:[\w-]+,(2-[^)]+)\)/g),
    ].map((match) => match[1]!);
    expect(ids.length).toBe(4);
    expect(new Set(ids.map(conversationIdFromMessageId))).toEqual(new Set([CONVERSATION]));
  });

  it.each([
    '',
    '2-',
    '2-!!!',
    'abc',
    `2-${btoa('no ampersand here')}`,
    `2-${btoa('x&not-a-uuid')}`,
  ])('%j leads nowhere', (id) => {
    expect(conversationIdFromMessageId(id)).toBeNull();
  });
});

describe('never throws', () => {
  const urls = [
    'https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage',
    'https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2',
  ];
  const fixtures = [
    'create-message-existing.request.json',
    'create-message-existing.response.json',
    'create-message-new.request.json',
    'invitation-with-note.request.json',
  ].map((name) => load(name).body);

  it('on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...urls), (value, url) => {
        const text = JSON.stringify(value);
        for (const body of [value, text]) {
          const message = parseCreateMessageRequest(url, body);
          const invitation = parseInvitationRequest(url, body);
          const response = parseCreateMessageResponse(body);
          if (message)
            expect(message.conversationId || message.recipientMemberIds.length).toBeTruthy();
          if (invitation) expect(invitation.inviteeId.length).toBeGreaterThan(0);
          if (response) expect(response.messageId || response.conversationId).toBeTruthy();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on truncated and spliced fixtures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.nat(),
        fc.string({ maxLength: 20 }),
        (body, cut, splice) => {
          const at = cut % (body.length + 1);
          for (const mangled of [body.slice(0, at), body.slice(0, at) + splice + body.slice(at)]) {
            for (const url of urls) {
              parseCreateMessageRequest(url, mangled);
              parseInvitationRequest(url, mangled);
            }
            const response = parseCreateMessageResponse(mangled);
            if (response?.conversationId)
              expect(response.conversationId.startsWith('2-')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on hostile objects: getters that throw, cycles, huge arrays', () => {
    const hostile: Record<string, unknown> = {};
    Object.defineProperty(hostile, 'boom', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    hostile.self = hostile;
    hostile.many = Array.from({ length: 50_000 }, () => `urn:li:fsd_profile:${NEW_PERSON}`);
    expect(() => parseCreateMessageRequest(urls[0], hostile)).not.toThrow();
    // 50,000 copies of one URN: read within the node budget, and one recipient.
    expect(parseCreateMessageRequest(urls[0], hostile)?.recipientMemberIds).toEqual([NEW_PERSON]);
    expect(parseCreateMessageRequest(urls[0], 42)).toBeNull();
    expect(parseCreateMessageRequest(urls[0], null)).toBeNull();
    expect(parseCreateMessageRequest(urls[0], new Uint8Array(10))).toBeNull();
    expect(parseCreateMessageResponse(undefined)).toBeNull();
    expect(parseInvitationRequest(42, '{}')).toBeNull();
  });
});
