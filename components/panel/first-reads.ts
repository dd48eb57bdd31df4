// The two reads the panel's first screen waits for (the settings and the first list's first page),
// started by the page's script as it runs, beside React's first render. A live query only starts
// reading once its component has committed (it subscribes in an effect), so on its own the first
// list would be read after the whole panel's first render instead of during it. A component's first
// render takes the early answer when it is in; its live query keeps it current from then on.
import { useEffect, useSyncExternalStore } from 'react';
import { localDayOf } from '../../lib/cadence/days';
import { listSection, type PanelSection } from '../../lib/db/lists';
import { EARLY_READ_GLOBAL, type EarlyRead as EarlyScriptRead } from '../../lib/db/early-read';
import { getSettings } from '../../lib/db/queries';
import { settingsFromRow, type FifthTouchDb } from '../../lib/db/schema';
import type { LocalDay, Prospect, Settings } from '../../lib/model';
import { usePanelStore } from '../store';

/** What ProspectList shows: a section's page (or search results), with the query it answers. */
export interface ListResult {
  section: PanelSection;
  query: string;
  prospects: Prospect[];
}

interface EarlyRead {
  value?: unknown;
  settled: boolean;
}

const SETTINGS_KEY = 'settings';

/** The key of a section's page read for `today`, `limit` rows (one more than shown: "Show more"). */
export const listReadKey = (section: PanelSection, today: LocalDay, limit: number) =>
  `list:${section}:${today}:${limit}`;

let reads = new Map<string, EarlyRead>();
const listeners = new Set<() => void>();

function start<T>(key: string, read: () => Promise<T>): void {
  const entry: EarlyRead = { settled: false };
  reads.set(key, entry);
  read().then(
    (value) => {
      entry.value = value;
      entry.settled = true;
      for (const listener of listeners) listener();
    },
    // A failed read is left to the live query, which reads again and reports it.
    () => undefined,
  );
}

/**
 * Starts the settings read and the read of the section the panel opens on, as the panel's store
 * says now (its first page, for the local day of `now`). Called once by the panel page's script.
 */
export function startFirstReads(db: FifthTouchDb, now: number): void {
  const { section, limit } = usePanelStore.getState();
  const today = localDayOf(now);
  reads = new Map();
  const early = earlyReadFor(section, today, limit + 1);
  if (!early) {
    start(SETTINGS_KEY, () => getSettings(db));
    start(listReadKey(section, today, limit + 1), () => readList(db, section, today, limit + 1));
    return;
  }
  // The page's early script asked for this very read: its answer stands in for both Dexie reads,
  // which are made only when it has none.
  start(SETTINGS_KEY, async () => {
    const answer = await early.answer;
    return answer ? settingsFromRow(answer.settingsRow) : getSettings(db);
  });
  start(listReadKey(section, today, limit + 1), async (): Promise<ListResult> => {
    const answer = await early.answer;
    if (!answer) return readList(db, section, today, limit + 1);
    return { section, query: '', prospects: answer.prospects };
  });
}

async function readList(
  db: FifthTouchDb,
  section: PanelSection,
  today: LocalDay,
  limit: number,
): Promise<ListResult> {
  return { section, query: '', prospects: await listSection(db, section, { today, limit }) };
}

/** The early script's read (entrypoints/panel-early.ts), taken once, when it is this very read. */
function earlyReadFor(
  section: PanelSection,
  today: LocalDay,
  limit: number,
): EarlyScriptRead | undefined {
  const store = globalThis as Record<string, unknown>;
  const early = store[EARLY_READ_GLOBAL] as EarlyScriptRead | undefined;
  delete store[EARLY_READ_GLOBAL];
  if (!early || section !== 'overdue' || early.today !== today || early.limit !== limit) {
    return undefined;
  }
  return early;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * `live` (a live query's answer), or until it comes, the early answer for `key` once that is in.
 * An early answer serves once: when the live one has come it is forgotten, so a list shown again
 * later never starts from an old page.
 */
export function useFirstAnswer<T>(key: string | undefined, live: T | undefined): T | undefined {
  const early = useSyncExternalStore(subscribe, () =>
    key === undefined ? undefined : (reads.get(key)?.value as T | undefined),
  );
  const answered = live !== undefined;
  useEffect(() => {
    if (answered && key !== undefined) reads.delete(key);
  }, [answered, key]);
  return live ?? early;
}

/** The settings as a live query reads them, or the early read's until then. */
export const useFirstSettings = (live: Settings | undefined) => useFirstAnswer(SETTINGS_KEY, live);
