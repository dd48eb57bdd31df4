// The side panel's first screen, read with plain IndexedDB before any library is loaded: the
// settings row and the first page of Overdue (the list the panel opens on), in one read-only
// transaction. A small classic script (entrypoints/panel-early.ts) starts it as the panel's page
// begins to load, so the database answers while the panel's modules are still being fetched and
// run; through Dexie the same reads could only start after all of them. Dexie stays the panel's
// way to the store for everything else, and takes over whenever this cannot answer for sure:
// no database yet (none is made here), one at another version than this code declares, a store
// or an index missing, any error. Nothing here imports Dexie, so the script stays small.
import type { LocalDay, Prospect, Settings } from '../model';
import { SETTINGS_ROW_ID } from './names';
import { WORK_ORDER_INDEX } from './work-order';

/** Where IndexedDB is (Dexie's `dependencies` have this shape): passed in, lib/ reads no global. */
export interface IndexedDbApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** What the early read was asked for: the panel uses its answer only for the very same read. */
export interface EarlyReadKey {
  today: LocalDay;
  limit: number;
}

export interface EarlyAnswer {
  /** The settings row as stored (undefined on a new install): settingsFromRow fills it. */
  settingsRow: (Partial<Settings> & { id?: string }) | undefined;
  /** Overdue's first `limit` prospects, in work order. */
  prospects: Prospect[];
}

/** An early read in flight, as the page's script left it for the panel. */
export interface EarlyRead extends EarlyReadKey {
  answer: Promise<EarlyAnswer | undefined>;
}

/**
 * The rows the early read asks for: the panel's first page (50) and one more, which tells it
 * whether to offer "Show more". The panel uses the answer only when it asks for as many.
 */
export const EARLY_READ_LIMIT = 51;

/** The global the early script leaves its read under. */
export const EARLY_READ_GLOBAL = '__fifthTouchEarlyRead';

const MIN_DAY = '0000-01-01';

/**
 * Where Overdue lies in the work-order index, both ends included: every key from [MIN_DAY] up
 * to [today], which sorts before every key [today, since, step]. The same range as listSection's
 * Overdue (lists.ts, which cannot be imported here: it brings Dexie); early-read.test.ts holds
 * the two to the same rows.
 */
export function overdueBounds(today: LocalDay): [lower: unknown[], upper: unknown[]] {
  return [[MIN_DAY], [today]];
}

function answerOf<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    // Opened without a version, a database that does not exist yet would be made (version 1, no
    // stores) and Dexie would then take it for an old one: the open is abandoned instead.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      resolve(undefined);
    };
  });
}

/**
 * The settings row and Overdue's first `limit` prospects as `getSettings` and `listSection` read
 * them, or `undefined` when this read cannot stand in for them (see the header). Never throws.
 */
export async function readEarly(
  { indexedDB: factory, IDBKeyRange: keyRange }: IndexedDbApi,
  { name, version, today, limit }: EarlyReadKey & { name: string; version: number },
): Promise<EarlyAnswer | undefined> {
  let db: IDBDatabase | undefined;
  try {
    db = await openExisting(factory, name);
    if (!db || db.version !== version) return undefined;
    // The connection gives way at once to an upgrade that comes while it reads.
    db.onversionchange = () => db?.close();
    if (!db.objectStoreNames.contains('prospects') || !db.objectStoreNames.contains('settings')) {
      return undefined;
    }
    const tx = db.transaction(['settings', 'prospects'], 'readonly');
    const prospects = tx.objectStore('prospects');
    if (!prospects.indexNames.contains(WORK_ORDER_INDEX)) return undefined;
    const [settingsRow, page] = await Promise.all([
      answerOf(tx.objectStore('settings').get(SETTINGS_ROW_ID)),
      answerOf(
        prospects.index(WORK_ORDER_INDEX).getAll(keyRange.bound(...overdueBounds(today)), limit),
      ),
    ]);
    return {
      settingsRow: settingsRow as EarlyAnswer['settingsRow'],
      prospects: page as Prospect[],
    };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}
