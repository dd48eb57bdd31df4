import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Outcome, Prospect, Touch } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { prospectRow } from '../../tests/helpers/prospect-row';
import {
  countDue,
  countOverdue,
  countWaiting,
  findProspect,
  findProspectByEmail,
  findProspectByLinkedInId,
  getSettings,
  listByStatus,
  listDue,
  listUpcoming,
  lookUpProspects,
  outcomesOf,
  prospectsInConversation,
  summarize,
  touchesOf,
} from './queries';
import { createFifthTouchDb, type FifthTouchDb, type SettingsRow } from './schema';
import { withWaitingSince } from './work-order';

const MEMBER = 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const PROSPECTS = 300;

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`queries-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** A deterministic scramble so rows are not stored in the order queries must return them. */
const scramble = (i: number) => (i * 7919) % PROSPECTS;

function prospect(i: number, fields: Partial<Prospect> = {}): Prospect {
  const base = prospectRow(`p-${String(scramble(i)).padStart(3, '0')}`, {
    name: `Prospect ${i}`,
    company: 'Corp',
    emails: [`person${i}@corp${i % 11}.com`],
    linkedinIds: [`person-${i}`],
    reason: 'Test row.',
  });
  // Every fourth prospect has nothing due; the rest spread over March 2026.
  if (i % 4 !== 0) base.nextDueDay = `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
  return { ...base, ...fields };
}

async function seed(): Promise<Prospect[]> {
  const prospects = Array.from({ length: PROSPECTS }, (_, i) => prospect(i));
  prospects[5]!.emails.push('jane.doe@acme.com');
  prospects[5]!.linkedinIds.push(MEMBER);
  await db.prospects.bulkAdd(prospects);

  const touches: Touch[] = [];
  for (let i = 0; i < PROSPECTS; i++) {
    for (let k = 0; k < 5; k++) {
      // Later touches are added first: order must come from the index, not insertion.
      const at = Date.UTC(2026, 2, 1) + (4 - k) * 86_400_000 + i;
      touches.push({
        id: `t-${i}-${k}`,
        prospectId: prospects[i]!.id,
        channel: 'email',
        direction: 'out',
        at,
        day: new Date(at).toISOString().slice(0, 10),
        summary: `Touch ${k}`,
        source: 'detected',
        confirmed: true,
        dedupeKey: `email:${i}-${k}:${prospects[i]!.id}`,
      });
    }
  }
  await db.touches.bulkAdd(touches);

  const outcomes: Outcome[] = prospects.slice(0, 50).flatMap((p, i) => [
    { id: `o-${i}-b`, prospectId: p.id, kind: 'no', at: 2_000 + i, day: '2026-03-02' },
    { id: `o-${i}-a`, prospectId: p.id, kind: 'reply', at: 1_000 + i, day: '2026-03-01' },
  ]);
  await db.outcomes.bulkAdd(outcomes);
  return prospects;
}

interface ReadLog {
  /** Calls that walk an object store rather than an index. */
  storeScans: () => number;
  /** The index each index-level read went through. */
  indexesUsed: () => string[];
  /** Rows IndexedDB handed back from index getAll calls (to show nothing beyond the answer is read). */
  rowsReadThroughIndexes: () => number;
}

const SCAN_METHODS = ['openCursor', 'openKeyCursor', 'getAll', 'getAllKeys', 'count'] as const;
const INDEX_METHODS = [
  'openCursor',
  'openKeyCursor',
  'getAll',
  'getAllKeys',
  'count',
  'get',
] as const;

/** Spies on fake-indexeddb's own IDBObjectStore and IDBIndex, below Dexie. */
function recordReads(): ReadLog {
  const storeSpies = SCAN_METHODS.map((method) => vi.spyOn(IDBObjectStore.prototype, method));
  const indexSpies: MockInstance[] = INDEX_METHODS.map((method) =>
    vi.spyOn(IDBIndex.prototype, method),
  );
  const getAllSpy = indexSpies[INDEX_METHODS.indexOf('getAll')]!;
  return {
    storeScans: () => storeSpies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    indexesUsed: () =>
      indexSpies.flatMap((spy) => spy.mock.contexts.map((index) => (index as IDBIndex).name)),
    rowsReadThroughIndexes: () =>
      getAllSpy.mock.results.reduce(
        (sum, result) => sum + ((result.value as IDBRequest<unknown[]>).result?.length ?? 0),
        0,
      ),
  };
}

