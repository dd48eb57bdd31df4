// The worker's one database handle, opened on first use in each worker life. Chrome may stop the
// worker at any moment, so nothing but this handle is kept in memory; every fact lives in IndexedDB.
import { createFifthTouchDb, type FifthTouchDb } from '../../lib/db/schema';

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
