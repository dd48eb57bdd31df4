// What every page component needs from its context: the database handle and the clock. Pages get
// the extension's one database, opened lazily; tests pass their own database and a fixed clock.
import { createContext, useContext, type ReactNode } from 'react';
import { localDayOf } from '../lib/cadence/days';
import type { LocalDay } from '../lib/model';
import { createFifthTouchDb, type FifthTouchDb } from '../lib/db/schema';

export interface PageEnv {
  db: FifthTouchDb;
  now: () => number;
  /** Hands a file to the user (a download on pages; tests capture it). */
  saveFile?: (fileName: string, text: string, type: string) => void;
}

/** Downloads text as a file through a temporary object URL. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useSaveFile(): NonNullable<PageEnv['saveFile']> {
  return useEnv().saveFile ?? downloadText;
}

let pageDb: FifthTouchDb | undefined;

/** The extension page's database handle, created on first use. */
export function pageDatabase(): FifthTouchDb {
  pageDb ??= createFifthTouchDb();
  return pageDb;
}

const EnvContext = createContext<PageEnv | null>(null);

export function EnvProvider({ env, children }: { env?: PageEnv; children: ReactNode }) {
  return (
    <EnvContext.Provider value={env ?? { db: pageDatabase(), now: Date.now }}>
      {children}
    </EnvContext.Provider>
  );
}

export function useEnv(): PageEnv {
  const env = useContext(EnvContext);
  return env ?? { db: pageDatabase(), now: Date.now };
}

export function useDb(): FifthTouchDb {
  return useEnv().db;
}

/** "Today" as the engine counts it: the local day of now. */
export function useToday(): LocalDay {
  return localDayOf(useEnv().now());
}
