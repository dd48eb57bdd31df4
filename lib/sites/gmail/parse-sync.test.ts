import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { gmailSendKey } from './ids';
import {
  matchSends,
  parseSyncRequest,
  parseSyncResponse,
  SYNC_LIMITS,
  type ParsedSend,
} from './parse-sync';
import { toDetectedSend } from './detected-send';
import {
  CAPTURE_MESSAGE_ID,
  CAPTURE_SENT_AT,
  scheduledSendRequest,
} from '../../../tests/fixtures/gmail/sync-hand-built';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const text = (name: string) => readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8');
const json = (name: string) => JSON.parse(text(name)) as unknown;
/** A deep copy to edit, so hand-made cases start from a real capture. */
const copy = <T>(value: T): T => structuredClone(value);

/** The message array inside a capture's first action (request) — located by the capture's own layout. */
function requestMessage(body: unknown): unknown[] {
  const action = (body as unknown[][][][])[1]![0]![0] as unknown[];
  const thread = action[1] as unknown[];
  const payload = thread[1] as unknown[];
  const holder = (payload[13] ?? payload[1]) as unknown[];
  return holder[0] as unknown[];
}

describe('parseSyncRequest on the real captures', () => {
  it('a new compose send gives its recipient, subject, sender, ids and time', () => {
    const [send, ...rest] = parseSyncRequest(json('cvOnSend_request'));
    expect(rest).toEqual([]);
    expect(send).toEqual({
      kind: 'send',
      messageId: 'msg-a:r8190137112111191537',
      threadId: 'thread-a:r263523620390330024',
      from: { email: 'test@gmail.com', name: 'Test Test' },
      to: [{ email: 'test+1@gmail.com', name: 'Test Test' }],
      cc: [],
      bcc: [],
      subject: 'subject_111',
      sentAt: 1662744701149,
      seenInResponse: false,
    });
  });

  it('a reply send in a thread-a thread gives the reply subject and thread', () => {
    const sends = parseSyncRequest(json('cvOnReplySend_request'));
    expect(sends.map((s) => [s.kind, s.messageId, s.threadId, s.subject])).toEqual([
      ['send', 'msg-a:r-414184523264894368', 'thread-a:r-474834441621213468', 'Re: tracking test'],
    ]);
    expect(sends[0]!.to).toEqual([{ email: 'test@streak.com', name: 'Test Test' }]);
  });

  it('a reply send in a thread-f thread knows the legacy id before the response', () => {
    // The same request also relabels the replied-to message (^io_re): that is not a send.
    const sends = parseSyncRequest(json('cvOnReplySend_2_request'));
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      messageId: 'msg-a:r2026878197680476540',
      threadId: 'thread-f:1743802434391390786',
      legacyThreadId: '18333b13345c3a42',
      subject: 'Re: hey2',
      to: [{ email: 'test@streak.com', name: 'Test Test' }],
    });
  });

  it.each(['cvOnDraftSave_request', 'cvOnDraftUpdate_request', 'cvOnReplyDraftSave_request'])(
    'a draft save or update (%s) records nothing',
    (name) => {
      expect(parseSyncRequest(json(name))).toEqual([]);
      expect(parseSyncRequest(text(name))).toEqual([]);
    },
  );

  it('reads the raw request text the same as the parsed JSON', () => {
    expect(parseSyncRequest(text('cvOnSend_request'))).toEqual(
      parseSyncRequest(json('cvOnSend_request')),
    );
  });

  it('never carries a message body', () => {
    for (const name of ['cvOnSend_request', 'cvOnReplySend_request', 'cvOnReplySend_2_request']) {
      const serialised = JSON.stringify(parseSyncRequest(json(name)));
      expect(serialised).not.toMatch(/<div|gmail_quote|dir=/);
    }
  });
});

