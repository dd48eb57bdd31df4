// What names the extension's database, with no library behind it: the side panel's early read
// (early-read.ts) runs before Dexie is loaded, and finds the store by these.

export const DEFAULT_DB_NAME = 'fifth-touch';

/** The schema version this code declares (schema.ts); Dexie opens IndexedDB at ten times it. */
export const CURRENT_VERSION = 5;

/** The version IndexedDB itself reports for a database Dexie opened at CURRENT_VERSION. */
export const CURRENT_IDB_VERSION = CURRENT_VERSION * 10;

/** The settings live in one row, under this key. */
export const SETTINGS_ROW_ID = 'user';
