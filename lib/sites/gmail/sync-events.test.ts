// What a finished sync request says, parsed on the isolated side: the captures give the same
// events as ever, and only Gmail's own sync URL, matched whole, is a sync request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBridgeEvent } from './bridge';
import {
  eventsOfSync,
  parseSyncRecord,
  syncAccountOf,
  syncAccountOfPath,
  syncMayMatter,
} from './sync-events';
import {
  CAPTURE_MESSAGE_ID,
  CAPTURE_SENT_AT,
  cancelSendRequest,
  cancelSendRequestNamingScheduled,
  cancelSendResponse,
  scheduledSendRequest,
  scheduledSendResponse,
} from '../../../tests/fixtures/gmail/sync-hand-built';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
const text = (name: string) => readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8');

describe('syncAccountOf', () => {
  it.each([
    ['POST', '/sync/u/0/i/s?hl=en&c=7', 'u/0'],
    ['post', 'https://mail.google.com/sync/u/1/i/s?hl=en', 'u/1'],
    ['POST', new URL('https://mail.google.com/sync/u/12/i/s'), 'u/12'],
  ])('%s %s is a sync request of %s', (method, url, account) => {
    expect(syncAccountOf(method, url)).toBe(account);
  });

  it.each([
    ['GET', '/sync/u/0/i/s'],
    ['POST', '/sync/u/0/i/fd'],
    ['POST', '/mail/u/0/?ui=2&view=tl'],
    ['POST', 'https://evil.example/sync/u/0/i/s'],
    ['POST', 42],
    [undefined, '/sync/u/0/i/s'],
    // Matched whole: the scheme, the exact host, the path from its first character.
    ['POST', 'data:text/plain,/sync/u/0/i/s'],
    ['POST', 'blob:https://mail.google.com/sync/u/0/i/s'],
    ['POST', 'http://mail.google.com/sync/u/0/i/s'],
    ['POST', 'https://mail.google.com.evil.example/sync/u/0/i/s'],
    ['POST', '//evil.example/sync/u/0/i/s'],
    ['POST', 'https://mail.google.com/mail/u/0/?x=/sync/u/0/i/s'],
    ['POST', '/mail/sync/u/0/i/s'],
  ])('%s %s is not', (method, url) => {
    expect(syncAccountOf(method, url)).toBeNull();
  });

  it('syncAccountOfPath matches from the first character only', () => {
    expect(syncAccountOfPath('/sync/u/3/i/s?hl=en')).toBe('u/3');
    expect(syncAccountOfPath('/x/sync/u/3/i/s')).toBeNull();
  });
});

describe('parseSyncRecord', () => {
  it('takes what the page world hands over, and refuses anything else whole', () => {
    expect(parseSyncRecord({ account: 'u/0', status: 200, request: 'a', response: 'b' })).toEqual({
      ok: true,
      record: { account: 'u/0', status: 200, request: 'a', response: 'b' },
    });
    for (const forged of [
      null,
      'a string',
      { account: 'u/0', status: 200 },
      { account: '../x', status: 200, request: '' },
      { account: 'u/0', status: 2000, request: '' },
      { account: 'u/0', status: 200, request: '', from: 'me@forged.example' },
      { account: 'u/0', status: 200, request: 'x'.repeat(4_000_001) },
      { account: 'u/0', status: 200, request: {}, response: 'b' },
    ]) {
      expect(parseSyncRecord(forged).ok).toBe(false);
    }
  });
});

