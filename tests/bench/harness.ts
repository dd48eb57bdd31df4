// The benchmark harness: repeated samples reduced to a median with min and max, results checked
// against their budgets, printed as a table and collected in `.bench/results.json` across the bench
// files of one `npm run bench`, plus the DevTools-protocol probes (heap, main-thread busy time).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { projectRoot } from '../e2e/harness';

export const benchDir = path.join(projectRoot, '.bench');
export const resultsFile = path.join(benchDir, 'results.json');
const runFile = path.join(benchDir, 'run.json');

export type Unit = 'ms' | 'µs' | 'MB' | 'B' | 'ratio';

export interface BenchResult {
  name: string;
  /** The median of the runs (a ratio of medians for ratios). */
  value: number;
  unit: Unit;
  /**
   * The same work done the plainest possible way, measured in the same run, in the same browser,
   * on the same book (same unit as `value`): what this machine needs at the least. Absent only
   * where nothing plainer exists.
   */
  floor?: number;
  /** value ÷ floor: what the product adds over the floor, whatever the machine's speed. */
  ratio?: number;
  /** Shown as a percentage: the value is a part of the floor (our time within the page's). */
  ratioIsShare?: boolean;
  /** The budget, on `ratio` when `budgetOn` is 'ratio' (every timing row), else on `value`. */
  budget: number;
  budgetOn: 'ratio' | 'value';
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

type Fields = Omit<
  BenchResult,
  'value' | 'runs' | 'min' | 'max' | 'floor' | 'ratio' | 'budgetOn' | 'ratioIsShare'
> &
  Partial<Pick<BenchResult, 'budgetOn' | 'ratioIsShare'>>;

/** A row without a floor (sizes, heaps): the budget is on the value. */
export function result(fields: Fields, measured: Stats): BenchResult {
  return {
    budgetOn: 'value',
    ...fields,
    value: measured.median,
    runs: measured.runs,
    min: measured.min,
    max: measured.max,
  };
}

/**
 * A row measured beside its floor, run by run (the product's run and the floor's run back to back,
 * so a burst of load on the machine hits both). The value and floor are the medians of their runs;
 * the ratio is the median of the per-run ratios (min and max are those of the value), and the budget
 * is on the ratio unless `budgetOn` says otherwise.
 */
export function pairedResult(
  fields: Fields,
  values: readonly number[],
  floors: readonly number[],
): BenchResult {
  if (values.length !== floors.length) {
    throw new Error(`${fields.name}: ${values.length} runs but ${floors.length} floor runs`);
  }
  const measured = stats(values);
  return {
    budgetOn: 'ratio',
    ...fields,
    value: measured.median,
    floor: stats(floors).median,
    ratio: stats(values.map((value, run) => value / (floors[run] as number))).median,
    runs: measured.runs,
    min: measured.min,
    max: measured.max,
  };
}

/** A row beside a floor measured once (or as a whole): the ratio is value ÷ floor. */
export function withFloor(entry: BenchResult, floor: number): BenchResult {
  return { ...entry, floor, ratio: entry.value / floor };
}

export function budgeted(entry: BenchResult): number {
  return entry.budgetOn === 'ratio' ? (entry.ratio ?? NaN) : entry.value;
}

export const passes = (entry: BenchResult) => budgeted(entry) <= entry.budget;

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
 * Starts a run (tests/bench/setup.ts, in the Vitest process the bench files' workers are children
 * of): the results of any earlier run are cleared, so the file never mixes runs.
 */
export function startRun(machine: Machine): void {
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(resultsFile, '[]\n');
  writeFileSync(
    runFile,
    `${JSON.stringify({ runKey: String(process.pid), files: [] }, null, 2)}\n`,
  );
  writeFileSync(machineFile, `${JSON.stringify(machine, null, 2)}\n`);
}

/**
 * Adds one bench file's results to `.bench/results.json`. The first file of a new run starts the
 * list afresh (when no setup started the run); a re-measured name replaces its old entry.
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

/** The bench files that recorded nothing in this run (their rows are missing). */
export function filesWithoutResults(): string[] {
  const state = readJson<RunState | null>(runFile, null);
  const all = readdirSync(path.join(projectRoot, 'tests/bench')).filter((file) =>
    file.endsWith('.bench.test.ts'),
  );
  return all.filter((file) => !state?.files.includes(file));
}

/**
 * Ends a run: the whole table printed, `.bench/results.md` written for the README (with the
 * machine), and which bench files left their rows out.
 */
export function finishRun(): { table: string; markdown: string; missing: string[] } {
  const entries = readJson<BenchResult[]>(resultsFile, []);
  const machine = readJson<Machine | null>(machineFile, null) ?? describeThisMachine('Chromium');
  const finished: Machine = {
    ...machine,
    finishedAt: new Date().toISOString(),
    loadAtEnd: os.loadavg()[0] ?? NaN,
    seconds: (Date.now() - Date.parse(machine.startedAt)) / 1000,
  };
  writeFileSync(machineFile, `${JSON.stringify(finished, null, 2)}\n`);
  const markdown = formatMarkdown(entries, finished);
  writeFileSync(path.join(benchDir, 'results.md'), `${markdown}\n`);
  return { table: formatTable(entries), markdown, missing: filesWithoutResults() };
}

function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ratio') return value.toFixed(3);
  if (unit === 'B') return value.toFixed(0);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatRatio(entry: BenchResult): string {
  if (entry.ratio === undefined) return '';
  return entry.ratioIsShare ? percent(entry.ratio) : `${entry.ratio.toFixed(2)}×`;
}

function formatBudget(entry: BenchResult): string {
  if (entry.budgetOn === 'value') return `≤ ${formatValue(entry.budget, entry.unit)} ${entry.unit}`;
  return entry.ratioIsShare ? `≤ ${percent(entry.budget)}` : `ratio ≤ ${entry.budget}×`;
}

/** A share as people read it: 0.0042 → "0.42 %". */
export const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

const withUnit = (value: number, unit: Unit) =>
  unit === 'ratio' ? formatValue(value, unit) : `${formatValue(value, unit)} ${unit}`;

export function formatTable(entries: readonly BenchResult[]): string {
  const header = ['name', 'value', 'floor', 'ratio', 'budget', 'n', 'runs', 'min', 'max', 'pass'];
  const rows = entries.map((entry) => [
    entry.name,
    withUnit(entry.value, entry.unit),
    entry.floor === undefined ? '' : withUnit(entry.floor, entry.unit),
    formatRatio(entry),
    formatBudget(entry),
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

/** The README's table: value (min–max), floor, ratio, budget, met. */
export function formatMarkdown(entries: readonly BenchResult[], machine: Machine): string {
  const rows = entries.map((entry) => [
    entry.n ? `${entry.name} (${entry.n.toLocaleString('en')})` : entry.name,
    `${withUnit(entry.value, entry.unit)} (${formatValue(entry.min, entry.unit)}–${formatValue(entry.max, entry.unit)})`,
    entry.floor === undefined ? '—' : withUnit(entry.floor, entry.unit),
    formatRatio(entry) || '—',
    formatBudget(entry),
    passes(entry) ? 'yes' : 'no',
  ]);
  const header = ['name', 'value (min–max)', 'floor', 'ratio', 'budget', 'met'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  return [
    `Run ${machine.finishedAt ?? machine.startedAt}: ${describeMachine(machine)}.`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}

// ---- The machine it ran on ----

export interface Machine {
  startedAt: string;
  finishedAt?: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  browser: string;
  /** The 1-minute load average when the run started and when it ended. */
  loadAtStart: number;
  loadAtEnd?: number;
  /** The whole run's wall-clock length, in seconds. */
  seconds?: number;
}

const machineFile = path.join(benchDir, 'machine.json');

function describeMachine(machine: Machine): string {
  const load =
    machine.loadAtEnd === undefined
      ? `load ${machine.loadAtStart.toFixed(1)}`
      : `load ${machine.loadAtStart.toFixed(1)} at the start, ${machine.loadAtEnd.toFixed(1)} at the end`;
  const took =
    machine.seconds === undefined ? '' : `, the whole run ${Math.round(machine.seconds / 60)} min`;
  return `${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB RAM, ${machine.browser} headless, ${load} (${machine.cores} cores)${took}`;
}

/** What the run is measured on, read once at its start (os, /proc, the browser's version). */
export function describeThisMachine(browserVersion: string): Machine {
  return {
    startedAt: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    browser: browserVersion,
    loadAtStart: os.loadavg()[0] ?? NaN,
  };
}

/** Records and prints one bench file's results; its last test fails for every budget missed. */
export function report(benchFile: string, entries: readonly BenchResult[]): void {
  if (entries.length === 0) return;
  recordResults(benchFile, entries);
  console.log(`\n${path.basename(benchFile)}\n${formatTable(entries)}\n`);
}

export function missedBudgets(entries: readonly BenchResult[]): string[] {
  return entries
    .filter((entry) => !passes(entry))
    .map(
      (entry) =>
        `${entry.name} at n=${entry.n}: ${entry.budgetOn === 'ratio' ? `ratio ${formatRatio(entry)}` : withUnit(entry.value, entry.unit)} > budget ${formatBudget(entry)}`,
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

/** Clock ticks a second in /proc (USER_HZ; 100 on every Linux the bench runs on). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, in ticks) of `root` and every process below it, from /proc. */
function treeTicks(root: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while it was read.
    }
  }
  let total = 0;
  const below = [root];
  const seen = new Set<number>();
  while (below.length) {
    const pid = below.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += ticks.get(pid) ?? 0;
    for (const [child, parent] of parents) if (parent === pid) below.push(child);
  }
  return total;
}

/**
 * CPU seconds (user + system) the browser started on `userDataDir` and every process below it have
 * used so far, or NaN where /proc cannot tell: beside a wall-clock wait, it says how much of the
 * machine the browser got (the rest went to other work on shared cores).
 */
export function browserCpuSeconds(userDataDir: string): number {
  const pid = browserPid(userDataDir);
  return pid === undefined ? NaN : treeTicks(pid) / TICKS_PER_SECOND;
}

/** The browser's main process: the one started with this profile (`--user-data-dir=`). */
export function browserPid(userDataDir: string): number | undefined {
  if (!existsSync('/proc')) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (
        cmdline.includes(`--user-data-dir=${userDataDir}`) &&
        !cmdline.some((arg) => arg.startsWith('--type='))
      ) {
        return Number(entry);
      }
    } catch {
      // Gone, or not ours to read.
    }
  }
  return undefined;
}

export interface Settled {
  /** How long it waited, in ms. */
  waitedMs: number;
  /** Whether the browser went quiet before the limit. */
  quiet: boolean;
}

/**
 * Waits, at most `limitMs`, until the browser itself (its process and all below it: the database
 * engine flushing and compacting what it was just given) has used under `maxShare` of one core
 * for two half-second windows in a row. Only the browser's own CPU time counts, so other work on
 * a shared machine neither lengthens the wait nor ends it early; and the limit holds however busy
 * the machine is. Returns how long it waited and whether the browser went quiet, for the report.
 */
export async function waitForQuietBrowser(
  userDataDir: string,
  { maxShare = 0.1, limitMs = 30_000 }: { maxShare?: number; limitMs?: number } = {},
): Promise<Settled> {
  const started = performance.now();
  const pid = browserPid(userDataDir);
  if (pid === undefined) return { waitedMs: 0, quiet: false };
  let quietWindows = 0;
  let last = treeTicks(pid);
  let lastAt = performance.now();
  while (quietWindows < 2 && performance.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = treeTicks(pid);
    const at = performance.now();
    const share = (now - last) / TICKS_PER_SECOND / ((at - lastAt) / 1000);
    quietWindows = share <= maxShare ? quietWindows + 1 : 0;
    last = now;
    lastAt = at;
  }
  return { waitedMs: performance.now() - started, quiet: quietWindows >= 2 };
}

/**
 * `work`, bounded by its progress: a clear error when `progress()` has not grown for `stallMs`, or
 * once `limitMs` have passed in all. For a long job made of steps (a book written chunk by chunk)
 * whose whole length moves with the machine: a slower machine takes longer, a stuck one is stopped
 * one step's limit after its last step. Resolves to the result and the longest wait for a step.
 */
export async function boundedByProgress<T>(
  what: string,
  { stallMs, limitMs, pollMs = 1_000 }: { stallMs: number; limitMs: number; pollMs?: number },
  progress: () => Promise<number>,
  work: Promise<T>,
): Promise<{ result: T; longestStepMs: number }> {
  const started = performance.now();
  let last = -Infinity;
  let lastAt = started;
  let longestStepMs = 0;
  let done = false;
  const watch = (async (): Promise<never> => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (done) return new Promise<never>(() => undefined);
      const now = performance.now();
      const reached = await progress().catch(() => last);
      if (reached > last) {
        longestStepMs = Math.max(longestStepMs, now - lastAt);
        last = reached;
        lastAt = now;
      } else if (now - lastAt > stallMs) {
        throw new Error(`${what} made no progress for ${stallMs / 1000} s (its limit for a step)`);
      }
      if (now - started > limitMs) {
        throw new Error(`${what} did not finish within its limit of ${limitMs / 1000} s`);
      }
    }
  })();
  try {
    const result = await Promise.race([work, watch]);
    longestStepMs = Math.max(longestStepMs, performance.now() - lastAt);
    return { result, longestStepMs };
  } finally {
    done = true;
  }
}

/**
 * `work`, or a clear error once `limitMs` have passed: no step of the bench waits without a limit.
 * The error names the step and its limit, so a run that stops says where.
 */
export async function bounded<T>(what: string, limitMs: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within its limit of ${limitMs / 1000} s`)),
      limitMs,
    );
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
