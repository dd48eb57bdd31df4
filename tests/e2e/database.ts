// Reads and seeds the extension's IndexedDB from one of its own pages with raw IndexedDB, so the
// tests see what is really stored, independent of the Dexie code under test.
import type { BrowserContext, Page } from 'playwright-core';
import type { Outcome, Prospect, Touch } from '../../lib/model';
import { withWaitingSince } from '../../lib/db/work-order';

export const DATABASE_NAME = 'fifth-touch';

export interface DatabaseRows {
  prospects: Prospect[];
  touches: Touch[];
  outcomes: Outcome[];
  settings: unknown[];
  /** Any other object store, by name. */
  [store: string]: unknown[];
}

/** An extension page to run IndexedDB code in: the database lives in the extension's origin. */
async function withExtensionPage<T>(
  context: BrowserContext,
  extensionId: string,
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    return await run(page);
  } finally {
    await page.close();
  }
}

/**
 * Runs inside an extension page (serialised by the browser driver): every row of every object store,
 * with raw IndexedDB; `{}` when the database does not exist yet. Shared by the Chromium and Firefox
 * harnesses.
 */
export async function readAllStores(name: string): Promise<Record<string, unknown[]>> {
  const known = await indexedDB.databases();
  // Opening a missing database would create an empty v1 one and confuse the real schema.
  if (!known.some((info) => info.name === name)) return {};
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const names = [...db.objectStoreNames];
    if (names.length === 0) return {};
    const tx = db.transaction(names, 'readonly');
    const entries = await Promise.all(
      names.map(
        (store) =>
          new Promise<[string, unknown[]]>((resolve, reject) => {
            const request = tx.objectStore(store).getAll();
            request.onsuccess = () => resolve([store, request.result]);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    return Object.fromEntries(entries);
  } finally {
    db.close();
  }
}

/** Every row of every object store; empty lists when the database does not exist yet. */
export async function readDatabase(
  context: BrowserContext,
  extensionId: string,
): Promise<DatabaseRows> {
  const stores = await withExtensionPage(context, extensionId, (page) =>
    page.evaluate(readAllStores, DATABASE_NAME),
  );
  return { prospects: [], touches: [], outcomes: [], settings: [], ...stores } as DatabaseRows;
}

/**
 * Rows as the product's store would hold them: prospects carry the `waitingSince` its work-order
 * middleware derives (seeded with raw IndexedDB, they would otherwise be missing from the due
 * lists' index).
 */
export function asStored<Rows extends Partial<Record<string, unknown[]>>>(rows: Rows): Rows {
  if (!rows.prospects) return rows;
  return { ...rows, prospects: (rows.prospects as Prospect[]).map(withWaitingSince) };
}

/**
 * Puts rows into existing object stores in one transaction, as the product stores them
 * (`asStored`). The schema must exist already (the background creates it on its first database
 * use, e.g. a `ping`).
 */
export async function seedDatabase(
  context: BrowserContext,
  extensionId: string,
  given: Partial<Record<string, unknown[]>>,
): Promise<void> {
  const rows = asStored(given);
  await withExtensionPage(context, extensionId, (page) =>
    page.evaluate(
      async ({ name, rows }) => {
        const known = await indexedDB.databases();
        if (!known.some((info) => info.name === name)) {
          throw new Error(`Database ${name} does not exist yet: let the background open it first.`);
        }
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        try {
          const stores = Object.keys(rows);
          const missing = stores.filter((store) => !db.objectStoreNames.contains(store));
          if (missing.length > 0) throw new Error(`No object store ${missing.join(', ')}`);
          const tx = db.transaction(stores, 'readwrite');
          for (const store of stores) {
            for (const row of rows[store] ?? []) tx.objectStore(store).put(row);
          }
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
          });
        } finally {
          db.close();
        }
      },
      { name: DATABASE_NAME, rows },
    ),
  );
}
