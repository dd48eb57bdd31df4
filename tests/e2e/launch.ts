// Starts Debian's Chromium with the built extension loaded, in a throw-away profile, offline, with
// its clock started at a stated instant (clock.ts).
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { binaryStartedAt, E2E_NOW } from './clock';
import { chromeBuildDir } from './paths';
import { blockExternalRequests } from './sites';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, offline Chromium: without the networking flags it keeps retrying its own services. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionSession {
  context: BrowserContext;
  /** The background service worker as it was at launch; after a stop use `waitForWorker`. */
  worker: Worker;
  extensionId: string;
  /**
   * The browser's current time (ms since the epoch): build rows and expectations from this, never
   * from the test process's own clock, which the browser's does not follow.
   */
  now(): number;
  /** `chrome-extension://<id>/<page>` */
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * A profile to launch in (and keep on close), so a test can quit the browser and start it again
   * on the same profile; without it, a throw-away profile removed on close.
   */
  userDataDir?: string;
  /**
   * The instant the browser's wall clock starts at; it then runs. By default `E2E_NOW`, a Wednesday
   * morning, so no result depends on the day the suite runs; a browser restarted on a profile passes
   * the last session's `now()` so its time goes on. `'real'` leaves the clock alone (benchmarks).
   */
  now?: number | 'real';
  /** An unpacked extension to load instead of the Chrome build (the bench's copy with its floors). */
  extensionDir?: string;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? chromeBuildDir;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `No extension build in ${extensionDir}: run \`npm run build:chrome\` before the e2e tests.`,
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's \`chromium\` package.`);
  }
  const keepProfile = options.userDataDir !== undefined;
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-e2e-')));
  const clockDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-clock-'));
  const removeFiles = () =>
    Promise.all([
      keepProfile ? undefined : rm(userDataDir, { recursive: true, force: true }),
      rm(clockDir, { recursive: true, force: true }),
    ]).then(() => undefined);
  let context: BrowserContext | undefined;
  try {
    const startAt = options.now ?? E2E_NOW;
    let executablePath = chromiumPath;
    if (startAt !== 'real') {
      executablePath = path.join(clockDir, 'chromium.sh');
      await writeFile(executablePath, binaryStartedAt(chromiumPath, startAt));
      await chmod(executablePath, 0o755);
    }
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...CHROMIUM_FLAGS,
      ],
    });
    await blockExternalRequests(context);
    const worker = await findWorker(context);
    const extensionId = new URL(worker.url()).host;
    const browserContext = context;
    // Both clocks run at the same rate, so one reading of their difference holds for the session.
    const asked = Date.now();
    const browserNow = await worker.evaluate(() => Date.now());
    const offset = browserNow - Math.round((asked + Date.now()) / 2);
    return {
      context,
      worker,
      extensionId,
      now: () => Date.now() + offset,
      extensionUrl: (page) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`,
      async close() {
        await browserContext.close().catch(() => undefined);
        await removeFiles();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await removeFiles();
    throw error;
  }
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

/** The extension's running service worker, or the next one to start. */
export async function findWorker(context: BrowserContext, timeout = 15_000): Promise<Worker> {
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout });
}
