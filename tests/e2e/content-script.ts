// Runs code inside the extension's content-script world on a page (its isolated world, with the
// extension's `chrome.runtime`), so a test acts exactly as the real content script would.
import type { BrowserContext, Page } from 'playwright-core';
import type { ProtocolMap } from '../../lib/messages';

interface ExecutionContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string; isDefault?: boolean };
}

export interface ContentScriptOptions {
  /** Restricts to this extension's world; without it any extension's isolated world matches. */
  extensionId?: string;
  /** How long to wait for the content script to be injected (it runs at document_idle). */
  timeout?: number;
}

/**
 * Evaluates `expression` (a JS expression; a promise is awaited) in the content script's world of
 * the page's main frame and returns its JSON-serialisable value. Throws what the code threw.
 */
export async function evaluateInContentScript<T = unknown>(
  page: Page,
  expression: string,
  { extensionId, timeout = 10_000 }: ContentScriptOptions = {},
): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    const contexts: ExecutionContextDescription[] = [];
    session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      const index = contexts.findIndex((c) => c.id === executionContextId);
      if (index >= 0) contexts.splice(index, 1);
    });
    session.on('Runtime.executionContextsCleared', () => contexts.splice(0));
    await session.send('Runtime.enable');
    const { frameTree } = await session.send('Page.getFrameTree');
    const mainFrameId = frameTree.frame.id;
    const isOurs = (c: ExecutionContextDescription) =>
      c.auxData?.type === 'isolated' &&
      c.auxData.frameId === mainFrameId &&
      (extensionId
        ? c.origin === `chrome-extension://${extensionId}`
        : c.origin.startsWith('chrome-extension://'));

    const deadline = Date.now() + timeout;
    let world = contexts.find(isOurs);
    while (!world) {
      if (Date.now() > deadline) {
        const seen = contexts.map((c) => `${c.auxData?.type ?? '?'}:${c.origin || c.name}`);
        throw new Error(
          `No content-script world on ${page.url()} after ${timeout} ms (contexts: ${seen.join(', ') || 'none'}). Is the URL in the script's matches?`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      world = contexts.find(isOurs);
    }

    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) {
      const message =
        exceptionDetails.exception?.description ??
        exceptionDetails.exception?.value ??
        exceptionDetails.text;
      throw new Error(`In the content script: ${String(message)}`);
    }
    return result.value as T;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** What @webext-core/messaging (v3) puts on the wire in reply: a result or a serialised error. */
export interface WireReply<T> {
  res?: T;
  err?: { name?: string; message: string };
}

/**
 * Sends a protocol message from the content script exactly as `sendMessage` from lib/messages would
 * (@webext-core/messaging v3's `{ id, type, data, timestamp }`), and returns the raw reply. `data`
 * is deliberately loose so tests can send invalid payloads.
 */
export function sendFromContentScript<K extends keyof ProtocolMap>(
  page: Page,
  type: K,
  data: unknown,
  options?: ContentScriptOptions,
): Promise<WireReply<ReturnType<ProtocolMap[K]>>> {
  const message = JSON.stringify({ id: 1, type, data, timestamp: 0 });
  return evaluateInContentScript(
    page,
    `chrome.runtime.sendMessage({ ...${message}, timestamp: Date.now() })`,
    options,
  );
}

/**
 * Sends a protocol message from one of the extension's own pages (the side panel), as the panel or
 * the options page would, and returns the raw reply. For the messages only our pages may send.
 */
export async function sendFromExtensionPage<K extends keyof ProtocolMap>(
  context: BrowserContext,
  extensionId: string,
  type: K,
  data: unknown,
): Promise<WireReply<ReturnType<ProtocolMap[K]>>> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    return await page.evaluate(
      (message) => chrome.runtime.sendMessage({ ...message, timestamp: Date.now() }),
      { id: 1, type, data },
    );
  } finally {
    await page.close();
  }
}
