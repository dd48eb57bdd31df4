import type { DetectedSend } from '../model';
import { addDaysToDay, localDayOf } from '../cadence/days';
import {
  UNTRACK_WINDOW_MS,
  WITHDRAW_WINDOW_MS,
  deleteWithdrawnSend,
  untrackProspect,
} from './edits';
import { findProspectByEmail, whyNotTrackable, touchesOf } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import {
  addProspect,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  recordSend,
  saveSettings,
  StoreError,
} from './writes';

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

describe('untrackProspect (the undo of "Track … as a prospect" in a page)', () => {
  const track = (now = MONDAY) =>
    addProspect(db, { name: 'Cora Hale', emails: ['cora.hale@example.org'] }, { now });

  it('removes a prospect just added with nothing logged, and the address is trackable again', async () => {
    const { prospectId } = await track();
    expect(await whyNotTrackable(db, 'cora.hale@example.org')).toBe('known');
    expect(await untrackProspect(db, prospectId, { now: MONDAY + 60_000 })).toEqual({
      removed: true,
    });
    expect(await db.prospects.count()).toBe(0);
    expect(await whyNotTrackable(db, 'Cora.Hale@example.org')).toBeNull();
  });

  it('a second undo removes nothing and says so', async () => {
    const { prospectId } = await track();
    await untrackProspect(db, prospectId, { now: MONDAY });
    expect(await untrackProspect(db, prospectId, { now: MONDAY })).toEqual({ removed: false });
  });

  it('never removes a history: with a touch or an outcome logged it refuses and keeps everything', async () => {
    const { prospectId } = await track();
    await logManualTouch(
      db,
      { prospectId, channel: 'call', at: MONDAY, summary: 'Called' },
      { now: MONDAY },
    );
    await expect(untrackProspect(db, prospectId, { now: MONDAY })).rejects.toThrow(
      /has touches or outcomes logged now/,
    );
    expect(await db.prospects.count()).toBe(1);
    expect(await touchesOf(db, prospectId)).toHaveLength(1);

    const other = await addProspect(db, { emails: ['sam@acme.example'] }, { now: MONDAY });
    await logOutcome(db, { prospectId: other.prospectId, kind: 'no' }, { now: MONDAY });
    await expect(untrackProspect(db, other.prospectId, { now: MONDAY })).rejects.toThrow(
      StoreError,
    );
    expect(await db.prospects.count()).toBe(2);
  });

  it('refuses a prospect added more than ten minutes ago (an import, an older track)', async () => {
    const { prospectId } = await track();
    await expect(
      untrackProspect(db, prospectId, { now: MONDAY + UNTRACK_WINDOW_MS + 1 }),
    ).rejects.toThrow(/more than 10 minutes ago/);
    expect(await db.prospects.count()).toBe(1);
  });
});

describe('whyNotTrackable', () => {
  it('says own, ignored, known or invalid, and nothing for someone new', async () => {
    await saveSettings(
      db,
      {
        ownAddresses: ['rep@myco.example'],
        ownDomains: ['myco.example'],
        ignoreList: ['@vendor.example', 'bob@acme.example'],
      },
      { now: MONDAY },
    );
    await addProspect(db, { emails: ['jane@acme.example'] }, { now: MONDAY });
    const ignored = await addProspect(db, { emails: ['sam@acme.example'] }, { now: MONDAY });
    await markNotAProspect(db, ignored.prospectId, { now: MONDAY });
    const expected = {
      'rep@myco.example': 'own',
      'riley@myco.example': 'own',
      'anyone@vendor.example': 'ignored',
      'bob@acme.example': 'ignored',
      'JANE@acme.example': 'known',
      // Marked not a prospect: ignored, and still in the store.
      'sam@acme.example': 'ignored',
      'not an address': 'invalid',
      'cora.hale@example.org': null,
    };
    for (const [email, why] of Object.entries(expected)) {
      expect(await whyNotTrackable(db, email), email).toBe(why);
    }
  });
});