describe('parseSyncResponse and matchSends on the real captures', () => {
  it('a new compose send is confirmed with the thread and legacy ids links need', () => {
    const response = parseSyncResponse(json('cvOnSend_response'));
    expect(response).toEqual([
      {
        messageId: 'msg-a:r8190137112111191537',
        kind: 'send',
        threadId: 'thread-a:r263523620390330024',
        legacyThreadId: '183234ce86ffa010',
        legacyMessageId: '183234eaadcf41e5',
      },
    ]);
    const [matched] = matchSends(parseSyncRequest(json('cvOnSend_request')), response);
    expect(matched).toMatchObject({
      messageId: 'msg-a:r8190137112111191537',
      legacyThreadId: '183234ce86ffa010',
      legacyMessageId: '183234eaadcf41e5',
      subject: 'subject_111',
      seenInResponse: true,
    });
  });

  it('a reply response lists the whole thread; the send matches its own message', () => {
    const response = parseSyncResponse(json('cvOnReplySend_response'));
    expect(response).toHaveLength(9);
    expect(response.filter((m) => m.kind === 'send').map((m) => m.messageId)).toEqual([
      'msg-a:r-414184523264894368',
    ]);
    const [matched] = matchSends(parseSyncRequest(json('cvOnReplySend_request')), response);
    expect(matched).toMatchObject({
      threadId: 'thread-a:r-474834441621213468',
      legacyThreadId: '18332e4292f304f1',
      legacyMessageId: '1833309f6f6ac78f',
      seenInResponse: true,
    });
  });

  it('a thread-f reply is matched with its legacy message id', () => {
    const [matched] = matchSends(
      parseSyncRequest(json('cvOnReplySend_2_request')),
      parseSyncResponse(json('cvOnReplySend_2_response')),
    );
    expect(matched).toMatchObject({
      legacyThreadId: '18333b13345c3a42',
      legacyMessageId: '18333b1f5712f659',
      seenInResponse: true,
    });
  });

  it('draft responses describe drafts, which nothing turns into a send', () => {
    for (const name of ['cvOnDraftSave', 'cvOnDraftUpdate', 'cvOnReplyDraftSave']) {
      const response = parseSyncResponse(json(`${name}_response`));
      expect(response.length).toBeGreaterThan(0);
      expect(response.some((m) => m.kind === 'send' || m.kind === 'scheduled')).toBe(false);
      expect(matchSends(parseSyncRequest(json(`${name}_request`)), response)).toEqual([]);
    }
  });

  it('across every capture, only the send payloads carry a send (^pfg)', () => {
    const files = readdirSync(SYNC_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const body = readFileSync(path.join(SYNC_DIR, file), 'utf8');
      const isSend = /Send(_2)?_/.test(file);
      if (file.endsWith('_request.json')) {
        expect(parseSyncRequest(body).length > 0, file).toBe(isSend);
      } else {
        // A send's response echoes the sent message with ^pfg; draft responses never carry it.
        expect(
          parseSyncResponse(body).some((m) => m.kind === 'send'),
          file,
        ).toBe(isSend);
      }
    }
  });
});

