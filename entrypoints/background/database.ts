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

/**
 * The settings, read once per worker life and again only after a change to them commits (here or
 * in any extension page: Dexie relays every commit), so a touch write does not read them each time.
 */
export function readSettings(db: FifthTouchDb): Promise<Settings> {
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', (parts) => {
      const prefix = `idb://${DEFAULT_DB_NAME}/settings/`;
      if (Object.keys(parts).some((part) => part.startsWith(prefix))) settings = undefined;
    });
  }
  const reading = (settings ??= getSettings(db).catch((error: unknown) => {
    settings = undefined;
    throw error;
  }));
  // A copy each time: callers must not share (or mutate) the cached object.
  return reading.then((value) => structuredClone(value));
}
