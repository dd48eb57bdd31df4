import { describe, expect, it } from 'vitest';
import { bridgeDetailOf, parseBridgeEvent, type BridgeEvent } from './bridge';
import type { LinkedInSend } from './parse-messaging';
import { SendPairing, type DomSend } from './pairing';

const JANE = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const MESSAGE =
  '2-MTc2MzQ1NjQwMDAwMGIyMjIyMi0xMDAmNWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const T0 = Date.UTC(2026, 10, 20, 9, 0);

function event(
  send: LinkedInSend,
  at: number,
  status: number,
  stage: 'request' | 'response' = 'response',
): BridgeEvent {
  const parsed = parseBridgeEvent(bridgeDetailOf(send, { at, status, stage }));
  if (!parsed.ok) throw new Error(`invalid event: ${parsed.reason}`);
  return parsed.event;
}

const toJane: LinkedInSend = {
  kind: 'message',
  conversationId: JANE_THREAD,
  recipientMemberIds: [],
  messageId: MESSAGE,
};
const janeOnPage: DomSend = {
  kind: 'message',
  at: T0,
  people: [{ profileId: 'jane-doe-42', name: 'Jane Doe' }],
  conversationId: JANE_THREAD,
};

describe('one send, one touch', () => {
  it('a DOM send followed by its confirmed response gives one confirmed send with the page’s name', () => {
    const pairing = new SendPairing();
    pairing.sawDom(janeOnPage);
    expect(pairing.sawNetwork(event(toJane, T0 + 300, 0, 'request'), T0 + 300)).toEqual([]);
    const sends = pairing.sawNetwork(event(toJane, T0 + 900, 200), T0 + 900);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      confirmed: true,
      sendKey: `linkedin:message:${MESSAGE}`,
      threadId: JANE_THREAD,
      recipients: [{ linkedinId: 'jane-doe-42', name: 'Jane Doe' }],
    });
    expect(pairing.take(T0 + 60_000)).toEqual([]);
    expect(pairing.waiting).toBe(0);
  });

  it('a DOM send the network never mentions is recorded unconfirmed after the silence, once', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000 });
    pairing.sawDom(janeOnPage);
    expect(pairing.take(T0 + 3_999)).toEqual([]);
    const sends = pairing.take(T0 + 4_000);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      confirmed: false,
      link: expect.stringContaining(JANE_THREAD),
    });
    expect(pairing.take(T0 + 10_000)).toEqual([]);
  });

  it('a slow answer whose request was seen waits: one confirmed send, never an unconfirmed one first', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000, inFlightMaxMs: 60_000 });
    pairing.sawDom(janeOnPage);
    pairing.sawNetwork(event(toJane, T0 + 200, 0, 'request'), T0 + 200);
    expect(pairing.take(T0 + 30_000)).toEqual([]);
    const sends = pairing.sawNetwork(event(toJane, T0 + 31_000, 200), T0 + 31_000);
    expect(sends.map((send) => send.confirmed)).toEqual([true]);
  });

  it('an answer after the DOM send was recorded reuses its key, so the store upgrades that touch', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000 });
    pairing.sawDom(janeOnPage);
    const [unconfirmed] = pairing.take(T0 + 4_000);
    const [late] = pairing.sawNetwork(event(toJane, T0 + 9_000, 200), T0 + 9_000);
    expect(late).toMatchObject({ sendKey: unconfirmed!.sendKey, confirmed: true });
  });

  it('a refused send (429) records nothing, now or later', () => {
    const pairing = new SendPairing();
    pairing.sawDom(janeOnPage);
    pairing.sawNetwork(event(toJane, T0 + 200, 0, 'request'), T0 + 200);
    expect(pairing.sawNetwork(event(toJane, T0 + 500, 429), T0 + 500)).toEqual([]);
    expect(pairing.take(T0 + 120_000)).toEqual([]);
  });

  it('a double click and Enter on the same conversation are one send', () => {
    const pairing = new SendPairing();
    pairing.sawDom(janeOnPage);
    pairing.sawDom({ ...janeOnPage, at: T0 + 200 });
    expect(pairing.waiting).toBe(1);
  });

  it('two bubbles: each answer goes to its own conversation, whatever the order', () => {
    const pairing = new SendPairing();
    const rowanOnPage: DomSend = {
      kind: 'message',
      at: T0 + 100,
      people: [{ profileId: ROWAN, name: 'Rowan Chase' }],
      conversationId: ROWAN_THREAD,
    };
    pairing.sawDom(janeOnPage);
    pairing.sawDom(rowanOnPage);
    const toRowan: LinkedInSend = {
      kind: 'message',
      conversationId: ROWAN_THREAD,
      recipientMemberIds: [],
    };
    const [rowan] = pairing.sawNetwork(event(toRowan, T0 + 500, 200), T0 + 500);
    const [jane] = pairing.sawNetwork(event(toJane, T0 + 700, 200), T0 + 700);
    expect(rowan!.recipients).toEqual([{ linkedinId: ROWAN, name: 'Rowan Chase' }]);
    expect(jane!.recipients).toEqual([{ linkedinId: 'jane-doe-42', name: 'Jane Doe' }]);
    expect(pairing.take(T0 + 120_000)).toEqual([]);
  });

  it('an invitation pairs by member id and carries both ids of the profile', () => {
    const pairing = new SendPairing();
    pairing.sawDom({
      kind: 'invitation',
      at: T0,
      people: [{ profileIds: ['jane-doe-42', JANE], name: 'Jane Doe' }],
      hasNote: true,
    });
    const [send] = pairing.sawNetwork(
      event({ kind: 'invitation', inviteeId: JANE, hasNote: true }, T0 + 400, 201),
      T0 + 400,
    );
    expect(send!.recipients).toEqual([
      { linkedinId: JANE, otherLinkedinIds: ['jane-doe-42'], name: 'Jane Doe' },
    ]);
    expect(send!.summary).toBe('LinkedIn invitation with a note');
  });

  it('an invitation to someone else (a sidebar Connect) does not borrow the profile’s ids', () => {
    const pairing = new SendPairing();
    pairing.sawDom({
      kind: 'invitation',
      at: T0,
      people: [{ profileIds: ['jane-doe-42', JANE], name: 'Jane Doe' }],
    });
    const [send] = pairing.sawNetwork(
      event({ kind: 'invitation', inviteeId: ROWAN, hasNote: false }, T0 + 400, 200),
      T0 + 400,
    );
    expect(send!.recipients).toEqual([{ linkedinId: ROWAN }]);
  });

  it('a network send with no gesture takes who the page shows for it, and a replay is ignored', () => {
    const pairing = new SendPairing();
    const confirmed = event(toJane, T0, 200);
    const first = pairing.sawNetwork(confirmed, T0, () => [{ profileId: JANE, name: 'Jane' }]);
    expect(first[0]!.recipients).toEqual([{ linkedinId: JANE, name: 'Jane' }]);
    expect(pairing.sawNetwork(confirmed, T0 + 10)).toEqual([]);
  });
});

