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
import { bounded, boundedByProgress, browserCpuSeconds, waitForQuietBrowser } from './harness';
import { DEFAULT_SEED, generateBook, shapeOf, type BookOptions, type BookShape } from './generate';

/** How a book got into the store: the extension's backup restore, or written straight in. */
export type BookLoad = 'restore' | 'write';

/**
 * Books up to this size are loaded by the extension's backup restore, whose timing is worth
 * reporting there (a 10k book's backup is 47 MB of JSON). Bigger ones are written straight into the
 * store with the product's own Dexie schema: the same records, without a quarter of a gigabyte of
 * JSON made, parsed and checked in one page first, which only measures the restore again.
 */
export const RESTORE_UP_TO = 10_000;

export const loadOf = (size: number): BookLoad => (size <= RESTORE_UP_TO ? 'restore' : 'write');

/** Every wait of a book's load, in ms, beside its limit. */
export interface BookWaits {
  /** Launching the browser that loads the book. */
  launchMs: number;
  /** Generating the book and getting it into the store (restore or write), in the page. */
  loadMs: number;
  loadLimitMs: number;
  /** A written book: the longest wait for one of its chunks to land, and its limit. */
  chunk?: { longestMs: number; limitMs: number };
  /** CPU seconds the browser used during the load: beside loadMs, how much of the machine it got. */
  loadCpuSeconds: number;
  /** Quitting the loading browser. */
  quitMs: number;
  quitLimitMs: number;
}

/**
 * A book in a browser profile, the browser that loaded it quit: what `openLoadedBook` starts a
 * browser on. Plain data, so the run's start can load it in the background and hand it over.
 */
export interface LoadedBook {
  userDataDir: string;
  size: number;
  today: LocalDay;
  shape: BookShape;
  load: BookLoad;
  /** The load's phases in the page, in ms (generate, stringify, parse, restore; or generate, write, count). */
  phases: Record<string, number>;
  /** How the book got into the store, for the report. */
  how: string;
  waits: BookWaits;
  /** The load average when the load ended. */
  loadAverage: number;
}

/** The waits of opening a loaded book for measuring, each beside its limit. */
export interface OpenWaits {
  /** How long the test waited for the book's load (in the background since the run's start). */
  awaitedMs: number;
  awaitedLimitMs: number;
  /** Starting a browser on the book's profile. */
  relaunchMs: number;
  relaunchLimitMs: number;
  /** Waiting for that browser's own CPU use to go quiet. */
  settleMs: number;
  settleLimitMs: number;
  quiet: boolean;
}

