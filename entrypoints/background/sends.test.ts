// The background's side of the sends port with WXT's fake browser and the real store
// (fake-indexeddb): a held send stored as sending at once and settled when its page goes, a release,
// a stranger's port refused, and the sweep a new worker life runs once live pages had their grace.
import type { Browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import { recordSend } from '../../lib/db/writes';
import { SENDS_PORT } from '../../lib/messages';
import type { DetectedSend } from '../../lib/model';
import { outboxKey, type OutboxEntry } from '../../lib/outbox/outbox';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { openDatabase } from './database';
import { acceptSendsPort, RECONNECT_GRACE_MS, sweepSends, workerStarted } from './sends';

// Wednesday 2026-03-04, 10:15 local.
const NOW = new Date(2026, 2, 4, 10, 15).getTime();
const UNDO_MS = 35_000;

beforeEach(async () => {
  // Timers too: the sweep's own re-check and the badge's debounce must not outlive a test.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(NOW);
  workerStarted(NOW - RECONNECT_GRACE_MS - 1);
  const db = await openDatabase();
  await Promise.all([
    db.prospects.clear(),
    db.touches.clear(),
    db.outcomes.clear(),
    db.unconfirmedSends.clear(),
  ]);
  await db.settings.put({ ...DEFAULT_SETTINGS, id: SETTINGS_ROW_ID });
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

function send(sendKey: string, subject = 'Renewal'): DetectedSend {
  return {
    channel: 'email',
    at: NOW,
    sendKey,
    summary: subject,
    confirmed: true,
    recipients: [{ email: 'jane.doe@acme.example', name: 'Jane Doe', role: 'to' }],
  };
}

/** What the content script's outbox writes for a held send before it tells the port. */
async function heldEntry(sendKey: string, enqueuedAt = NOW - 5_000): Promise<void> {
  const entry: OutboxEntry = {
    send: send(sendKey),
    stamp: `s-${sendKey}`,
    enqueuedAt,
    notBefore: enqueuedAt + UNDO_MS,
  };
  await fakeBrowser.storage.local.set({ [outboxKey({ sendKey })]: entry });
}

/** A runtime.Port as Chrome hands it to the worker, driven by the test. */
function fakePort(url = 'https://mail.google.com/mail/u/0/#inbox') {
  const messages: ((message: unknown) => void)[] = [];
  const disconnects: (() => void)[] = [];
  const port = {
    name: SENDS_PORT,
    sender: { id: fakeBrowser.runtime.id, tab: { id: 7 }, url },
    onMessage: { addListener: (listener: (message: unknown) => void) => messages.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => disconnects.push(listener) },
    postMessage: vi.fn(),
    disconnect: vi.fn(),
  };
  acceptSendsPort(port as unknown as Browser.runtime.Port);
  return {
    port,
    say: (message: unknown) => messages.forEach((listener) => listener(message)),
    go: () => disconnects.forEach((listener) => listener()),
  };
}

/** Everything queued so far has run (the sweep is queued behind it). */
const settledQueue = () => sweepSends({ only: new Set() });

async function touches() {
  return (await openDatabase()).touches.toArray();
}

describe('the sends port', () => {
  it('stores a held send as sending at once, and settles it when its page goes', async () => {
    const page = fakePort();
    await heldEntry('gmail:msg-a:r1');
    page.say({ type: 'hold', send: { ...send('gmail:msg-a:r1'), sendingUntil: NOW + UNDO_MS } });
    await settledQueue();
    expect(await touches()).toMatchObject([{ sending: { until: NOW + UNDO_MS } }]);
    expect((await fakeBrowser.alarms.get('fifth-touch:sends'))?.scheduledTime).toBeGreaterThan(
      NOW + UNDO_MS,
    );

    page.go();
    await settledQueue();
    const [touch] = await touches();
    expect(touch).toMatchObject({ summary: 'Renewal', confirmed: true });
    expect(touch).not.toHaveProperty('sending');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.alarms.get('fifth-touch:sends')).toBeUndefined();
  });

  it('a release takes the sending touch back; the page going later changes nothing', async () => {
    const page = fakePort();
    await heldEntry('gmail:msg-a:r1');
    page.say({ type: 'hold', send: { ...send('gmail:msg-a:r1'), sendingUntil: NOW + UNDO_MS } });
    await fakeBrowser.storage.local.remove(outboxKey({ sendKey: 'gmail:msg-a:r1' }));
    page.say({ type: 'release', channel: 'email', sendKey: 'gmail:msg-a:r1' });
    page.go();
    await settledQueue();
    expect(await touches()).toEqual([]);
    expect(await (await openDatabase()).prospects.count()).toBe(0);
  });

  it('a page that goes while it was undoing (its entry gone, no release said) leaves no touch', async () => {
    const page = fakePort();
    await heldEntry('gmail:msg-a:r1');
    page.say({ type: 'hold', send: { ...send('gmail:msg-a:r1'), sendingUntil: NOW + UNDO_MS } });
    await settledQueue();
    await fakeBrowser.storage.local.remove(outboxKey({ sendKey: 'gmail:msg-a:r1' }));
    page.go();
    await settledQueue();
    expect(await touches()).toEqual([]);
  });

  it('a claimed delivery is stored when its page goes before it was', async () => {
    const page = fakePort('https://www.linkedin.com/messaging/thread/2-abc/');
    await fakeBrowser.storage.local.set({
      [outboxKey({ sendKey: 'linkedin:m1' })]: {
        send: { ...send('linkedin:m1'), channel: 'linkedin' },
        stamp: 's',
        enqueuedAt: NOW,
      },
    });
    page.say({ type: 'claim', channel: 'linkedin', sendKey: 'linkedin:m1' });
    page.go();
    await settledQueue();
    expect(await touches()).toMatchObject([{ channel: 'linkedin', confirmed: true }]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('refuses a port from anywhere but the two sites, and ignores what is not a message of ours', async () => {
    const stranger = fakePort('https://evil.example/');
    expect(stranger.port.disconnect).toHaveBeenCalled();
    const page = fakePort();
    page.say({ type: 'hold', send: send('gmail:msg-a:r1') }); // no sendingUntil
    page.say({
      type: 'hold',
      send: { ...send('gmail:msg-a:r2'), overLimit: 'rate', sendingUntil: NOW },
    });
    page.say('{"type":"hold"}');
    page.say({ type: 'delete-everything' });
    await settledQueue();
    expect(await touches()).toEqual([]);
  });
});

describe('who may use the sends port', () => {
  it('an extension page may not open it, and a LinkedIn page may not hold or claim an email send', async () => {
    const panel = fakePort(fakeBrowser.runtime.getURL('/sidepanel.html'));
    expect(panel.port.disconnect).toHaveBeenCalled();
    const linkedin = fakePort('https://www.linkedin.com/messaging/thread/2-abc/');
    expect(linkedin.port.disconnect).not.toHaveBeenCalled();
    await heldEntry('gmail:msg-a:r1');
    linkedin.say({
      type: 'hold',
      send: { ...send('gmail:msg-a:r1'), sendingUntil: NOW + UNDO_MS },
    });
    linkedin.say({ type: 'claim', channel: 'email', sendKey: 'gmail:msg-a:r1' });
    await settledQueue();
    expect(await touches()).toEqual([]);
    // Its going settles nothing it was not allowed to hold: the entry waits for its own page.
    linkedin.go();
    await settledQueue();
    expect(await touches()).toEqual([]);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([
      outboxKey({ sendKey: 'gmail:msg-a:r1' }),
    ]);
  });
});

describe('the sweep of a new worker life', () => {
  it('waits out the grace, then settles what no page came back for and releases what nothing backs', async () => {
    workerStarted(NOW);
    const db = await openDatabase();
    const hold = (sendKey: string, subject: string, until = NOW + UNDO_MS) =>
      sweepSends({ only: new Set() }).then(async () => {
        await recordSend(db, { ...send(sendKey, subject), sendingUntil: until }, { now: NOW });
      });
    // A: its page went while the worker was stopped (the entry is still held).
    await heldEntry('gmail:msg-a:rA');
    await hold('gmail:msg-a:rA', 'A');
    // B: its page undid it while the worker was stopped (the entry is gone, no release heard).
    await hold('gmail:msg-a:rB', 'B');
    // C: its page is alive and says so again on its new port.
    await heldEntry('gmail:msg-a:rC');
    await hold('gmail:msg-a:rC', 'C');
    fakePort().say({
      type: 'hold',
      send: { ...send('gmail:msg-a:rC', 'C'), sendingUntil: NOW + UNDO_MS },
    });
    // D: sending long ago with nothing behind it (a backup restored with it): it stands.
    await hold('gmail:msg-a:rD', 'D', NOW - 11 * 60_000);

    await sweepSends();
    expect(
      (await touches())
        .filter((t) => t.sending)
        .map((t) => t.summary)
        .sort(),
    ).toEqual(['A', 'B', 'C', 'D']);

    // The worker sweeps again by itself once the grace is over (sooner than any alarm).
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    vi.setSystemTime(NOW + RECONNECT_GRACE_MS + 1);
    await sweepSends();
    const after = await touches();
    const state = Object.fromEntries(
      after.map((t) => [t.summary, t.sending ? 'sending' : 'touch']),
    );
    expect(state).toEqual({ A: 'touch', C: 'sending', D: 'touch' });
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([
      outboxKey({ sendKey: 'gmail:msg-a:rC' }),
    ]);
  });

  it('an entry written a moment ago is given that moment to reach its port, then stands', async () => {
    // Its page wrote it, then went before it could say so (or cannot reach the background at all).
    await heldEntry('gmail:msg-a:r1', NOW - 500);
    await sweepSends();
    expect(await touches()).toEqual([]);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    vi.setSystemTime(NOW + 1_600);
    await sweepSends();
    expect(await touches()).toMatchObject([{ summary: 'Renewal', confirmed: true }]);
    expect(await touches()).not.toMatchObject([{ sending: expect.anything() }]);
  });

  it('a page holding a send long past its window (frozen, hung) does not keep it from standing', async () => {
    const page = fakePort();
    await heldEntry('gmail:msg-a:r1', NOW - UNDO_MS - 11_000);
    page.say({
      type: 'hold',
      send: { ...send('gmail:msg-a:r1'), sendingUntil: NOW - 11_000 },
    });
    await settledQueue();
    await sweepSends();
    const [touch] = await touches();
    expect(touch).toBeDefined();
    expect(touch).not.toHaveProperty('sending');
  });
});
