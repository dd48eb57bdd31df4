// Sends in flight, from the background's side. A content script keeps the sends port open while
// it holds a send in Gmail's undo window or has one in its outbox (lib/outbox/link.ts). A held
// send is stored at once as a touch still *sending*; the port's disconnect (the tab closed,
// navigated away or crashed) settles what that page held within moments, because a page that is
// gone can no longer undo.
//
// A worker that stops forgets its ports. Pages that still hold sends connect again at once and say
// everything again; after a short grace, whatever no page holds is settled by the sweep, which runs
// on every worker start, whenever a tab closes, and on an alarm at the end of the first open undo
// window. Every step is idempotent (the store dedupes on the send key), so a worker stopped at any
// moment loses nothing and doubles nothing.
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { firstSendingUntil, sendingTouches, sendRefOf, type SendRef } from '../../lib/db/sends';
import { releaseSend, settleSend } from '../../lib/db/writes';
import {
  authorizePort,
  classifySender,
  portMessageFitsSender,
  SENDS_PORT,
  sendsPortMessageSchema,
  type SenderKind,
} from '../../lib/messages';
import { OUTBOX_PREFIX, type OutboxEntry } from '../../lib/outbox/outbox';
import { openDatabase } from './database';
import { drainOutboxOnce, storeSend } from './outbox';
import { serialQueue } from './serial';

export const SENDS_ALARM = 'fifth-touch:sends';

/** How long a new worker waits for live pages to connect again before it settles for them. */
export const RECONNECT_GRACE_MS = 3_000;
/** A held entry this young may not have reached the port yet: its page is given that long. */
const FRESH_ENTRY_MS = 2_000;
/** A page still holding a send this long after its undo window ended is frozen or hung: settle. */
const PAST_WINDOW_MS = 10_000;
/**
 * A touch still sending, its window this long over and nothing holding it, was not undone by
 * anyone: it stands (a backup restored with one in it, a release lost with a worker long asleep).
 */
const STALE_SENDING_MS = 10 * 60_000;
/** At most this many sends in flight per port; a page past it is not one we know. */
const MAX_CLAIMS_PER_PORT = 1_000;

/** What each open port holds, by send key. */
const ports = new Map<Browser.runtime.Port, Map<string, SendRef>>();
const queue = serialQueue();
let startedAt = Date.now();
let recheckTimer: { at: number; timer: ReturnType<typeof setTimeout> } | undefined;

function isClaimed(sendKey: string): boolean {
  for (const claims of ports.values()) if (claims.has(sendKey)) return true;
  return false;
}

function withinGrace(now: number): boolean {
  return now < startedAt + RECONNECT_GRACE_MS;
}

/** Who opened the port, checked like every message's sender (PORT_SENDERS in lib/messages.ts). */
function callerOf(port: Browser.runtime.Port): SenderKind | null {
  const kind = classifySender(port.sender, {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
  });
  try {
    authorizePort(port.name, kind);
    return kind;
  } catch {
    return null;
  }
}

export interface SweepOptions {
  /** Only these sends (a page that went); without it, everything in flight. */
  only?: ReadonlySet<string>;
  /** The page that held `only` is gone: settle now, whatever the grace. */
  pageGone?: boolean;
}

/**
 * Settles what no live page holds: held outbox entries are stored (the page is gone, so they
 * stand), touches still sending with no page and no entry behind them are released (their page
 * dropped them, undone) or, long past their window, settled. Then re-arms the alarm for the next
 * window's end. Never throws.
 */
export function sweepSends(options: SweepOptions = {}): Promise<void> {
  return queue(async () => {
    try {
      await sweep(options);
    } catch (error) {
      console.warn('[Fifth Touch] sends not settled yet', error);
    }
  });
}

async function sweep({ only, pageGone = false }: SweepOptions): Promise<void> {
  const db = await openDatabase();
  const now = Date.now();
  const grace = !pageGone && withinGrace(now);
  // When what is kept only for a moment (the grace, a young entry) may be settled: sooner than
  // the alarm can fire, so this worker sweeps again itself then.
  let recheckAt = Infinity;
  const keepHeld = (entry: OutboxEntry, at: number) => {
    const until = entry.notBefore ?? 0;
    if (isClaimed(entry.send.sendKey)) return at < until + PAST_WINDOW_MS;
    if (pageGone) return false;
    if (grace) recheckAt = Math.min(recheckAt, startedAt + RECONNECT_GRACE_MS);
    else if (at - entry.enqueuedAt < FRESH_ENTRY_MS) {
      recheckAt = Math.min(recheckAt, entry.enqueuedAt + FRESH_ENTRY_MS);
    } else return false;
    return true;
  };
  await drainOutboxOnce(db, { keepHeld, ...(only ? { only } : {}) });

  const stored = await browser.storage.local.get(null);
  const waiting = Object.entries(stored).flatMap(([key, value]) =>
    key.startsWith(OUTBOX_PREFIX) ? [value as Partial<OutboxEntry>] : [],
  );
  const entryKeys = new Set(Object.keys(stored));
  const seen = new Set<string>();
  for (const touch of await sendingTouches(db)) {
    const ref = sendRefOf(touch);
    if (!ref || seen.has(ref.sendKey) || (only && !only.has(ref.sendKey))) continue;
    seen.add(ref.sendKey);
    const until = touch.sending?.until ?? 0;
    if (isClaimed(ref.sendKey) && now < until + PAST_WINDOW_MS) continue;
    if (grace) {
      recheckAt = Math.min(recheckAt, startedAt + RECONNECT_GRACE_MS);
      continue;
    }
    // Its entry still waits (a young one, or one that failed to store): the next sweep decides.
    if (entryKeys.has(`${OUTBOX_PREFIX}${ref.sendKey}`)) continue;
    if (now > until + STALE_SENDING_MS) await settleSend(db, ref);
    else await releaseSend(db, ref, { now });
  }

  await armSendsAlarm(now, waiting);
  if (recheckAt !== Infinity) sweepAgainAt(recheckAt, now);
}

