import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseLeadsCsv } from '../csv/leads';
import { exportBackup, parseBackup, restoreBackup } from './backup';
import { importBook, planImport } from './import';
import { getSettings, listDue } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { addProspect, logOutcome, recordSend, saveSettings } from './writes';

const MONDAY = new Date(2026, 2, 2, 10).getTime();
const clock = { now: MONDAY };
let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`import-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function everything(target: FifthTouchDb) {
  return {
    prospects: await target.prospects.orderBy('id').toArray(),
    touches: await target.touches.orderBy('id').toArray(),
    outcomes: await target.outcomes.orderBy('id').toArray(),
    settings: await target.settings.toArray(),
  };
}

describe('importing leads', () => {
  test('every valid row becomes a prospect due today, with progress reported', async () => {
    const lines = ['Name,Email,Company,Tags'];
    for (let i = 0; i < 120; i += 1)
      lines.push(`Lead ${i},lead${i}@acme${i}.com,Acme ${i},import;q3`);
    const parsed = parseLeadsCsv(lines.join('\n'));
    const plan = await planImport(db, parsed.leads);
    expect(plan.conflicts).toEqual([]);
    const progress: number[] = [];
    const { prospectIds } = await importBook(
      db,
      plan.ready.map(({ lead }) => lead),
      clock,
      (done) => progress.push(done),
    );
    expect(prospectIds).toHaveLength(120);
    expect(progress).toEqual([50, 100, 120]);
    expect(await db.prospects.count()).toBe(120);
    const due = await listDue(db, { through: '2026-03-02' });
    expect(due).toHaveLength(120);
    expect(due.find((p) => p.name === 'Lead 7')).toMatchObject({
      emails: ['lead7@acme7.com'],
      company: 'Acme 7',
      tags: ['import', 'q3'],
      nextStep: 1,
      totalSteps: 9,
    });
  });

  test('addresses held already, own addresses and repeats in the file are reported, not imported', async () => {
    await addProspect(db, { name: 'Jane', emails: ['jane@acme.com'] }, clock);
    await saveSettings(db, { ownDomains: ['myco.com'] }, clock);
    const parsed = parseLeadsCsv(
      'Name,Email\nJane again,JANE@acme.com\nMe,me@myco.com\nBob,bob@q.io\nBob twice,bob@q.io\n',
    );
    const plan = await planImport(db, parsed.leads);
    expect(plan.ready.map(({ line }) => line)).toEqual([4]);
    expect(plan.conflicts).toEqual([
      { line: 2, reason: 'jane@acme.com already belongs to Jane' },
      { line: 3, reason: 'me@myco.com is one of your own or ignored addresses' },
      { line: 5, reason: 'bob@q.io is also on line 4' },
    ]);
  });

  test('a failure halfway through rolls the whole import back', async () => {
    const parsed = parseLeadsCsv('Name,Email\nA,a@a.com\nB,b@b.com\nC,c@c.com\n');
    const plan = await planImport(db, parsed.leads);
    // Someone else took c@c.com between the plan and the import.
    await addProspect(db, { name: 'Cee', emails: ['c@c.com'] }, clock);
    const before = await everything(db);
    await expect(
      importBook(
        db,
        plan.ready.map(({ lead }) => lead),
        clock,
      ),
    ).rejects.toThrow('c@c.com already belongs to a prospect: nothing was imported');
    expect(await everything(db)).toEqual(before);
  });
});

describe('backup', () => {
  async function seed() {
    await saveSettings(db, { nosThreshold: 3, ownDomains: ['myco.com'] }, clock);
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
    const { prospectId } = await addProspect(db, { name: 'Bob', linkedinIds: ['bob-1'] }, clock);
    await logOutcome(db, { prospectId, kind: 'no' }, clock);
  }

  test('export then restore into an empty store gives an identical store', async () => {
    await seed();
    const backup = await exportBackup(db, clock);
    const text = JSON.stringify(backup);
    const other = createFifthTouchDb(`restore-${crypto.randomUUID()}`);
    try {
      await restoreBackup(other, parseBackup(text));
      expect(await everything(other)).toEqual(await everything(db));
      expect((await getSettings(other)).nosThreshold).toBe(3);
    } finally {
      other.close();
      await other.delete();
    }
  });

  test.each([
    ['not JSON', 'PK\u0003\u0004binary', 'it is not JSON'],
    ['another app’s JSON', '{"version":1,"items":[]}', 'This file is not a Fifth Touch backup.'],
    [
      'a newer schema',
      JSON.stringify({
        format: 'fifth-touch-backup',
        schemaVersion: 99,
        exportedAt: 0,
        prospects: [],
        touches: [],
        outcomes: [],
        settings: [],
      }),
      'made by a newer version',
    ],
    [
      'a wrong type',
      JSON.stringify({
        format: 'fifth-touch-backup',
        schemaVersion: 2,
        exportedAt: 0,
        prospects: [{ id: 'x', name: 5 }],
        touches: [],
        outcomes: [],
        settings: [],
      }),
      'prospect 1, name',
    ],
    [
      'an orphan touch',
      JSON.stringify({
        format: 'fifth-touch-backup',
        schemaVersion: 2,
        exportedAt: 0,
        prospects: [],
        outcomes: [],
        settings: [],
        touches: [
          {
            id: 't',
            prospectId: 'gone',
            channel: 'email',
            direction: 'out',
            at: 1,
            day: '2026-03-02',
            summary: '',
            source: 'manual',
            confirmed: true,
            dedupeKey: 'k',
          },
        ],
      }),
      'belongs to no prospect',
    ],
  ])(
    'a bad file (%s) is refused with a reason and changes nothing',
    async (_what, text, message) => {
      await seed();
      const before = await everything(db);
      expect(() => parseBackup(text)).toThrow(message);
      expect(await everything(db)).toEqual(before);
    },
  );
});