export interface BookSession {
  session: ExtensionSession;
  size: number;
  today: LocalDay;
  shape: BookShape;
  load: BookLoad;
  /** How the book got into the store, its phases and every wait with its limit, for the report. */
  loadedBy: string;
  phases: Record<string, number>;
  waits: BookWaits & OpenWaits;
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
    const shapeOf = ${shapeOf.toString()};
    const options = ${JSON.stringify(options)};
    const timings = {};
    let mark = performance.now();
    const lap = (name) => { const now = performance.now(); timings[name] = Math.round(now - mark); mark = now; };
    const book = generateBook(options);
    lap('generateMs');
    const text = JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: CURRENT_VERSION,
      exportedAt: options.now, ...book, settings: [] });
    lap('stringifyMs');
    const backup = parseBackup(text);
    lap('parseMs');
    const db = createFifthTouchDb();
    try {
      await restoreBackup(db, backup);
    } finally {
      db.close();
    }
    lap('restoreMs');
    const shape = shapeOf(book, options.today, ${JSON.stringify(upcomingThrough)});
    return { ...shape, timings, backupBytes: new Blob([text]).size };
  })()`;
  return page.evaluate(expression) as Promise<
    BookShape & { timings: Record<string, number>; backupBytes: number }
  >;
}

/**
 * Writes a book straight into the store with the product's own schema (lib/db/schema's
 * `createFifthTouchDb`, Dexie `bulkAdd`): the records a restore of the same book would store, in
 * transactions of PROSPECTS_PER_WRITE prospects with their touches and outcomes, all queued at once
 * (no wait between them), in an extension page where the book is generated. How far it got is kept
 * in the page (`__benchBookWritten`), so a write that runs out of time can say so.
 */
async function writeBook(
  page: Page,
  options: BookOptions,
): Promise<BookShape & { timings: Record<string, number> }> {
  await page.evaluate(await bundleForPage('tests/bench/page/store.ts', 'FifthTouchBench'));
  const upcomingThrough = addDaysToDay(options.today, UPCOMING_DAYS);
  const expression = `(async () => {
    const { createFifthTouchDb } = FifthTouchBench;
    const generateBook = ${generateBook.toString()};
    const shapeOf = ${shapeOf.toString()};
    const options = ${JSON.stringify(options)};
    const timings = {};
    let mark = performance.now();
    const lap = (name) => { const now = performance.now(); timings[name] = Math.round(now - mark); mark = now; };
    const book = generateBook(options);
    lap('generateMs');
    const written = globalThis.__benchBookWritten = { prospects: 0, touches: 0, outcomes: 0,
      of: { prospects: book.prospects.length, touches: book.touches.length, outcomes: book.outcomes.length } };
    const db = createFifthTouchDb();
    try {
      await db.open();
      // A prospect's touches and outcomes follow it in the generated lists: slice by prospect.
      const rowsUpTo = (rows, from, ids) => { let end = from; while (end < rows.length && ids.has(rows[end].prospectId)) end++; return end; };
      const writes = [];
      let touchAt = 0;
      let outcomeAt = 0;
      for (let at = 0; at < book.prospects.length; at += ${PROSPECTS_PER_WRITE}) {
        const prospects = book.prospects.slice(at, at + ${PROSPECTS_PER_WRITE});
        const ids = new Set(prospects.map((prospect) => prospect.id));
        const touchEnd = rowsUpTo(book.touches, touchAt, ids);
        const outcomeEnd = rowsUpTo(book.outcomes, outcomeAt, ids);
        const touches = book.touches.slice(touchAt, touchEnd);
        const outcomes = book.outcomes.slice(outcomeAt, outcomeEnd);
        touchAt = touchEnd;
        outcomeAt = outcomeEnd;
        writes.push(db.transaction('rw', [db.prospects, db.touches, db.outcomes], () => Promise.all([
          db.prospects.bulkAdd(prospects), db.touches.bulkAdd(touches), db.outcomes.bulkAdd(outcomes),
        ])).then(() => {
          written.prospects += prospects.length;
          written.touches += touches.length;
          written.outcomes += outcomes.length;
        }));
      }
      if (touchAt !== book.touches.length || outcomeAt !== book.outcomes.length) {
        throw new Error('the generated touches or outcomes are not grouped by prospect');
      }
      await Promise.all(writes);
      lap('writeMs');
      const counts = await Promise.all([db.prospects.count(), db.touches.count(), db.outcomes.count()]);
      if (counts.join() !== [book.prospects.length, book.touches.length, book.outcomes.length].join()) {
        throw new Error('the store holds ' + counts.join('/') + ' rows after the write');
      }
      lap('countMs');
    } finally {
      db.close();
    }
    const shape = shapeOf(book, options.today, ${JSON.stringify(upcomingThrough)});
    return { ...shape, timings };
  })()`;
  return page.evaluate(expression) as Promise<BookShape & { timings: Record<string, number> }>;
}

/** Prospects per write transaction when a book is written straight in. */
const PROSPECTS_PER_WRITE = 2_500;

/**
 * The limits on getting a book into the store: generous for a busy 2-core machine, and bounded, so
 * a run that cannot load the book stops and says how far it got. The browser's database engine
 * takes most of it: a stored touch cost it about 0.25 ms of CPU in a fresh store and 0.7 ms on the
 * way to half a million (the 50k book), which took 429 s of wall clock at a load average of 16 to
 * 24 on 2 cores (2026-12-06), and 868 s on a slower machine beside `npm test` (2026-12-07: 1,025 s
 * of the browser's CPU, about 2 ms a touch). So a written book is bounded chunk by chunk: each chunk
 * of PROSPECTS_PER_WRITE prospects must land within WRITE_STEP_LIMIT_MS of the one before (the
 * longest took 83 s that day, the last ones the slowest), and the whole write within that many
 * steps. A restore is one step; it also makes, parses and checks the book's JSON.
 */
export function loadLimitMs(size: number, load: BookLoad = loadOf(size)): number {
  return load === 'restore'
    ? 60_000 + size * 20
    : 60_000 + Math.ceil(size / PROSPECTS_PER_WRITE) * WRITE_STEP_LIMIT_MS;
}

/** The longest a written book's chunk may take to land after the one before (or the start). */
export const WRITE_STEP_LIMIT_MS = 240_000;

/** The limit on quitting the loading browser. */
export const QUIT_LIMIT_MS = 60_000;

/** The limit on launching a browser. */
export const LAUNCH_LIMIT_MS = 60_000;

/** How long a freshly reopened store may take to go quiet before measuring starts anyway. */
export function settleLimitMs(size: number): number {
  return 10_000 + size * 0.4;
}

/** The longest `loadBook(size)` can take, every wait at its limit. */
export function loadBookLimitMs(size: number): number {
  return LAUNCH_LIMIT_MS + loadLimitMs(size) + QUIT_LIMIT_MS + 10_000;
}

/** The longest `openLoadedBook` can take once the book is loaded, every wait at its limit. */
export function openLimitMs(size: number): number {
  return LAUNCH_LIMIT_MS + settleLimitMs(size) + 10_000;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A load's phases for the report: "generate 7.1 s, stringify 2.4 s, …". */
export function describePhases(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([phase, ms]) => `${phase.replace(/Ms$/, '')} ${seconds(ms)}`)
    .join(', ');
}

/**
 * Loads a generated book of `size` prospects into a new browser profile's extension store (loadOf:
 * restored up to RESTORE_UP_TO prospects, written straight in above), then quits that browser, so
 * `openLoadedBook` measures a store the database engine opens afresh: a rep's store was written over
 * months, so the figures should not include the engine still flushing and compacting the 50 MB it
 * was handed a moment ago. Each wait has a limit and its length is reported. The profile is the
 * caller's to remove (`removeBook`) once done with it.
 */
export async function loadBook(
  size: number,
  { seed = DEFAULT_SEED, signal }: { seed?: number; signal?: AbortSignal } = {},
): Promise<LoadedBook> {
  signal?.throwIfAborted();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-bench-'));
  const extensionDir = benchExtension();
  const load = loadOf(size);
  const loadLimit = loadLimitMs(size, load);
  let session: ExtensionSession | undefined;
  let page: Page | undefined;
  let onLoadEnd = () => {};
  try {
    const now = Date.now();
    const today = localDayOf(now);
    const launching = performance.now();
    const loading = await bounded(
      'Launching the browser to load the book',
      LAUNCH_LIMIT_MS,
      launchExtension({ userDataDir, now: 'real', extensionDir }),
    );
    session = loading;
    // Stopped (the run is ending): quitting the browser makes the load's page calls fail at once.
    const quitOnAbort = () => void loading.close();
    signal?.addEventListener('abort', quitOnAbort, { once: true });
    onLoadEnd = () => signal?.removeEventListener('abort', quitOnAbort);
    signal?.throwIfAborted();
    const launchMs = performance.now() - launching;
    page = await extensionPageWithSchema(loading);
    const cpuBefore = browserCpuSeconds(userDataDir);
    const started = performance.now();
    const options = { prospects: size, today, now, seed };
    const bookPage = page;
    const storing =
      load === 'restore'
        ? bounded(
            `Restoring the ${size}-prospect book`,
            loadLimit,
            restoreBook(bookPage, options),
          ).then((result) => ({ result, longestStepMs: undefined }))
        : boundedByProgress(
            `Writing the ${size}-prospect book`,
            { stallMs: WRITE_STEP_LIMIT_MS, limitMs: loadLimit },
            () => prospectsWritten(bookPage),
            writeBook(bookPage, options),
          );
    const { result: loaded, longestStepMs } = await storing.catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}${await progressOf(page)}`, { cause: error });
    });
    const loadMs = performance.now() - started;
    const loadCpuSeconds = browserCpuSeconds(userDataDir) - cpuBefore;
    const { timings, ...shape } = loaded;
    const backupBytes = 'backupBytes' in loaded ? (loaded.backupBytes as number) : undefined;
    delete (shape as { backupBytes?: number }).backupBytes;
    const quitting = performance.now();
    await bounded('Quitting the browser that loaded the book', QUIT_LIMIT_MS, loading.close());
    session = undefined;
    const quitMs = performance.now() - quitting;
    return {
      userDataDir,
      size,
      today,
      shape,
      load,
      phases: timings,
      how:
        load === 'restore'
          ? `the extension's backup restore (lib/db/backup parseBackup + restoreBackup) in an extension page, ${((backupBytes ?? 0) / 1_048_576).toFixed(1)} MB of JSON`
          : `written straight into the store with the product's Dexie schema (createFifthTouchDb, bulkAdd in transactions of ${PROSPECTS_PER_WRITE} prospects with their touches and outcomes, all queued at once) in an extension page: no backup JSON, the restore is timed on the smaller books`,
      waits: {
        launchMs,
        loadMs,
        loadLimitMs: loadLimit,
        ...(longestStepMs === undefined
          ? {}
          : { chunk: { longestMs: longestStepMs, limitMs: WRITE_STEP_LIMIT_MS } }),
        loadCpuSeconds,
        quitMs,
        quitLimitMs: QUIT_LIMIT_MS,
      },
      loadAverage: os.loadavg()[0]!,
    };
  } catch (error) {
    await session?.close();
    await removeBook(userDataDir);
    throw signal?.aborted ? new Error(`The ${size}-prospect book's load was stopped`) : error;
  } finally {
    onLoadEnd();
  }
}