/** The sweep that settles what was kept only for a moment, once that moment is over. */
function sweepAgainAt(at: number, now: number): void {
  if (recheckTimer !== undefined) {
    if (recheckTimer.at <= at) return;
    clearTimeout(recheckTimer.timer);
  }
  const timer = setTimeout(
    () => {
      recheckTimer = undefined;
      void sweepSends();
    },
    Math.max(0, at - now) + 50,
  );
  recheckTimer = { at, timer };
}

/** The alarm at the first moment something in flight may be settled; cleared when nothing is. */
async function armSendsAlarm(now: number, entries: Partial<OutboxEntry>[]): Promise<void> {
  const times: number[] = [];
  const sendingUntil = await firstSendingUntil(await openDatabase());
  if (sendingUntil !== undefined) times.push(sendingUntil + PAST_WINDOW_MS);
  for (const entry of entries) {
    times.push(typeof entry.notBefore === 'number' ? entry.notBefore + PAST_WINDOW_MS : now);
  }
  if (times.length === 0) {
    await browser.alarms.clear(SENDS_ALARM);
    return;
  }
  // Chrome fires an alarm at the earliest 30 s out; a worker awake before then sweeps sooner.
  await browser.alarms.create(SENDS_ALARM, { when: Math.max(Math.min(...times), now + 1_000) });
}

/** A port a page opened: what it holds is stored, and settled when it goes. */
export function acceptSendsPort(port: Browser.runtime.Port): void {
  if (port.name !== SENDS_PORT) return;
  const caller = callerOf(port);
  if (!caller) {
    port.disconnect();
    return;
  }
  const claims = new Map<string, SendRef>();
  ports.set(port, claims);
  port.onMessage.addListener((raw: unknown) => {
    const parsed = v.safeParse(sendsPortMessageSchema, raw);
    if (!parsed.success || !portMessageFitsSender(parsed.output, caller)) return;
    const message = parsed.output;
    switch (message.type) {
      case 'hold': {
        const { send } = message;
        if (claims.size < MAX_CLAIMS_PER_PORT || claims.has(send.sendKey)) {
          claims.set(send.sendKey, { channel: send.channel, sendKey: send.sendKey });
        }
        void queue(async () => {
          const db = await openDatabase();
          await storeSend(db, send);
          await armSendsAlarm(Date.now(), []);
        }).catch((error: unknown) => console.warn('[Fifth Touch] held send not stored', error));
        break;
      }
      case 'release': {
        claims.delete(message.sendKey);
        const ref = { channel: message.channel, sendKey: message.sendKey };
        void queue(async () => {
          await releaseSend(await openDatabase(), ref, { now: Date.now() });
        }).catch((error: unknown) => console.warn('[Fifth Touch] send not released', error));
        break;
      }
      case 'claim':
        if (claims.size < MAX_CLAIMS_PER_PORT || claims.has(message.sendKey)) {
          claims.set(message.sendKey, { channel: message.channel, sendKey: message.sendKey });
        }
        break;
      case 'done':
        claims.delete(message.sendKey);
        break;
      case 'ping':
        break;
    }
  });
  port.onDisconnect.addListener(() => {
    ports.delete(port);
    if (claims.size === 0) return;
    // Queued after everything this port said, so a hold is stored before it is settled.
    void sweepSends({ only: new Set(claims.keys()), pageGone: true });
  });
}

/** A new worker life begins: pages that hold sends get the grace to connect again. */
export function workerStarted(now = Date.now()): void {
  startedAt = now;
}

export function setUpSends(): void {
  workerStarted();
  browser.runtime.onConnect.addListener(acceptSendsPort);
  // No permission needed: a tab closing wakes the worker, which settles what that page held even
  // when the worker was not running to see its port go.
  browser.tabs.onRemoved.addListener(() => void sweepSends());
}