describe('hand-made cases built from the captures', () => {
  it('a batch holding a draft save and a send gives only the send', () => {
    const draft = json('cvOnDraftSave_request') as unknown[][][];
    const send = json('cvOnSend_request') as unknown[][][];
    const batched = copy(send);
    batched[1]![0] = [draft[1]![0]![0], send[1]![0]![0]];
    const sends = parseSyncRequest(batched);
    expect(sends.map((s) => s.messageId)).toEqual(['msg-a:r8190137112111191537']);
  });

  it('two sends batched back to back give two sends, in order', () => {
    const body = json('cvOnSend_request') as unknown[][][];
    const second = copy(body[1]![0]![0]) as unknown[];
    const secondMessage = requestMessage([null, [[second]]]);
    secondMessage[0] = 'msg-a:r5555555555555555555';
    secondMessage[2] = [[1, 'second@example.com', 'Second Prospect']];
    body[1]![0]!.push(second);
    expect(parseSyncRequest(body).map((s) => [s.messageId, s.to[0]?.email])).toEqual([
      ['msg-a:r8190137112111191537', 'test+1@gmail.com'],
      ['msg-a:r5555555555555555555', 'second@example.com'],
    ]);
  });

  it('Cc and Bcc are read with names, lower-cased and without duplicates', () => {
    const body = json('cvOnSend_request');
    const message = requestMessage(body);
    message[3] = [
      [1, 'Cara.Cc@Example.com', 'Cara Cc'],
      [1, 'cara.cc@example.com', 'Cara again'],
    ];
    message[4] = [[1, 'boss@example.com']];
    const [send] = parseSyncRequest(body);
    expect(send!.cc).toEqual([{ email: 'cara.cc@example.com', name: 'Cara Cc' }]);
    expect(send!.bcc).toEqual([{ email: 'boss@example.com' }]);
    const detected = toDetectedSend(send!, {
      account: 'u/1',
      at: 1_700_000_000_000,
      confirmed: true,
    });
    expect(detected!.recipients).toEqual([
      { email: 'test+1@gmail.com', name: 'Test Test', role: 'to' },
      { email: 'cara.cc@example.com', name: 'Cara Cc', role: 'cc' },
      { email: 'boss@example.com', role: 'bcc' },
    ]);
  });

  it('a scheduled send (^scheduled in place of ^pfg) with no later date has no known time', () => {
    // Gmail's Android client swaps ^pfg for ^scheduled on a scheduled send; gmail.js reports a
    // message with ^scheduled as send_scheduled_message. No capture of the web request exists.
    const body = json('cvOnSend_request');
    const message = requestMessage(body);
    message[10] = ['^all', '^scheduled', '^f_bt', '^f_btns', '^f_cl', '^i', '^u'];
    const [send] = parseSyncRequest(body, { now: CAPTURE_SENT_AT });
    expect(send).toMatchObject({ kind: 'scheduled', messageId: CAPTURE_MESSAGE_ID });
    expect(send!.scheduledFor).toBeUndefined();
  });

  it("reads a scheduled send's time from the message's own date fields, after the request time", () => {
    // Hand-built from cvOnSend_request (tests/fixtures/gmail/sync-hand-built.ts): the scheduled
    // time in the message's date fields (index 6 and 17), the request made at the capture's time.
    const scheduledFor = CAPTURE_SENT_AT + 20 * 3_600_000;
    const [send] = parseSyncRequest(scheduledSendRequest(scheduledFor), { now: CAPTURE_SENT_AT });
    expect(send).toMatchObject({ kind: 'scheduled', messageId: CAPTURE_MESSAGE_ID });
    expect(send!.scheduledFor).toBe(scheduledFor);
    expect(send!.sentAt).toBe(scheduledFor);
    const detected = toDetectedSend(send!, {
      account: 'u/0',
      at: CAPTURE_SENT_AT,
      confirmed: true,
    });
    expect(detected!.scheduledFor).toBe(scheduledFor);
  });

  it('only the second date field holding the time is enough', () => {
    const body = json('cvOnSend_request');
    const message = requestMessage(body);
    message[10] = ['^all', '^scheduled', '^f_bt'];
    const scheduledFor = CAPTURE_SENT_AT + 3 * 24 * 3_600_000;
    message[17] = scheduledFor;
    const [send] = parseSyncRequest(body, { now: CAPTURE_SENT_AT + 5_000 });
    expect(send!.scheduledFor).toBe(scheduledFor);
  });

  it('falls back to any later epoch-ms field of the message (never the body)', () => {
    const body = json('cvOnSend_request');
    const message = requestMessage(body);
    message[10] = ['^all', '^scheduled', '^f_bt'];
    const scheduledFor = CAPTURE_SENT_AT + 3 * 3_600_000;
    message[40] = [scheduledFor];
    (message[8] as unknown[])[1] = [[0, String(CAPTURE_SENT_AT + 60 * 60_000)]];
    const [send] = parseSyncRequest(body, { now: CAPTURE_SENT_AT });
    expect(send!.scheduledFor).toBe(scheduledFor);
  });

  it('a time in the past, within a minute, or over a year out is not a scheduled time', () => {
    for (const offset of [-3_600_000, 30_000, 400 * 24 * 3_600_000]) {
      const [send] = parseSyncRequest(scheduledSendRequest(CAPTURE_SENT_AT + offset), {
        now: CAPTURE_SENT_AT,
      });
      expect(send!.kind).toBe('scheduled');
      expect(send!.scheduledFor).toBeUndefined();
    }
  });

  it('an immediate send never gets a scheduled time, whatever dates it holds', () => {
    const body = json('cvOnSend_request');
    requestMessage(body)[17] = CAPTURE_SENT_AT + 3_600_000;
    const [send] = parseSyncRequest(body, { now: CAPTURE_SENT_AT });
    expect(send!.kind).toBe('send');
    expect(send!.scheduledFor).toBeUndefined();
  });

  it('finds a message wrapped in an envelope it has never seen, with labels moved', () => {
    const message = copy(requestMessage(json('cvOnSend_request')));
    const labels = message[10];
    message[10] = null;
    message[12] = labels;
    const body = { envelope: [[['thread-a:r1234567890', { batch: [[message]] }]]] };
    const [send] = parseSyncRequest(body);
    expect(send).toMatchObject({
      messageId: 'msg-a:r8190137112111191537',
      threadId: 'thread-a:r1234567890',
      subject: 'subject_111',
    });
  });

  it('reads the 2018 object protocol (1-based keys) the same way', () => {
    // Hand-made from the shape of InboxSDK's send-request-2018-01-25 test data: the same message
    // fields at the same positions, written as objects with keys "1", "2", … (addresses invented).
    const body = {
      2: {
        1: [
          {
            1: '5',
            2: {
              1: 'thread-a:r-426046699948294006',
              2: {
                14: {
                  1: {
                    1: 'msg-a:r-5205311597211900881',
                    2: { 1: 1, 2: 'rep@example.com', 3: 'Rep' },
                    3: [{ 1: 1, 2: 'prospect@example.org' }],
                    7: '1516922599399',
                    8: 'new draft',
                    9: { 2: [{ 1: 0, 2: '<div dir="ltr">body</div>' }], 7: 1 },
                    11: ['^all', '^pfg', '^f_bt', '^f_btns', '^f_cl', '^a'],
                  },
                },
              },
            },
          },
        ],
      },
    };
    expect(parseSyncRequest(body)).toEqual([
      {
        kind: 'send',
        messageId: 'msg-a:r-5205311597211900881',
        threadId: 'thread-a:r-426046699948294006',
        from: { email: 'rep@example.com', name: 'Rep' },
        to: [{ email: 'prospect@example.org' }],
        cc: [],
        bcc: [],
        subject: 'new draft',
        sentAt: 1516922599399,
        seenInResponse: false,
      },
    ]);
  });

  it('a send with no readable recipient is dropped rather than guessed', () => {
    const body = json('cvOnSend_request');
    requestMessage(body)[2] = [[1, 'not an address', 'Someone']];
    expect(parseSyncRequest(body)).toEqual([]);
  });

  it('a bump id or a forged id is not a message', () => {
    const body = json('cvOnSend_request');
    requestMessage(body)[0] = 'msg-a:bump-r8190137112111191537';
    expect(parseSyncRequest(body)).toEqual([]);
    requestMessage(body)[0] = 'msg-a:r81<script>';
    expect(parseSyncRequest(body)).toEqual([]);
  });

  it('a failed send: an error body yields nothing to match, so the send stays unconfirmed', () => {
    // The observer only calls matchSends for a 2xx response; on 4xx/5xx it reports 'failed'.
    // Here the response body is what a server error page gives: not the sync shape at all.
    const sends = parseSyncRequest(json('cvOnSend_request'));
    const response = parseSyncResponse(')]}\'\n[["er",null,null,null,null,500]]');
    expect(response).toEqual([]);
    expect(matchSends(sends, response).map((s) => s.seenInResponse)).toEqual([false]);
    expect(parseSyncResponse('<html>502 Bad Gateway</html>')).toEqual([]);
  });
});

