// The content scripts' outbox: a send is written to extension storage before it is sent to the
// background and removed only once the background acknowledged it, so a touch survives the worker
// stopping mid-write, the tab closing right after a send and a browser restart. Retries are safe:
// the background stores each send once per prospect (its dedupe key). Storage and sender are
// passed in, so this runs, and is tested, without a browser.
import * as v from 'valibot';
import { detectedSendSchema, type DetectedSend } from '../model';
import type { RecordSendResult } from '../messages';

export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** One entry per send, so two tabs (or two sends) never overwrite each other's entries. */
export const OUTBOX_PREFIX = 'outbox:';
/** Where a send the background refused as invalid is kept (never retried, never lost). */
export const REJECTED_PREFIX = 'outbox-rejected:';

export interface OutboxEntry {
  send: DetectedSend;
  /** Tells this enqueue from a later one of the same send, so an old ack never removes the new entry. */
  stamp: string;
  enqueuedAt: number;
  /**
   * A held send (Gmail's undo window still open): kept so a tab closing right after Send loses
   * nothing, but not delivered before this time (epoch ms); the tab confirms or drops it sooner.
   */
  notBefore?: number;
}

export type RecordSend = (send: DetectedSend) => Promise<RecordSendResult>;

/**
 * Tells the background what this page has in flight (../outbox/link.ts, over the sends port), so
 * it can settle a held send at once when the page goes, rather than when the hold would end.
 * Called only after the entry it speaks of is in storage; never throws.
 */
export interface OutboxLink {
  /** A held send is in storage; the background stores it as sending until `until`. */
  hold(send: DetectedSend, until: number): void;
  /** A held send was dropped (undone, failed, excluded): its sending touches go. */
  release(send: Pick<DetectedSend, 'channel' | 'sendKey'>): void;
  /** A send is in storage for delivery. */
  claim(send: Pick<DetectedSend, 'channel' | 'sendKey'>): void;
  /** Its delivery ended (stored, refused, or left for the background's drain). */
  done(send: Pick<DetectedSend, 'channel' | 'sendKey'>): void;
}

export interface OutboxOptions {
  storage: KeyValueArea;
  record: RecordSend;
  /** Waits between attempts; after the last one the entry stays for the background to drain. */
  retryDelaysMs?: readonly number[];
  /** An attempt that has not answered by then counts as failed (and is retried). */
  attemptTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Told about every failed attempt; never throws into the caller. */
  onError?: (error: unknown, send: DetectedSend | undefined) => void;
  /** The background's view of what this page has in flight (absent: storage only). */
  link?: OutboxLink;
}

export const DEFAULT_RETRY_DELAYS_MS = [200, 400, 800, 1600, 3200, 6400, 12_800, 25_600] as const;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;

export type Delivery =
  | { status: 'recorded'; result: RecordSendResult; attempts: number }
  | { status: 'rejected'; error: string; attempts: number }
  | { status: 'pending'; attempts: number }
  | { status: 'invalid'; error: string; attempts: 0 };

export function outboxKey(send: Pick<DetectedSend, 'sendKey'>): string {
  return `${OUTBOX_PREFIX}${send.sendKey}`;
}

/** The background refused the send itself (a bad payload): retrying can never succeed. */
export function isPermanentFailure(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  return (
    name === 'InvalidMessageError' ||
    name === 'StoreError' ||
    // The background refused the sender or the message type: asking again changes nothing.
    name === 'ForbiddenSenderError' ||
    name === 'UnknownMessageError' ||
    /^Invalid (recordSend message|send):/.test(message)
  );
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer from the background in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function asEntry(value: unknown): OutboxEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<OutboxEntry>;
  if (typeof entry.stamp !== 'string' || typeof entry.send !== 'object' || !entry.send) {
    return undefined;
  }
  return entry as OutboxEntry;
}

/** Removes the entry only while it is still the one this delivery sent. */
async function removeIfCurrent(storage: KeyValueArea, key: string, stamp: string): Promise<void> {
  const current = asEntry((await storage.get(key))[key]);
  if (current?.stamp === stamp) await storage.remove(key);
}

async function reject(
  storage: KeyValueArea,
  key: string,
  entry: OutboxEntry,
  error: unknown,
): Promise<void> {
  const rejectedKey = `${REJECTED_PREFIX}${key.slice(OUTBOX_PREFIX.length)}`;
  await storage.set({ [rejectedKey]: { ...entry, error: errorText(error) } });
  await removeIfCurrent(storage, key, entry.stamp);
}

/** One attempt at one stored entry: recorded (entry removed), rejected (moved aside) or still pending. */
async function attempt(
  options: OutboxOptions,
  key: string,
  entry: OutboxEntry,
): Promise<
  | { status: 'recorded'; result: RecordSendResult }
  | { status: 'rejected'; error: string }
  | { status: 'failed'; error: unknown }
> {
  try {
    const result = await withTimeout(
      options.record(entry.send),
      options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    );
    await removeIfCurrent(options.storage, key, entry.stamp);
    return { status: 'recorded', result };
  } catch (error) {
    options.onError?.(error, entry.send);
    if (isPermanentFailure(error)) {
      await reject(options.storage, key, entry, error);
      return { status: 'rejected', error: errorText(error) };
    }
    return { status: 'failed', error };
  }
}

