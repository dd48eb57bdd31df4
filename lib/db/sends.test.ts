import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DetectedSend } from '../model';
import { exportBackup, restoreBackup } from './backup';
import { countDue, listDue } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import {
  countSending,
  countUnconfirmedSends,
  firstSendingUntil,
  listUnconfirmedSends,
  sendingTouches,
  sendRefOf,
} from './sends';
import {
  addProspect,
  deleteWithdrawnSend,
  discardUnconfirmedSends,
  keepUnconfirmedSend,
  logOutcome,
  recordSend,
  releaseSend,
  settleSend,
  StoreError,
  UNCONFIRMED_SENDS_MAX,
} from './writes';

// Local wall-clock instants, so expected days hold in any time zone. 2026-03-02 is a Monday.
const local = (y: number, m: number, d: number, h = 10, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();
const MONDAY = local(2026, 3, 2);
const clock = { now: MONDAY };
const UNDO_ENDS = MONDAY + 35_000;

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`sends-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function emailSend(fields: Partial<DetectedSend> = {}): DetectedSend {
  return {
    channel: 'email',
    at: MONDAY,
    sendKey: 'gmail:msg-a:r1',
    summary: 'Renewal numbers',
    confirmed: true,
    recipients: [{ email: 'jane.doe@acme.com', name: 'Jane Doe', role: 'to' }],
    ...fields,
  };
}

const held = (fields: Partial<DetectedSend> = {}) =>
  emailSend({ sendingUntil: UNDO_ENDS, ...fields });
const ref = { channel: 'email', sendKey: 'gmail:msg-a:r1' } as const;

describe('a send in its undo window', () => {
  it('is a touch still sending, which the cadence counts already: the prospect is no longer due', async () => {
    const { prospectId } = await addProspect(
      db,
      { name: 'Jane Doe', emails: ['jane.doe@acme.com'] },
      clock,
    );
    expect(await countDue(db, '2026-03-02')).toBe(1);

    const result = await recordSend(db, held(), clock);

    const [touch] = await sendingTouches(db);
    expect(touch).toMatchObject({
      id: result.touches[0]!.touchId,
      prospectId,
      sending: { until: UNDO_ENDS },
    });
    // The prospect existed before the send: an Undo must not remove them.
    expect(touch!.sending?.newProspect).toBeUndefined();
    expect(await countDue(db, '2026-03-02')).toBe(0);
    expect((await db.prospects.get(prospectId))!.touchCount).toBe(1);
    expect(await countSending(db)).toBe(1);
    expect(await firstSendingUntil(db)).toBe(UNDO_ENDS);
  });

  it('is settled by the same send without sendingUntil, and a late repeat of the hold changes nothing', async () => {
    const { touches } = await recordSend(db, held(), clock);
    const settled = await recordSend(db, emailSend(), clock);
    expect(settled.touches).toEqual([{ ...touches[0], duplicate: true }]);
    const touch = await db.touches.get(touches[0]!.touchId);
    expect(touch).not.toHaveProperty('sending');
    expect(touch!.confirmed).toBe(true);

    await recordSend(db, held(), clock);
    expect(await db.touches.get(touches[0]!.touchId)).not.toHaveProperty('sending');
    expect(await countSending(db)).toBe(0);
    expect(await firstSendingUntil(db)).toBeUndefined();
    expect(await db.touches.count()).toBe(1);
  });

  it('settleSend settles every touch of the send (one per recipient), and only those', async () => {
    await recordSend(
      db,
      held({
        recipients: [
          { email: 'jane.doe@acme.com', role: 'to' },
          { email: 'omar@globex.com', role: 'to' },
        ],
      }),
      clock,
    );
    await recordSend(
      db,
      held({ sendKey: 'gmail:msg-a:r2', recipients: [{ email: 'li@initech.com' }] }),
      clock,
    );
    expect(await settleSend(db, ref)).toEqual({ settled: 2 });
    expect((await sendingTouches(db)).map((t) => t.dedupeKey)).toEqual([
      expect.stringMatching(/^email:gmail:msg-a:r2:/),
    ]);
    expect(await settleSend(db, ref)).toEqual({ settled: 0 });
  });

  it('released (undone), its touch goes and the prospect the send created goes with it', async () => {
    await recordSend(db, held(), clock);
    expect(await db.prospects.count()).toBe(1);

    expect(await releaseSend(db, ref, clock)).toEqual({ removedTouches: 1, removedProspects: 1 });
    expect(await db.touches.count()).toBe(0);
    expect(await db.prospects.count()).toBe(0);
    expect(await releaseSend(db, ref, clock)).toEqual({ removedTouches: 0, removedProspects: 0 });
  });

  it('released, a prospect that was there before is kept and due again as before', async () => {
    const { prospectId } = await addProspect(db, { emails: ['jane.doe@acme.com'] }, clock);
    const before = await db.prospects.get(prospectId);
    await recordSend(db, held(), clock);
    await releaseSend(db, ref, clock);
    expect(await db.prospects.get(prospectId)).toEqual(before);
    expect((await listDue(db, { through: '2026-03-02' })).map((p) => p.id)).toEqual([prospectId]);
  });

  it('released, a prospect the send created but who has something else by now is kept', async () => {
    const { touches } = await recordSend(db, held(), clock);
    const prospectId = touches[0]!.prospectId;
    await logOutcome(db, { prospectId, kind: 'reply', at: MONDAY + 1_000 }, clock);
    await releaseSend(db, ref, clock);
    expect(await db.touches.count()).toBe(0);
    expect((await db.prospects.get(prospectId))!.status).toBe('replied');
  });

  it('a release never removes a touch that was settled', async () => {
    await recordSend(db, held(), clock);
    await recordSend(db, emailSend(), clock);
    expect(await releaseSend(db, ref, clock)).toEqual({ removedTouches: 0, removedProspects: 0 });
    expect(await db.touches.count()).toBe(1);
  });

  it('a backup made meanwhile restores it as a touch that stands (no page holds it any more)', async () => {
    await recordSend(db, held(), clock);
    const backup = await exportBackup(db, { now: MONDAY });
    const other = createFifthTouchDb(`sends-${crypto.randomUUID()}`);
    try {
      await restoreBackup(other, backup);
      const [touch] = await other.touches.toArray();
      expect(touch).toMatchObject({ dedupeKey: backup.touches[0]!.dedupeKey, confirmed: true });
      expect(touch).not.toHaveProperty('sending');
      expect(await countSending(other)).toBe(0);
    } finally {
      await other.delete();
    }
  });

  it('the send a touch came from is read back from its dedupe key', () => {
    expect(
      sendRefOf({ channel: 'email', prospectId: 'p-1', dedupeKey: 'email:gmail:msg-a:r1:p-1' }),
    ).toEqual(ref);
    expect(sendRefOf({ channel: 'call', prospectId: 'p-1', dedupeKey: 'manual:x' })).toBeNull();
    expect(sendRefOf({ channel: 'email', prospectId: 'p-1', dedupeKey: 'email::p-1' })).toBeNull();
  });
});

describe('a send past a rate limit', () => {
  const over = (fields: Partial<DetectedSend> = {}) => emailSend({ overLimit: 'rate', ...fields });

  it('is kept for the rep, not a touch: no prospect is created and no cadence moves', async () => {
    const result = await recordSend(db, over(), clock);
    expect(result).toEqual({
      touches: [],
      skipped: 0,
      unconfirmed: { id: 'email:gmail:msg-a:r1', status: 'held' },
    });
    expect(await db.prospects.count()).toBe(0);
    expect(await db.touches.count()).toBe(0);
    expect(await listUnconfirmedSends(db)).toEqual([
      { id: 'email:gmail:msg-a:r1', send: emailSend(), reason: 'rate', receivedAt: MONDAY },
    ]);
  });

  it('is kept once however often it comes, and not at all when it is a touch already', async () => {
    await recordSend(db, over(), clock);
    expect((await recordSend(db, over({ overLimit: 'page-cap' }), clock)).unconfirmed).toEqual({
      id: 'email:gmail:msg-a:r1',
      status: 'known',
    });
    await recordSend(db, emailSend({ sendKey: 'gmail:msg-a:r2' }), clock);
    expect(
      (await recordSend(db, over({ sendKey: 'gmail:msg-a:r2' }), clock)).unconfirmed?.status,
    ).toBe('known');
    expect(await countUnconfirmedSends(db)).toBe(1);
  });

  it('Keep makes it the touch it would have been, once', async () => {
    await recordSend(db, over(), clock);
    const kept = await keepUnconfirmedSend(db, 'email:gmail:msg-a:r1', clock);
    expect(kept.touches).toHaveLength(1);
    expect(await db.touches.get(kept.touches[0]!.touchId)).toMatchObject({
      confirmed: true,
      summary: 'Renewal numbers',
      dedupeKey: `email:gmail:msg-a:r1:${kept.touches[0]!.prospectId}`,
    });
    expect(await countUnconfirmedSends(db)).toBe(0);
    await expect(keepUnconfirmedSend(db, 'email:gmail:msg-a:r1', clock)).rejects.toThrow(
      StoreError,
    );
    expect(await db.touches.count()).toBe(1);
  });

  it('Discard forgets it and nothing else', async () => {
    await recordSend(db, over(), clock);
    await recordSend(db, over({ sendKey: 'gmail:msg-a:r2' }), clock);
    expect(await discardUnconfirmedSends(db, ['email:gmail:msg-a:r1', 'nope'])).toEqual({
      discarded: 1,
    });
    expect((await listUnconfirmedSends(db)).map((row) => row.id)).toEqual(['email:gmail:msg-a:r2']);
    expect(await db.prospects.count()).toBe(0);
  });

  it('the same send recorded by a trusted path, or withdrawn, leaves the unconfirmed list', async () => {
    await recordSend(db, over(), clock);
    await recordSend(db, over({ sendKey: 'gmail:msg-a:r2' }), clock);
    await recordSend(db, held(), clock);
    await deleteWithdrawnSend(db, { channel: 'email', sendKey: 'gmail:msg-a:r2' }, clock);
    expect(await countUnconfirmedSends(db)).toBe(0);
  });

  it('a send with no unconfirmed copy leaves that list alone: no context is told it changed', async () => {
    await db.open(); // Creating the store tells of every table.
    const changed: string[] = [];
    const listener = (parts: Record<string, unknown>) => changed.push(...Object.keys(parts));
    Dexie.on('storagemutated', listener);
    try {
      await recordSend(db, emailSend(), clock);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listener);
    }
    const ours = changed.filter((part) => part.startsWith(`idb://${db.name}/`));
    expect(ours.some((part) => part.startsWith(`idb://${db.name}/touches/`))).toBe(true);
    expect(ours.filter((part) => part.includes('/unconfirmedSends/'))).toEqual([]);
  });

  it(`past ${UNCONFIRMED_SENDS_MAX} waiting, one more is refused (and the caller counts it)`, async () => {
    await db.unconfirmedSends.bulkAdd(
      Array.from({ length: UNCONFIRMED_SENDS_MAX }, (_, index) => ({
        id: `email:gmail:msg-a:r${100 + index}`,
        send: emailSend({ sendKey: `gmail:msg-a:r${100 + index}` }),
        reason: 'rate' as const,
        receivedAt: MONDAY,
      })),
    );
    expect((await recordSend(db, over(), clock)).unconfirmed?.status).toBe('full');
    expect(await countUnconfirmedSends(db)).toBe(UNCONFIRMED_SENDS_MAX);
  });
});
