import { prospectRow } from '../../tests/helpers/prospect-row';
import { compareForWork, listSection, searchProspects } from './lists';
import { createFifthTouchDb, type FifthTouchDb } from './schema';

// A fixed "today" (a Wednesday); instants are fixed too, so nothing depends on when this runs.
const TODAY = '2026-11-18';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 18, 9);

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`lists-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the order a list is worked in', () => {
  test('within a day: longest waiting since the last touch first, then the lower touch number', async () => {
    await db.prospects.bulkAdd([
      prospectRow('recent', { nextDueDay: TODAY, lastTouchAt: T0 - 1 * DAY, nextStep: 2 }),
      prospectRow('long-4', { nextDueDay: TODAY, lastTouchAt: T0 - 9 * DAY, nextStep: 4 }),
      prospectRow('long-2', { nextDueDay: TODAY, lastTouchAt: T0 - 9 * DAY, nextStep: 2 }),
      // Never touched: waiting since it was added.
      prospectRow('new', { nextDueDay: TODAY, createdAt: T0 - 3 * DAY, nextStep: 1 }),
    ]);
    const ids = (await listSection(db, 'today', { today: TODAY })).map((p) => p.id);
    expect(ids).toEqual(['long-2', 'long-4', 'new', 'recent']);
  });

  test('overdue: the most overdue day first, each day in work order', async () => {
    await db.prospects.bulkAdd([
      prospectRow('y-recent', { nextDueDay: '2026-11-17', lastTouchAt: T0 - 2 * DAY }),
      prospectRow('w-old', { nextDueDay: '2026-11-11', lastTouchAt: T0 - 20 * DAY }),
      prospectRow('y-old', { nextDueDay: '2026-11-17', lastTouchAt: T0 - 8 * DAY }),
      prospectRow('today', { nextDueDay: TODAY }),
    ]);
    const ids = (await listSection(db, 'overdue', { today: TODAY })).map((p) => p.id);
    expect(ids).toEqual(['w-old', 'y-old', 'y-recent']);
  });

  test('a page cut mid-day still holds that day’s most urgent, never the first ids read', async () => {
    // Ids in index order are the reverse of work order for the last day of the page.
    const rows = Array.from({ length: 30 }, (_, i) =>
      prospectRow(`p${String(i).padStart(2, '0')}`, {
        nextDueDay: TODAY,
        lastTouchAt: T0 - (i + 1) * 3_600_000,
      }),
    );
    await db.prospects.bulkAdd(rows);
    const page = await listSection(db, 'today', { today: TODAY, limit: 5 });
    expect(page.map((p) => p.id)).toEqual(['p29', 'p28', 'p27', 'p26', 'p25']);
  });

  test('compareForWork is a total order: ties fall to the id', () => {
    const a = prospectRow('a', { nextDueDay: TODAY });
    const b = prospectRow('b', { nextDueDay: TODAY });
    expect(compareForWork(a, b)).toBeLessThan(0);
    expect(compareForWork(b, a)).toBeGreaterThan(0);
    expect(compareForWork(a, a)).toBe(0);
  });
});

describe('search', () => {
  test('ignores accents and case in name, company and address: "Jose" finds "José"', async () => {
    await db.prospects.bulkAdd([
      prospectRow('jose', { name: 'José Álvarez', company: 'Café Müller' }),
      prospectRow('renee', {
        name: 'R. Smith',
        company: 'Acme',
        emails: ['renée@crème.example'],
      }),
      prospectRow('other', { name: 'Jane Doe', company: 'Globex' }),
    ]);
    const ids = async (text: string) => (await searchProspects(db, text)).map((p) => p.id).sort();
    expect(await ids('Jose')).toEqual(['jose']);
    expect(await ids('JOSÉ')).toEqual(['jose']);
    expect(await ids('alvarez')).toEqual(['jose']);
    expect(await ids('cafe muller')).toEqual(['jose']);
    expect(await ids('renee@creme')).toEqual(['renee']);
    expect(await ids('globex')).toEqual(['other']);
    expect(await ids('nobody')).toEqual([]);
  });
});
