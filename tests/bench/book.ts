// A launched extension with a generated book in its IndexedDB, ready to be measured.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { UPCOMING_DAYS } from '../../lib/db/lists';
import type { LocalDay } from '../../lib/model';
import { launchExtension, type ExtensionSession } from '../e2e/harness';
import { bundleForPage } from './bundle';
import { benchExtension } from './floors';
import { bounded, waitForQuietBrowser } from './harness';
import { DEFAULT_SEED, generateBook, type BookOptions, type BookShape } from './generate';

export interface BookSession {
  session: ExtensionSession;
  size: number;
  today: LocalDay;
  shape: BookShape;
  /** How the book got into the store, for the report. */
  loadedBy: string;
  loadMs: number;
  /** Every wait of the load, in ms, with whether the browser went quiet before its limit. */
  waits: { restoreMs: number; restartMs: number; settleMs: number; quiet: boolean };
  close(): Promise<void>;
}

/** Opens an extension page whose Dexie creates the schema (through the background's `ping`). */
async function extensionPageWithSchema(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  // The options page reads only the settings row, so nothing re-renders while the book is written.
  await page.goto(session.extensionUrl('options.html'));
  await page.evaluate(() =>
    chrome.runtime.sendMessage({ id: 0, type: 'ping', data: undefined, timestamp: Date.now() }),
  );
  return page;
}

/**
 * Loads a book the way the extension restores a full backup (lib/db/backup: `parseBackup` checks
 * the file's text, `restoreBackup` replaces the store in one transaction), run inside an extension
 * page. The book is generated in that page from `generateBook`'s source and serialised to the
 * backup's JSON there, since shipping half a million touches over the DevTools protocol would cost
 * more than the restore. (The side panel's restore button refuses files over 20 MB, which a 10k
 * book's backup exceeds, so the button itself cannot load the bigger books.)
 */
async function restoreBook(
  page: Page,
  options: BookOptions,
): Promise<BookShape & { timings: Record<string, number>; backupBytes: number }> {
  await page.evaluate(await bundleForPage('tests/bench/page/store.ts', 'FifthTouchBench'));
  const upcomingThrough = addDaysToDay(options.today, UPCOMING_DAYS);
  const expression = `(async () => {
    const { BACKUP_FORMAT, CURRENT_VERSION, createFifthTouchDb, parseBackup, restoreBackup } = FifthTouchBench;
    const generateBook = ${generateBook.toString()};
    const options = ${JSON.stringify(options)};
    const timings = {};
    let mark = performance.now();
    const lap = (name) => { const now = performance.now(); timings[name] = Math.round(now - mark); mark = now; };
    const book = generateBook(options);
    const text = JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: CURRENT_VERSION,
      exportedAt: options.now, ...book, settings: [] });
    lap('generateMs');
    const backup = parseBackup(text);
    lap('parseMs');
    const db = createFifthTouchDb();
    try {
      await restoreBackup(db, backup);
    } finally {
      db.close();
    }
    lap('restoreMs');
    const today = options.today;
    const through = ${JSON.stringify(upcomingThrough)};
    const shape = { prospects: book.prospects.length, touches: book.touches.length,
      outcomes: book.outcomes.length, overdue: 0, today: 0, upcoming7: 0, later: 0, notDue: 0 };
    for (const p of book.prospects) {
      const day = p.nextDueDay;
      if (day === undefined) shape.notDue++;
      else if (day < today) shape.overdue++;
      else if (day === today) shape.today++;
      else if (day <= through) shape.upcoming7++;
      else shape.later++;
    }
    return { ...shape, timings, backupBytes: new Blob([text]).size };
  })()`;
  return page.evaluate(expression) as Promise<
    BookShape & { timings: Record<string, number>; backupBytes: number }
  >;
}

/**
 * The limit on restoring a book: generous for a busy 2-core machine (a 50k book's restore takes
 * about a minute there), and bounded, so a run that cannot load the book stops and says so.
 */
export function restoreLimitMs(size: number): number {
  return 60_000 + size * 8;
}

/** How long a freshly reopened store may take to go quiet before measuring starts anyway. */
export function settleLimitMs(size: number): number {
  return 10_000 + size * 0.4;
}

/**
 * A browser whose extension store holds a generated book of `size` prospects. The book is restored,
 * then the browser is quit and started again on the same profile before anything is measured: a
 * rep's store was written over months, so the figures should not include the database engine still
 * flushing and compacting the 50 MB it was handed a moment ago. Each wait has a limit
 * (restoreLimitMs, settleLimitMs) and its length is reported.
 */
export async function openBook(size: number, seed = DEFAULT_SEED): Promise<BookSession> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-bench-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true });
  const extensionDir = benchExtension();
  let session: ExtensionSession | undefined;
  try {
    const now = Date.now();
    const today = localDayOf(now);
    const loading = await launchExtension({ userDataDir, now: 'real', extensionDir });
    session = loading;
    const page = await extensionPageWithSchema(loading);
    const started = performance.now();
    const { timings, backupBytes, ...shape } = await bounded(
      `Restoring the ${size}-prospect book`,
      restoreLimitMs(size),
      restoreBook(page, { prospects: size, today, now, seed }),
    );
    const loadMs = performance.now() - started;
    const closing = performance.now();
    await loading.close();
    session = undefined;
    const restarted = await launchExtension({ userDataDir, now: 'real', extensionDir });
    session = restarted;
    const restartMs = performance.now() - closing;
    // Opening the store again makes the engine finish what the restore left (its log replayed,
    // compactions): let the browser's own work end, for a bounded time, before anything is measured.
    const settled = await waitForQuietBrowser(userDataDir, { limitMs: settleLimitMs(size) });
    return {
      session: restarted,
      size,
      today,
      shape,
      loadedBy: `the extension's backup restore (lib/db/backup parseBackup + restoreBackup) in an extension page, ${(backupBytes / 1_048_576).toFixed(1)} MB of JSON, ${Math.round(loadMs)} ms (limit ${restoreLimitMs(size) / 1000} s; ${JSON.stringify(timings)}); the browser restarted on that profile in ${Math.round(restartMs)} ms, then ${(settled.waitedMs / 1000).toFixed(1)} s for its own CPU use to go quiet (${settled.quiet ? 'it did' : 'it did not'}, limit ${settleLimitMs(size) / 1000} s)`,
      loadMs,
      waits: {
        restoreMs: loadMs,
        restartMs,
        settleMs: settled.waitedMs,
        quiet: settled.quiet,
      },
      close: async () => {
        await restarted.close();
        await removeProfile();
      },
    };
  } catch (error) {
    await session?.close();
    await removeProfile();
    throw error;
  }
}
