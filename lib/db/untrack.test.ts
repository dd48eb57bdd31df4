// "Track … as a prospect" from a page: may an address be offered (whyNotTrackable), and the Undo
// that removes a prospect only while it is new with nothing logged (untrackProspect).
import { UNTRACK_WINDOW_MS, untrackProspect } from './edits';
import { touchesOf, whyNotTrackable } from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import {
  addProspect,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  saveSettings,
  StoreError,
} from './writes';

// A local wall-clock instant: 2026-03-02 is a Monday.
const MONDAY = new Date(2026, 2, 2, 10, 0).getTime();

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`untrack-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
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
