// The worker's one database handle, opened on first use in each worker life. Chrome may stop the
// worker at any moment, so nothing but this handle is kept in memory; every fact lives in IndexedDB.
import Dexie from 'dexie';
import { getSettings } from '../../lib/db/queries';
import { createFifthTouchDb, DEFAULT_DB_NAME, type FifthTouchDb } from '../../lib/db/schema';
import type { Settings } from '../../lib/model';

let opening: Promise<FifthTouchDb> | undefined;

export function openDatabase(): Promise<FifthTouchDb> {
  opening ??= (async () => {
    const db = createFifthTouchDb();
    await db.open();
    return db;
  })().catch((error: unknown) => {
    // A failed open (a blocked upgrade, say) must not poison every later message of this life.
    opening = undefined;
    throw error;
  });
  return opening;
}

let settings: Promise<Settings> | undefined;
let listening = false;
const settingsWatchers = new Set<() => void>();

/** Forgets the settings read whenever a change to them commits, then tells the watchers. */
function listenForSettingsChanges(): void {
  if (listening) return;
  listening = true;
  Dexie.on('storagemutated', (parts) => {
    const prefix = `idb://${DEFAULT_DB_NAME}/settings/`;
    if (!Object.keys(parts).some((part) => part.startsWith(prefix))) return;
    settings = undefined;
    for (const watcher of settingsWatchers) watcher();
  });
}

/**
 * The background's one way to read the settings: read once per worker life and again only after
 * a change to them commits (here or in any extension page: Dexie relays every commit), so a touch
 * write does not read them each time. `fresh` reads the store itself, leaving the cache alone: for
 * the rare time-driven callers (alarms, notifications), which then see the store as it is even
 * when it was written without Dexie (the end-to-end seeds). A change that must read and write
 * them at once is a write of lib/db (one transaction), never a read here and a save later.
 */
export function readSettings(
  db: FifthTouchDb,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Settings> {
  if (fresh) return getSettings(db);
  listenForSettingsChanges();
  const reading = (settings ??= getSettings(db).catch((error: unknown) => {
    settings = undefined;
    throw error;
  }));
  // A copy each time: callers must not share (or mutate) the cached object.
  return reading.then((value) => structuredClone(value));
}

/**
 * Calls `watcher` with the settings now, and again after every committed change to them, from this
 * worker or any extension page. Returns the way to stop watching.
 */
export function watchSettings(watcher: (settings: Settings) => void): () => void {
  listenForSettingsChanges();
  let latest = 0;
  const read = () => {
    // Only the latest read is told: an earlier one answering late must not undo a later change.
    // Read afresh, as the live query it replaced did: the cache fills again on its next use.
    const reading = ++latest;
    void openDatabase()
      .then((db) => readSettings(db, { fresh: true }))
      .then((settings) => {
        if (reading === latest) watcher(settings);
      })
      .catch(() => undefined);
  };
  settingsWatchers.add(read);
  read();
  return () => settingsWatchers.delete(read);
}
