// A content script's side of the sends port (SENDS_PORT in ../messages): open while the page has
// a send in flight (held in Gmail's undo window, or handed to the outbox and not yet stored), and
// closed soon after the last one is done, so an idle Gmail tab keeps no port and wakes no worker.
//
// The background learns from the port's disconnect that the page is gone (closed, navigated away,
// crashed), and settles at once what the page can no longer undo. When the worker stops instead,
// the page sees the disconnect, connects again and says again everything it holds, so a new worker
// life knows it too: every message is idempotent. Pure: the port and the timers are passed in.
import type { DetectedSend } from '../model';
import type { SendsPortMessage } from '../messages';
import type { OutboxLink } from './outbox';

/** The part of a runtime.Port this uses. */
export interface LinkPort {
  postMessage(message: SendsPortMessage): void;
  disconnect(): void;
  onDisconnect: { addListener(listener: () => void): void };
}

export interface SendsLinkOptions {
  /** Opens the port (`browser.runtime.connect({ name: SENDS_PORT })`); may throw. */
  connect: () => LinkPort;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** How long the port stays open after the last send in flight is done. */
  lingerMs?: number;
  /** A ping this often while something is held, so the worker is not stopped as idle meanwhile. */
  keepAliveMs?: number;
  /** Waits before connecting again after the port dropped; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
  /** A connection that lasted this long resets the reconnect delays. */
  stableMs?: number;
  now?: () => number;
}

type Ref = Pick<DetectedSend, 'channel' | 'sendKey'>;

export const DEFAULT_LINK = {
  lingerMs: 2_000,
  keepAliveMs: 20_000,
  reconnectDelaysMs: [0, 250, 1_000, 2_000, 5_000],
  stableMs: 5_000,
} as const;

export class SendsLink implements OutboxLink {
  private readonly options: Required<Omit<SendsLinkOptions, 'now'>> & { now: () => number };
  /** Held sends by send key, with their sendingUntil. */
  private readonly holds = new Map<string, DetectedSend>();
  /** Sends handed to the outbox and not stored yet. */
  private readonly claims = new Map<string, Ref>();
  private port: LinkPort | undefined;
  private connectedAt = 0;
  private failures = 0;
  private reconnectTimer: unknown;
  private lingerTimer: unknown;
  private keepAliveTimer: unknown;
  /** The extension is gone (reloaded, uninstalled): nothing can be said any more. */
  private dead = false;

  constructor(options: SendsLinkOptions) {
    this.options = { ...DEFAULT_LINK, now: Date.now, ...options };
  }

  /** Whether a port is open now (for tests). */
  get connected(): boolean {
    return this.port !== undefined;
  }

  hold(send: DetectedSend, until: number): void {
    const held = { ...send, sendingUntil: until };
    this.holds.set(send.sendKey, held);
    this.say({ type: 'hold', send: held });
  }

  release(send: Ref): void {
    this.holds.delete(send.sendKey);
    this.say({ type: 'release', channel: send.channel, sendKey: send.sendKey });
  }

  claim(send: Ref): void {
    const ref = { channel: send.channel, sendKey: send.sendKey };
    this.claims.set(send.sendKey, ref);
    this.say({ type: 'claim', ...ref });
  }

  done(send: Ref): void {
    const wasHeld = this.holds.delete(send.sendKey);
    const wasClaimed = this.claims.delete(send.sendKey);
    if (!wasHeld && !wasClaimed) return;
    // Only worth saying on an open port: a new one starts from what is in flight now.
    if (this.port) this.post({ type: 'done', channel: send.channel, sendKey: send.sendKey });
    this.idleCheck();
  }

  private get busy(): boolean {
    return this.holds.size > 0 || this.claims.size > 0;
  }

  /** Says one thing, opening the port first when needed (which says everything in flight). */
  private say(message: SendsPortMessage): void {
    if (this.dead) return;
    const opened = this.ensurePort();
    // A port just opened already carried every hold and claim; a release still has to be said.
    if (!opened || message.type === 'release') this.post(message);
    this.idleCheck();
  }

  private ensurePort(): boolean {
    if (this.port) return false;
    this.options.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    let port: LinkPort;
    try {
      port = this.options.connect();
    } catch {
      // No extension context any more: the background drains what the outbox kept.
      this.dead = true;
      return false;
    }
    this.port = port;
    this.connectedAt = this.options.now();
    port.onDisconnect.addListener(() => this.dropped(port));
    for (const send of this.holds.values()) this.post({ type: 'hold', send });
    for (const ref of this.claims.values()) this.post({ type: 'claim', ...ref });
    this.keepAlive();
    return true;
  }

  private post(message: SendsPortMessage): void {
    const port = this.port;
    if (!port) return;
    try {
      port.postMessage(message);
    } catch {
      // The port died under us (the worker stopped): connect again, which says it all again.
      this.dropped(port);
    }
  }

  /** The other side went (the worker stopped, the extension reloaded): connect again if needed. */
  private dropped(port: LinkPort): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.options.clearTimer(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    if (!this.busy || this.dead) return;
    // At once after a connection that lasted; ever more slowly while each one drops at once.
    if (this.options.now() - this.connectedAt >= this.options.stableMs) this.failures = 0;
    const delays = this.options.reconnectDelaysMs;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 0;
    this.failures += 1;
    this.options.clearTimer(this.reconnectTimer);
    this.reconnectTimer = this.options.setTimer(() => {
      this.reconnectTimer = undefined;
      if (this.busy && !this.port && !this.dead) this.ensurePort();
    }, delay);
  }

  private keepAlive(): void {
    this.options.clearTimer(this.keepAliveTimer);
    this.keepAliveTimer = this.options.setTimer(() => {
      this.keepAliveTimer = undefined;
      if (!this.port || !this.busy) return;
      this.post({ type: 'ping' });
      this.keepAlive();
    }, this.options.keepAliveMs);
  }

  /** Closes the port once nothing has been in flight for a while. */
  private idleCheck(): void {
    this.options.clearTimer(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.busy || !this.port) return;
    this.lingerTimer = this.options.setTimer(() => {
      this.lingerTimer = undefined;
      if (this.busy || !this.port) return;
      const port = this.port;
      this.port = undefined;
      this.options.clearTimer(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
      try {
        port.disconnect();
      } catch {
        // Already gone.
      }
    }, this.options.lingerMs);
  }
}
