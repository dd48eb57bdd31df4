// A WebDriver BiDi relay between Playwright and stock Firefox. Firefox allows one BiDi session, and
// Playwright owns it, so the tests speak raw BiDi through the same socket: this relay forwards
// every frame both ways and adds three things Playwright alone cannot do with Firefox ESR:
// - installs the extension (webExtension.install) between session.new and Playwright's first
//   command, so every page Playwright opens already has the content scripts;
// - answers the commands Playwright 1.65 sends unconditionally that an ESR may not implement
//   ("unknown command" would abort the launch): emulation.setMediaFeaturesOverride (missing in
//   ESR 153 and 140), and network.addDataCollector, browser.setDownloadBehavior and the screen
//   emulation overrides (missing in ESR 140, which is what Debian bookworm ships now; no Firefox
//   test reads a response body, downloads, or depends on an emulated screen);
// - lets the tests send their own commands (`send`): Firefox hides extension pages from BiDi's
//   events, so Playwright never sees them load, but script.evaluate targeting them works.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

interface Socket {
  send(data: string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
interface SocketServer {
  address(): AddressInfo;
  close(callback?: () => void): void;
  on(event: 'listening', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'connection', listener: (client: Socket, request: { url?: string }) => void): void;
}
// playwright-core's own copy of `ws` (an exported subpath): no extra dependency for one relay.
const { ws: WebSocketClient, wsServer: WebSocketServer } = createRequire(import.meta.url)(
  'playwright-core/lib/utilsBundle',
) as {
  ws: new (url: string) => Socket;
  wsServer: new (options: { host: string; port: number }) => SocketServer;
};

interface CommandFrame {
  id: number;
  method: string;
  params?: unknown;
}
interface ReplyFrame {
  id?: number;
  type: 'success' | 'error' | 'event';
  result?: unknown;
  error?: string;
  message?: string;
}

/** Ids of the tests' own commands: far above Playwright's, which count up from 1. */
const OWN_ID_BASE = 2 ** 40;

/** BiDi commands Firefox ESR lacks that Playwright sends unconditionally, answered here as done. */
const UNSUPPORTED_NO_OPS = new Set([
  'emulation.setMediaFeaturesOverride',
  'network.addDataCollector',
  'browser.setDownloadBehavior',
  'emulation.setScreenOrientationOverride',
  'emulation.setScreenSettingsOverride',
]);

export type BidiSend = <T = unknown>(method: string, params?: unknown) => Promise<T>;

export interface BidiProxy {
  /** `host:port` the relay listens on; Firefox's announced endpoint is rewritten to point here. */
  address: string;
  /** A raw BiDi command in Playwright's session; rejects with Firefox's error. */
  send: BidiSend;
  close(): Promise<void>;
}

export interface BidiProxyOptions {
  /** Runs once the session exists, before Playwright hears of it; a throw fails the launch. */
  onSession(send: BidiSend): Promise<void>;
}

export async function startBidiProxy({ onSession }: BidiProxyOptions): Promise<BidiProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.on('listening', resolve);
    server.on('error', reject);
  });
  let upstream: Socket | undefined;
  let nextId = OWN_ID_BASE;
  const pending = new Map<number, (reply: ReplyFrame) => void>();

  const send: BidiSend = (method, params = {}) =>
    new Promise((resolve, reject) => {
      if (!upstream) return reject(new Error(`No BiDi session for ${method} yet`));
      const id = nextId++;
      pending.set(id, (reply) =>
        reply.type === 'success'
          ? resolve(reply.result as never)
          : reject(new Error(`${method}: ${reply.error ?? 'error'}: ${reply.message ?? ''}`)),
      );
      upstream.send(JSON.stringify({ id, method, params }));
    });

  server.on('connection', (client, request) => {
    // The wrapper rewrote `ws://127.0.0.1:PORT` to `ws://<relay>/127.0.0.1:PORT`.
    const target = /^\/((?:127\.0\.0\.1|localhost):\d+)(\/.*)$/.exec(request.url ?? '');
    if (!target || upstream) {
      client.close();
      return;
    }
    const firefox = new WebSocketClient(`ws://${target[1]}${target[2]}`);
    upstream = firefox;
    const queued: string[] = [];
    let open = false;
    let sessionNewId: number | undefined;

    firefox.on('open', () => {
      open = true;
      for (const frame of queued.splice(0)) firefox.send(frame);
    });
    client.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as CommandFrame;
      if (UNSUPPORTED_NO_OPS.has(frame.method)) {
        client.send(JSON.stringify({ type: 'success', id: frame.id, result: {} }));
        return;
      }
      if (frame.method === 'session.new') sessionNewId = frame.id;
      if (open) firefox.send(data.toString());
      else queued.push(data.toString());
    });
    firefox.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as ReplyFrame;
      if (frame.id !== undefined && frame.id >= OWN_ID_BASE) {
        const settle = pending.get(frame.id);
        pending.delete(frame.id);
        settle?.(frame);
        return;
      }
      if (frame.id === sessionNewId && frame.type === 'success') {
        sessionNewId = undefined;
        onSession(send).then(
          () => client.send(data.toString()),
          (error: unknown) =>
            client.send(
              JSON.stringify({
                type: 'error',
                id: frame.id,
                error: 'session not created',
                message: `Setting up the test session failed: ${String(error)}`,
              }),
            ),
        );
        return;
      }
      client.send(data.toString());
    });
    const closeBoth = () => {
      for (const settle of pending.values()) {
        settle({ type: 'error', error: 'closed', message: 'the BiDi connection closed' });
      }
      pending.clear();
      client.close();
      firefox.close();
    };
    client.on('close', closeBoth);
    firefox.on('close', closeBoth);
    firefox.on('error', closeBoth);
    client.on('error', closeBoth);
  });

  const { port } = server.address();
  return {
    address: `127.0.0.1:${port}`,
    send,
    close: () =>
      new Promise<void>((resolve) => {
        upstream?.close();
        // The relay's sockets are gone with the browser; do not wait on a straggler.
        const timer = setTimeout(resolve, 1_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