describe('2026 invitations', () => {
  const LIAM = 'ACoAAG1mYz4BfS7zOhB2pVv8WmAa5EiTq9I';
  const PRIYA = 'ACoAAB3kPq0BxJr7TnQe2WvLs9HdYc4mUoA';
  const sduiToLiam: LinkedInSend = {
    kind: 'invitation',
    inviteeId: LIAM,
    otherInviteeIds: ['member:502113987', 'liam-oconnor'],
    hasNote: false,
  };
  const connectLiam: DomSend = {
    kind: 'invitation',
    at: T0,
    people: [{ profileId: 'liam-oconnor', name: 'Liam O’Connor' }],
    confirmOnly: true,
  };

  it('a Connect button and its confirmed SDUI answer: one touch on the person, with every id', () => {
    const pairing = new SendPairing();
    pairing.sawDom(connectLiam);
    expect(pairing.sawNetwork(event(sduiToLiam, T0 + 200, 0, 'request'), T0 + 200)).toEqual([]);
    const sends = pairing.sawNetwork(event(sduiToLiam, T0 + 700, 200), T0 + 700);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      confirmed: true,
      summary: 'LinkedIn invitation',
      sendKey: expect.stringContaining(`linkedin:invitation:${LIAM}:`),
      recipients: [{ linkedinId: LIAM, name: 'Liam O’Connor' }],
    });
    expect(sends[0]!.recipients[0]!.otherLinkedinIds?.sort()).toEqual(
      ['liam-oconnor', 'member:502113987'].sort(),
    );
    expect(pairing.take(T0 + 120_000)).toEqual([]);
  });

  it('a Connect the network never confirms records nothing (it may only have opened the modal)', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000, inFlightMaxMs: 60_000 });
    pairing.sawDom(connectLiam);
    expect(pairing.take(T0 + 4_000)).toEqual([]);
    expect(pairing.waiting).toBe(0);
    // Nor when the request left and the answer never came.
    pairing.sawDom({ ...connectLiam, at: T0 + 10_000 });
    pairing.sawNetwork(event(sduiToLiam, T0 + 10_200, 0, 'request'), T0 + 10_200);
    expect(pairing.take(T0 + 80_000)).toEqual([]);
  });

  it('a 429, or a 2xx LinkedIn says failed, records nothing', () => {
    const pairing = new SendPairing();
    pairing.sawDom(connectLiam);
    expect(pairing.sawNetwork(event(sduiToLiam, T0 + 500, 429), T0 + 500)).toEqual([]);
    pairing.sawDom({ ...connectLiam, at: T0 + 5_000 });
    const rejected = parseBridgeEvent(
      bridgeDetailOf(sduiToLiam, {
        at: T0 + 5_500,
        status: 200,
        stage: 'response',
        rejected: true,
      }),
    );
    if (!rejected.ok) throw new Error(rejected.reason);
    expect(pairing.sawNetwork(rejected.event, T0 + 5_500)).toEqual([]);
    expect(pairing.take(T0 + 100_000)).toEqual([]);
  });

  it('Connect that opened the modal, then "Send without a note": one touch, never two', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000 });
    const profile = [{ profileIds: ['priya-raman-7b', PRIYA], name: 'Priya Raman' }];
    pairing.sawDom({ kind: 'invitation', at: T0, people: profile, confirmOnly: true });
    pairing.sawDom({ kind: 'invitation', at: T0 + 3_000, people: profile, hasNote: false });
    expect(pairing.waiting).toBe(1);
    const toPriya: LinkedInSend = { kind: 'invitation', inviteeId: PRIYA, hasNote: false };
    pairing.sawNetwork(event(toPriya, T0 + 3_200, 0, 'request'), T0 + 3_200);
    const sends = pairing.sawNetwork(event(toPriya, T0 + 3_600, 201), T0 + 3_600);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ confirmed: true, recipients: [{ name: 'Priya Raman' }] });
    expect(pairing.take(T0 + 200_000)).toEqual([]);
  });

  it('with the modal cancelled the Connect alone records nothing, and a later send still counts once', () => {
    const pairing = new SendPairing({ networkSilenceMs: 4_000 });
    const profile = [{ profileIds: ['priya-raman-7b', PRIYA], name: 'Priya Raman' }];
    pairing.sawDom({ kind: 'invitation', at: T0, people: profile, confirmOnly: true });
    expect(pairing.take(T0 + 5_000)).toEqual([]);
    pairing.sawDom({ kind: 'invitation', at: T0 + 20_000, people: profile });
    const sends = pairing.take(T0 + 24_000);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ confirmed: false, summary: 'LinkedIn invitation' });
  });
});

describe('a gesture whose page named nobody', () => {
  it('is still confirmed by the network, with who the page shows for that conversation', () => {
    const pairing = new SendPairing();
    pairing.sawDom({ kind: 'message', at: T0, people: [], conversationId: JANE_THREAD });
    const peopleFor = () => [{ profileId: JANE, name: 'Jane Doe' }];
    pairing.sawNetwork(event(toJane, T0 + 200, 0, 'request'), T0 + 200, peopleFor);
    const sends = pairing.sawNetwork(event(toJane, T0 + 600, 200), T0 + 600, peopleFor);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      confirmed: true,
      threadId: JANE_THREAD,
      recipients: [{ linkedinId: JANE, name: 'Jane Doe' }],
    });
    expect(pairing.take(T0 + 120_000)).toEqual([]);
  });
});
