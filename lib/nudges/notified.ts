// What was notified on which day, kept in extension storage so no due item is notified twice in a
// day across worker and browser restarts. The storage area is passed in (browser.storage.local).
import type { LocalDay } from '../model';

export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const PREFIX = 'nudges:notified:';

export function notifiedKey(day: LocalDay): string {
  return `${PREFIX}${day}`;
}

/** The items (see `notifiedItem`) notified on `day`. */
export async function readNotified(area: KeyValueArea, day: LocalDay): Promise<Set<string>> {
  const key = notifiedKey(day);
  const stored = (await area.get(key))[key];
  return new Set(Array.isArray(stored) ? stored.filter((v) => typeof v === 'string') : []);
}

/** Records items as notified on `day`; call before showing them, so a crash never shows one twice. */
export async function recordNotified(
  area: KeyValueArea,
  day: LocalDay,
  items: string[],
): Promise<void> {
  if (items.length === 0) return;
  const seen = await readNotified(area, day);
  for (const item of items) seen.add(item);
  await area.set({ [notifiedKey(day)]: [...seen] });
}

/** Forgets every day but `today`. */
export async function pruneNotified(area: KeyValueArea, today: LocalDay): Promise<string[]> {
  const stale = Object.keys(await area.get(null)).filter(
    (key) => key.startsWith(PREFIX) && key !== notifiedKey(today),
  );
  if (stale.length) await area.remove(stale);
  return stale;
}
