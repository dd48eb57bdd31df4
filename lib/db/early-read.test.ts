import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { prospectRow } from '../../tests/helpers/prospect-row';
import { EARLY_READ_LIMIT, readEarly } from './early-read';
import { listSection } from './lists';
import { CURRENT_IDB_VERSION } from './names';
import { getSettings } from './queries';
import { saveSettings } from './writes';
import { createFifthTouchDb, settingsFromRow, type FifthTouchDb } from './schema';

// A fixed "today"; every due day is fixed too, so nothing depends on when this runs.
const TODAY = '2026-11-18';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 18, 9);
const idb = { indexedDB, IDBKeyRange };

let name: string;
let db: FifthTouchDb;
beforeEach(() => {
  name = `early-${crypto.randomUUID()}`;
  db = createFifthTouchDb(name);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(name);
});

/** The early read of this test's database for TODAY, as the panel's script asks it. */
const readToday = (version = CURRENT_IDB_VERSION) =>
  readEarly(idb, { name, version, today: TODAY, limit: EARLY_READ_LIMIT });

/** Overdue on every day before TODAY, some due today and later: more overdue than one page. */
async function seedBook(): Promise<void> {
  const rows = Array.from({ length: 70 }, (_, i) =>
    prospectRow(`p${String(i).padStart(2, '0')}`, {
      nextDueDay: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
      lastTouchAt: T0 - (i % 7) * DAY,
      nextStep: 1 + (i % 3),
    }),
  );
  await db.prospects.bulkAdd(rows);
}

describe("the panel's early read", () => {
  test("reads the settings and Overdue's first page as getSettings and listSection do", async () => {
    await seedBook();
    await saveSettings(db, { trackCc: true }, { now: T0 });
    expect(db.backendDB().version).toBe(CURRENT_IDB_VERSION);

    const answer = await readToday();

    const expected = await listSection(db, 'overdue', { today: TODAY, limit: EARLY_READ_LIMIT });
    expect(expected).toHaveLength(EARLY_READ_LIMIT);
    expect(answer?.prospects).toEqual(expected);
    expect(settingsFromRow(answer?.settingsRow)).toEqual(await getSettings(db));
    expect(settingsFromRow(answer?.settingsRow).trackCc).toBe(true);
  });

  test("ends where listSection's Overdue ends: nobody due today or later, whatever the limit", async () => {
    await seedBook();
    const answer = await readEarly(idb, {
      name,
      version: CURRENT_IDB_VERSION,
      today: TODAY,
      limit: 100,
    });
    const expected = await listSection(db, 'overdue', { today: TODAY, limit: 100 });
    expect(expected.length).toBeGreaterThan(EARLY_READ_LIMIT);
    expect(expected.length).toBeLessThan(70);
    expect(answer?.prospects).toEqual(expected);
    expect(answer?.prospects.every((prospect) => prospect.nextDueDay! < TODAY)).toBe(true);
  });

  test('leaves nothing open: Dexie upgrades the database right after it', async () => {
    await seedBook();
    db.close();
    await readEarly(idb, { name, version: CURRENT_IDB_VERSION, today: TODAY, limit: 5 });
    // A connection left open would block this upgrade for good.
    const upgraded = new Dexie(name);
    upgraded.version((CURRENT_IDB_VERSION + 10) / 10).stores({ extra: 'id' });
    await upgraded.open();
    expect(upgraded.verno).toBe(CURRENT_IDB_VERSION / 10 + 1);
    upgraded.close();
  });

  test('makes no database where there is none, and answers nothing', async () => {
    db.close();
    await Dexie.delete(name);
    const answer = await readToday();
    expect(answer).toBeUndefined();
    expect(await Dexie.exists(name)).toBe(false);
  });

  test('answers nothing from a database at another version than this code declares', async () => {
    await seedBook();
    const answer = await readToday(CURRENT_IDB_VERSION + 10);
    expect(answer).toBeUndefined();
  });

  test('answers nothing from a database without the work-order index', async () => {
    db.close();
    await Dexie.delete(name);
    const other = new Dexie(name);
    other.version(CURRENT_IDB_VERSION / 10).stores({ prospects: 'id', settings: 'id' });
    await other.open();
    await other.table('prospects').add(prospectRow('p1', { nextDueDay: '2026-11-01' }));
    other.close();
    const answer = await readToday();
    expect(answer).toBeUndefined();
  });
});
