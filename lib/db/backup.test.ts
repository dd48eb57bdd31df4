// A backup is a file anyone can edit: restoring one goes through the same normalisation and limits
// as a CSV import and the store's own rules, refuses in plain words naming the row, and leaves the
// store exactly as it was when it refuses.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exportBackup, parseBackup, restoreBackup, type Backup } from './backup';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { addProspect, recordSend, StoreError } from './writes';

const MONDAY = new Date(2026, 2, 2, 10).getTime();
const clock = { now: MONDAY };
let db: FifthTouchDb;
let good: Backup;

beforeEach(async () => {
  db = createFifthTouchDb(`backup-${crypto.randomUUID()}`);
  await recordSend(
    db,
    {
      channel: 'email',
      at: MONDAY,
      sendKey: 'm1',
      summary: 'Hello',
      confirmed: true,
      recipients: [{ email: 'jane@acme.com', name: 'Jane' }],
    },
    clock,
  );
  await addProspect(db, { name: 'Bob', linkedinIds: ['bob-1'] }, clock);
  good = await exportBackup(db, clock);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function everything() {
  return {
    prospects: await db.prospects.orderBy('id').toArray(),
    touches: await db.touches.orderBy('id').toArray(),
    outcomes: await db.outcomes.orderBy('id').toArray(),
    settings: await db.settings.toArray(),
  };
}

/** The good backup with one change, as a file's text. */
function edited(change: (backup: Backup) => void): string {
  const copy = structuredClone(good);
  change(copy);
  return JSON.stringify(copy);
}

describe('restoring a backup', () => {
  test('addresses, LinkedIn ids and text are normalised as an import would', () => {
    const backup = parseBackup(
      edited((b) => {
        const jane = b.prospects.find((p) => p.name === 'Jane')!;
        jane.emails = ['  JANE@Acme.com ', 'jane@acme.com'];
        jane.name = '  Jane Doe  ';
        jane.tags = [' q3 ', 'q3'];
        const bob = b.prospects.find((p) => p.name === 'Bob')!;
        bob.linkedinIds = ['https://www.linkedin.com/in/bob-1/'];
      }),
    );
    const jane = backup.prospects.find((p) => p.name === 'Jane Doe')!;
    expect(jane.emails).toEqual(['jane@acme.com']);
    expect(jane.tags).toEqual(['q3']);
    expect(backup.prospects.find((p) => p.name === 'Bob')!.linkedinIds).toEqual(['bob-1']);
  });

  test.each<[string, (b: Backup) => void, RegExp]>([
    [
      'two prospects with one id',
      (b) => b.prospects.push({ ...b.prospects[0]!, emails: ['other@x.example'] }),
      /two prospects have the id/,
    ],
    [
      'two touches with one id',
      (b) => b.touches.push({ ...b.touches[0]!, dedupeKey: 'other' }),
      /two touches have the id/,
    ],
    [
      'one send recorded twice',
      (b) => b.touches.push({ ...b.touches[0]!, id: 'copy' }),
      /two touches record the same send/,
    ],
    [
      'one address on two prospects',
      (b) => (b.prospects.find((p) => p.name === 'Bob')!.emails = ['JANE@acme.com']),
      /jane@acme\.com belongs to two prospects/,
    ],
    [
      'an address that is none',
      (b) => (b.prospects[0]!.emails = ['bob@']),
      /prospect 1, emails: not an email address \("bob@"\)/,
    ],
    [
      'a 300-character name',
      (b) => (b.prospects[0]!.name = 'N'.repeat(300)),
      /name is longer than 200/,
    ],
    [
      'a script link on a touch',
      (b) => (b.touches[0]!.link = 'javascript:alert(1)'),
      /touch 1, link: a link that is not/,
    ],
    ['a 5,000-character note', (b) => (b.touches[0]!.note = 'x'.repeat(5_000)), /note is longer/],
    [
      '21 addresses on one prospect',
      (b) => (b.prospects[0]!.emails = Array.from({ length: 21 }, (_, i) => `p${i}@x.example`)),
      /more than 20 addresses/,
    ],
  ])('%s is refused in words, and the store is unchanged', async (_, change, message) => {
    const before = await everything();
    let refusal: unknown;
    try {
      await restoreBackup(db, parseBackup(edited(change)));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StoreError);
    expect((refusal as Error).message).toMatch(message);
    // Never the database's own words.
    expect((refusal as Error).message).not.toMatch(/ConstraintError|BulkError|Dexie|IDB/);
    expect(await everything()).toEqual(before);
  });

  test('a backup with duplicate ids that skipped the parser is refused in words too', async () => {
    const before = await everything();
    const twice = structuredClone(good);
    twice.outcomes.push(
      { id: 'o1', prospectId: twice.prospects[0]!.id, kind: 'no', at: 1, day: '2026-03-02' },
      { id: 'o1', prospectId: twice.prospects[0]!.id, kind: 'no', at: 2, day: '2026-03-02' },
    );
    await expect(restoreBackup(db, twice)).rejects.toThrow(/two outcomes have the id "o1"/);
    expect(await everything()).toEqual(before);
  });

  test('a touch still sending when the backup was made is restored as a settled touch', async () => {
    const backup = parseBackup(
      edited((b) => {
        b.touches[0]!.sending = { until: MONDAY + 10_000, newProspect: true };
      }),
    );
    await restoreBackup(db, backup);
    const [touch] = await db.touches.toArray();
    expect(touch).toEqual(good.touches[0]);
    expect(touch).not.toHaveProperty('sending');
    expect(await db.touches.where('sending.until').above(0).count()).toBe(0);
  });

  test('keys that would reach a prototype are dropped, other unknown fields kept', () => {
    const text = JSON.stringify(good).replace(
      '"name":"Jane"',
      '"name":"Jane","__proto__":{"polluted":true},"constructor":{"x":1},"laterField":7',
    );
    const jane = parseBackup(text).prospects.find((p) => p.name === 'Jane')!;
    expect(Object.getPrototypeOf(jane)).toBe(Object.prototype);
    expect(Object.hasOwn(jane, '__proto__')).toBe(false);
    expect(Object.hasOwn(jane, 'constructor')).toBe(false);
    expect((jane as unknown as { laterField: number }).laterField).toBe(7);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
