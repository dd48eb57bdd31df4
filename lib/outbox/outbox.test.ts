import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFifthTouchDb, type FifthTouchDb } from '../db/schema';
import { recordSend } from '../db/writes';
import type { DetectedSend } from '../model';
import {
  DEFAULT_RETRY_DELAYS_MS,
  OUTBOX_PREFIX,
  REJECTED_PREFIX,
  createOutbox,
  drainOutbox,
  outboxKey,
  type RecordSend,
} from './outbox';

let db: FifthTouchDb;
const storage = () => fakeBrowser.storage.local;
/** When the background stores the sends: a fixed Wednesday, so no cadence it computes hangs on the day. */
const STORED_AT = new Date(2026, 2, 4, 10, 5).getTime();

beforeEach(async () => {
  db = createFifthTouchDb(`outbox-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function send(sendKey = 'msg-f:1', fields: Partial<DetectedSend> = {}): DetectedSend {
  return {
    channel: 'email',
    at: Date.UTC(2026, 2, 4, 10),
    sendKey,
    summary: 'Re: renewal',
    confirmed: true,
    recipients: [{ email: 'jane@acme.com', role: 'to' }],
    ...fields,
  };
}

/** The background as a content script sees it: the real store, behind a flaky connection. */
function background(script: ('refuse' | 'store-then-drop' | 'hang' | 'ok')[]) {
  const calls: string[] = [];
  const record: RecordSend = async (payload) => {
    const step = script[calls.length] ?? 'ok';
    calls.push(step);
    if (step === 'refuse') {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    if (step === 'hang') return new Promise(() => {});
    const result = await recordSend(db, payload, { now: Date.UTC(2026, 2, 4, 10) });
    // The worker stopped after committing and before answering.
    if (step === 'store-then-drop') {
      throw new Error('The message port closed before a response was received.');
    }
    return result;
  };
  return { record, calls };
}

const noWait = (waits: number[]) => (ms: number) => {
  waits.push(ms);
  return Promise.resolve();
};

async function outboxKeys(): Promise<string[]> {
  return Object.keys(await storage().get(null)).sort();
}

describe('enqueue', () => {
  it('stores the send before sending it, and removes it once acknowledged', async () => {
    let storedBeforeSend: unknown;
    const outbox = createOutbox({
      storage: storage(),
      record: async (payload) => {
        storedBeforeSend = (await storage().get(outboxKey(payload)))[outboxKey(payload)];
        return recordSend(db, payload, { now: STORED_AT });
      },
    });
    const delivery = await outbox.enqueue(send());
    expect(storedBeforeSend).toMatchObject({ send: send() });
    expect(delivery).toMatchObject({ status: 'recorded', attempts: 1 });
    expect(await outboxKeys()).toEqual([]);
    expect(await db.touches.count()).toBe(1);
  });

  it('retries with growing waits while the worker is unreachable, and stores the touch once', async () => {
    const { record, calls } = background(['refuse', 'refuse', 'store-then-drop', 'refuse', 'ok']);
    const waits: number[] = [];
    const delivery = await createOutbox({
      storage: storage(),
      record,
      sleep: noWait(waits),
    }).enqueue(send());

    expect(delivery).toMatchObject({ status: 'recorded', attempts: 5 });
    expect(calls).toHaveLength(5);
    expect(waits).toEqual(DEFAULT_RETRY_DELAYS_MS.slice(0, 4));
    expect(waits.every((ms, i) => i === 0 || ms > (waits[i - 1] as number))).toBe(true);
    // The third attempt stored it; the fifth was told it is a duplicate.
    if (delivery.status === 'recorded') expect(delivery.result.touches[0]?.duplicate).toBe(true);
    expect(await db.touches.count()).toBe(1);
    expect(await outboxKeys()).toEqual([]);
  });

  it('counts an attempt that never answers as failed and tries again', async () => {
    const { record, calls } = background(['hang', 'ok']);
    const delivery = await createOutbox({
      storage: storage(),
      record,
      // Long enough for the answered attempt's real write on a busy machine (a 20 ms limit cut it
      // off there once, and a third attempt was made); the hang is cut off all the same.
      attemptTimeoutMs: 1_000,
      sleep: noWait([]),
    }).enqueue(send());
    expect(delivery).toMatchObject({ status: 'recorded', attempts: 2 });
    expect(calls).toEqual(['hang', 'ok']);
    expect(await db.touches.count()).toBe(1);
  });

  it('leaves the send for the background when it runs out of attempts, and the drain stores it once', async () => {
    const { record } = background(['refuse', 'refuse', 'refuse']);
    const delivery = await createOutbox({
      storage: storage(),
      record,
      retryDelaysMs: [1, 1],
      sleep: noWait([]),
    }).enqueue(send());
    expect(delivery).toEqual({ status: 'pending', attempts: 3 });
    expect(await outboxKeys()).toEqual([`${OUTBOX_PREFIX}msg-f:1`]);
    expect(await db.touches.count()).toBe(0);

    const drain = (r: RecordSend) => drainOutbox({ storage: storage(), record: r });
    const recordNow: RecordSend = (payload) => recordSend(db, payload, { now: STORED_AT });
    expect(await drain(recordNow)).toEqual({ recorded: 1, rejected: 0, failed: 0, waiting: 0 });
    expect(await drain(recordNow)).toEqual({ recorded: 0, rejected: 0, failed: 0, waiting: 0 });
    expect(await db.touches.count()).toBe(1);
    expect(await outboxKeys()).toEqual([]);
  });

  it('a held send is stored at once, left by the drain until its time, dropped on undo, replaced by enqueue', async () => {
    const { record, calls } = background([]);
    const outbox = createOutbox({ storage: storage(), record, now: () => 1_000 });
    await outbox.hold(send('msg-f:held'), 36_000);
    expect(await outboxKeys()).toEqual(['outbox:msg-f:held']);
    await drainOutbox({ storage: storage(), record, now: () => 20_000 });
    expect(calls).toEqual([]); // the undo window may still be open
    await outbox.drop(send('msg-f:held'));
    expect(await outboxKeys()).toEqual([]);

    await outbox.hold(send('msg-f:held'), 36_000);
    await outbox.enqueue(send('msg-f:held'));
    expect(calls).toEqual(['ok']);
    expect(await outboxKeys()).toEqual([]);
    await outbox.drop(send('msg-f:held')); // nothing left to drop: no error

    await outbox.hold(send('msg-f:closed'), 36_000);
    await drainOutbox({ storage: storage(), record, now: () => 40_000 });
    expect(calls).toEqual(['ok', 'ok']); // the tab closed: delivered after the window
    expect(await outboxKeys()).toEqual([]);
  });

  it('keeps an entry whose drain attempt failed, for the next wake', async () => {
    await storage().set({ [outboxKey(send())]: { send: send(), stamp: 's', enqueuedAt: 1 } });
    const report = await drainOutbox({
      storage: storage(),
      record: () => Promise.reject(new Error('Could not establish connection.')),
    });
    expect(report).toEqual({ recorded: 0, rejected: 0, failed: 1, waiting: 0 });
    expect(await outboxKeys()).toEqual([outboxKey(send())]);
  });

  it('never throws into the caller and never makes it wait for storage', async () => {
    const errors: unknown[] = [];
    const broken = {
      get: () => Promise.reject(new Error('Extension context invalidated.')),
      set: () => Promise.reject(new Error('Extension context invalidated.')),
      remove: () => Promise.reject(new Error('Extension context invalidated.')),
    };
    const outbox = createOutbox({
      storage: broken,
      record: () => Promise.reject(new Error('unreachable')),
      onError: (error) => errors.push(error),
    });
    let returned = false;
    const pending = outbox.enqueue(send());
    returned = true;
    expect(returned).toBe(true);
    await expect(pending).resolves.toEqual({ status: 'pending', attempts: 0 });
    expect(String(errors[0])).toMatch(/Extension context invalidated/);
  });

  it('refuses an invalid send with a clear error, storing and sending nothing', async () => {
    const { record, calls } = background([]);
    const delivery = await createOutbox({ storage: storage(), record }).enqueue(
      send('k', { recipients: [] }),
    );
    expect(delivery).toMatchObject({ status: 'invalid' });
    if (delivery.status === 'invalid') expect(delivery.error).toMatch(/^Invalid send: recipients/);
    expect(calls).toEqual([]);
    expect(await outboxKeys()).toEqual([]);
  });

  it('sets aside a send the background refuses as invalid instead of retrying it forever', async () => {
    const refusal = Object.assign(new Error('Invalid recordSend message: at: Invalid type'), {
      name: 'InvalidMessageError',
    });
    const waits: number[] = [];
    const delivery = await createOutbox({
      storage: storage(),
      record: () => Promise.reject(refusal),
      sleep: noWait(waits),
    }).enqueue(send());
    expect(delivery).toMatchObject({ status: 'rejected', attempts: 1 });
    expect(waits).toEqual([]);
    expect(await outboxKeys()).toEqual([`${REJECTED_PREFIX}msg-f:1`]);
  });

  it('keeps two tabs’ sends apart, and an old acknowledgement never removes a newer entry', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const firstAttempt = new Promise<void>((resolve) => (entered = resolve));
    let first = true;
    const record: RecordSend = async (payload) => {
      if (first) {
        first = false;
        entered();
        await gate;
      }
      return recordSend(db, payload, { now: STORED_AT });
    };
    const tabA = createOutbox({ storage: storage(), record });
    const tabB = createOutbox({
      storage: storage(),
      record: () => Promise.reject(new Error('Could not establish connection.')),
      retryDelaysMs: [],
    });
    const seen = tabA.enqueue(send('same', { confirmed: false }));
    // Tab A's entry is stored and its message is in flight before tab B acts, whatever the load.
    await firstAttempt;
    // The same send again (now confirmed) from another tab whose message fails: it must stay queued.
    await tabB.enqueue(send('same', { confirmed: true }));
    await tabB.enqueue(send('other', { recipients: [{ email: 'sam@globex.com' }] }));
    release();
    await seen;
    const left = await storage().get(null);
    expect(Object.keys(left).sort()).toEqual([`${OUTBOX_PREFIX}other`, `${OUTBOX_PREFIX}same`]);
    expect(left[`${OUTBOX_PREFIX}same`]).toMatchObject({ send: { confirmed: true } });

    await drainOutbox({
      storage: storage(),
      record: (payload) => recordSend(db, payload, { now: STORED_AT }),
    });
    const touches = await db.touches.toArray();
    expect(touches).toHaveLength(2);
    expect(touches.every((touch) => touch.confirmed)).toBe(true);
  });
});

describe('the link to the background', () => {
  /** A link that notes each call with whether the entry it speaks of was in storage then. */
  function recordingLink() {
    const calls: string[] = [];
    const stored = async (sendKey: string) =>
      (await storage().get(outboxKey({ sendKey })))[outboxKey({ sendKey })] !== undefined;
    const note = (what: string, sendKey: string) => {
      void stored(sendKey).then((present) => calls.push(`${what} ${sendKey} ${present}`));
    };
    return {
      calls,
      link: {
        hold: (held: DetectedSend, until: number) => note(`hold@${until}`, held.sendKey),
        release: (ref: { sendKey: string }) => note('release', ref.sendKey),
        claim: (ref: { sendKey: string }) => note('claim', ref.sendKey),
        done: (ref: { sendKey: string }) => note('done', ref.sendKey),
      },
    };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('hears of a hold, a claim and its end, each only once its entry is in storage', async () => {
    const { record } = background([]);
    const { link, calls } = recordingLink();
    const outbox = createOutbox({ storage: storage(), record, link, now: () => 1_000 });
    await outbox.hold(send('msg-f:a'), 36_000);
    await outbox.enqueue(send('msg-f:a'));
    await settle();
    expect(calls).toEqual([
      'hold@36000 msg-f:a true',
      'claim msg-f:a true',
      // Acknowledged and removed before the link hears it is done.
      'done msg-f:a false',
    ]);
  });

  it('an undo releases a held send; one already handed over for delivery is not released', async () => {
    const { record } = background(['hang']);
    const { link, calls } = recordingLink();
    const outbox = createOutbox({
      storage: storage(),
      record,
      link,
      attemptTimeoutMs: 60_000,
    });
    await outbox.hold(send('msg-f:undone'), 36_000);
    await outbox.drop(send('msg-f:undone'));
    void outbox.enqueue(send('msg-f:sent'));
    await settle();
    await outbox.drop(send('msg-f:sent'));
    // Nothing stored any more (the background settled it): still released, in case it shows sending.
    await outbox.drop(send('msg-f:gone'));
    await settle();
    expect(calls).toEqual([
      'hold@36000 msg-f:undone true',
      'release msg-f:undone false',
      'claim msg-f:sent true',
      'release msg-f:gone false',
    ]);
    expect(await outboxKeys()).toEqual(['outbox:msg-f:sent']);
  });

  it('a link that throws changes nothing for the send', async () => {
    const { record, calls } = background([]);
    const boom = () => {
      throw new Error('port gone');
    };
    const outbox = createOutbox({
      storage: storage(),
      record,
      link: { hold: boom, release: boom, claim: boom, done: boom },
      onError: () => undefined,
    });
    await outbox.hold(send('msg-f:x'), 36_000);
    expect((await outbox.enqueue(send('msg-f:x'))).status).toBe('recorded');
    expect(calls).toEqual(['ok']);
    expect(await outboxKeys()).toEqual([]);
  });
});

describe('the drain', () => {
  it('leaves a held entry while keepHeld says its page may still undo it, and drains only what it is told', async () => {
    const { record, calls } = background([]);
    const outbox = createOutbox({ storage: storage(), record, now: () => 1_000 });
    await outbox.hold(send('msg-f:live'), 36_000);
    await outbox.hold(send('msg-f:gone'), 36_000);
    await storage().set({
      [outboxKey(send('msg-f:other'))]: { send: send('msg-f:other'), stamp: 's', enqueuedAt: 1 },
    });
    const report = await drainOutbox({
      storage: storage(),
      record,
      now: () => 2_000,
      keepHeld: (entry) => entry.send.sendKey === 'msg-f:live',
      only: new Set(['msg-f:live', 'msg-f:gone']),
    });
    expect(report).toEqual({ recorded: 1, rejected: 0, failed: 0, waiting: 1 });
    expect(calls).toEqual(['ok']);
    expect(await outboxKeys()).toEqual(['outbox:msg-f:live', 'outbox:msg-f:other']);
    expect((await db.touches.toArray()).map((touch) => touch.dedupeKey)).toEqual([
      expect.stringMatching(/^email:msg-f:gone:/),
    ]);
  });
});
