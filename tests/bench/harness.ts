// The benchmark harness: repeated samples reduced to a median with min and max, results checked
// against their budgets, printed as a table and collected in `.bench/results.json` across the bench
// files of one `npm run bench`, plus the DevTools-protocol probes (heap, main-thread busy time).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { projectRoot } from '../e2e/harness';

export const benchDir = path.join(projectRoot, '.bench');
export const resultsFile = path.join(benchDir, 'results.json');
const runFile = path.join(benchDir, 'run.json');

export type Unit = 'ms' | 'µs' | 'MB' | 'ratio';

export interface BenchResult {
  name: string;
  /** The median of the runs (a ratio of medians for ratios). */
  value: number;
  unit: Unit;
  /** The value must be at most this. */
  budget: number;
  /** The data size it ran at: prospects in the book (0 when no book is involved). */
  n: number;
  runs: number;
  min: number;
  max: number;
  /** What exactly was measured, in a few words, for the table's readers. */
  note?: string;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('No samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: sorted.length,
  };
}

/**
 * Runs `sample` `warmups` times unrecorded (JIT, caches, lazy opens), then `runs` times, and returns
 * what each recorded run measured. Each run measures itself, so setup stays out of the figure.
 */
export async function sampleRuns(
  sample: (run: number) => Promise<number>,
  { runs, warmups }: { runs: number; warmups: number },
): Promise<number[]> {
  for (let i = 0; i < warmups; i += 1) await sample(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await sample(i));
  return samples;
}

export function result(
  fields: Omit<BenchResult, 'value' | 'runs' | 'min' | 'max'>,
  measured: Stats,
): BenchResult {
  return {
    ...fields,
    value: measured.median,
    runs: measured.runs,
    min: measured.min,
    max: measured.max,
  };
}

export const passes = (entry: BenchResult) => entry.value <= entry.budget;

// ---- Results across the files of one run ----

interface RunState {
  /** The Vitest process every bench file's worker is a child of: one `npm run bench`. */
  runKey: string;
  files: string[];
}

function currentRunKey(): string {
  return String(process.ppid);
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/**
 * Adds one bench file's results to `.bench/results.json`. The first file of a new run starts the
 * list afresh, so the file never mixes runs; a re-measured name replaces its old entry.
 */
export function recordResults(benchFile: string, entries: readonly BenchResult[]): BenchResult[] {
  mkdirSync(benchDir, { recursive: true });
  const state = readJson<RunState | null>(runFile, null);
  const sameRun = state?.runKey === currentRunKey();
  const previous = sameRun ? readJson<BenchResult[]>(resultsFile, []) : [];
  const key = (entry: BenchResult) => `${entry.name}@${entry.n}`;
  const replaced = new Set(entries.map(key));
  const all = [...previous.filter((entry) => !replaced.has(key(entry))), ...entries];
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
  const files = [...new Set([...(sameRun ? state.files : []), path.basename(benchFile)])];
  writeFileSync(runFile, `${JSON.stringify({ runKey: currentRunKey(), files }, null, 2)}\n`);
  return all;
}

/** Whether every bench file has recorded in this run (then the whole table is printed). */
export function runComplete(): boolean {
  const state = readJson<RunState | null>(runFile, null);
  if (state?.runKey !== currentRunKey()) return false;
  const all = readdirSync(path.join(projectRoot, 'tests/bench')).filter((file) =>
    file.endsWith('.bench.test.ts'),
  );
  return all.every((file) => state.files.includes(file));
}

function formatValue(value: number, unit: Unit): string {
  if (unit === 'ratio') return value.toFixed(3);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatTable(entries: readonly BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'budget', 'n', 'runs', 'min', 'max', 'pass'];
  const rows = entries.map((entry) => [
    entry.name,
    formatValue(entry.value, entry.unit),
    entry.unit,
    `≤ ${formatValue(entry.budget, entry.unit)}`,
    String(entry.n),
    String(entry.runs),
    formatValue(entry.min, entry.unit),
    formatValue(entry.max, entry.unit),
    passes(entry) ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ');
  const notes = entries
    .filter((entry) => entry.note)
    .map((entry) => `  ${entry.name}: ${entry.note}`);
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

/**
 * Records, prints, and then fails the test for every budget missed, so `npm run bench` exits
 * non-zero. Called once per bench file with everything it measured.
 */
export function report(benchFile: string, entries: readonly BenchResult[]): void {
  if (entries.length === 0) return;
  const all = recordResults(benchFile, entries);
  console.log(`\n${path.basename(benchFile)}\n${formatTable(entries)}\n`);
  if (runComplete()) console.log(`\nAll benchmarks (${resultsFile})\n${formatTable(all)}\n`);
}

export function missedBudgets(entries: readonly BenchResult[]): string[] {
  return entries
    .filter((entry) => !passes(entry))
    .map(
      (entry) =>
        `${entry.name} at n=${entry.n}: ${formatValue(entry.value, entry.unit)} ${entry.unit} > budget ${formatValue(entry.budget, entry.unit)} ${entry.unit}`,
    );
}

// ---- Probes through the DevTools protocol ----

export async function cdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** Used JS heap of the page's main world after a full garbage collection, in MB. */
export async function heapAfterGc(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.send('HeapProfiler.disable');
  return usedSize / 1_048_576;
}

export interface BusyTime {
  /** Seconds the renderer's main thread spent running tasks (all of them: page, extension, GC, layout). */
  task: number;
  /** Of which running script. */
  script: number;
}

/** The renderer main thread's cumulative busy time (`Performance.getMetrics`), in seconds. */
export async function busyTime(session: CDPSession): Promise<BusyTime> {
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
  return { task: metric('TaskDuration'), script: metric('ScriptDuration') };
}

export function ensureDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
}

/** Busy and total CPU time of the whole machine so far, in clock ticks (Linux /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const ticks = cpu.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * Waits until the machine has been nearly idle (under `maxBusy` of its CPU time) for two
 * half-second windows in a row, so a measurement does not start while the browser is still busy
 * with work of its own (a database flushing and compacting what it was just given); gives up after
 * `timeoutMs`. Returns how long it waited. Without /proc/stat (not Linux) it returns at once.
 */
export async function waitForQuietMachine({
  maxBusy = 0.15,
  timeoutMs = 120_000,
}: { maxBusy?: number; timeoutMs?: number } = {}): Promise<number> {
  if (!existsSync('/proc/stat')) return 0;
  const started = performance.now();
  let quietWindows = 0;
  let last = machineTicks();
  while (quietWindows < 2 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = machineTicks();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    quietWindows = busy <= maxBusy ? quietWindows + 1 : 0;
    last = now;
  }
  return performance.now() - started;
}