describe('toDetectedSend', () => {
  const matched = (): ParsedSend =>
    matchSends(
      parseSyncRequest(json('cvOnSend_request')),
      parseSyncResponse(json('cvOnSend_response')),
    )[0]!;

  it('builds the send the background records, keyed like the DOM layer keys it', () => {
    const detected = toDetectedSend(matched(), {
      account: 'u/0',
      at: 1662744701660,
      confirmed: true,
    });
    expect(detected).toEqual({
      channel: 'email',
      at: 1662744701660,
      sendKey: 'gmail:msg-a:r8190137112111191537',
      summary: 'subject_111',
      confirmed: true,
      account: '/mail/u/0',
      recipients: [{ email: 'test+1@gmail.com', name: 'Test Test', role: 'to' }],
      link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
      threadId: 'thread-a:r263523620390330024',
    });
    // The compose's hidden input holds the same id with a '#'.
    expect(gmailSendKey('#msg-a:r8190137112111191537')).toBe(detected!.sendKey);
  });

  it('has no link for a thread-a send the response never confirmed', () => {
    const [unconfirmed] = parseSyncRequest(json('cvOnSend_request'));
    const detected = toDetectedSend(unconfirmed!, { account: 'u/2', at: 1, confirmed: false });
    expect(detected!.link).toBeUndefined();
    expect(detected!.confirmed).toBe(false);
  });

  it('an empty subject becomes "(no subject)"', () => {
    const detected = toDetectedSend(
      { ...matched(), subject: '  ' },
      { account: 'u/0', at: 1, confirmed: true },
    );
    expect(detected!.summary).toBe('(no subject)');
  });
});

