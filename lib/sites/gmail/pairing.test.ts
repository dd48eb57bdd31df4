import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BRIDGE_VERSION, bridgeEventOfSend, type BridgeEvent } from './bridge';
import { matchSends, parseSyncRequest, parseSyncResponse } from './parse-sync';
import { domDetectedSend, SendPairing, withoutOwn, type DomSend } from './pairing';
import type { ComposeState } from './read-compose';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const json = (name: string) =>
  JSON.parse(readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8')) as unknown;

/**
 * The real new-compose send, as the page world would report it after a 2xx. The capture's test
 * account wrote to its own plus address; the recipient here is a prospect instead.
 */
function captureEvent(at: number): BridgeEvent {
  const [send] = matchSends(
    parseSyncRequest(json('cvOnSend_request')),
    parseSyncResponse(json('cvOnSend_response')),
  );
  const event = bridgeEventOfSend(send!, { account: 'u/0', at });
  expect(event.from).toBe('test@gmail.com');
  return { ...event, recipients: [{ email: 'jane@acme.example', name: 'Jane', role: 'to' }] };
}

const CAPTURE_ID = 'msg-a:r8190137112111191537';

function compose(overrides: Partial<ComposeState> = {}): ComposeState {
  return {
    draftId: CAPTURE_ID,
    threadId: null,
    to: [{ email: 'jane@acme.example', name: 'Jane' }],
    cc: [],
    bcc: [],
    subject: 'subject_111',
    isInlineReply: false,
    ...overrides,
  };
}

function dom(at: number, overrides: Partial<ComposeState> = {}, gone = true): DomSend {
  return { state: compose(overrides), account: 'u/0', at, isGone: () => gone };
}

const quiet = { undoVisible: false };

describe('SendPairing', () => {
  it('a DOM send and its network confirmation give one confirmed send with the thread link', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(1_000));
    expect(pairing.sawNetwork(captureEvent(1_400), 1_400)).toEqual([]);
    expect(pairing.take(2_000, quiet)).toEqual([]); // still inside the minimum hold
    const [send, ...rest] = pairing.take(3_000, quiet);
    expect(rest).toEqual([]);
    expect(send).toMatchObject({
      sendKey: `gmail:${CAPTURE_ID}`,
      confirmed: true,
      at: 1_000,
      summary: 'subject_111',
      account: '/mail/u/0',
      link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
    });
    // Nothing is left to record later, and a late duplicate of the network event adds nothing.
    expect(pairing.take(60_000, quiet)).toEqual([]);
    expect(pairing.sawNetwork(captureEvent(61_000), 61_000)).toEqual([]);
    expect(pairing.take(70_000, quiet)).toEqual([]);
  });

  it("leaves the sender's own address out of the recipients", () => {
    const pairing = new SendPairing();
    const event = {
      ...captureEvent(0),
      recipients: [
        { email: 'test@gmail.com', role: 'cc' as const },
        { email: 'jane@acme.example', role: 'to' as const },
      ],
    };
    pairing.sawNetwork(event, 0);
    const [send] = pairing.take(5_000, quiet);
    expect(send!.recipients.map((r) => r.email)).toEqual(['jane@acme.example']);
  });

  it('two gestures for one compose (mouseup and click, a double click) are one send', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(1_000));
    pairing.sawDomSend(dom(1_050));
    expect(pairing.waiting).toBe(1);
    pairing.sawDomSend(dom(1_060, { draftId: null }));
    pairing.sawDomSend(dom(1_070, { draftId: null }));
    expect(pairing.waiting).toBe(2);
  });

  it('waits for the network, then records a DOM-only send unconfirmed once the compose closed', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0));
    expect(pairing.take(7_000, quiet)).toEqual([]);
    const [send] = pairing.take(8_500, quiet);
    expect(send).toMatchObject({ sendKey: `gmail:${CAPTURE_ID}`, confirmed: false, at: 0 });
    // The network confirming it late upgrades the same key.
    const [upgrade] = pairing.sawNetwork(captureEvent(20_000), 20_000);
    expect(upgrade).toMatchObject({ sendKey: `gmail:${CAPTURE_ID}`, confirmed: true });
  });

  it('a DOM send whose compose stayed open and that Gmail never confirmed is forgotten', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0, {}, false));
    expect(pairing.take(10_000, quiet)).toEqual([]);
    expect(pairing.take(40_000, quiet)).toEqual([]);
    expect(pairing.waiting).toBe(0);
  });

  it('a "Message sent" notice is enough evidence for a DOM-only send', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0, {}, false));
    pairing.sawSentNotice();
    expect(pairing.take(9_000, quiet)).toHaveLength(1);
  });

  it('a failed request drops the send, DOM part included', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0));
    const failed: BridgeEvent = {
      version: BRIDGE_VERSION,
      kind: 'failed',
      account: 'u/0',
      at: 300,
      messageId: CAPTURE_ID,
      recipients: [],
      subject: '',
      status: 500,
    };
    pairing.sawNetwork(failed, 300);
    expect(pairing.waiting).toBe(0);
    expect(pairing.take(60_000, quiet)).toEqual([]);
  });

  it('holds while Undo is offered; Undo leaves nothing', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0));
    pairing.sawNetwork(captureEvent(300), 300);
    expect(pairing.take(5_000, { undoVisible: true })).toEqual([]);
    expect(pairing.take(20_000, { undoVisible: true })).toEqual([]);
    pairing.sawUndo();
    expect(pairing.take(40_000, quiet)).toEqual([]);
    expect(pairing.waiting).toBe(0);
  });

  it('lists a network-confirmed send as held until its hold ends; Undo and failure take it off', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0));
    expect(pairing.held()).toEqual([]); // a DOM gesture alone proves nothing yet
    pairing.sawNetwork(captureEvent(300), 300);
    const held = pairing.held();
    expect(held).toHaveLength(1);
    expect(held[0]!.send.confirmed).toBe(true);
    expect(held[0]!.notBefore).toBe(35_000);
    pairing.sawUndo();
    expect(pairing.held()).toEqual([]);

    const failing = new SendPairing();
    failing.sawNetwork(captureEvent(0), 0);
    failing.sawNetwork({ ...captureEvent(200), kind: 'failed', recipients: [], status: 500 }, 200);
    expect(failing.held()).toEqual([]);

    const kept = new SendPairing();
    kept.sawNetwork(captureEvent(0), 0);
    const [taken] = kept.take(5_000, quiet);
    expect(taken?.sendKey).toBe(held[0]!.send.sendKey);
    expect(kept.held()).toEqual([]);
  });

  it('an undone event from the network (the send back to a draft) leaves nothing', () => {
    const pairing = new SendPairing();
    pairing.sawNetwork(captureEvent(0), 0);
    pairing.sawNetwork({ ...captureEvent(1_000), kind: 'undone', recipients: [] }, 1_000);
    expect(pairing.take(60_000, quiet)).toEqual([]);
  });

  it('a recorded scheduled send cancelled back to a draft, then scheduled again, is recorded again', () => {
    const pairing = new SendPairing();
    const scheduled = (at: number): BridgeEvent => ({
      ...captureEvent(at),
      kind: 'scheduled',
      scheduledFor: at + 86_400_000,
    });
    pairing.sawNetwork(scheduled(0), 0);
    const [first] = pairing.take(60_000, quiet);
    expect(first).toMatchObject({ sendKey: `gmail:${CAPTURE_ID}`, scheduledFor: 86_400_000 });
    // Recorded: a repeat of the same event is not recorded twice...
    pairing.sawNetwork(scheduled(61_000), 61_000);
    expect(pairing.take(200_000, quiet)).toEqual([]);
    // ...but after "Cancel send" the same draft scheduled anew is a new send.
    pairing.sawNetwork({ ...captureEvent(300_000), kind: 'undone', recipients: [] }, 300_000);
    pairing.sawNetwork(scheduled(400_000), 400_000);
    const [again] = pairing.take(500_000, quiet);
    expect(again).toMatchObject({ sendKey: `gmail:${CAPTURE_ID}`, scheduledFor: 86_800_000 });
  });

  it('is never held longer than the longest undo window', () => {
    const pairing = new SendPairing();
    pairing.sawNetwork(captureEvent(0), 0);
    expect(pairing.take(30_000, { undoVisible: true })).toEqual([]);
    expect(pairing.take(35_000, { undoVisible: true })).toHaveLength(1);
  });

  it('Undo applies to the latest send only, in back-to-back sends', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0));
    pairing.sawNetwork(captureEvent(200), 200);
    const second = { ...captureEvent(1_000), messageId: 'msg-a:r1111111111111111111' };
    pairing.sawDomSend(dom(900, { draftId: 'msg-a:r1111111111111111111' }));
    pairing.sawNetwork(second, 1_000);
    pairing.sawUndo();
    const sent = pairing.take(10_000, quiet);
    expect(sent.map((s) => s.sendKey)).toEqual([`gmail:${CAPTURE_ID}`]);
  });

  it('pairs a compose without a draft id with its network send by recipients and subject', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0, { draftId: null, subject: 'subject_111' }));
    pairing.sawNetwork(captureEvent(500), 500);
    const sent = pairing.take(10_000, quiet);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sendKey: `gmail:${CAPTURE_ID}`, confirmed: true });
  });

  it('an inline reply (no Re: in the DOM) pairs with its "Re:" network send', () => {
    const pairing = new SendPairing();
    pairing.sawDomSend(dom(0, { draftId: null, subject: 'subject_111' }));
    pairing.sawNetwork({ ...captureEvent(500), subject: 'Re: subject_111' }, 500);
    expect(pairing.take(10_000, quiet)).toHaveLength(1);
  });

  it('an excluded send (track off) is never recorded, from either layer', () => {
    const pairing = new SendPairing();
    pairing.exclude(`#${CAPTURE_ID}`);
    pairing.sawDomSend(dom(0));
    pairing.sawNetwork(captureEvent(300), 300);
    expect(pairing.take(60_000, quiet)).toEqual([]);
    pairing.include(CAPTURE_ID);
    pairing.sawNetwork(captureEvent(70_000), 70_000);
    expect(pairing.take(80_000, quiet)).toHaveLength(1);
  });

  it('flush on page hide records what the network confirmed, not unproven DOM sends', () => {
    const pairing = new SendPairing();
    pairing.sawNetwork(captureEvent(0), 0);
    pairing.sawDomSend(dom(10, { draftId: 'msg-a:r2222222222222222222' }, false));
    const flushed = pairing.flush({ undoVisible: true });
    expect(flushed.map((s) => [s.sendKey, s.confirmed])).toEqual([[`gmail:${CAPTURE_ID}`, true]]);
    expect(pairing.waiting).toBe(0);
  });

  it('scheduled sends carry their scheduled time', () => {
    const pairing = new SendPairing();
    const scheduled = { ...captureEvent(0), kind: 'scheduled' as const, scheduledFor: 90_000_000 };
    pairing.sawNetwork(scheduled, 0);
    const [send] = pairing.take(5_000, quiet);
    expect(send).toMatchObject({ scheduledFor: 90_000_000, confirmed: true });
  });
});