describe('eventsOfSync on the captures', () => {
  it('a 2xx send gives one valid send event with the thread ids and the sender', () => {
    const events = eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      1_000,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'send',
      messageId: 'msg-a:r8190137112111191537',
      threadId: 'thread-a:r263523620390330024',
      legacyThreadId: '183234ce86ffa010',
      from: 'test@gmail.com',
      subject: 'subject_111',
    });
    expect(parseBridgeEvent(JSON.stringify(events[0])).ok).toBe(true);
  });

  it('a non-2xx send gives a failed event and no send', () => {
    const events = eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 500, body: undefined },
      1_000,
    );
    expect(events.map((e) => [e.kind, e.status])).toEqual([['failed', 500]]);
  });

  it('draft saves give nothing', () => {
    for (const name of ['cvOnDraftSave', 'cvOnDraftUpdate', 'cvOnReplyDraftSave']) {
      expect(
        eventsOfSync(
          { account: 'u/0', body: text(`${name}_request`) },
          { status: 200, body: text(`${name}_response`) },
          0,
        ),
      ).toEqual([]);
    }
  });

  it('a message seen sent that comes back as a draft is an undo', () => {
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      0,
      recent,
    );
    // Hand-made from the draft-save capture: the same message id, back to ^r.
    const draftId = /msg-a:r-?\d+/.exec(text('cvOnDraftSave_request'))![0];
    const undo = text('cvOnDraftSave_request').split(draftId).join('msg-a:r8190137112111191537');
    const events = eventsOfSync({ account: 'u/0', body: undo }, { status: 200, body: '[]' }, 5);
    expect(events).toEqual([]); // without memory of the send, a draft save is only a draft save
    const remembered = eventsOfSync(
      { account: 'u/0', body: undo },
      { status: 200, body: '[]' },
      5,
      recent,
    );
    expect(remembered.map((e) => [e.kind, e.messageId])).toEqual([
      ['undone', 'msg-a:r8190137112111191537'],
    ]);
  });

  it('the cheap gate passes sends and undos, and stops plain draft saves before any parse', () => {
    const none = new Set<string>();
    expect(syncMayMatter(text('cvOnSend_request'), none)).toBe(true);
    for (const name of ['cvOnDraftSave', 'cvOnDraftUpdate', 'cvOnReplyDraftSave'])
      expect(syncMayMatter(text(`${name}_request`), none)).toBe(false);
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 200, body: text('cvOnSend_response') },
      0,
      recent,
    );
    // Another message's draft save stays cheap; the sent message's own draft (an Undo) passes.
    expect(syncMayMatter(text('cvOnReplyDraftSave_request'), recent)).toBe(false);
    const otherId = /msg-a:r-?\d+/.exec(text('cvOnReplyDraftSave_request'))![0];
    const undo = text('cvOnReplyDraftSave_request')
      .split(otherId)
      .join([...recent][0]!);
    expect(syncMayMatter(undo, recent)).toBe(true);
    // Only a string body crosses from the page world (Gmail's sync bodies are strings).
    expect(syncMayMatter({ not: 'a string' }, none)).toBe(false);
    expect(syncMayMatter(undefined, none)).toBe(false);
  });

  it('a scheduled send gives a scheduled event carrying its time, valid across the bridge', () => {
    const requestAt = CAPTURE_SENT_AT;
    const scheduledFor = CAPTURE_SENT_AT + 26 * 3_600_000;
    const events = eventsOfSync(
      { account: 'u/0', body: scheduledSendRequest(scheduledFor) },
      { status: 200, body: scheduledSendResponse() },
      requestAt,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'scheduled',
      messageId: CAPTURE_MESSAGE_ID,
      at: requestAt,
      scheduledFor,
      legacyThreadId: '183234ce86ffa010',
    });
    expect(parseBridgeEvent(JSON.stringify(events[0])).ok).toBe(true);
  });

  it('"Cancel send" on a send this page scheduled gives an undone event', () => {
    const recent = new Set<string>();
    eventsOfSync(
      { account: 'u/0', body: scheduledSendRequest(CAPTURE_SENT_AT + 3_600_000) },
      { status: 200, body: scheduledSendResponse() },
      CAPTURE_SENT_AT,
      recent,
    );
    expect(syncMayMatter(cancelSendRequest(), recent)).toBe(true);
    const events = eventsOfSync(
      { account: 'u/0', body: cancelSendRequest() },
      { status: 200, body: cancelSendResponse() },
      CAPTURE_SENT_AT + 60_000,
      recent,
    );
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
    expect(recent.has(CAPTURE_MESSAGE_ID)).toBe(false);
  });

  it('"Cancel send" in a later page life (the request names ^scheduled) gives an undone event', () => {
    const body = cancelSendRequestNamingScheduled();
    expect(syncMayMatter(body, new Set())).toBe(true);
    const events = eventsOfSync(
      { account: 'u/0', body },
      { status: 200, body: cancelSendResponse() },
      CAPTURE_SENT_AT,
      new Set(),
    );
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
  });

  it('a cancel naming the message only by id is confirmed by the draft in its response', () => {
    const body = JSON.stringify([null, [[[8, [[CAPTURE_MESSAGE_ID], ['^r'], ['^scheduled']]]]]]);
    const events = eventsOfSync(
      { account: 'u/0', body },
      { status: 200, body: text('cvOnDraftUpdate_response') },
      CAPTURE_SENT_AT,
    );
    const draftIds = /msg-a:r-?\d+/.exec(text('cvOnDraftUpdate_response'))![0];
    expect(draftIds).toBe(CAPTURE_MESSAGE_ID);
    expect(events.map((e) => [e.kind, e.messageId])).toEqual([['undone', CAPTURE_MESSAGE_ID]]);
  });

  it('a failed cancel (non-2xx) and a plain draft update give nothing', () => {
    expect(
      eventsOfSync(
        { account: 'u/0', body: cancelSendRequestNamingScheduled() },
        { status: 503, body: undefined },
        0,
      ),
    ).toEqual([]);
    expect(
      eventsOfSync(
        { account: 'u/0', body: cancelSendRequest() },
        { status: 200, body: cancelSendResponse() },
        0,
        new Set(),
      ),
    ).toEqual([]);
  });

  it('a failed or undone event never carries a sender', () => {
    const failed = eventsOfSync(
      { account: 'u/0', body: text('cvOnSend_request') },
      { status: 403, body: undefined },
      1_000,
    );
    expect(failed.map((e) => [e.kind, e.from])).toEqual([['failed', undefined]]);
    expect(
      parseBridgeEvent(JSON.stringify({ ...failed[0], from: 'ceo@competitor.example' })).ok,
    ).toBe(false);
  });

  it('never throws on junk', () => {
    for (const body of [undefined, null, '', '{', '[[[[', 42, { a: 1 }]) {
      expect(eventsOfSync({ account: 'u/0', body }, { status: 200, body }, 0)).toEqual([]);
    }
  });
});