describe('queries read through indexes, never whole stores', () => {
  it('the read recorder sees a whole-store walk when there is one', async () => {
    await seed();
    const reads = recordReads();
    expect(await db.prospects.filter((p) => p.name === 'Prospect 9').count()).toBe(1);
    expect(await db.touches.toArray()).toHaveLength(PROSPECTS * 5);
    expect(reads.storeScans()).toBeGreaterThanOrEqual(2);
  });

  it('listDue: everything due on or before a day, in due-day order, by one range read', async () => {
    const prospects = await seed();
    const expected = prospects
      .filter((p) => p.nextDueDay !== undefined && p.nextDueDay <= '2026-03-05')
      .sort((a, b) => a.nextDueDay!.localeCompare(b.nextDueDay!) || a.id.localeCompare(b.id));
    expect(expected.length).toBeGreaterThan(20);

    const reads = recordReads();
    const due = await listDue(db, { through: '2026-03-05' });

    expect(due.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['nextDueDay']));
    expect(reads.rowsReadThroughIndexes()).toBe(expected.length);
  });

  it('listDue honours the limit, keeping the most overdue', async () => {
    const prospects = await seed();
    const reads = recordReads();
    const due = await listDue(db, { through: '2026-03-31', limit: 10 });
    const earliest = prospects
      .filter((p) => p.nextDueDay)
      .sort((a, b) => a.nextDueDay!.localeCompare(b.nextDueDay!) || a.id.localeCompare(b.id))
      .slice(0, 10);
    expect(due.map((p) => p.id)).toEqual(earliest.map((p) => p.id));
    expect(reads.storeScans()).toBe(0);
    expect(reads.rowsReadThroughIndexes()).toBe(10);
  });

  it('listUpcoming: after one day through another, exclusive then inclusive', async () => {
    const prospects = await seed();
    const reads = recordReads();
    const upcoming = await listUpcoming(db, { after: '2026-03-10', through: '2026-03-12' });
    const expected = prospects.filter(
      (p) => p.nextDueDay && p.nextDueDay > '2026-03-10' && p.nextDueDay <= '2026-03-12',
    );
    expect(upcoming.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(new Set(upcoming.map((p) => p.nextDueDay))).toEqual(
      new Set(['2026-03-11', '2026-03-12']),
    );
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['nextDueDay']));
    expect(await listUpcoming(db, { after: '2026-03-12', through: '2026-03-12' })).toEqual([]);
  });

  it('countDue and countOverdue count through the index', async () => {
    const prospects = await seed();
    const reads = recordReads();
    const dueByToday = prospects.filter((p) => p.nextDueDay && p.nextDueDay <= '2026-03-07').length;
    const overdue = prospects.filter((p) => p.nextDueDay && p.nextDueDay < '2026-03-07').length;
    expect(await countDue(db, '2026-03-07')).toBe(dueByToday);
    expect(await countOverdue(db, '2026-03-07')).toBe(overdue);
    expect(dueByToday - overdue).toBeGreaterThan(0);
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['nextDueDay']));
  });

  it('countWaiting: due by today and overdue, each due entry counted once, through the index', async () => {
    const prospects = await seed();
    const days = prospects.flatMap((p) => (p.nextDueDay ? [p.nextDueDay] : []));
    for (const today of ['2026-02-28', '2026-03-01', '2026-03-07', '2026-03-28', '2026-04-01']) {
      vi.restoreAllMocks();
      const reads = recordReads();
      const waiting = await countWaiting(db, today);
      const ranges = vi
        .mocked(IDBIndex.prototype.count)
        .mock.calls.map(([range]) => range as IDBKeyRange);

      expect(waiting).toEqual({
        due: days.filter((day) => day <= today).length,
        overdue: days.filter((day) => day < today).length,
      });
      expect(reads.storeScans()).toBe(0);
      expect(new Set(reads.indexesUsed())).toEqual(new Set(['nextDueDay']));
      // Two disjoint ranges: every due day falls in exactly one, and no later day in either.
      expect(ranges).toHaveLength(2);
      for (const day of new Set(days)) {
        expect(ranges.filter((range) => range.includes(day))).toHaveLength(day <= today ? 1 : 0);
      }
      expect(waiting).toEqual({
        due: await countDue(db, today),
        overdue: await countOverdue(db, today),
      });
    }
  });

  it('listByStatus reads the status index', async () => {
    await db.prospects.bulkAdd([
      prospect(1, { id: 'a', status: 'replied' }),
      prospect(2, { id: 'b', status: 'active' }),
      prospect(3, { id: 'c', status: 'replied' }),
    ]);
    const reads = recordReads();
    expect((await listByStatus(db, 'replied')).map((p) => p.id)).toEqual(['a', 'c']);
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['status']));
  });

  it('a prospect with nothing due is in no due query', async () => {
    await db.prospects.add(prospect(0, { id: 'idle' }));
    expect(await db.prospects.get('idle')).not.toHaveProperty('nextDueDay');
    expect(await listDue(db, { through: '9999-12-31' })).toEqual([]);
    expect(await countDue(db, '9999-12-31')).toBe(0);
  });

  it('findProspectByEmail: any form of the address, through the emails index', async () => {
    const prospects = await seed();
    const reads = recordReads();
    expect((await findProspectByEmail(db, 'Jane Doe <JANE.DOE@Acme.com>'))?.id).toBe(
      prospects[5]!.id,
    );
    expect((await findProspectByEmail(db, 'person77@corp0.com'))?.id).toBe(prospects[77]!.id);
    expect(await findProspectByEmail(db, 'nobody@acme.com')).toBeUndefined();
    expect(await findProspectByEmail(db, 'not an address')).toBeUndefined();
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['emails']));
  });

  it('findProspectByLinkedInId: vanity, member id, URL or URN, through the linkedinIds index', async () => {
    const prospects = await seed();
    const reads = recordReads();
    expect(
      (await findProspectByLinkedInId(db, 'https://de.linkedin.com/in/Person-9/de/'))?.id,
    ).toBe(prospects[9]!.id);
    expect((await findProspectByLinkedInId(db, `urn:li:fsd_profile:${MEMBER}`))?.id).toBe(
      prospects[5]!.id,
    );
    expect(await findProspectByLinkedInId(db, MEMBER.toLowerCase())).toBeUndefined();
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['linkedinIds']));
  });

  it('findProspect tries emails, then LinkedIn ids', async () => {
    const prospects = await seed();
    const reads = recordReads();
    expect(
      (await findProspect(db, { emails: ['unknown@x.com'], linkedinIds: ['person-12'] }))?.id,
    ).toBe(prospects[12]!.id);
    expect(
      (await findProspect(db, { emails: ['person3@corp3.com'], linkedinIds: ['person-12'] }))?.id,
    ).toBe(prospects[3]!.id);
    expect(await findProspect(db, { emails: [], linkedinIds: [] })).toBeUndefined();
    expect(reads.storeScans()).toBe(0);
  });

  it('lookUpProspects returns each matching prospect once, as a summary', async () => {
    const prospects = await seed();
    const reads = recordReads();
    const found = await lookUpProspects(db, {
      emails: ['jane.doe@acme.com', 'PERSON5@corp5.com', 'person8@corp8.com', 'garbage'],
      linkedinIds: [MEMBER, 'https://www.linkedin.com/in/person-8/'],
    });
    expect(found.map((s) => s.id).sort()).toEqual([prospects[5]!.id, prospects[8]!.id].sort());
    expect(found.find((s) => s.id === prospects[5]!.id)).toEqual(summarize(prospects[5]!));
    expect(reads.storeScans()).toBe(0);
  });

  it("touchesOf: one prospect's touches in time order, through [prospectId+at]", async () => {
    const prospects = await seed();
    const reads = recordReads();
    const touches = await touchesOf(db, prospects[42]!.id);
    expect(touches.map((t) => t.summary)).toEqual([
      'Touch 4',
      'Touch 3',
      'Touch 2',
      'Touch 1',
      'Touch 0',
    ]);
    expect(touches.every((t) => t.prospectId === prospects[42]!.id)).toBe(true);
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['[prospectId+at]']));
    expect(reads.rowsReadThroughIndexes()).toBe(5);
    expect(await touchesOf(db, 'no-such-prospect')).toEqual([]);
  });

  it('outcomesOf: in time order, through [prospectId+at]', async () => {
    const prospects = await seed();
    const reads = recordReads();
    const outcomes = await outcomesOf(db, prospects[7]!.id);
    expect(outcomes.map((o) => o.kind)).toEqual(['reply', 'no']);
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['[prospectId+at]']));
    expect(reads.rowsReadThroughIndexes()).toBe(2);
  });
});

