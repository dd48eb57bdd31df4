import type { DetectedSend } from '../model';
import { addDaysToDay, localDayOf } from '../cadence/days';
import { findProspectByEmail, touchesOf } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { WITHDRAW_WINDOW_MS, deleteWithdrawnSend, logManualTouch, recordSend } from './writes';

// Local wall-clock instants, so expected days hold in any time zone. 2026-03-02 is a Monday.
const local = (y: number, m: number, d: number, h = 10, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();
const MONDAY = local(2026, 3, 2);

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`edits-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const scheduledSend = (scheduledFor: number, sendKey = 'gmail:msg-a:r1'): DetectedSend => ({
  channel: 'email',
  at: MONDAY,
  sendKey,
  summary: 'Renewal terms',
  confirmed: true,
  scheduledFor,
  recipients: [
    { email: 'jane@acme.example', role: 'to' },
    { email: 'bo@beta.example', role: 'to' },
  ],
});

describe('a scheduled send in the store', () => {
  it('its touch is at the scheduled time, and nothing is due before it', async () => {
    const scheduledFor = local(2026, 3, 5, 8); // Thursday 08:00, three days after the click
    await recordSend(db, scheduledSend(scheduledFor), { now: MONDAY });
    const jane = (await findProspectByEmail(db, 'jane@acme.example'))!;
    const [touch] = await touchesOf(db, jane.id);
    expect(touch!.at).toBe(scheduledFor);
    expect(touch!.day).toBe(localDayOf(scheduledFor));
    // The next step counts from the scheduled day, never from the day it was scheduled.
    expect(jane.touchCount).toBe(1);
    expect(jane.nextDueDay! > localDayOf(scheduledFor)).toBe(true);
    expect(jane.nextDueDay! >= addDaysToDay(localDayOf(scheduledFor), 1)).toBe(true);
    expect(jane.lastTouchAt).toBe(scheduledFor);
  });
});

describe('deleteWithdrawnSend', () => {
  it("removes every prospect's touch of the send and recomputes them", async () => {
    const scheduledFor = local(2026, 3, 5, 8);
    await recordSend(db, scheduledSend(scheduledFor), { now: MONDAY });
    await recordSend(
      db,
      { ...scheduledSend(scheduledFor, 'gmail:msg-a:r2'), scheduledFor: undefined },
      {
        now: MONDAY,
      },
    );
    const result = await deleteWithdrawnSend(
      db,
      { channel: 'email', sendKey: 'gmail:msg-a:r1' },
      { now: MONDAY + 60_000 },
    );
    expect(result).toEqual({ removedTouches: 2 });
    const jane = (await findProspectByEmail(db, 'jane@acme.example'))!;
    const left = await touchesOf(db, jane.id);
    expect(left.map((t) => t.dedupeKey)).toEqual([`email:gmail:msg-a:r2:${jane.id}`]);
    expect(jane.touchCount).toBe(1);
    expect(jane.lastTouchAt).toBe(MONDAY);
  });

  it('a prospect whose only touch was withdrawn is due to start again, with no last touch', async () => {
    await recordSend(db, scheduledSend(local(2026, 3, 5, 8)), { now: MONDAY });
    await deleteWithdrawnSend(db, { channel: 'email', sendKey: 'gmail:msg-a:r1' }, { now: MONDAY });
    const bo = (await findProspectByEmail(db, 'bo@beta.example'))!;
    expect(await touchesOf(db, bo.id)).toEqual([]);
    expect(bo.touchCount).toBe(0);
    expect(bo.lastTouchAt).toBeUndefined();
  });

  it('an unknown send, a key that only starts the same, and hand-logged touches are left alone', async () => {
    await recordSend(db, scheduledSend(local(2026, 3, 5, 8), 'gmail:msg-a:r10'), { now: MONDAY });
    const jane = (await findProspectByEmail(db, 'jane@acme.example'))!;
    await logManualTouch(
      db,
      { prospectId: jane.id, channel: 'email', at: MONDAY, summary: 'Called' },
      { now: MONDAY },
    );
    const result = await deleteWithdrawnSend(
      db,
      { channel: 'email', sendKey: 'gmail:msg-a:r1' },
      { now: MONDAY },
    );
    expect(result).toEqual({ removedTouches: 0 });
    expect(await touchesOf(db, jane.id)).toHaveLength(2);
  });

  it('a send that went out more than two minutes ago stays: only a send not yet out can be withdrawn', async () => {
    await recordSend(
      db,
      { ...scheduledSend(local(2026, 3, 5, 8)), scheduledFor: undefined },
      { now: MONDAY },
    );
    const late = await deleteWithdrawnSend(
      db,
      { channel: 'email', sendKey: 'gmail:msg-a:r1' },
      { now: MONDAY + WITHDRAW_WINDOW_MS + 1 },
    );
    expect(late).toEqual({ removedTouches: 0 });
    const jane = (await findProspectByEmail(db, 'jane@acme.example'))!;
    expect(await touchesOf(db, jane.id)).toHaveLength(1);
  });

  it('refuses an empty send key', async () => {
    await expect(
      deleteWithdrawnSend(db, { channel: 'email', sendKey: '' }, { now: MONDAY }),
    ).rejects.toThrow(/send key/);
  });
});
