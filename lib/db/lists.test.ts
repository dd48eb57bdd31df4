import fc from 'fast-check';
import { prospectRow } from '../../tests/helpers/prospect-row';
import { listSection, searchProspects } from './lists';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { compareForWork } from './work-order';

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

  test('ties in waiting time fall to the touch number, then the id, and Upcoming leaves today out', async () => {
    const tomorrow = '2026-11-19';
    await db.prospects.bulkAdd([
      prospectRow('b3', { nextDueDay: tomorrow, lastTouchAt: T0, nextStep: 3 }),
      prospectRow('a3', { nextDueDay: tomorrow, lastTouchAt: T0, nextStep: 3 }),
      prospectRow('c2', { nextDueDay: tomorrow, lastTouchAt: T0, nextStep: 2 }),
      prospectRow('due-today', { nextDueDay: TODAY, lastTouchAt: T0 - 30 * DAY }),
      prospectRow('too-far', { nextDueDay: '2026-11-26', lastTouchAt: T0 - 30 * DAY }),
      prospectRow('last-day', { nextDueDay: '2026-11-25', lastTouchAt: T0 - 30 * DAY }),
    ]);
    const ids = (await listSection(db, 'upcoming', { today: TODAY })).map((p) => p.id);
    expect(ids).toEqual(['c2', 'a3', 'b3', 'last-day']);
  });

  test('any book, any page size: a page is the first rows of the book sorted by compareForWork', async () => {
    const days = ['2026-11-10', '2026-11-17', TODAY, '2026-11-19', '2026-11-25', '2026-11-26'];
    const row = fc.record({
      day: fc.option(fc.constantFrom(...days), { nil: undefined }),
      // Few distinct instants and steps, so ties are common.
      touched: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      created: fc.integer({ min: 0, max: 3 }),
      step: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        async (rows, limit) => {
          await db.prospects.clear();
          const book = rows.map((r, i) =>
            prospectRow(`p${i}`, {
              ...(r.day ? { nextDueDay: r.day } : {}),
              ...(r.touched !== undefined ? { lastTouchAt: T0 - r.touched * DAY } : {}),
              createdAt: T0 - 10 * DAY + r.created * DAY,
              nextStep: r.step,
            }),
          );
          await db.prospects.bulkAdd(book);
          const expected = {
            overdue: book.filter((p) => p.nextDueDay && p.nextDueDay < TODAY),
            today: book.filter((p) => p.nextDueDay === TODAY),
            upcoming: book.filter(
              (p) => p.nextDueDay && p.nextDueDay > TODAY && p.nextDueDay <= '2026-11-25',
            ),
          };
          for (const [section, rowsOfSection] of Object.entries(expected)) {
            const page = await listSection(db, section as keyof typeof expected, {
              today: TODAY,
              limit,
            });
            expect(page.map((p) => p.id)).toEqual(
              rowsOfSection
                .sort(compareForWork)
                .slice(0, limit)
                .map((p) => p.id),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
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