describe('robustness', () => {
  const captures = readdirSync(SYNC_DIR).map((f) => readFileSync(path.join(SYNC_DIR, f), 'utf8'));

  it('never throws on random JSON values or JSON text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json(), fc.anything()), (value) => {
        expect(Array.isArray(parseSyncRequest(value))).toBe(true);
        expect(Array.isArray(parseSyncResponse(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on truncated captures, and a truncated send gives no partial send', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...captures),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (capture, fraction) => {
          const cut = capture.slice(0, Math.floor(capture.length * fraction));
          const sends = parseSyncRequest(cut);
          const response = parseSyncResponse(cut);
          expect(Array.isArray(response)).toBe(true);
          // Truncated text is not JSON: nothing, never a half-read send.
          if (cut.length < capture.trimEnd().length) expect(sends).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws when real captures are mutated at random places', () => {
    const bodies = captures.map((c) => JSON.parse(c) as unknown);
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.jsonValue(),
        (body, pathSeed, junk) => {
          const mutated = copy(body);
          let node: unknown = mutated;
          for (const step of pathSeed) {
            if (!Array.isArray(node) || node.length === 0) break;
            const index = step % node.length;
            if (!Array.isArray(node[index])) {
              node[index] = junk;
              break;
            }
            node = node[index];
          }
          for (const send of parseSyncRequest(mutated)) {
            expect(send.messageId).toMatch(/^msg-[af]:/);
            expect(send.to.length + send.cc.length + send.bcc.length).toBeGreaterThan(0);
          }
          expect(Array.isArray(parseSyncResponse(mutated))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses oversized bodies and survives deep nesting quickly', () => {
    const huge = `["${'x'.repeat(SYNC_LIMITS.maxBodyChars)}"]`;
    const started = Date.now();
    expect(parseSyncRequest(huge)).toEqual([]);
    let deep: unknown = [
      'msg-a:r1',
      [1, 'a@b.co'],
      [[1, 'c@d.co']],
      null,
      null,
      null,
      1,
      's',
      null,
      null,
      ['^pfg'],
    ];
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(parseSyncRequest(deep)).toEqual([]);
    const wide = Array.from({ length: 300_000 }, () => [[]]);
    expect(parseSyncRequest(wide)).toEqual([]);
    const sparse = Array.from({ length: 100_000 }, () => ({ 999: [{ 999: 1 }] }));
    expect(parseSyncRequest(sparse)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops at the limit of sends per body', () => {
    const template = requestMessage(json('cvOnSend_request'));
    const many = Array.from({ length: SYNC_LIMITS.maxSends + 20 }, (_, i) => {
      const message = copy(template);
      message[0] = `msg-a:r${1000 + i}`;
      return message;
    });
    expect(parseSyncRequest(many)).toHaveLength(SYNC_LIMITS.maxSends);
  });
});
