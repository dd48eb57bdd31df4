// A 10,000-row CSV of leads imported end to end through the side panel's Import/export view: the
// file chosen, parsed, checked against the store and previewed, then "Import" clicked until the
// panel says it is done. The CSV is what the extension's own export writes (lib/csv leadsToCsv).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, onTestFinished, test } from 'vitest';
import { localDayOf } from '../../lib/cadence/days';
import { leadsToCsv } from '../../lib/csv/leads';
import { DEFAULT_DB_NAME, V5_STORES } from '../../lib/db/schema';
import { launchExtension } from '../e2e/harness';
import { generateBook } from './generate';
import { bounded, missedBudgets, pairedResult, report, stats, type BenchResult } from './harness';

const ROWS = 10_000;
const RUNS = 11;
const results: BenchResult[] = [];

afterAll(() => report(import.meta.filename, results));

/** An index as IndexedDB's createIndex takes it: name, key path, multiEntry, unique. */
type IndexSpec = [string, string | string[], boolean, boolean];

/**
 * A store's secondary indexes as the current schema states them, named as Dexie names them (`*`
 * multi-entry, `&` unique, `[a+b]` a compound index on those key paths).
 */
function indexesOf(spec: string): IndexSpec[] {
  return spec
    .split(',')
    .slice(1)
    .map((part): IndexSpec => {
      const written = part.trim();
      const keyPath = written.replace(/^[*&]/, '');
      return [
        keyPath,
        keyPath.startsWith('[') ? keyPath.slice(1, -1).split('+') : keyPath,
        written.startsWith('*'),
        written.startsWith('&'),
      ];
    });
}

interface StoredRecords {
  prospects: unknown[];
  touches: unknown[];
}

/** The records the import stored, read back from the extension's database in `page`. */
async function storedRecords(page: Page, expected: number): Promise<StoredRecords> {
  return page.evaluate(
    async ({ databaseName, expected }) => {
      const stored = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(databaseName);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const readAll = (name: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const request = stored.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const values = { prospects: await readAll('prospects'), touches: await readAll('touches') };
      stored.close();
      if (values.prospects.length !== expected) {
        throw new Error(
          `the store holds ${values.prospects.length} prospects, not the ${expected} imported`,
        );
      }
      return values;
    },
    { databaseName: DEFAULT_DB_NAME, expected },
  );
}

/**
 * What this browser on this machine needs at the least to write what the import wrote, whatever
 * the code above it: the very records the import stored (read back from the extension's database
 * after the import, so the floor writes the same bytes: a prospect row and, for a lead with a
 * last-contacted day, its one imported touch) added with plain IndexedDB (no Dexie, no parsing, no
 * UI) in one read-write transaction, into fresh stores with the prospects' and touches' current
 * indexes (lib/db/schema V5_STORES) and into ones without indexes, in an extension page of a fresh
 * browser (`page`); plus the plainest read of the same file. In ms.
 */
async function rawAddFloor(
  page: Page,
  csvFile: string,
  values: StoredRecords,
  expected: number,
): Promise<{ bare: number; indexed: number; touches: number; read: number }> {
  // The same file, chosen the same way, for the floor's plainest read of it.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-floor-file';
    document.body.append(input);
  });
  await page.locator('#bench-floor-file').setInputFiles(csvFile);
  // The plainest read of the file: its text, split into lines and cells (no quoting, no checks):
  // what any import must do before it can write, timed apart (before the records come into the
  // page) and added to the floor.
  const read = await page.evaluate(async (expected) => {
    const file = (document.getElementById('bench-floor-file') as HTMLInputElement).files![0]!;
    const reading = performance.now();
    const lines = (await file.text()).split('\r\n').map((line) => line.split(','));
    const read = performance.now() - reading;
    if (lines.length < expected) throw new Error(`the floor read ${lines.length} lines`);
    return read;
  }, expected);
  const storeIndexes = {
    prospects: indexesOf(V5_STORES.prospects),
    touches: indexesOf(V5_STORES.touches),
  };
  return page.evaluate(
    async ({ values, storeIndexes, read }) => {
      const names = ['prospects', 'touches'] as const;
      const open = (name: string, indexed: boolean) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name, 1);
          request.onupgradeneeded = () => {
            for (const storeName of names) {
              const store = request.result.createObjectStore(storeName, { keyPath: 'id' });
              if (!indexed) continue;
              for (const [index, keyPath, multiEntry, unique] of storeIndexes[storeName]) {
                store.createIndex(index, keyPath, { multiEntry, unique });
              }
            }
          };
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const out = { bare: 0, indexed: 0, touches: values.touches.length, read };
      for (const kind of ['indexed', 'bare'] as const) {
        const db = await open(`floor-${kind}`, kind === 'indexed');
        const started = performance.now();
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(names, 'readwrite');
          for (const storeName of names) {
            const store = tx.objectStore(storeName);
            for (const value of values[storeName]) store.add(value);
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        out[kind] = performance.now() - started;
        db.close();
      }
      return out;
    },
    { values, storeIndexes, read },
  );
}

/** The import's marks in the page (performance.now), and the Import button's label. */
interface ImportMarks {
  started?: number;
  analysed?: number;
  done?: number;
  label?: string;
}