export interface Outbox {
  /**
   * Stores the send, then delivers it with retries. Fire and forget: never throws and never makes
   * the caller wait; the promise (which never rejects) says how it ended, for tests.
   */
  enqueue(send: DetectedSend): Promise<Delivery>;
  /**
   * Stores the send as held: not delivered, and left by the background's drain until `notBefore`.
   * A later `enqueue` of the same send replaces it; `drop` removes it. Never throws.
   */
  hold(send: DetectedSend, notBefore: number): Promise<void>;
  /** Removes a held send (undone, failed, excluded). Never throws. */
  drop(send: Pick<DetectedSend, 'channel' | 'sendKey'>): Promise<void>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  async function deliver(send: DetectedSend): Promise<Delivery> {
    const parsed = v.safeParse(detectedSendSchema, send);
    if (!parsed.success) {
      const error = `Invalid send: ${parsed.issues
        .slice(0, 3)
        .map((issue) => `${v.getDotPath(issue) ?? 'send'}: ${issue.message}`)
        .join('; ')}`;
      options.onError?.(new Error(error), send);
      return { status: 'invalid', error, attempts: 0 };
    }
    const entry: OutboxEntry = {
      send: parsed.output,
      stamp: `${now()}-${Math.random().toString(36).slice(2)}`,
      enqueuedAt: now(),
    };
    const key = outboxKey(entry.send);
    await options.storage.set({ [key]: entry });
    linked((link) => link.claim(entry.send));
    try {
      for (let attempts = 1; ; attempts += 1) {
        const outcome = await attempt(options, key, entry);
        if (outcome.status === 'recorded') return { ...outcome, attempts };
        if (outcome.status === 'rejected') return { ...outcome, attempts };
        const delay = delays[attempts - 1];
        // Out of patience here; the entry stays and the background drains it on its next wake.
        if (delay === undefined) return { status: 'pending', attempts };
        await sleep(delay);
      }
    } finally {
      linked((link) => link.done(entry.send));
    }
  }

  const linked = (say: (link: OutboxLink) => void) => {
    if (!options.link) return;
    try {
      say(options.link);
    } catch (error) {
      tell(error, undefined);
    }
  };

  const tell = (error: unknown, send: DetectedSend | undefined) => {
    try {
      options.onError?.(error, send);
    } catch {
      // A failing reporter must not break the caller either.
    }
  };

  return {
    async hold(send, notBefore) {
      try {
        const parsed = v.safeParse(detectedSendSchema, send);
        if (!parsed.success) return;
        const entry: OutboxEntry = {
          send: parsed.output,
          stamp: `${now()}-${Math.random().toString(36).slice(2)}`,
          enqueuedAt: now(),
          notBefore,
        };
        await options.storage.set({ [outboxKey(entry.send)]: entry });
        linked((link) => link.hold(entry.send, notBefore));
      } catch (error) {
        tell(error, send);
      }
    },
    async drop(send) {
      try {
        const key = outboxKey(send);
        const current = asEntry((await options.storage.get(key))[key]);
        // Only a held entry: one already enqueued for delivery is not ours to take back. With no
        // entry at all the background may still show it sending; the release clears that.
        if (current && current.notBefore === undefined) return;
        if (current) await options.storage.remove(key);
        linked((link) => link.release(send));
      } catch (error) {
        tell(error, undefined);
      }
    },
    enqueue(send) {
      return deliver(send).catch((error: unknown) => {
        // Storage itself failed (quota, extension reloaded): tell, never throw into the page.
        try {
          options.onError?.(error, send);
        } catch {
          // A failing reporter must not break the caller either.
        }
        return { status: 'pending', attempts: 0 } as const;
      });
    },
  };
}

export interface DrainReport {
  recorded: number;
  rejected: number;
  failed: number;
  /** Held entries left waiting for their page. */
  waiting: number;
}

export interface DrainOptions extends Pick<
  OutboxOptions,
  'storage' | 'record' | 'attemptTimeoutMs' | 'onError' | 'now'
> {
  /**
   * Whether a held entry waits (its page may still undo it). Without it, it waits until its
   * `notBefore`; the background also asks whether a live page still holds it.
   */
  keepHeld?: (entry: OutboxEntry, now: number) => boolean;
  /** Only these entries (by send key); without it, all of them. */
  only?: ReadonlySet<string>;
}

/**
 * Delivers every entry left in the outbox, once each (the background calls this whenever a page
 * with sends in flight goes, on every start, and on its alarms; what fails stays for the next time).
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainReport> {
  const report: DrainReport = { recorded: 0, rejected: 0, failed: 0, waiting: 0 };
  const now = (options.now ?? Date.now)();
  const stored = await options.storage.get(null);
  const keepHeld =
    options.keepHeld ??
    ((entry: OutboxEntry, at: number) => entry.notBefore !== undefined && entry.notBefore > at);
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(OUTBOX_PREFIX)) continue;
    if (options.only && !options.only.has(key.slice(OUTBOX_PREFIX.length))) continue;
    const entry = asEntry(value);
    if (!entry) {
      // Not ours to interpret: set aside, not deleted.
      await options.storage.set({
        [`${REJECTED_PREFIX}${key.slice(OUTBOX_PREFIX.length)}`]: value,
      });
      await options.storage.remove(key);
      report.rejected += 1;
      continue;
    }
    // A held send whose undo window may still be open: its tab decides, or a later drain.
    if (typeof entry.notBefore === 'number' && keepHeld(entry, now)) {
      report.waiting += 1;
      continue;
    }
    const outcome = await attempt(options, key, entry);
    report[outcome.status] += 1;
  }
  return report;
}
