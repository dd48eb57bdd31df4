// The extension's own pages in Firefox, driven with raw WebDriver BiDi. Firefox keeps extension
// contexts out of BiDi's events (bug 1755014), so Playwright never sees a moz-extension:// page
// load or get a realm; but browsingContext.navigate and script.evaluate aimed at the tab do work.
import type { DatabaseRows } from '../database';
import { asStored, DATABASE_NAME, readAllStores } from '../database';
import type { BidiSend } from './bidi-proxy';

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text?: string };
}

export interface ExtensionPage {
  /** `fn(arg)` in the page (awaited); its result crosses as JSON. Throws what the page threw. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

/** Opens `url` (a moz-extension:// page) in a new tab; resolves once its document has loaded. */
export async function openExtensionPage(
  bidi: BidiSend,
  url: string,
  timeout = 10_000,
): Promise<ExtensionPage> {
  const { context } = await bidi<{ context: string }>('browsingContext.create', {
    type: 'tab',
    background: true,
  });
  const evaluateSource = async (expression: string): Promise<unknown> => {
    const reply = await bidi<EvaluateResult>('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (reply.type === 'exception') {
      throw new Error(`In ${url}: ${reply.exceptionDetails?.text ?? 'an exception'}`);
    }
    return reply.result?.value;
  };
  const page: ExtensionPage = {
    async evaluate(fn, arg) {
      // A function's source and a JSON argument: what Playwright's own evaluate does, by hand.
      const json = await evaluateSource(
        `(async () => JSON.stringify((await (${fn.toString()})(${JSON.stringify(arg)})) ?? null))()`,
      );
      return JSON.parse(String(json)) as never;
    },
    close: () => bidi('browsingContext.close', { context }).then(() => undefined),
  };
  try {
    // 'none': the load events that 'complete' waits for are the ones Firefox filters out.
    await bidi('browsingContext.navigate', { context, url, wait: 'none' });
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await evaluateSource(`location.href + ' ' + document.readyState`).catch(
        (error: unknown) => String(error),
      );
      if (state === `${url} complete`) return page;
      if (Date.now() > deadline) throw new Error(`${url} did not load in ${timeout} ms: ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/** Runs `run` on a freshly opened extension page and closes it. */
export async function withExtensionPage<T>(
  bidi: BidiSend,
  url: string,
  run: (page: ExtensionPage) => Promise<T>,
): Promise<T> {
  const page = await openExtensionPage(bidi, url);
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

/**
 * Every row of every object store of the extension's database, read with raw IndexedDB from one of
 * its pages (the database lives in the extension's origin); empty lists when it does not exist.
 */
export async function readDatabase(bidi: BidiSend, pageUrl: string): Promise<DatabaseRows> {
  const stores = await withExtensionPage(bidi, pageUrl, (page) =>
    page.evaluate(readAllStores, DATABASE_NAME),
  );
  return { prospects: [], touches: [], outcomes: [], settings: [], ...stores } as DatabaseRows;
}

/**
 * Puts `rows` into the extension's database with raw IndexedDB from the side panel at `panelUrl`,
 * as the product stores them (`asStored`), once the panel's own Dexie has created the schema (on
 * its first read).
 */
export async function seedDatabase(
  bidi: BidiSend,
  panelUrl: string,
  rows: Record<string, unknown[]>,
): Promise<void> {
  await withExtensionPage(bidi, panelUrl, (page) =>
    page.evaluate(
      async ({ name, rows }) => {
        const open = () =>
          new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
        for (let i = 0; i < 200; i++) {
          const known = await indexedDB.databases();
          if (known.some((info) => info.name === name && (info.version ?? 0) > 1)) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const db = await open();
        try {
          const stores = Object.keys(rows);
          const tx = db.transaction(stores, 'readwrite');
          for (const store of stores) {
            for (const row of rows[store]!) tx.objectStore(store).put(row);
          }
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        } finally {
          db.close();
        }
      },
      { name: DATABASE_NAME, rows: asStored(rows) },
    ),
  );
}