describe('a CSV of leads', () => {
  test('of 10,000 rows is imported within 1.5x of the file read plainly and raw IndexedDB adds of the same records', async () => {
    const now = Date.now();
    // An export leaves not-a-prospect rows out: generate a few more, keep exactly ROWS.
    const prospects = generateBook({
      prospects: Math.ceil(ROWS * 1.05),
      today: localDayOf(now),
      now,
    })
      .prospects.filter((prospect) => prospect.status !== 'not-prospect')
      .slice(0, ROWS);
    const csv = leadsToCsv(prospects);
    const exported = csv.trimEnd().split('\r\n').length - 1;
    expect(exported).toBe(ROWS);
    // Chosen from disk, as a rep chooses it: given as bytes instead, Playwright would turn its
    // base64 copy back into bytes in the panel's page one character at a time (about 0.3 s of the
    // panel's main thread for these 1.7 MB), inside the timed span and none of it the extension's.
    const fileDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-import-'));
    const csvFile = path.join(fileDir, 'leads.csv');
    await writeFile(csvFile, csv, 'utf8');
    onTestFinished(() => rm(fileDir, { recursive: true, force: true }));
    const totals: number[] = [];
    const floors: { bare: number; indexed: number; touches: number; read: number }[] = [];
    const phases: { analyse: number; write: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const session = await launchExtension({ now: 'real' });
      let records: StoredRecords;
      try {
        const page = await session.context.newPage();
        await page.setViewportSize({ width: 400, height: 900 });
        await page.goto(session.extensionUrl('sidepanel.html'));
        await page.getByRole('button', { name: 'Import/export' }).click();
        const input = page.locator('input[type="file"][accept^=".csv"]');
        await input.waitFor({ state: 'attached' });

        // Timed in the page, on the clock the floor uses: from the input's change event (the file
        // chosen) to the frame after "Imported" is shown. The Import button is clicked in the page
        // the moment it appears, so none of Playwright's round trips or its click's actionability
        // waits (two animation frames at the least) are in the span.
        await page.evaluate(
          ({ expected }) => {
            const w = window as { __benchImport?: ImportMarks };
            const marks: ImportMarks = {};
            w.__benchImport = marks;
            const input = document.querySelector('input[type="file"][accept^=".csv"]')!;
            input.addEventListener('change', () => (marks.started = performance.now()), {
              capture: true,
              once: true,
            });
            const importButton = () =>
              [...document.querySelectorAll('button')].find((button) =>
                /^Import \d+ leads$/.test(button.textContent ?? ''),
              );
            const observer = new MutationObserver(() => {
              if (marks.analysed === undefined) {
                const button = importButton();
                if (!button) return;
                marks.analysed = performance.now();
                marks.label = button.textContent ?? '';
                button.click();
                return;
              }
              const status = [...document.querySelectorAll('[role="status"]')].some((node) =>
                (node.textContent ?? '').includes(`Imported ${expected} leads.`),
              );
              if (!status) return;
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => (marks.done = performance.now())));
            });
            observer.observe(document, { childList: true, subtree: true, characterData: true });
          },
          { expected: exported },
        );
        await input.setInputFiles(csvFile);
        const marks = await page
          .waitForFunction(
            () => {
              const w = window as { __benchImport?: ImportMarks };
              return w.__benchImport?.done !== undefined ? w.__benchImport : null;
            },
            undefined,
            { timeout: 180_000, polling: 100 },
          )
          .then((handle) => handle.jsonValue());
        if (!marks) throw new Error('the import marks never came');
        expect(marks.label).toBe(`Import ${exported} leads`);
        // What the page's marks saw, as a rep sees it.
        await page
          .getByRole('status')
          .getByText(`Imported ${exported} leads.`)
          .waitFor({ timeout: 10_000 });
        const started = marks.started!;
        const analysed = marks.analysed!;
        const done = marks.done!;
        totals.push(done - started);
        phases.push({ analyse: analysed - started, write: done - analysed });
        records = await storedRecords(page, exported);
      } finally {
        await session.close();
      }
      // The floor in a fresh browser of its own, so both start from the same state: a browser
      // that has done nothing yet (in the import's, it would follow 10,000 rows just written and
      // a panel still open).
      const floorSession = await launchExtension({ now: 'real' });
      try {
        const floorPage = await floorSession.context.newPage();
        await floorPage.goto(floorSession.extensionUrl('options.html'));
        floors.push(
          await bounded(
            'The raw-add floor',
            120_000,
            rawAddFloor(floorPage, csvFile, records, exported),
          ),
        );
      } finally {
        await floorSession.close();
      }
    }
    const analyse = stats(phases.map((phase) => phase.analyse)).median;
    const write = stats(phases.map((phase) => phase.write)).median;
    const bare = stats(floors.map((floor) => floor.bare)).median;
    const touches = stats(floors.map((floor) => floor.touches)).median;
    const read = stats(floors.map((floor) => floor.read)).median;
    results.push(
      pairedResult(
        {
          name: 'csv-import',
          unit: 'ms',
          // The import parses, checks and previews the file (about 0.12x of the floor) and plans
          // each lead before Dexie writes it, all on the page's main thread, where the floor only
          // splits the file: on 2 busy cores that work stretches more than the database's. The
          // same code gave 1.13x to 1.21x quiet and 1.21x to 1.36x beside another browser's
          // tests (2026-12-07); 1.3x, the first guess, split those runs.
          budget: 1.5,
          n: exported,
          note: `side panel Import/export, empty store, fresh profile each run; timed in the page: the input's change event to the frame after "Imported" is shown, Import clicked in the page as it appears (median parse+plan+preview ${analyse.toFixed(0)} ms, import click to done ${write.toFixed(0)} ms); floor: the same file read the plainest way (its text split into lines and cells, no quoting, no checks: ${read.toFixed(0)} ms) plus the records that import stored (${ROWS} prospects and the ${touches} imported touches of the leads with a last-contacted day), read back, then added with raw IndexedDB in one transaction into stores with the prospects' and touches' indexes, in a fresh browser of its own after each import (adds into stores with no index: ${bare.toFixed(0)} ms)`,
        },
        totals,
        floors.map((floor) => floor.read + floor.indexed),
      ),
    );
    expect(missedBudgets(results)).toEqual([]);
  });
});
