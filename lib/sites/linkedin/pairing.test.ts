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
