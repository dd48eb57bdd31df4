import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BRIDGE_MAX_CHARS,
  bridgeDetailOf,
  detectedSendOfBridgeEvent,
  parseBridgeEvent,
  sendOfBridgeEvent,
} from './bridge';
import {
  messageSendFrom,
  parseCreateMessageRequest,
  parseCreateMessageResponse,
  parseInvitationRequest,
} from './parse-messaging';

function fixture(name: string): { url: string; body: string } {
  const file = path.resolve(process.cwd(), 'tests/fixtures/linkedin/network', name);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { url?: string; body: unknown };
  return { url: parsed.url ?? '', body: JSON.stringify(parsed.body) };
}

const AT = Date.UTC(2026, 10, 20, 9, 30);
const CONVERSATION = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';

function observedMessage() {
  const request = fixture('create-message-existing.request.json');
  const response = fixture('create-message-existing.response.json');
  return messageSendFrom(
    parseCreateMessageRequest(request.url, request.body)!,
    parseCreateMessageResponse(response.body),
  );
}

describe('a message crosses the bridge as metadata', () => {
  it('round-trips and becomes one send on the person the page shows', () => {
    const detail = bridgeDetailOf(observedMessage(), { at: AT, status: 200 });
    expect(detail).not.toBeNull();
    expect(detail!.length).toBeLessThan(1000);
    expect(detail).not.toMatch(/SECRET|following up/);
    const parsed = parseBridgeEvent(detail);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(sendOfBridgeEvent(parsed.event)).toEqual(observedMessage());
    const send = detectedSendOfBridgeEvent(parsed.event, [
      { profileId: TARIQ, name: 'Tariq Noor' },
    ]);
    expect(send).toMatchObject({
      channel: 'linkedin',
      confirmed: true,
      threadId: CONVERSATION,
      recipients: [{ linkedinId: TARIQ, name: 'Tariq Noor' }],
    });
  });

  it('a 429 crosses but records nothing', () => {
    const detail = bridgeDetailOf(observedMessage(), { at: AT, status: 429 });
    const parsed = parseBridgeEvent(detail);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(detectedSendOfBridgeEvent(parsed.event, [{ profileId: TARIQ }])).toBeNull();
  });

  it('an invitation crosses with hasNote and never its note', () => {
    const { url, body } = fixture('invitation-with-note.request.json');
    const detail = bridgeDetailOf(parseInvitationRequest(url, body)!, { at: AT, status: 201 });
    expect(detail).not.toMatch(/SECRET|talk/);
    const parsed = parseBridgeEvent(detail);
    expect(parsed.ok && parsed.event).toMatchObject({ kind: 'invitation', hasNote: true });
    if (parsed.ok)
      expect(detectedSendOfBridgeEvent(parsed.event)?.summary).toBe(
        'LinkedIn invitation with a note',
      );
  });
});

describe('the isolated side refuses what it did not expect', () => {
  const valid = JSON.parse(bridgeDetailOf(observedMessage(), { at: AT, status: 200 })!) as Record<
    string,
    unknown
  >;

  it.each([
    ['an object instead of a string', valid, 'not-a-string'],
    ['nothing', undefined, 'not-a-string'],
    ['a huge string', JSON.stringify({ ...valid, pad: 'x'.repeat(BRIDGE_MAX_CHARS) }), 'too-large'],
    ['not JSON', '{"v":1,', 'not-json'],
    ['a body', JSON.stringify({ ...valid, body: { text: 'hello' } }), 'carries-text'],
    [
      'text hidden deeper',
      JSON.stringify({ ...valid, extra: { nested: { text: 'hi' } } }),
      'carries-text',
    ],
    ['a note', JSON.stringify({ ...valid, customMessage: 'hi' }), 'carries-text'],
    ['an unknown key', JSON.stringify({ ...valid, debug: true }), 'invalid'],
    ['another version', JSON.stringify({ ...valid, v: 2 }), 'invalid'],
    [
      'a forged recipient',
      JSON.stringify({ ...valid, recipientMemberIds: ['<img src=x>'] }),
      'invalid',
    ],
    [
      'a forged conversation',
      JSON.stringify({ ...valid, conversationId: '../../evil' }),
      'invalid',
    ],
    [
      'a message naming nobody',
      JSON.stringify({ v: 1, kind: 'message', at: AT, status: 200, recipientMemberIds: [] }),
      'invalid',
    ],
    [
      'an invitee that is not an id',
      JSON.stringify({
        v: 1,
        kind: 'invitation',
        at: AT,
        status: 200,
        inviteeId: 'a b',
        hasNote: false,
      }),
      'invalid',
    ],
    ['an array', '[]', 'invalid'],
  ])('%s → %s', (_name, detail, reason) => {
    const parsed = parseBridgeEvent(detail);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.anything()), (input) => {
        const asString = typeof input === 'string' ? input : JSON.stringify(input);
        for (const detail of [input, asString]) {
          const parsed = parseBridgeEvent(detail);
          if (parsed.ok) expect(['message', 'invitation']).toContain(parsed.event.kind);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('a 2026 invitation crosses with every id it names', () => {
  const LIAM = 'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I';
  const base = { v: 1, kind: 'invitation', at: AT, status: 200, inviteeId: LIAM, hasNote: false };

  it('other ids of the same person, and a 2xx refused in its body, validate', () => {
    const detail = bridgeDetailOf(
      {
        kind: 'invitation',
        inviteeId: LIAM,
        otherInviteeIds: ['member:502113987', 'liam-oconnor'],
        hasNote: false,
      },
      { at: AT, status: 200, stage: 'response', rejected: true },
    );
    const parsed = parseBridgeEvent(detail);
    expect(parsed).toMatchObject({
      ok: true,
      event: { otherInviteeIds: ['member:502113987', 'liam-oconnor'], rejected: true },
    });
    // Refused in its body: no send, whatever the status.
    if (parsed.ok) expect(detectedSendOfBridgeEvent(parsed.event)).toBeNull();
  });

  it('an id not in normal form, more than four, or `rejected` other than true is refused', () => {
    for (const event of [
      { ...base, otherInviteeIds: ['Liam-OConnor'] },
      { ...base, otherInviteeIds: ['https://www.linkedin.com/in/liam/'] },
      { ...base, otherInviteeIds: ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'] },
      { ...base, otherInviteeIds: 'liam-oconnor' },
      { ...base, rejected: false },
      { ...base, rejected: 'yes' },
    ]) {
      expect(parseBridgeEvent(JSON.stringify(event)).ok).toBe(false);
    }
    expect(parseBridgeEvent(JSON.stringify({ ...base, otherInviteeIds: ['member:1'] })).ok).toBe(
      true,
    );
  });

  it('becomes one send whose recipient carries the other ids', () => {
    const parsed = parseBridgeEvent(
      JSON.stringify({ ...base, otherInviteeIds: ['member:502113987', 'liam-oconnor'] }),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(detectedSendOfBridgeEvent(parsed.event, [{ name: 'Liam O’Connor' }])).toMatchObject({
      confirmed: true,
      recipients: [
        {
          linkedinId: LIAM,
          otherLinkedinIds: ['member:502113987', 'liam-oconnor'],
          name: 'Liam O’Connor',
        },
      ],
    });
  });
});
