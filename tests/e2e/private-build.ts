// A build of the extension for one test file alone. Several people build into the shared .output
// folder while suites run, and Chromium reads the worker and pages lazily from disk, so a suite
// that must not see a half-written build builds its own copy once and launches from it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath, findWorker, type ExtensionSession } from './launch';
import { projectRoot } from './paths';
import { blockExternalRequests } from './sites';

/** Builds the Chrome extension into a temporary folder; returns the folder with manifest.json. */
export async function buildPrivately(): Promise<{ dir: string; remove(): Promise<void> }> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-build-'));
  const { build } = await import('wxt');
  await build({ root: projectRoot, outDir, browser: 'chrome', logger: quietLogger() });
  const dir = path.join(outDir, 'chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No build in ${dir}`);
  return { dir, remove: () => rm(outDir, { recursive: true, force: true }) };
}

function quietLogger() {
  const silent = () => undefined;
  return {
    debug: silent,
    log: silent,
    info: silent,
    warn: silent,
    error: console.error,
    fatal: console.error,
    success: silent,
    level: 0,
  };
}

/** launchExtension's twin, loading the extension from `buildDir`. */
export async function launchBuild(buildDir: string): Promise<ExtensionSession> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-e2e-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        `--disable-extensions-except=${buildDir}`,
        `--load-extension=${buildDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
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
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