describe('prospectsInConversation', () => {
  const GROUP = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
  const OTHER = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';

  function linkedInTouch(id: string, prospectId: string, threadId: string, at: number): Touch {
    return {
      id,
      prospectId,
      channel: 'linkedin',
      direction: 'out',
      at,
      day: '2026-03-02',
      summary: 'LinkedIn message',
      source: 'detected',
      confirmed: true,
      dedupeKey: `linkedin:${id}:${prospectId}`,
      threadId,
      link: `https://www.linkedin.com/messaging/thread/${threadId}/`,
    };
  }

  it('finds everyone a conversation was sent to, once each, through [channel+threadId]', async () => {
    const prospects = await seed();
    const [rowan, jane, omar] = [prospects[20]!, prospects[21]!, prospects[22]!];
    await db.touches.bulkAdd([
      // A group conversation: Jane first, then Rowan, then Jane again.
      linkedInTouch('g3', jane.id, GROUP, 3_000),
      linkedInTouch('g1', jane.id, GROUP, 1_000),
      linkedInTouch('g2', rowan.id, GROUP, 2_000),
      linkedInTouch('o1', omar.id, OTHER, 1_500),
      // A Gmail thread that happens to carry the same string is not this conversation.
      { ...linkedInTouch('e1', omar.id, GROUP, 500), channel: 'email', dedupeKey: 'email:e1' },
    ]);

    const reads = recordReads();
    expect((await prospectsInConversation(db, GROUP)).map((p) => p.id)).toEqual([
      jane.id,
      rowan.id,
    ]);
    expect(await prospectsInConversation(db, ` ${OTHER} `)).toEqual([withWaitingSince(omar)]);
    expect(await prospectsInConversation(db, '2-bm90IGEgY29udmVyc2F0aW9uXzEwMA==')).toEqual([]);
    expect(await prospectsInConversation(db, '')).toEqual([]);
    expect(reads.storeScans()).toBe(0);
    expect(new Set(reads.indexesUsed())).toEqual(new Set(['[channel+threadId]']));
    // Only the conversation's own touches came back from the index (3, then 1, then none).
    expect(reads.rowsReadThroughIndexes()).toBe(4);
  });

  it('leaves out a prospect deleted since the touch', async () => {
    await db.touches.add(linkedInTouch('t', 'p-gone', GROUP, 1));
    expect(await prospectsInConversation(db, GROUP)).toEqual([]);
  });
});

