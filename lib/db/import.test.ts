import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseLeadsCsv } from '../csv/leads';
import { exportBackup, parseBackup, restoreBackup } from './backup';
import { importBook, planImport, spreadStarts } from './import';
import { getSettings, listDue } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { addProspect, logOutcome, recomputeProspect, recordSend, saveSettings } from './writes';

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
  test('every valid row becomes a prospect, with progress reported; with room for all they start today', async () => {
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
      { perDay: 200 },
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
      {
        line: 2,
        reason: 'jane@acme.com already belongs to Jane',
        cells: ['Jane again', 'JANE@acme.com'],
      },
      {
        line: 3,
        reason: 'me@myco.com is one of your own or ignored addresses',
        cells: ['Me', 'me@myco.com'],
      },
      { line: 5, reason: 'bob@q.io is also on line 4', cells: ['Bob twice', 'bob@q.io'] },
    ]);
  });

  test("a lead keeps only its own phone, title and handle, never another lead's", async () => {
    const parsed = parseLeadsCsv(
      [
        'Name,Email,Phone,Title,Twitter',
        'Ann,ann@acme.com,+1 555 0100,CTO,@ann_k',
        'Bob,bob@acme.com,,,',
        'Cy,cy@acme.com,+1 555 0199,,',
      ].join('\n'),
    );
    // All three start today, so they share one plan.
    await importBook(
      db,
      parsed.leads.map(({ lead }) => lead),
      clock,
    );
    const byName = new Map((await db.prospects.toArray()).map((p) => [p.name, p]));
    expect(byName.get('Ann')).toMatchObject({
      phone: '+1 555 0100',
      title: 'CTO',
      twitter: 'ann_k',
    });
    expect(byName.get('Bob')).not.toHaveProperty('phone');
    expect(byName.get('Bob')).not.toHaveProperty('title');
    expect(byName.get('Bob')).not.toHaveProperty('twitter');
    expect(byName.get('Cy')).toMatchObject({ phone: '+1 555 0199' });
    expect(byName.get('Cy')).not.toHaveProperty('title');
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

describe('where imported leads start', () => {
  test('the spread rule: due today or earlier, longest waiting first, N a business day, weekends skipped', () => {
    // Saturday 7 March 2026: the first start is Monday the 9th.
    const starts = spreadStarts(
      ['2026-03-07', '2026-02-01', '2026-03-20', '2026-03-07', '2026-03-06'],
      { today: '2026-03-07', perDay: 2 },
    );
    expect(starts).toEqual(['2026-03-10', '2026-03-09', null, '2026-03-10', '2026-03-09']);
  });

  test('leads with nothing to resume from start at most N a business day, never all at once', async () => {
    const lines = ['Name,Email'];
    for (let i = 0; i < 23; i += 1) lines.push(`Lead ${i},lead${i}@acme.com`);
    const parsed = parseLeadsCsv(lines.join('\n'));
    // MONDAY is Monday 2 March 2026.
    const result = await importBook(
      db,
      parsed.leads.map(({ lead }) => lead),
      clock,
      undefined,
      { perDay: 10 },
    );
    expect(result.spread).toEqual({
      count: 23,
      perDay: 10,
      first: '2026-03-02',
      last: '2026-03-04',
    });
    const byDay = new Map<string, string[]>();
    for (const p of await db.prospects.toArray()) {
      byDay.set(p.nextDueDay!, [...(byDay.get(p.nextDueDay!) ?? []), p.name]);
    }
    expect([...byDay.keys()].sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(byDay.get('2026-03-02')).toHaveLength(10);
    expect(byDay.get('2026-03-03')).toHaveLength(10);
    // File order: the first ten lines start first.
    expect(byDay.get('2026-03-04')!.sort()).toEqual(['Lead 20', 'Lead 21', 'Lead 22']);
    expect((await listDue(db, { through: '2026-03-02' })).length).toBe(10);
    const later = (await db.prospects.toArray()).find((p) => p.name === 'Lead 22')!;
    expect(later.reason).toMatch(/spread new leads over business days, so it starts on 2026-03-04/);
  });

  test('a spread start holds across a recompute, and ends with the first real touch', async () => {
    const parsed = parseLeadsCsv('Name,Email\nA,a@a.com\nB,b@b.com\nC,c@c.com\n');
    await importBook(
      db,
      parsed.leads.map(({ lead }) => lead),
      clock,
      undefined,
      { perDay: 1 },
    );
    const c = (await db.prospects.toArray()).find((p) => p.name === 'C')!;
    expect(c).toMatchObject({ startsOn: '2026-03-04', nextDueDay: '2026-03-04' });
    await saveSettings(db, { nurtureEveryDays: 31 }, clock);
    await recomputeProspect(db, c.id, '2026-03-02');
    expect((await db.prospects.get(c.id))!.nextDueDay).toBe('2026-03-04');
    await recordSend(
      db,
      {
        channel: 'email',
        at: MONDAY + 60_000,
        sendKey: 'early',
        summary: 'Hi',
        confirmed: true,
        recipients: [{ email: 'c@c.com' }],
      },
      { now: MONDAY + 60_000 },
    );
    // Touched on Monday: the cadence runs from that touch (step 2 is a day later), not from the spread day.
    expect((await db.prospects.get(c.id))!.nextDueDay).toBe('2026-03-03');
  });

  test('the cadence resumes from the last-contacted day; past-due ones join the spread', async () => {
    const parsed = parseLeadsCsv(
      [
        'First Name,Last Name,Email,Phone Number,Job Title,Twitter Username,Last Contacted',
        'Renée,Durand,renee@acme.fr,+33 1 23 45 67 89,CTO,@renee_d,2026-03-01',
        'Old,Lead,old@acme.com,,,,2026-01-05',
        'New,Lead,new@acme.com,,,,',
      ].join('\n'),
      { today: '2026-03-02' },
    );
    expect(parsed.invalid).toEqual([]);
    const result = await importBook(
      db,
      parsed.leads.map(({ lead }) => lead),
      clock,
      undefined,
      { perDay: 1 },
    );
    expect(result.resumed).toBe(2);
    const byName = new Map((await db.prospects.toArray()).map((p) => [p.name, p]));
    // Step 2 of the default cadence is a day after Sunday's contact: due Monday. Old (due
    // since January) waited longest, so it takes Monday's one place; Renée then New follow.
    expect(byName.get('Old Lead')).toMatchObject({
      touchCount: 1,
      startsOn: '2026-03-02',
      nextDueDay: '2026-03-02',
    });
    expect(byName.get('Renée Durand')).toMatchObject({
      phone: '+33 1 23 45 67 89',
      title: 'CTO',
      twitter: 'renee_d',
      touchCount: 1,
      nextStep: 2,
      nextDueDay: '2026-03-03',
    });
    expect(byName.get('New Lead')).toMatchObject({ touchCount: 0, nextDueDay: '2026-03-04' });
    const touches = await db.touches.toArray();
    expect(touches.map((t) => [t.day, t.source, t.direction]).sort()).toEqual([
      ['2026-01-05', 'import', 'out'],
      ['2026-03-01', 'import', 'out'],
    ]);
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
