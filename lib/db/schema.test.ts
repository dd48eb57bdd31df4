import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { prospectRow } from '../../tests/helpers/prospect-row';
import type { Prospect } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { exportBackup } from './backup';
import { listDue, outcomesOf, prospectsInConversation, touchesOf } from './queries';
import { listSection } from './lists';
import {
  CURRENT_VERSION,
  createFifthTouchDb,
  V3_STORES,
  V4_STORES,
  type FifthTouchDb,
} from './schema';
import { countSending } from './sends';
import { addProspect, logOutcome, recordSend } from './writes';
import { V1_STORES, type OutcomeV1, type ProspectV1, type SettingsRowV1, type TouchV1 } from './v1';
import { V2_STORES } from './v2';

// Local wall-clock instants: the day each falls on is the same in every time zone the test runs in.
const local = (y: number, m: number, d: number, h = 12, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();

const opened: Dexie[] = [];
afterEach(async () => {
  const names = new Set(opened.map((db) => db.name));
  for (const db of opened.splice(0)) db.close();
  for (const name of names) await Dexie.delete(name);
});

function openV1(name: string): Dexie {
  // The database exactly as the first release declared it: version(1) and nothing else.
  const db = new Dexie(name);
  db.version(1).stores(V1_STORES);
  opened.push(db);
  return db;
}

function openCurrent(name: string): FifthTouchDb {
  const db = createFifthTouchDb(name);
  opened.push(db);
  return db;
}

/** The prospects store's indexes in the current version, sorted as IndexedDB lists them. */
const PROSPECT_INDEXES = [
  '[nextDueDay+waitingSince+nextStep]',
  'emails',
  'linkedinIds',
  'nextDueDay',
  'status',
];

function indexNames(db: Dexie, store: string): string[] {
  const idb = db.backendDB();
  return [...idb.transaction(store).objectStore(store).indexNames].sort();
}

describe('a fresh database', () => {
  it('opens at the current version with the current indexes and no rows', async () => {
    const db = openCurrent(`fresh-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(indexNames(db, 'prospects')).toEqual(PROSPECT_INDEXES);
    expect(indexNames(db, 'touches')).toEqual([
      '[channel+threadId]',
      '[prospectId+at]',
      'at',
      'dedupeKey',
      'sending.until',
    ]);
    expect(indexNames(db, 'outcomes')).toEqual(['[prospectId+at]']);
    expect(indexNames(db, 'unconfirmedSends')).toEqual(['receivedAt']);
    expect(await db.prospects.count()).toBe(0);
  });
});

describe('upgrading a version 1 database', () => {
  const jane: ProspectV1 = {
    id: 'p-jane',
    name: 'Jane Doe',
    company: 'Acme',
    emails: ['jane@acme.com'],
    linkedinIds: ['jane-doe', 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    status: 'active',
    tags: ['q3'],
    createdAt: local(2026, 3, 1, 9),
    // 23:30 local: an instant close to midnight must still land on its own local day.
    nextDueAt: local(2026, 3, 10, 23, 30),
  };
  const omar: ProspectV1 = {
    id: 'p-omar',
    name: 'Omar Haddad',
    company: 'Globex',
    emails: ['omar@globex.com'],
    linkedinIds: [],
    status: 'replied',
    tags: [],
    createdAt: local(2026, 3, 2),
  };
  const touches: TouchV1[] = [
    {
      id: 't1',
      prospectId: 'p-jane',
      channel: 'email',
      direction: 'out',
      at: local(2026, 3, 2, 0, 15),
      summary: 'Intro',
      source: 'detected',
      confirmed: true,
      dedupeKey: 'email:m1:p-jane',
      threadId: 'th1',
    },
    {
      id: 't2',
      prospectId: 'p-jane',
      channel: 'linkedin',
      direction: 'out',
      at: local(2026, 3, 3, 17),
      summary: 'Connect',
      source: 'detected',
      confirmed: false,
      dedupeKey: 'linkedin:c1:p-jane',
      angleId: 'insight',
    },
    {
      id: 't3',
      prospectId: 'p-jane',
      channel: 'call',
      direction: 'out',
      at: local(2026, 3, 3, 9),
      summary: 'Voicemail',
      source: 'manual',
      confirmed: true,
      dedupeKey: 'manual:x',
    },
    {
      id: 't4',
      prospectId: 'p-omar',
      channel: 'email',
      direction: 'out',
      at: local(2026, 3, 2, 11),
      summary: 'Hello',
      source: 'detected',
      confirmed: true,
      dedupeKey: 'email:m2:p-omar',
    },
    {
      id: 't5',
      prospectId: 'p-omar',
      channel: 'email',
      direction: 'in',
      at: local(2026, 3, 4, 8),
      summary: 'Re: Hello',
      source: 'detected',
      confirmed: true,
      dedupeKey: 'email:m3:p-omar',
    },
  ];
  const outcomes: OutcomeV1[] = [
    { id: 'o1', prospectId: 'p-jane', kind: 'no', at: local(2026, 3, 4), note: 'not this quarter' },
    {
      id: 'o2',
      prospectId: 'p-jane',
      kind: 'snooze',
      at: local(2026, 3, 5),
      until: local(2026, 3, 10, 0, 5),
    },
    { id: 'o3', prospectId: 'p-omar', kind: 'reply', at: local(2026, 3, 4, 8, 5) },
  ];
  const settings: SettingsRowV1 = {
    id: 'user',
    nosThreshold: 3,
    ownAddresses: ['me@myco.com'],
    ignoreList: ['noreply.example.com'],
  };

  async function buildV1(
    name: string,
    extraProspects: ProspectV1[] = [],
    extraTouches: TouchV1[] = [],
  ): Promise<void> {
    const v1 = openV1(name);
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.table('prospects').bulkAdd([jane, omar, ...extraProspects]);
    await v1.table('touches').bulkAdd([...touches, ...extraTouches]);
    await v1.table('outcomes').bulkAdd(outcomes);
    await v1.table('settings').add(settings);
    expect(indexNames(v1, 'prospects')).toContain('nextDueAt');
    expect(indexNames(v1, 'touches')).toContain('prospectId');
    v1.close();
  }

  it('keeps every record and turns due instants into local days', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    await buildV1(name);
    const db = openCurrent(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    expect(await db.prospects.count()).toBe(2);
    expect(await db.touches.count()).toBe(touches.length);
    expect(await db.outcomes.count()).toBe(outcomes.length);
    expect(await db.settings.count()).toBe(1);

    const upgradedJane = await db.prospects.get('p-jane');
    expect(upgradedJane).toEqual({
      id: 'p-jane',
      name: 'Jane Doe',
      company: 'Acme',
      emails: ['jane@acme.com'],
      linkedinIds: ['jane-doe', 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
      status: 'active',
      tags: ['q3'],
      createdAt: jane.createdAt,
      nextDueDay: '2026-03-10',
      nextChannels: [],
      // Three outbound touches on two days (the 3rd twice) count as two touch days.
      touchCount: 2,
      nextStep: 3,
      totalSteps: DEFAULT_SETTINGS.cadence.length,
      noCount: 1,
      reason: 'Due day carried over from the previous version.',
      lastTouchAt: local(2026, 3, 3, 17),
      // Version 5: the wait began at the last touch.
      waitingSince: local(2026, 3, 3, 17),
      lastAngleId: 'insight',
    });
    expect(upgradedJane).not.toHaveProperty('nextDueAt');

    const upgradedOmar = await db.prospects.get('p-omar');
    expect(upgradedOmar).toMatchObject({
      status: 'replied',
      touchCount: 1,
      noCount: 0,
      lastTouchAt: local(2026, 3, 2, 11),
    });
    expect(upgradedOmar).not.toHaveProperty('nextDueDay');

    const janeTouches = await touchesOf(db, 'p-jane');
    expect(janeTouches.map((t) => [t.id, t.day])).toEqual([
      ['t1', '2026-03-02'],
      ['t3', '2026-03-03'],
      ['t2', '2026-03-03'],
    ]);
    expect(janeTouches[0]).toMatchObject({
      summary: 'Intro',
      threadId: 'th1',
      dedupeKey: 'email:m1:p-jane',
    });
    expect((await touchesOf(db, 'p-omar')).map((t) => t.day)).toEqual(['2026-03-02', '2026-03-04']);

    expect(await outcomesOf(db, 'p-jane')).toEqual([
      {
        id: 'o1',
        prospectId: 'p-jane',
        kind: 'no',
        at: local(2026, 3, 4),
        day: '2026-03-04',
        note: 'not this quarter',
      },
      {
        id: 'o2',
        prospectId: 'p-jane',
        kind: 'snooze',
        at: local(2026, 3, 5),
        day: '2026-03-05',
        until: '2026-03-10',
      },
    ]);

    // Settings the first release stored survive; fields it never had get their defaults.
    const settingsRow = await db.settings.get('user');
    expect(settingsRow).toEqual({ ...DEFAULT_SETTINGS, ...settings });

    // The new indexes answer the queries they exist for.
    expect((await listDue(db, { through: '2026-03-10' })).map((p) => p.id)).toEqual(['p-jane']);
    expect(await listDue(db, { through: '2026-03-09' })).toEqual([]);
    expect(await db.touches.where('dedupeKey').equals('email:m2:p-omar').count()).toBe(1);
  });

  it('swaps the old indexes for the new ones', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    await buildV1(name);
    const db = openCurrent(name);
    await db.open();
    expect(indexNames(db, 'prospects')).toEqual(PROSPECT_INDEXES);
    expect(indexNames(db, 'touches')).toEqual([
      '[channel+threadId]',
      '[prospectId+at]',
      'at',
      'dedupeKey',
      'sending.until',
    ]);
    expect(indexNames(db, 'outcomes')).toEqual(['[prospectId+at]']);
  });

  it('upgrades many prospects with nothing lost, and a second open changes nothing', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const many: ProspectV1[] = Array.from({ length: 250 }, (_, i) => ({
      id: `p-${String(i).padStart(3, '0')}`,
      name: `Prospect ${i}`,
      company: '',
      emails: [`p${i}@corp${i % 7}.com`],
      linkedinIds: [],
      status: 'active',
      tags: [],
      createdAt: local(2026, 1, 1),
      ...(i % 3 === 0 ? {} : { nextDueAt: local(2026, 4, 1 + (i % 28), i % 24) }),
    }));
    await buildV1(name, many);

    const db = openCurrent(name);
    const upgraded = await db.prospects.toArray();
    expect(upgraded).toHaveLength(252);
    for (const original of many) {
      const row = upgraded.find((p) => p.id === original.id)!;
      expect(row.emails).toEqual(original.emails);
      if (original.nextDueAt === undefined) expect(row).not.toHaveProperty('nextDueDay');
      else
        expect(row.nextDueDay).toBe(
          `2026-04-${String(new Date(original.nextDueAt).getDate()).padStart(2, '0')}`,
        );
    }
    const dueCount = many.filter((p) => p.nextDueAt !== undefined).length + 1; // + Jane
    expect(await db.prospects.where('nextDueDay').aboveOrEqual('').count()).toBe(dueCount);
    db.close();

    const again = openCurrent(name);
    expect(await again.prospects.toArray()).toEqual(upgraded);
    expect(await again.touches.count()).toBe(touches.length);
  });

  it('keeps every row through versions 2 and 3, and finds a conversation’s prospect by its id', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const conversation = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
    const message: TouchV1 = {
      id: 't6',
      prospectId: 'p-omar',
      channel: 'linkedin',
      direction: 'out',
      at: local(2026, 3, 5, 10),
      summary: 'LinkedIn message',
      link: `https://www.linkedin.com/messaging/thread/${conversation}/`,
      threadId: conversation,
      source: 'detected',
      confirmed: true,
      dedupeKey: 'linkedin:message:m1:p-omar',
    };
    await buildV1(name, [], [message]);
    const db = openCurrent(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    expect((await db.prospects.toArray()).map((p) => p.id).sort()).toEqual(['p-jane', 'p-omar']);
    const upgradedTouches = await db.touches.toArray();
    expect(upgradedTouches.map((t) => t.id).sort()).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    for (const original of [...touches, message]) {
      const { day, ...rest } = upgradedTouches.find((t) => t.id === original.id)!;
      expect(rest).toEqual(original);
      expect(day).toMatch(/^2026-03-0\d$/);
    }
    expect((await db.outcomes.toArray()).map((o) => o.id).sort()).toEqual(['o1', 'o2', 'o3']);
    expect(await db.settings.count()).toBe(1);

    expect((await prospectsInConversation(db, conversation)).map((p) => p.id)).toEqual(['p-omar']);
    // Jane's v1 email touch carries a Gmail thread id: not a LinkedIn conversation.
    expect(await prospectsInConversation(db, 'th1')).toEqual([]);
  });

  it('a version 1 database with no settings row stays without one (defaults apply on read)', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const v1 = openV1(name);
    await v1.open();
    await v1.table('prospects').add(omar);
    v1.close();
    const db = openCurrent(name);
    expect(await db.settings.count()).toBe(0);
    expect(await db.prospects.get('p-omar')).toMatchObject({
      nextChannels: [],
      touchCount: 0,
      noCount: 0,
    });
  });
});

describe('opening a version 2 database (the second release) with data in it', () => {
  const conversation = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';

  it('keeps every row of every table as it was, its queries answer, and the conversation look-up works', async () => {
    // Rows of the shape the second release wrote, made by the current writes in a scratch store
    // (version 3 changed no row, only added an index).
    const now = local(2026, 3, 2, 10);
    const writer = openCurrent(`scratch-${crypto.randomUUID()}`);
    const { prospectId } = await addProspect(
      writer,
      { name: 'Jane Doe', company: 'Acme', emails: ['jane@acme.com'], tags: ['q3'] },
      { now },
    );
    await recordSend(
      writer,
      {
        channel: 'email',
        at: local(2026, 3, 2, 9),
        sendKey: 'gmail:msg-a:r1',
        summary: 'Intro',
        confirmed: true,
        threadId: 'thread-a:r1',
        recipients: [{ email: 'jane@acme.com' }, { email: 'omar@globex.com', name: 'Omar' }],
      },
      { now },
    );
    const { touches: sent } = await recordSend(
      writer,
      {
        channel: 'linkedin',
        at: local(2026, 3, 2, 9, 30),
        sendKey: 'linkedin:message:m1',
        summary: 'LinkedIn message',
        confirmed: true,
        threadId: conversation,
        link: `https://www.linkedin.com/messaging/thread/${conversation}/`,
        recipients: [
          { linkedinId: 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w', name: 'Rowan Chase' },
        ],
      },
      { now },
    );
    await logOutcome(writer, { prospectId, kind: 'no', at: now }, { now });
    await writer.settings.put({ ...DEFAULT_SETTINGS, nosThreshold: 4, id: 'user' });
    const before = await exportBackup(writer, { now: 0 });
    expect(before.touches).toHaveLength(3);
    expect(before.prospects).toHaveLength(3);

    // The second release's declaration exactly: versions 1 and 2, nothing later.
    const name = `v2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(V1_STORES);
    v2.version(2).stores(V2_STORES);
    opened.push(v2);
    await v2.open();
    expect(v2.verno).toBe(2);
    await v2.table('prospects').bulkAdd(before.prospects);
    await v2.table('touches').bulkAdd(before.touches);
    await v2.table('outcomes').bulkAdd(before.outcomes);
    await v2.table('settings').bulkAdd(before.settings);
    expect(indexNames(v2, 'touches')).not.toContain('[channel+threadId]');
    v2.close();

    const db = openCurrent(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await exportBackup(db, { now: 0 })).toEqual({
      ...before,
      schemaVersion: CURRENT_VERSION,
    });
    expect((await touchesOf(db, prospectId)).map((t) => t.summary)).toEqual(['Intro']);
    expect((await outcomesOf(db, prospectId)).map((o) => o.kind)).toEqual(['no']);
    expect((await db.settings.get('user'))?.nosThreshold).toBe(4);
    expect(await prospectsInConversation(db, conversation)).toEqual([
      before.prospects.find((p) => p.id === sent[0]!.prospectId),
    ]);
    expect((await prospectsInConversation(db, conversation))[0]?.name).toBe('Rowan Chase');
  });
});

describe('opening a version 3 database (the third release) with data in it', () => {
  it('keeps every row, and the store of sends in flight starts empty and works', async () => {
    // Rows of the shape the third release wrote (version 4 changed no row), made by the current
    // writes in a scratch store.
    const now = local(2026, 3, 2, 10);
    const writer = openCurrent(`scratch-${crypto.randomUUID()}`);
    const { prospectId } = await addProspect(
      writer,
      { name: 'Jane Doe', company: 'Acme', emails: ['jane@acme.com'] },
      { now },
    );
    await recordSend(
      writer,
      {
        channel: 'email',
        at: local(2026, 3, 2, 9),
        sendKey: 'gmail:msg-a:r1',
        summary: 'Intro',
        confirmed: true,
        threadId: 'thread-a:r1',
        recipients: [{ email: 'jane@acme.com' }],
      },
      { now },
    );
    await logOutcome(writer, { prospectId, kind: 'no', at: now }, { now });
    const before = await exportBackup(writer, { now: 0 });

    // The third release's declaration exactly: versions 1 to 3, nothing later.
    const name = `v3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(V1_STORES);
    v3.version(2).stores(V2_STORES);
    v3.version(3).stores(V3_STORES);
    opened.push(v3);
    await v3.open();
    await v3.table('prospects').bulkAdd(before.prospects);
    await v3.table('touches').bulkAdd(before.touches);
    await v3.table('outcomes').bulkAdd(before.outcomes);
    await v3.table('settings').bulkAdd(before.settings);
    expect(v3.tables.map((table) => table.name)).not.toContain('unconfirmedSends');
    v3.close();

    const db = openCurrent(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await exportBackup(db, { now: 0 })).toEqual({
      ...before,
      schemaVersion: CURRENT_VERSION,
    });
    expect(await countSending(db)).toBe(0);
    expect(await db.unconfirmedSends.count()).toBe(0);

    await recordSend(
      db,
      {
        channel: 'email',
        at: local(2026, 3, 3, 9),
        sendKey: 'gmail:msg-a:r2',
        summary: 'Follow-up',
        confirmed: true,
        sendingUntil: local(2026, 3, 3, 9) + 35_000,
        recipients: [{ email: 'jane@acme.com' }],
      },
      { now: local(2026, 3, 3, 9) },
    );
    await recordSend(
      db,
      {
        channel: 'email',
        at: local(2026, 3, 3, 9),
        sendKey: 'gmail:msg-a:r3',
        summary: 'Batch',
        confirmed: true,
        overLimit: 'rate',
        recipients: [{ email: 'omar@globex.com' }],
      },
      { now: local(2026, 3, 3, 9) },
    );
    expect(await countSending(db)).toBe(1);
    expect((await db.unconfirmedSends.toArray()).map((row) => row.id)).toEqual([
      'email:gmail:msg-a:r3',
    ]);
    expect((await touchesOf(db, prospectId)).map((t) => t.summary)).toEqual(['Intro', 'Follow-up']);
  });
});

describe('opening a version 4 database (the fourth release) with data in it', () => {
  it('gives every prospect its waitingSince, so the daily lists come in work order at once', async () => {
    const today = '2026-03-04';
    // Rows as the fourth release wrote them: no waitingSince.
    const row = (id: string, fields: Partial<Prospect>) =>
      prospectRow(id, { createdAt: local(2026, 2, 1), nextDueDay: today, ...fields });
    // The fourth release's declaration exactly.
    const name = `v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(V1_STORES);
    v4.version(2).stores(V2_STORES);
    v4.version(3).stores(V3_STORES);
    v4.version(4).stores(V4_STORES);
    opened.push(v4);
    await v4.open();
    await v4
      .table('prospects')
      .bulkAdd([
        row('recent', { lastTouchAt: local(2026, 3, 3) }),
        row('never', { createdAt: local(2026, 2, 20), touchCount: 0, nextStep: 1 }),
        row('longest', { lastTouchAt: local(2026, 2, 10) }),
        row('nothing-due', { nextDueDay: undefined, lastTouchAt: local(2026, 1, 5) }),
      ]);
    v4.close();

    const db = openCurrent(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const since = Object.fromEntries(
      (await db.prospects.toArray()).map((prospect) => [prospect.id, prospect.waitingSince]),
    );
    expect(since).toEqual({
      recent: local(2026, 3, 3),
      never: local(2026, 2, 20),
      longest: local(2026, 2, 10),
      'nothing-due': local(2026, 1, 5),
    });
    const ids = (await listSection(db, 'today', { today })).map((prospect) => prospect.id);
    expect(ids).toEqual(['longest', 'never', 'recent']);
  });
});