/** Removes a loaded book's profile. */
export function removeBook(userDataDir: string): Promise<void> {
  return rm(userDataDir, { recursive: true, force: true });
}

/**
 * A browser started on a loaded book's profile, measured only once its own CPU use has gone quiet
 * (opening the store again makes the engine finish what the load left: its log replayed,
 * compactions), for a bounded time. `awaited` is how long the caller waited for the load itself.
 * Closing the session removes the profile.
 */
export async function openLoadedBook(
  book: LoadedBook,
  awaited: { ms: number; limitMs: number },
): Promise<BookSession> {
  const { userDataDir, size, waits } = book;
  const settleLimit = settleLimitMs(size);
  const relaunching = performance.now();
  let session: ExtensionSession | undefined;
  try {
    session = await bounded(
      'Starting a browser on the book',
      LAUNCH_LIMIT_MS,
      launchExtension({ userDataDir, now: 'real', extensionDir: benchExtension() }),
    );
    const relaunchMs = performance.now() - relaunching;
    const settled = await waitForQuietBrowser(userDataDir, { limitMs: settleLimit });
    const opened = session;
    const chunk = waits.chunk
      ? `; its longest wait for a chunk ${seconds(waits.chunk.longestMs)}, limit ${seconds(waits.chunk.limitMs)}`
      : '';
    return {
      session: opened,
      size,
      today: book.today,
      shape: book.shape,
      load: book.load,
      phases: book.phases,
      loadedBy: `${book.how}: launch ${seconds(waits.launchMs)}, load ${seconds(waits.loadMs)} (limit ${seconds(waits.loadLimitMs)}${chunk}; ${describePhases(book.phases)}; the browser used ${waits.loadCpuSeconds.toFixed(0)} s of CPU meanwhile; load average ${book.loadAverage.toFixed(1)} at its end), quit ${seconds(waits.quitMs)} (limit ${seconds(waits.quitLimitMs)}); the test waited ${seconds(awaited.ms)} for the load (limit ${seconds(awaited.limitMs)}), started a browser on that profile in ${seconds(relaunchMs)} (limit ${seconds(LAUNCH_LIMIT_MS)}), then waited ${seconds(settled.waitedMs)} for its own CPU use to go quiet (${settled.quiet ? 'it did' : 'it did not'}, limit ${seconds(settleLimit)}); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      waits: {
        ...waits,
        awaitedMs: awaited.ms,
        awaitedLimitMs: awaited.limitMs,
        relaunchMs,
        relaunchLimitMs: LAUNCH_LIMIT_MS,
        settleMs: settled.waitedMs,
        settleLimitMs: settleLimit,
        quiet: settled.quiet,
      },
      close: async () => {
        await opened.close();
        await removeBook(userDataDir);
      },
    };
  } catch (error) {
    await session?.close();
    await removeBook(userDataDir);
    throw error;
  }
}

/** How many prospects a write has stored so far (its chunks land whole), read within a few seconds. */
function prospectsWritten(page: Page): Promise<number> {
  return bounded(
    'Reading how far the write got',
    5_000,
    page.evaluate(
      () =>
        (globalThis as { __benchBookWritten?: { prospects?: number } }).__benchBookWritten
          ?.prospects ?? 0,
    ),
  );
}

/** How far a write that ran out of time got, read from its page within a few seconds. */
async function progressOf(page: Page | undefined): Promise<string> {
  if (!page) return '';
  try {
    const written = await bounded(
      'Reading how far the load got',
      5_000,
      page.evaluate(() => (globalThis as { __benchBookWritten?: unknown }).__benchBookWritten),
    );
    return written ? `; written by then: ${JSON.stringify(written)}` : '';
  } catch {
    return '';
  }
}
