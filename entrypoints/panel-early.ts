// The side panel's early read, as a classic script the panel's HTML loads before its modules: it
// asks IndexedDB for the first screen (lib/db/early-read.ts) while the modules load, and leaves
// the read in flight for the panel's first render (components/panel/first-reads.ts).
import { localDayOf } from '../lib/cadence/days';
import {
  EARLY_READ_GLOBAL,
  EARLY_READ_LIMIT,
  readEarly,
  type EarlyRead,
} from '../lib/db/early-read';
import { CURRENT_IDB_VERSION, DEFAULT_DB_NAME } from '../lib/db/names';

export default defineUnlistedScript(() => {
  const today = localDayOf(Date.now());
  const read: EarlyRead = {
    today,
    limit: EARLY_READ_LIMIT,
    answer: readEarly(
      { indexedDB, IDBKeyRange },
      { name: DEFAULT_DB_NAME, version: CURRENT_IDB_VERSION, today, limit: EARLY_READ_LIMIT },
    ),
  };
  (globalThis as Record<string, unknown>)[EARLY_READ_GLOBAL] = read;
});
