import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  BRIDGE_MAX_CHARS,
  bridgeEventOfSend,
  encodeBridgeEvent,
  parseBridgeEvent,
  detectedSendOfEvent,
  type BridgeEvent,
} from './bridge';
import { toDetectedSend } from './detected-send';
import { matchSends, parseSyncRequest, parseSyncResponse } from './parse-sync';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const capture = (name: string) =>
  JSON.parse(readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8')) as unknown;

const realSend = () =>
  matchSends(
    parseSyncRequest(capture('cvOnSend_request')),
    parseSyncResponse(capture('cvOnSend_response')),
  )[0]!;

const validEvent = (): BridgeEvent =>
  bridgeEventOfSend(realSend(), { account: 'u/0', at: 1662744701660 });

describe('the bridge event contract', () => {
  it('a real send survives the trip page → string → isolated side → DetectedSend', () => {
    const detail = encodeBridgeEvent(validEvent());
    expect(typeof detail).toBe('string');
    const parsed = parseBridgeEvent(detail);
    expect(parsed).toEqual({ ok: true, event: validEvent() });
    if (!parsed.ok) return;
    const detected = toDetectedSend(parsed.event, {
      account: parsed.event.account,
      at: parsed.event.at,
      confirmed: true,
    });
    expect(detected).toMatchObject({
      sendKey: 'gmail:msg-a:r8190137112111191537',
      summary: 'subject_111',
      link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
      recipients: [{ email: 'test+1@gmail.com', name: 'Test Test', role: 'to' }],
    });
  });

  it('refuses anything carrying a body, whatever it is called among the usual names', () => {
    for (const key of ['body', 'html', 'snippet']) {
      const forged = JSON.stringify({ ...validEvent(), [key]: '<div>hello</div>' });
      expect(parseBridgeEvent(forged)).toEqual({
        ok: false,
        reason: `refused: carries "${key}", a message body`,
      });
    }
  });

  it('refuses unknown keys, so a body cannot ride under another name', () => {
    const forged = JSON.stringify({ ...validEvent(), payload: 'x' });
    const result = parseBridgeEvent(forged);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/payload/);
  });

  it('refuses oversized details before parsing them', () => {
    const huge = JSON.stringify({ ...validEvent(), subject: 'x'.repeat(BRIDGE_MAX_CHARS) });
    const result = parseBridgeEvent(huge);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/over 32768/);
  });

  it('refuses objects (only JSON strings cross the worlds) and broken JSON', () => {
    expect(parseBridgeEvent(validEvent())).toEqual({
      ok: false,
      reason: 'detail is not a JSON string',
    });
    expect(parseBridgeEvent('{"kind":')).toEqual({ ok: false, reason: 'detail is not valid JSON' });
  });

  it('refuses forged shapes with a reason naming the field', () => {
    const cases: [Partial<Record<keyof BridgeEvent, unknown>>, RegExp][] = [
      [{ kind: 'deleted' }, /kind/],
      [{ messageId: 'javascript:alert(1)' }, /messageId: a msg-a:\/msg-f: id/],
      [{ account: '/mail/u/0' }, /account/],
      [{ recipients: [{ email: 'not-an-email', role: 'to' }] }, /recipients\.0\.email/],
      [{ recipients: [] }, /at least one recipient/],
      [{ version: 2 }, /version/],
      [{ scheduledFor: 1662744701660 + 3600_000 }, /only a scheduled send/],
    ];
    for (const [change, reason] of cases) {
      const result = parseBridgeEvent(JSON.stringify({ ...validEvent(), ...change }));
      expect(result.ok, JSON.stringify(change)).toBe(false);
      expect(!result.ok && result.reason).toMatch(reason);
    }
  });

  it('a failed request is reported without recipients and gives no send', () => {
    const failed: BridgeEvent = {
      version: 1,
      kind: 'failed',
      account: 'u/1',
      at: 1,
      messageId: 'msg-a:r8190137112111191537',
      recipients: [],
      subject: '',
      status: 503,
    };
    const result = parseBridgeEvent(encodeBridgeEvent(failed));
    expect(result).toEqual({ ok: true, event: failed });
    expect(result.ok && detectedSendOfEvent(result.event)).toBeNull();
  });

  it('encodeBridgeEvent returns null instead of sending something the other side refuses', () => {
    expect(encodeBridgeEvent({ ...validEvent(), recipients: [] })).toBeNull();
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.string()), (detail) => {
        const result = parseBridgeEvent(detail);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
