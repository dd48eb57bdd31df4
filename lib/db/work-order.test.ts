import { prospectRow } from '../../tests/helpers/prospect-row';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { WORK_ORDER_INDEX } from './work-order';

const T0 = Date.UTC(2026, 10, 18, 9);

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`work-order-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the store keeps every prospect’s waitingSince', () => {
  test('added without it: since it was added, or since its last touch', async () => {
    await db.prospects.bulkAdd([
      prospectRow('new', { createdAt: T0 - 5000 }),
      prospectRow('touched', { createdAt: T0 - 5000, lastTouchAt: T0 - 100 }),
    ]);
    expect((await db.prospects.get('new'))?.waitingSince).toBe(T0 - 5000);
    expect((await db.prospects.get('touched'))?.waitingSince).toBe(T0 - 100);
  });

  test('a stale value given by the writer is replaced by the derived one', async () => {
    await db.prospects.put(prospectRow('p', { createdAt: 1, lastTouchAt: T0, waitingSince: 42 }));
    expect((await db.prospects.get('p'))?.waitingSince).toBe(T0);
  });

  test('follows update(), modify() and a touch removed (lastTouchAt deleted)', async () => {
    await db.prospects.add(prospectRow('p', { createdAt: T0 - 9000, nextDueDay: '2026-11-18' }));
    await db.prospects.update('p', { lastTouchAt: T0 });
    expect((await db.prospects.get('p'))?.waitingSince).toBe(T0);
    await db.prospects
      .where('id')
      .equals('p')
      .modify((prospect) => {
        delete prospect.lastTouchAt;
      });
    expect((await db.prospects.get('p'))?.waitingSince).toBe(T0 - 9000);
    // And the index entry moved with it.
    const keys = await db.prospects.where(WORK_ORDER_INDEX).between([''], ['9999']).keys();
    expect(keys).toEqual([['2026-11-18', T0 - 9000, 2]]);
  });

  test('the caller’s object is left as it was given', async () => {
    const row = prospectRow('p', { createdAt: T0 });
    await db.prospects.add(row);
    expect('waitingSince' in row).toBe(false);
  });
});