describe('getSettings', () => {
  it('gives the defaults on a new install', async () => {
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('merges a stored row over the defaults, without the row id', async () => {
    // A row written by an older release lacks the fields added since.
    const olderRow = { id: 'user', nosThreshold: 3, trackCc: true } as unknown as SettingsRow;
    await db.settings.put(olderRow);
    const settings = await getSettings(db);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, nosThreshold: 3, trackCc: true });
    expect(settings).not.toHaveProperty('id');
  });

  it('hands out a copy: changing it does not change the defaults', async () => {
    const settings = await getSettings(db);
    settings.cadence.push({ day: 99, channels: ['email'] });
    expect(DEFAULT_SETTINGS.cadence).toHaveLength(9);
  });
});

describe('summarize', () => {
  it('copies what overlays show and leaves absent fields absent', () => {
    const row = prospect(4, {
      lastTouchAt: 123,
      lastAngleId: 'insight',
      undeliverable: ['x@y.com'],
    });
    const summary = summarize(row);
    expect(summary).toEqual({
      id: row.id,
      name: 'Prospect 4',
      company: 'Corp',
      status: 'active',
      emails: row.emails,
      linkedinIds: row.linkedinIds,
      nextChannels: ['email'],
      nextStep: 2,
      totalSteps: 9,
      touchCount: 1,
      noCount: 0,
      reason: 'Test row.',
      lastTouchAt: 123,
      lastAngleId: 'insight',
    });
    expect(summary).not.toHaveProperty('nextDueDay');
    expect(summarize(prospect(5))).not.toHaveProperty('lastAngleId');
  });
});
