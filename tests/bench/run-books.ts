// The run's books, loaded in the background from the run's start while the other bench files
// measure, and handed to the book bench file (which runs last) through files in `.bench/books`.
// The 50k book alone keeps the browser's database engine busy on both cores for about 10 minutes
// on a slow 2-core machine; the other files' rows are paired ratios and profile shares, shown to
// hold beside a busy browser, so the loads use the cores those files leave idle. That is all they
// gain where the run is bound by CPU: on 2026-12-08's VM, both cores busy throughout, Vitest's
// 1,634 s became 1,510 s. The book file's own figures are taken once every load has ended.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadBook,
  loadBookLimitMs,
  openLimitMs,
  openLoadedBook,
  removeBook,
  type BookSession,
  type LoadedBook,
} from './book';
import { until } from '../e2e/harness';
import { benchDir } from './harness';

/**
 * The books of a run, in the order they are loaded: the two restored ones first (a minute or two),
 * then the 50k book's write, which takes the page-cost files' length beside them on 2 cores.
 */
export const RUN_BOOK_SIZES = [10_000, 1_000, 50_000] as const;

export type RunBookSize = (typeof RUN_BOOK_SIZES)[number];

const booksDir = path.join(benchDir, 'books');
const startedFile = path.join(booksDir, 'started.json');
const handoffFile = (size: number) => path.join(booksDir, `${size}.json`);

/** What the loader leaves for the test: the loaded book, or why its load failed. */
type Handoff = { loaded: LoadedBook } | { error: string };

/** The longest the loads can take together, every wait of each at its limit. */
export const allLoadsLimitMs = RUN_BOOK_SIZES.reduce((sum, size) => sum + loadBookLimitMs(size), 0);

/** The longest a test waits for every book and opens one of `size`, every wait at its limit. */
export const runBookLimitMs = (size: RunBookSize) => allLoadsLimitMs + openLimitMs(size);

/**
 * Starts loading the run's books one after another, in this process (the Vitest process, from the
 * global setup), each handed over as soon as it is loaded. `stop` ends a load still running (its
 * browser quit) and removes every book's profile: call it at the run's end.
 */
export function startLoadingBooks(): { stop(): Promise<void> } {
  rmSync(booksDir, { recursive: true, force: true });
  mkdirSync(booksDir, { recursive: true });
  writeFileSync(startedFile, JSON.stringify({ sizes: RUN_BOOK_SIZES, at: Date.now() }));
  const stopping = new AbortController();
  const profiles: string[] = [];
  const loading = (async () => {
    for (const size of RUN_BOOK_SIZES) {
      let handoff: Handoff;
      try {
        const loaded = await loadBook(size, { signal: stopping.signal });
        profiles.push(loaded.userDataDir);
        handoff = { loaded };
      } catch (error) {
        handoff = { error: (error as Error).message };
      }
      // Written whole, then renamed: a reader never sees half a file.
      const file = handoffFile(size);
      writeFileSync(`${file}.part`, JSON.stringify(handoff));
      renameSync(`${file}.part`, file);
      if (stopping.signal.aborted) return;
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loading;
      await Promise.all(profiles.map(removeBook));
    },
  };
}

/** Reads a book's hand-over, or undefined while it is still loading. */
function readHandoff(size: number): Handoff | undefined {
  const file = handoffFile(size);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Handoff) : undefined;
}

/**
 * Waits until every book of the run has been loaded (bounded by all the loads' limits together,
 * though the loader bounds each of its own waits and reports a failure at once), and returns how
 * long it waited. Throws the loader's error for a book that failed.
 */
export async function awaitRunBooks(): Promise<{ ms: number; limitMs: number }> {
  if (!existsSync(startedFile)) {
    throw new Error(
      "The run's books are loaded by the bench's global setup (tests/bench/setup.ts): run them with vitest.bench.config.ts",
    );
  }
  const started = performance.now();
  const handoffs = await until(
    () => Promise.resolve(RUN_BOOK_SIZES.map(readHandoff)),
    (read) => read.every((handoff) => handoff !== undefined),
    { timeout: allLoadsLimitMs, interval: 1_000 },
  ).catch((error: unknown) => {
    throw new Error(
      `Waiting for the run's books to load did not finish within its limit of ${allLoadsLimitMs / 1000} s`,
      { cause: error },
    );
  });
  const failed = handoffs.find(
    (handoff): handoff is { error: string } => handoff !== undefined && 'error' in handoff,
  );
  if (failed) throw new Error(failed.error);
  return { ms: performance.now() - started, limitMs: allLoadsLimitMs };
}

/**
 * A browser on the run's book of `size` prospects, once `awaitRunBooks` has returned (`awaited`
 * is what it returned, for the report). Closing the session removes the book's profile.
 */
export async function openRunBook(
  size: RunBookSize,
  awaited: { ms: number; limitMs: number },
): Promise<BookSession> {
  const handoff = readHandoff(size);
  if (!handoff || 'error' in handoff) {
    throw new Error(`The ${size}-prospect book is not loaded: call awaitRunBooks first`);
  }
  return openLoadedBook(handoff.loaded, awaited);
}
