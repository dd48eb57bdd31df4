/// <reference types="chrome" />
// Stopping and waking the MV3 service worker, as Chrome does to an idle extension at any moment.
// Playwright (≥ 1.59) keeps one Worker object across restarts (Chrome reuses the target id), so
// whether the worker runs is asked of Chrome over CDP, not read from context.serviceWorkers().
import type { BrowserContext, CDPSession, Worker } from 'playwright-core';

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: 'stopped' | 'starting' | 'running' | 'stopping';
}

const isExtensionScript = (url: string) => url.startsWith('chrome-extension://');

async function withSession<T>(
  context: BrowserContext,
  run: (session: CDPSession) => Promise<T>,
): Promise<T> {
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  try {
    return await run(session);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Whether Chrome has a live service-worker target for an extension. */
async function workerTargetExists(session: CDPSession, extensionId?: string): Promise<boolean> {
  const { targetInfos } = await session.send('Target.getTargets');
  return targetInfos.some(
    (target) =>
      target.type === 'service_worker' &&
      (extensionId
        ? target.url.startsWith(`chrome-extension://${extensionId}/`)
        : isExtensionScript(target.url)),
  );
}

/**
 * Stops every service worker (CDP `ServiceWorker.stopAllWorkers`) and returns once Chrome reports
 * the extension's worker stopped and its target gone.
 */
export async function stopServiceWorker(context: BrowserContext, timeout = 10_000): Promise<void> {
  await withSession(context, async (session) => {
    const versions = new Map<string, WorkerVersion>();
    session.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
      for (const version of updated as WorkerVersion[]) {
        if (isExtensionScript(version.scriptURL)) versions.set(version.versionId, version);
      }
    });
    try {
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + timeout;
      let askedAt = Date.now();
      for (;;) {
        const stopped = [...versions.values()].every((v) => v.runningStatus === 'stopped');
        if (stopped && !(await workerTargetExists(session))) return;
        // A page's message (an open Gmail tab asking for its overlay settings) can wake the worker
        // again right after it stopped: ask again until Chrome reports it stopped.
        if (Date.now() - askedAt > 1_000) {
          askedAt = Date.now();
          await session.send('ServiceWorker.stopAllWorkers');
        }
        if (Date.now() > deadline) {
          const states = [...versions.values()].map((v) => `${v.scriptURL}: ${v.runningStatus}`);
          throw new Error(`The service worker did not stop: ${states.join(', ') || 'no versions'}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await session.send('ServiceWorker.disable').catch(() => undefined);
    }
  });
}

/** Whether the extension's service worker is running now. */
export function isWorkerRunning(context: BrowserContext, extensionId: string): Promise<boolean> {
  return withSession(context, (session) => workerTargetExists(session, extensionId));
}

/**
 * The extension's worker, running and ready to evaluate. When it is stopped, wakes it the way
 * Chrome does for a real event (a runtime message from an extension page) and waits for it.
 */
export async function waitForWorker(
  context: BrowserContext,
  extensionId: string,
  timeout = 15_000,
): Promise<Worker> {
  if (!(await isWorkerRunning(context, extensionId))) {
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      // The reply does not matter: delivering a message is what starts the worker.
      await page
        .evaluate(() =>
          chrome.runtime.sendMessage({
            id: 0,
            type: 'ping',
            data: undefined,
            timestamp: Date.now(),
          }),
        )
        .catch(() => undefined);
    } finally {
      await page.close();
    }
  }
  const deadline = Date.now() + timeout;
  while (!(await isWorkerRunning(context, extensionId))) {
    if (Date.now() > deadline) throw new Error(`The service worker did not start in ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const worker =
    context
      .serviceWorkers()
      .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`),
      timeout: Math.max(deadline - Date.now(), 1),
    }));
  // Resolves once the restarted worker's new execution context is ready.
  await worker.evaluate(() => true);
  return worker;
}
