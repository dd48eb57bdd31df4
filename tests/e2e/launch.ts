// Starts Debian's Chromium with the built extension loaded, in a throw-away profile, offline.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
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
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  if (!existsSync(path.join(chromeBuildDir, 'manifest.json'))) {
    throw new Error(
      `No extension build in ${chromeBuildDir}: run \`npm run build:chrome\` before the e2e tests.`,
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's \`chromium\` package.`);
  }
  const keepProfile = options.userDataDir !== undefined;
  const userDataDir =
    options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-e2e-')));
  const removeProfile = () =>
    keepProfile ? Promise.resolve() : rm(userDataDir, { recursive: true, force: true });
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        `--disable-extensions-except=${chromeBuildDir}`,
        `--load-extension=${chromeBuildDir}`,
        ...CHROMIUM_FLAGS,
      ],
    });
    await blockExternalRequests(context);
    const worker = await findWorker(context);
    const extensionId = new URL(worker.url()).host;
    const browserContext = context;
    return {
      context,
      worker,
      extensionId,
      extensionUrl: (page) => `chrome-extension://${extensionId}/${page.replace(/^\//, '')}`,
      async close() {
        await browserContext.close().catch(() => undefined);
        await removeProfile();
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await removeProfile();
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
