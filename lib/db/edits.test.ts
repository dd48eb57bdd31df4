// Who a prospect is, edited: the contact fields a cadence step needs (phone for calls, Twitter/X).
import { updateProspect } from './edits';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { addProspect } from './writes';

// A local wall-clock instant, so days hold in any time zone. 2026-03-02 is a Monday.
const MONDAY = new Date(2026, 2, 2, 10, 0).getTime();

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`edits-${crypto.randomUUID()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('phone, title and Twitter/X on a prospect', () => {
  test('are saved as typed (the handle without @ or link), and an empty field removes one', async () => {
    const { prospectId } = await addProspect(db, { emails: ['ana@acme.example'] }, { now: MONDAY });
    const saved = await updateProspect(
      db,
      prospectId,
      {
        phone: ' +1 (555) 010-2030 ',
        title: 'VP Sales',
        twitter: 'https://x.com/ana_acme/status/1',
      },
      { now: MONDAY },
    );
    expect(saved).toMatchObject({
      phone: '+1 (555) 010-2030',
      title: 'VP Sales',
      twitter: 'ana_acme',
    });
    const cleared = await updateProspect(
      db,
      prospectId,
      { phone: '', twitter: '' },
      { now: MONDAY },
    );
    expect(cleared.phone).toBeUndefined();
    expect(cleared.twitter).toBeUndefined();
    expect(cleared.title).toBe('VP Sales');
  });

  test('a phone or handle that is none is refused in words, and nothing changes', async () => {
    const { prospectId } = await addProspect(db, { emails: ['bo@acme.example'] }, { now: MONDAY });
    await expect(
      updateProspect(db, prospectId, { phone: 'call me' }, { now: MONDAY }),
    ).rejects.toThrow(/not a phone number/);
    await expect(
      updateProspect(db, prospectId, { twitter: 'https://example.com/bo' }, { now: MONDAY }),
    ).rejects.toThrow(/not a Twitter\/X handle/);
    const stored = await db.prospects.get(prospectId);
    expect(stored?.phone).toBeUndefined();
    expect(stored?.twitter).toBeUndefined();
  });
});