describe('a send past the rate limit', () => {
  it('is made whole from its network event, without pairing or holding it', () => {
    const pairing = new SendPairing();
    const send = pairing.standalone(captureEvent(5_000));
    expect(send).toMatchObject({
      sendKey: `gmail:${CAPTURE_ID}`,
      confirmed: true,
      at: 5_000,
      summary: 'subject_111',
      recipients: [{ email: 'jane@acme.example', role: 'to' }],
    });
    expect(pairing.waiting).toBe(0);
    expect(pairing.held()).toEqual([]);
  });

  it('is nothing for a failed or undone event, an excluded draft, or only own addresses left', () => {
    const pairing = new SendPairing();
    expect(pairing.standalone({ ...captureEvent(5_000), kind: 'failed' })).toBeNull();
    expect(pairing.standalone({ ...captureEvent(5_000), kind: 'undone' })).toBeNull();
    expect(
      pairing.standalone(captureEvent(5_000), { ownAddresses: ['jane@acme.example'] }),
    ).toBeNull();
    pairing.exclude(CAPTURE_ID);
    expect(pairing.standalone(captureEvent(5_000))).toBeNull();
  });
});

describe('domDetectedSend', () => {
  it('keys a compose without a draft id by account, time and a hash, never by addresses', () => {
    const send = domDetectedSend(dom(1234, { draftId: null }));
    expect(send!.sendKey).toMatch(/^gmail:dom:u\/0:1234:[0-9a-z]+$/);
    expect(send!.sendKey).not.toContain('@');
  });

  it('gives nothing when no valid recipient is left', () => {
    expect(domDetectedSend(dom(0, { to: [] }))).toBeNull();
    expect(domDetectedSend(dom(0), ['JANE+x@acme.example'])).toBeNull();
  });
});

describe('withoutOwn', () => {
  it('drops own addresses and their plus variants', () => {
    const send = domDetectedSend(
      dom(0, { to: [{ email: 'me+news@corp.example' }, { email: 'x@y.example' }] }),
    )!;
    expect(withoutOwn(send, ['me@corp.example'])!.recipients.map((r) => r.email)).toEqual([
      'x@y.example',
    ]);
  });
});
