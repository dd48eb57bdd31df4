import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDaysToDay } from '../cadence/days';
import { listDue } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import type { Prospect } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { readDigestInput, readMostUrgent, URGENT_MARGIN } from './digest';
import { planNotifications, rankByUrgency } from '../nudges/notifications';
import { prospectRow } from '../../tests/helpers/prospect-row';

const TODAY = '2026-03-04';
const opened: FifthTouchDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function store(prospects: Prospect[]): Promise<FifthTouchDb> {
  const db = createFifthTouchDb(`digest-${crypto.randomUUID()}`);
  opened.push(db);
  await db.prospects.bulkPut(prospects);
  return db;
}

const prospect = (id: string, fields: Partial<Prospect> = {}): Prospect =>
  prospectRow(id, { nextDueDay: TODAY, ...fields });

/** A book as the store keeps it: only waiting prospects carry a due day. */
const book = fc
  .array(
    fc.record({
      late: fc.integer({ min: -3, max: 6 }),
      lastTouchAt: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
      waiting: fc.boolean(),
      name: fc.constantFrom('Ann', 'Bo', 'Cy', 'Di', ''),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map((row, index) => {
      const base = prospect(`p${String(index).padStart(3, '0')}`, {
        name: row.name,
        status: row.waiting ? 'active' : 'replied',
        nextDueDay: addDaysToDay(TODAY, -row.late),
      });
      if (row.lastTouchAt !== undefined) base.lastTouchAt = row.lastTouchAt;
      if (!row.waiting) delete base.nextDueDay;
      return base;
    }),
  );

describe('the digest reads only what it shows', () => {
  it('plans exactly what the whole due list would, whatever the book, cap and notified log', async () => {
    await fc.assert(
      fc.asyncProperty(
        book,
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 4 }),
        async (prospects, cap, notifiedIndexes) => {
          const db = await store(prospects);
          const notifiedToday = new Set(
            notifiedIndexes.map((index) => `prospect:p${String(index).padStart(3, '0')}`),
          );
          const settings = { ...DEFAULT_SETTINGS, notificationCap: cap };
          const input = await readDigestInput(db, TODAY, { cap, notifiedToday });
          const narrow = planNotifications({
            today: TODAY,
            digestDue: true,
            ...input,
            settings,
            notifiedToday,
          });
          const full = planNotifications({
            today: TODAY,
            digestDue: true,
            due: await listDue(db, { through: TODAY }),
            settings,
            notifiedToday,
          });
          expect(narrow).toEqual(full);
          // Never more than the cap, the names, the notified and the margin.
          expect(input.due.length).toBeLessThanOrEqual(
            Math.max(cap, 3) + 2 * notifiedToday.size + URGENT_MARGIN,
          );
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ranks the boundary day’s ties by last touch, not by id', async () => {
    const db = await store([
      prospect('a', { nextDueDay: addDaysToDay(TODAY, -2), lastTouchAt: 50 }),
      prospect('b', { lastTouchAt: 30 }),
      prospect('c', { lastTouchAt: 10 }),
      prospect('d', { lastTouchAt: 20 }),
      prospect('e', { nextDueDay: addDaysToDay(TODAY, 1), lastTouchAt: 0 }),
    ]);
    const urgent = await readMostUrgent(db, TODAY, 3);
    expect(urgent.map((p) => p.id)).toEqual(['a', 'c', 'd']);
    expect(urgent).toEqual(rankByUrgency(await listDue(db, { through: TODAY })).slice(0, 3));
  });

  it('counts every waiting prospect while reading a few', async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      prospect(`p${i}`, { nextDueDay: addDaysToDay(TODAY, -(i % 4)), lastTouchAt: i }),
    );
    const db = await store(many);
    const input = await readDigestInput(db, TODAY, { cap: 3, notifiedToday: new Set() });
    expect(input.count).toEqual({ due: 200, overdue: 150 });
    expect(input.due).toHaveLength(3 + URGENT_MARGIN);
    const [digest] = planNotifications({
      today: TODAY,
      digestDue: true,
      ...input,
      settings: DEFAULT_SETTINGS,
      notifiedToday: new Set(),
    });
    expect(digest?.text.title).toBe('200 follow-ups due today');
    expect(digest?.text.message).toMatch(/^150 overdue · .* and 197 more$/);
  });

  it('takes the badge’s count when given one instead of counting again', async () => {
    const db = await store([prospect('a'), prospect('b', { nextDueDay: '2026-03-01' })]);
    const counted = await readDigestInput(db, TODAY, { cap: 3, notifiedToday: new Set() });
    expect(counted.count).toEqual({ due: 2, overdue: 1 });
    const given = await readDigestInput(db, TODAY, {
      cap: 3,
      notifiedToday: new Set(),
      count: counted.count,
    });
    expect(given).toEqual(counted);
  });
});
