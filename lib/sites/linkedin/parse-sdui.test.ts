import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSduiRefusal, parseSduiInvitationRequest, sduiInvitationActionOf } from './parse-sdui';

interface NetworkFixture {
  url?: string;
  body?: unknown;
  text?: string;
  status?: number;
}

function fixture(name: string): NetworkFixture {
  const file = path.resolve(process.cwd(), 'tests/fixtures/linkedin/network', name);
  return JSON.parse(readFileSync(file, 'utf8')) as NetworkFixture;
}

const ADD = fixture('sdui-add-connection.request.json');
const ADD_NOTE = fixture('sdui-add-connection-note.request.json');
const WITHDRAW = fixture('sdui-withdraw-invitation.request.json');
const LIAM = 'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I';

describe('the SDUI action URL', () => {
  it('is matched whole: LinkedIn’s own origin, the action in sduiid', () => {
    expect(sduiInvitationActionOf(ADD.url)).toBe('add');
    expect(sduiInvitationActionOf(WITHDRAW.url)).toBe('withdraw');
    expect(
      sduiInvitationActionOf(
        'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?foo=1&sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection&bar=2',
      ),
    ).toBe('add');
    for (const other of [
      // A relative URL, another host, another scheme: the observer resolves before it asks.
      '/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      'https://evil.example/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      'http://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      'https://www.linkedin.com.evil.example/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnection',
      // The dialog that only asks "withdraw?", and other actions.
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaWithdrawConfirmationDialog',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaAddConnectionX',
      'https://www.linkedin.com/flagship-web/rsc-action/actions/server-request?sduiid=com.linkedin.sdui.requests.mynetwork.addaUpdateFollowState',
      null,
      42,
    ]) {
      expect(sduiInvitationActionOf(other)).toBeNull();
    }
  });
});

describe('an SDUI addaAddConnection request', () => {
  it('names the invitee by every id the payload gives, member id first, and no note', () => {
    expect(parseSduiInvitationRequest(ADD.url, JSON.stringify(ADD.body))).toEqual({
      kind: 'invitation',
      inviteeId: LIAM,
      otherInviteeIds: ['member:502113987', 'liam-oconnor'],
      hasNote: false,
    });
  });

  it('with only the numeric member id and a note: member:<n>, a note, and never its text', () => {
    const parsed = parseSduiInvitationRequest(ADD_NOTE.url, JSON.stringify(ADD_NOTE.body));
    expect(parsed).toEqual({ kind: 'invitation', inviteeId: 'member:613224098', hasNote: true });
    expect(JSON.stringify(parsed)).not.toMatch(/SECRET|freight/);
  });

  it('a withdrawal, another action in the body, or a body naming two people is no invitation', () => {
    expect(parseSduiInvitationRequest(WITHDRAW.url, JSON.stringify(WITHDRAW.body))).toBeNull();
    // The withdrawal's body under the add URL still says it is a withdrawal.
    expect(parseSduiInvitationRequest(ADD.url, JSON.stringify(WITHDRAW.body))).toBeNull();
    const two = structuredClone(ADD.body) as {
      requestedArguments: { payload: { inviteeUrn: { memberId: string } } };
    };
    two.requestedArguments.payload.inviteeUrn.memberId = '999';
    expect(parseSduiInvitationRequest(ADD.url, JSON.stringify(two))).toBeNull();
    expect(parseSduiInvitationRequest(ADD.url, '{"requestId":"x"}')).toBeNull();
    expect(parseSduiInvitationRequest(ADD.url, '{}')).toBeNull();
    expect(parseSduiInvitationRequest(ADD.url, 'not json')).toBeNull();
  });

  it('never throws and never names anyone from random bodies', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const body = typeof value === 'string' ? value : JSON.stringify(value);
        const parsed = parseSduiInvitationRequest(ADD.url, body);
        if (parsed) expect(parsed.inviteeId).toMatch(/^(?:ACoA|member:\d|[\p{L}\p{N}_-])/u);
      }),
    );
  });
});

describe('an SDUI answer', () => {
  it('with an empty error list is no refusal; with an error listed it is', () => {
    expect(isSduiRefusal(fixture('sdui-add-connection.response.json').text)).toBe(false);
    expect(isSduiRefusal(fixture('sdui-add-connection-refused.response.json').text)).toBe(true);
    expect(isSduiRefusal('0:{"response":{"errors":[{"code":"X"}]}}')).toBe(true);
    expect(isSduiRefusal('{"response":{"errors":[]}}')).toBe(false);
  });

  it('that says nothing either way is no refusal, and nothing makes it throw', () => {
    for (const body of ['', 'x', '0:', '0:{"a":1}', '0:{"response":{"errors":"$9"}}', null, 7]) {
      expect(isSduiRefusal(body)).toBe(false);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(typeof isSduiRefusal(text)).toBe('boolean');
      }),
    );
  });
});
